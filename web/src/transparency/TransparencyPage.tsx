import { useState } from 'react';
import { api } from '../api';
import { day, LoadState, problemText, useLoad } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { MisuseSection } from './MisuseSection';
import { SubmissionsSection } from './SubmissionsSection';
import { TrustedFlaggersSection } from './TrustedFlaggersSection';
import type { PublicLogCheck, PublicLogDocument } from '../../../src/transparency/public-log/contract';
import type { SorAnswer } from '../../../src/transparency/dsa/contract';

const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

/** The transparency desk: the public log's signing and self-check, and the DSA statement-of-reasons export. */
export function TransparencyPage() {
  return (
    <AreaGate area="transparency">
      <section>
        <h1>Transparency</h1>
        <p className="muted">
          What the public sees: <a href="/decisions">board decisions</a>,{' '}
          <a href="/recommendations">the recommendation tracker</a>, <a href="/designations">designations</a>,{' '}
          <a href="/statistics">statistics</a> and <a href="/log">the public log</a>. Out-of-court dispute settlement:{' '}
          <a href="/console/disputes">the register of certified bodies and the disputes on decisions</a>.
        </p>
        <PublicLogSection />
        <StatementsSection />
        <SubmissionsSection />
        <TrustedFlaggersSection />
        <MisuseSection />
      </section>
    </AreaGate>
  );
}

function PublicLogSection() {
  const log = useLoad<PublicLogDocument>('/public/log?after=0&limit=1');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [check, setCheck] = useState<PublicLogCheck | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (problem) {
      setMessage(problemText(problem));
    } finally {
      setBusy(false);
    }
  };
  const sign = () =>
    act(async () => {
      const { checkpoint } = await api<{ checkpoint: { seq: number } | null }>('POST', '/api/transparency/checkpoints');
      setMessage(
        checkpoint ? `Signed a checkpoint at entry ${checkpoint.seq}.` : 'The newest entry is already signed.',
      );
      log.reload();
    });
  const verify = () =>
    act(async () => setCheck(await api<PublicLogCheck>('GET', '/api/transparency/public-log/check')));

  if (log.state !== 'ready') return <LoadState load={log} />;
  const last = log.value.checkpoints[log.value.checkpoints.length - 1];
  const unsigned = log.value.head.seq - (last?.seq ?? 0);
  return (
    <section aria-labelledby="public-log">
      <h2 id="public-log">Public log</h2>
      <dl className="facts">
        <dt>Entries</dt>
        <dd>{log.value.head.seq.toLocaleString('en')}</dd>
        <dt>Signing key</dt>
        <dd>{log.value.key ? <code>Ed25519 {log.value.key.keyId}</code> : 'none'}</dd>
        <dt>Last checkpoint</dt>
        <dd>{last ? `entry ${last.seq}, ${day(last.at)}` : 'none yet'}</dd>
        <dt>Not yet signed</dt>
        <dd>{unsigned === 0 ? 'nothing' : `${unsigned} entries`}</dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={sign} disabled={busy}>
          Sign a checkpoint now
        </button>
        <button type="button" className="secondary" onClick={verify} disabled={busy}>
          Check the public log
        </button>
      </div>
      {message && (
        <p role="status" className="status">
          {message}
        </p>
      )}
      {check &&
        (check.ok ? (
          <p role="status" className="status">
            The log verifies: {check.entries} entries, {check.checkpoints} checkpoints signed through entry{' '}
            {check.signedThrough}, and the board's public pages show what it published.
          </p>
        ) : (
          <p role="alert" className="alert">
            Mismatch at entry {check.finding?.seq}
            {check.finding?.entry ? ` (${check.finding.entry.type} ${check.finding.entry.stream})` : ''}:{' '}
            {check.finding?.message}
          </p>
        ))}
    </section>
  );
}

function StatementsSection() {
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  const [preview, setPreview] = useState<SorAnswer['statements'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  const load = async () => {
    setError(null);
    try {
      setPreview((await api<SorAnswer>('GET', `/api/transparency/sor?${query}`)).statements);
    } catch (problem) {
      setPreview(null);
      setError(problemText(problem));
    }
  };

  return (
    <section aria-labelledby="statements">
      <h2 id="statements">Statements of reasons (EU DSA Transparency Database)</h2>
      <p className="muted">
        The decisions applied in a period, in the database's API format: its field names and enumerations, EEA scope
        only.
      </p>
      <form
        aria-label="Statements of reasons"
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <button type="submit">Preview</button>
        <a className="button secondary" href={`/api/transparency/sor?${query}&format=csv`} download>
          Download CSV
        </a>
        <a className="button secondary" href={`/api/transparency/sor?${query}&format=json`} download>
          Download JSON
        </a>
      </form>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {preview &&
        (preview.length === 0 ? (
          <p className="empty">No statement of reasons in this period.</p>
        ) : (
          <>
            <p>
              {preview.length.toLocaleString('en')} statements{preview.length > 10 ? '; the first 10:' : ':'}
            </p>
            <table aria-label="Statements preview">
              <thead>
                <tr>
                  <th>PUID</th>
                  <th>Applied</th>
                  <th>Ground</th>
                  <th>Category</th>
                  <th>Content</th>
                  <th>Automated decision</th>
                </tr>
              </thead>
              <tbody>
                {preview.slice(0, 10).map((s) => (
                  <tr key={s.puid}>
                    <td>
                      <code>{s.puid.slice(0, 13)}</code>
                    </td>
                    <td>{s.application_date}</td>
                    <td>{s.decision_ground.replace('DECISION_GROUND_', '').toLowerCase()}</td>
                    <td>{s.category.replace('STATEMENT_CATEGORY_', '').toLowerCase().replace(/_/g, ' ')}</td>
                    <td>{s.content_type.map((t) => t.replace('CONTENT_TYPE_', '').toLowerCase()).join(', ')}</td>
                    <td>{s.automated_decision.replace('AUTOMATED_DECISION_', '').toLowerCase()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
    </section>
  );
}
