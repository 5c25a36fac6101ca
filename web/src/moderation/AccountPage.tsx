import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiProblem } from '../api';
import { countryOf } from '../names';
import { AreaGate } from '../pages/AreaGate';
import type { AccountHistory } from '../../../src/moderation/contract';
import { OUTCOME_LABELS, when } from './format';

export const accountPath = (platform: string, accountRef: string) =>
  `/console/accounts/${encodeURIComponent(platform)}/${encodeURIComponent(accountRef)}`;

/** A link to the account behind a subject (the account itself, or the content's author), when it is known. */
export function AccountLink({
  subject,
}: {
  subject: { kind: string; externalId: string; authorExternalId: string | null; platform?: string };
}) {
  const ref = subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
  if (!ref || !subject.platform) return null;
  return (
    <p>
      <Link to={accountPath(subject.platform, ref)}>Account history of {ref}</Link>
    </p>
  );
}

const words = (value: string) => value.replace(/_/g, ' ');
const More = ({ list }: { list: { more: boolean } }) =>
  list.more ? <p className="muted">Showing the newest 100; older entries are not listed here.</p> : null;

/** An account's whole record with the platform: content, reports, decisions, strikes, restrictions and appeals. */
export function AccountPage() {
  const { platform = '', ref = '' } = useParams();
  const [history, setHistory] = useState<AccountHistory | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setHistory(null);
    setError(null);
    api<AccountHistory>('GET', `/api/accounts/history?${new URLSearchParams({ platform, accountRef: ref })}`).then(
      setHistory,
      (problem: unknown) =>
        setError(problem instanceof ApiProblem ? problem.message : 'The server could not be reached.'),
    );
  }, [platform, ref]);

  const subjectName = (id: string) => {
    const s =
      history?.subjects.items.find((x) => x.id === id) ?? (history?.account?.id === id ? history.account : undefined);
    return s ? (s.title ?? s.excerpt?.slice(0, 60) ?? s.externalId) : 'a subject';
  };

  return (
    <AreaGate area="queue">
      <section>
        <p>
          <Link to="/console/search">← Search</Link>
        </p>
        <h1>Account {ref}</h1>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        {!history && !error && <p className="loading">Loading…</p>}
        {history && (
          <>
            <p className="muted">
              On {history.platform}
              {history.account
                ? ` · ${history.account.title ?? history.account.externalId} · ${history.account.followers.toLocaleString('en')} followers · ${countryOf(history.account.country)}`
                : ' · the platform has not sent the account itself, only content by it'}
              {history.account?.publicFigure ? ` · platform says: ${words(history.account.publicFigure)}` : ''}
            </p>

            <h2>Content ({history.subjects.items.length})</h2>
            {history.subjects.items.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul aria-label="Content" className="plain">
                {history.subjects.items.map((s) => (
                  <li key={s.id}>
                    <strong>{s.title ?? s.excerpt ?? s.externalId}</strong>{' '}
                    <span className="muted">
                      {s.contentType ?? s.kind} · {s.externalId} ·{' '}
                      {s.postedAt ? `posted ${when(s.postedAt)}` : `received ${when(s.registeredAt)}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <More list={history.subjects} />

            <h2>Reports ({history.reports.items.length})</h2>
            {history.reports.items.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <table aria-label="Reports">
                <thead>
                  <tr>
                    <th scope="col">Received</th>
                    <th scope="col">On</th>
                    <th scope="col">Source</th>
                    <th scope="col">Alleged</th>
                    <th scope="col">Case</th>
                  </tr>
                </thead>
                <tbody>
                  {history.reports.items.map((r) => (
                    <tr key={r.id}>
                      <td>{when(r.receivedAt)}</td>
                      <td>{subjectName(r.subjectId)}</td>
                      <td>{words(r.source)}</td>
                      <td>
                        {r.policyId}
                        {r.sectionId ? `/${r.sectionId}` : ''}
                      </td>
                      <td>
                        <Link to={`/console/queue/cases/${r.caseId}`}>Open case</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <More list={history.reports} />

            <h2>Decisions ({history.decisions.items.length})</h2>
            {history.decisions.items.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul aria-label="Decisions" className="plain">
                {history.decisions.items.map((d) => (
                  <li key={d.id}>
                    <Link to={`/console/queue/cases/${d.caseId}`}>{OUTCOME_LABELS[d.outcome] ?? d.outcome}</Link> under{' '}
                    {d.policyId}/{d.sectionId} v{d.policyVersion}
                    {d.accountAction
                      ? `, ${words(d.accountAction.kind)}${d.accountAction.days ? ` for ${d.accountAction.days} days` : ''}`
                      : ''}{' '}
                    — by {d.decidedBy ?? 'automation'}, {when(d.decidedAt)}
                    {d.status === 'reversed' ? ' (reversed)' : ''}
                  </li>
                ))}
              </ul>
            )}
            <More list={history.decisions} />

            <h2>Strikes</h2>
            {history.strikes.items.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul aria-label="Strikes" className="plain">
                {history.strikes.items.map((s) => (
                  <li key={s.id}>
                    {s.policyId}, issued {when(s.issuedAt)} —{' '}
                    {s.reversedAt
                      ? `reversed ${when(s.reversedAt)}`
                      : s.active
                        ? `active until ${when(s.expiresAt)}`
                        : `expired ${when(s.expiresAt)}`}
                  </li>
                ))}
              </ul>
            )}
            <More list={history.strikes} />

            <h2>Account restrictions</h2>
            {history.restrictions.items.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul aria-label="Account restrictions" className="plain">
                {history.restrictions.items.map((r) => (
                  <li key={r.id}>
                    {words(r.kind)} from {when(r.startsAt)}
                    {r.endsAt ? ` until ${when(r.endsAt)}` : ''} —{' '}
                    {r.liftedAt ? `lifted ${when(r.liftedAt)}` : r.inForce ? 'in force' : 'ended'}
                    <span className="muted"> · {r.reason}</span>
                  </li>
                ))}
              </ul>
            )}
            <More list={history.restrictions} />

            <h2>Appeals</h2>
            {history.appeals.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul aria-label="Appeals" className="plain">
                {history.appeals.map((a) => (
                  <li key={a.id}>
                    {a.appellant === 'reporter' ? 'Reporter' : 'Affected user'} appealed {when(a.filedAt)} —{' '}
                    {a.status === 'pending'
                      ? 'waiting for a reviewer'
                      : `${a.result ?? a.status}${a.decidedBy ? ` by ${a.decidedBy}` : ''}${a.decidedAt ? `, ${when(a.decidedAt)}` : ''}`}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </AreaGate>
  );
}
