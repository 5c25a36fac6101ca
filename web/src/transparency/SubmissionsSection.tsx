import { useState } from 'react';
import { api } from '../api';
import { day, LoadState, problemText, useLoad } from '../load';
import type { SubmissionState, SubmissionsAnswer } from '../../../src/transparency/dsa/submission-contract';

type Submission = SubmissionsAnswer['submissions'][number];

const STATES: { value: SubmissionState | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'sending', label: 'Sending' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'refused', label: 'Refused by the database' },
  { value: 'held', label: 'Held (would be refused)' },
  { value: 'not_required', label: 'Not for the database' },
];
const STATE_WORDS: Record<SubmissionState, string> = {
  pending: 'pending',
  sending: 'sending',
  submitted: 'submitted',
  refused: 'refused',
  held: 'held',
  not_required: 'not required',
};

/** Each statement's way to the EU DSA Transparency Database, and the submitter's own state. */
export function SubmissionsSection() {
  const [state, setState] = useState<SubmissionState | ''>('');
  const path = `/api/transparency/sor/submissions?limit=25${state ? `&state=${state}` : ''}`;
  const first = useLoad<SubmissionsAnswer>(path);
  const [more, setMore] = useState<{ path: string; rows: Submission[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (first.state !== 'ready') return <LoadState load={first} />;
  const { submitter } = first.value;
  const extra = more?.path === path ? more : null;
  const rows = [...first.value.submissions, ...(extra?.rows ?? [])];
  const cursor = extra ? extra.cursor : first.value.nextCursor;

  const loadMore = async () => {
    if (!cursor) return;
    setError(null);
    try {
      const next = await api<SubmissionsAnswer>('GET', `${path}&cursor=${encodeURIComponent(cursor)}`);
      setMore({ path, rows: [...(extra?.rows ?? []), ...next.submissions], cursor: next.nextCursor });
    } catch (problem) {
      setError(problemText(problem));
    }
  };

  return (
    <section aria-labelledby="submissions">
      <h2 id="submissions">Submission to the DSA Transparency Database</h2>
      {!submitter.enabled && (
        <p className="muted">
          Submission is off: set DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN. Statements wait here as pending.
        </p>
      )}
      {submitter.stopped && (
        <p role="alert" className="alert">
          Submission stopped {day(submitter.stopped.at)}: {submitter.stopped.reason}
        </p>
      )}
      {submitter.pausedUntil && new Date(submitter.pausedUntil) > new Date() && (
        <p className="muted">
          Waiting until {new Date(submitter.pausedUntil).toISOString().slice(11, 19)} UTC: {submitter.lastError}
        </p>
      )}
      <form aria-label="Submissions" className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          State{' '}
          <select value={state} onChange={(e) => setState(e.target.value as SubmissionState | '')}>
            {STATES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {rows.length === 0 ? (
        <p className="empty">No statement in this state.</p>
      ) : (
        <table aria-label="Submissions">
          <thead>
            <tr>
              <th>PUID</th>
              <th>Decided</th>
              <th>State</th>
              <th>Tries</th>
              <th>In the database</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.puid}>
                <td>
                  <code>{row.puid.slice(0, 13)}</code>
                </td>
                <td>{day(row.decidedAt)}</td>
                <td>{STATE_WORDS[row.state]}</td>
                <td>{row.attempts}</td>
                <td>
                  {row.permalink ? (
                    <a href={row.permalink} rel="noreferrer" target="_blank">
                      {row.uuid?.slice(0, 8) ?? 'statement'}
                    </a>
                  ) : row.state === 'submitted' ? (
                    'already there'
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {row.problems
                    ? Object.entries(row.problems).map(([field, messages]) => (
                        <div key={field}>
                          <code>{field}</code>: {messages.join(' ')}
                        </div>
                      ))
                    : row.state === 'pending' || row.state === 'sending'
                      ? row.lastError
                      : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {cursor && (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          More
        </button>
      )}
    </section>
  );
}
