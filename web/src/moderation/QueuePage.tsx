import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiProblem } from '../api';
import { FormMessages, useSubmission } from '../forms';
import { AreaGate } from '../pages/AreaGate';
import { Key, ShortcutHelp, useShortcuts } from '../shortcuts';
import { BulkActions } from './BulkActions';
import { useNextCase } from './nextCase';
import type { QueueEntry, QueuePage as QueuePageAnswer } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { when } from './format';

type SortKey = 'priority' | 'reportCount' | 'openedAt';

const PAGE_SIZE = 50;
const NO_FILTERS = {
  status: 'open',
  holder: 'anyone',
  reportedFrom: '',
  reportedTo: '',
  country: '',
  language: '',
  level: '',
  policyId: '',
};
const n = (value: number) => value.toLocaleString('en');

/** Who holds a claimed case and until when, so reviewers do not open a case someone else is working. */
const holderOf = (entry: QueueEntry) =>
  entry.status === 'closed'
    ? 'closed'
    : entry.claimedBy && entry.leaseExpiresAt
      ? `held by ${entry.claimedByName ?? 'another reviewer'} until ${when(entry.leaseExpiresAt)}`
      : 'waiting';

/** "1–50 of 1,234", or "of more than 10,000" past what the server counts exactly. */
const range = (offset: number, shown: number, total: QueuePageAnswer['total']) =>
  shown === 0
    ? 'No cases match.'
    : `${n(offset + 1)}–${n(offset + shown)} of ${total.exact ? n(total.count) : `more than ${n(total.count)}`}`;

/** The review queue: most urgent first, each case with the factors of its priority; filters, pages, and bulk actions. */
export function QueuePage() {
  const [filters, setFilters] = useState(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortKey>('priority');
  const [page, setPage] = useState<QueuePageAnswer | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [policies, setPolicies] = useState<PolicyVersion[]>([]);
  const claiming = useSubmission();
  const claimNext = useNextCase(claiming, { level: filters.level });
  useShortcuts([{ key: 'n', label: 'Claim the next case and open it', run: () => void claimNext() }]);
  useEffect(() => {
    api<{ policies: PolicyVersion[] }>('GET', '/api/policies').then(
      (r) => setPolicies(r.policies),
      () => setPolicies([]),
    );
  }, []);

  const filter = (change: Partial<typeof NO_FILTERS>) => {
    setFilters((current) => ({ ...current, ...change }));
    setOffset(0);
  };

  // Filters change with every keystroke: only the answer to the latest request may replace the list, and a
  // country is sent only once it is a full three-letter code.
  const latestRequest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    const query = new URLSearchParams(
      Object.entries({ ...filters, limit: String(PAGE_SIZE), offset: String(offset) }).filter(
        ([key, value]) => value !== '' && (key !== 'country' || value.length === 3),
      ),
    ).toString();
    try {
      const answer = await api<QueuePageAnswer>('GET', `/api/queue?${query}`);
      if (request !== latestRequest.current) return;
      setPage(answer);
      setSelected((chosen) => chosen.filter((id) => answer.cases.some((c) => c.id === id)));
      setError(null);
    } catch (problem) {
      if (request !== latestRequest.current) return;
      setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.');
    }
  }, [filters, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  const cases = page?.cases ?? null;
  const sorted = cases
    ? [...cases].sort((a, b) => (sort === 'openedAt' ? a.openedAt.localeCompare(b.openedAt) : b[sort] - a[sort]))
    : null;
  const allChosen = !!cases && cases.length > 0 && cases.every((c) => selected.includes(c.id));
  const toggle = (id: string) =>
    setSelected((chosen) => (chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]));

  return (
    <AreaGate area="queue">
      <section>
        <div className="page-head">
          <h1>Queue</h1>
          <div className="actions">
            <Link to="/console/queue/appeals">Appeals</Link>
            <ShortcutHelp />
            <button type="button" onClick={() => void claimNext()} disabled={claiming.busy} aria-keyshortcuts="n">
              Claim next case <Key name="n" />
            </button>
          </div>
        </div>
        <FormMessages submission={claiming} />
        <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
          <label>
            Status
            <select value={filters.status} onChange={(e) => filter({ status: e.target.value })}>
              <option value="open">Open</option>
              <option value="claimed">Claimed</option>
              <option value="closed">Closed</option>
            </select>
          </label>
          <label>
            Held by
            <select
              value={filters.holder}
              disabled={filters.status === 'closed'}
              onChange={(e) => filter({ holder: e.target.value })}
            >
              <option value="anyone">Anyone or no one</option>
              <option value="me">Me</option>
              <option value="unclaimed">No one (waiting)</option>
              {page?.holders.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reported from
            <input
              type="date"
              value={filters.reportedFrom}
              onChange={(e) => filter({ reportedFrom: e.target.value })}
            />
          </label>
          <label>
            Reported to
            <input type="date" value={filters.reportedTo} onChange={(e) => filter({ reportedTo: e.target.value })} />
          </label>
          <label>
            Country
            <input
              value={filters.country}
              placeholder="e.g. KEN"
              maxLength={3}
              onChange={(e) => filter({ country: e.target.value.toUpperCase() })}
            />
          </label>
          <label>
            Language
            <input
              value={filters.language}
              placeholder="e.g. en"
              onChange={(e) => filter({ language: e.target.value })}
            />
          </label>
          <label>
            Policy
            <select value={filters.policyId} onChange={(e) => filter({ policyId: e.target.value })}>
              <option value="">Any</option>
              {policies.map((policy) => (
                <option key={policy.policyId} value={policy.policyId}>
                  {policy.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Level
            <select value={filters.level} onChange={(e) => filter({ level: e.target.value })}>
              <option value="">All I work</option>
              <option value="frontline">Frontline</option>
              <option value="senior">Senior</option>
              <option value="policy">Policy</option>
            </select>
          </label>
          <label>
            Sort this page by
            <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="priority">Priority</option>
              <option value="reportCount">Reports</option>
              <option value="openedAt">Waiting longest</option>
            </select>
          </label>
        </form>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <BulkActions
          selected={selected}
          policies={policies}
          onDone={() => {
            setSelected([]);
            void load();
          }}
        />
        {!sorted || !page ? (
          <p className="loading">Loading…</p>
        ) : sorted.length === 0 ? (
          <p className="empty">
            {filters.status === 'open' && filters.holder === 'anyone' && offset === 0
              ? 'No cases waiting. Reports pushed by platforms are grouped into cases and appear here, highest risk first.'
              : 'No cases match these filters.'}
          </p>
        ) : (
          <table aria-label="Cases">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">Subject</th>
                <th scope="col">Why</th>
                <th scope="col">Reports</th>
                <th scope="col">Place</th>
                <th scope="col">Level</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all cases on this page"
                    checked={allChosen}
                    onChange={() => setSelected(allChosen ? [] : sorted.map((c) => c.id))}
                  />
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((entry) => (
                <tr key={entry.id}>
                  <td className="num">{entry.priority.toFixed(2)}</td>
                  <td>
                    <Link to={`/console/queue/cases/${entry.id}`}>{entry.subject.title}</Link>
                    <div className="muted">{entry.policiesAlleged.join(', ')}</div>
                  </td>
                  <td>
                    <ul className="chips">
                      {entry.priorityFactors.map((f) => (
                        <li key={f.factor} title={f.detail}>
                          {f.factor} ×{f.value}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{entry.reportCount}</td>
                  <td>
                    {entry.country ?? '—'} · {entry.language ?? '—'}
                  </td>
                  <td>{entry.level}</td>
                  <td>{holderOf(entry)}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${entry.subject.title}`}
                      checked={selected.includes(entry.id)}
                      onChange={() => toggle(entry.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page && (
          <nav className="actions" aria-label="Pages">
            <p aria-live="polite" data-testid="queue-range">
              {range(offset, page.cases.length, page.total)}
            </p>
            <button
              type="button"
              className="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="secondary"
              disabled={offset + page.cases.length >= Math.min(page.total.count, page.depth)}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next page
            </button>
            {offset + PAGE_SIZE >= page.depth && page.total.count > page.depth && (
              <p className="muted">
                Open cases page through the {n(page.depth)} most urgent: narrow the filters to reach the others.
              </p>
            )}
          </nav>
        )}
      </section>
    </AreaGate>
  );
}
