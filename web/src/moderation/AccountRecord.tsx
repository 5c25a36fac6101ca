import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AccountHistory } from '../../../src/moderation/contract';
import { OUTCOME_LABELS, when, words } from './format';

/** One part of an account's record: its heading, "None." or its entries, and a note when older ones are cut. */
function Part({
  title,
  items,
  more,
  children,
}: {
  title: string;
  items: unknown[];
  more?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <h2>{title}</h2>
      {items.length === 0 ? <p className="muted">None.</p> : children}
      {more && <p className="muted">Showing the newest 100; older entries are not listed here.</p>}
    </>
  );
}

/** Everything the platform sent by or about the account. */
export function AccountContent({ subjects }: { subjects: AccountHistory['subjects'] }) {
  return (
    <Part title={`Content (${subjects.items.length})`} items={subjects.items} more={subjects.more}>
      <ul aria-label="Content" className="plain">
        {subjects.items.map((s) => (
          <li key={s.id}>
            <strong>{s.title ?? s.excerpt ?? s.externalId}</strong>{' '}
            <span className="muted">
              {s.contentType ?? s.kind} · {s.externalId} ·{' '}
              {s.postedAt ? `posted ${when(s.postedAt)}` : `received ${when(s.registeredAt)}`}
            </span>
          </li>
        ))}
      </ul>
    </Part>
  );
}

/** Every report on the account's content, each with the case it joined. */
export function AccountReports({
  reports,
  subjectName,
}: {
  reports: AccountHistory['reports'];
  subjectName: (id: string) => string;
}) {
  return (
    <Part title={`Reports (${reports.items.length})`} items={reports.items} more={reports.more}>
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
          {reports.items.map((r) => (
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
    </Part>
  );
}

/** The decisions taken on the account's content, with the account action each brought. */
export function AccountDecisions({ decisions }: { decisions: AccountHistory['decisions'] }) {
  return (
    <Part title={`Decisions (${decisions.items.length})`} items={decisions.items} more={decisions.more}>
      <ul aria-label="Decisions" className="plain">
        {decisions.items.map((d) => (
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
    </Part>
  );
}

/** The account's strikes: active, expired or reversed. */
export function AccountStrikes({ strikes }: { strikes: AccountHistory['strikes'] }) {
  return (
    <Part title="Strikes" items={strikes.items} more={strikes.more}>
      <ul aria-label="Strikes" className="plain">
        {strikes.items.map((s) => (
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
    </Part>
  );
}

/** The account's restrictions: in force, ended or lifted, with their reasons. */
export function AccountRestrictions({ restrictions }: { restrictions: AccountHistory['restrictions'] }) {
  return (
    <Part title="Account restrictions" items={restrictions.items} more={restrictions.more}>
      <ul aria-label="Account restrictions" className="plain">
        {restrictions.items.map((r) => (
          <li key={r.id}>
            {words(r.kind)} from {when(r.startsAt)}
            {r.endsAt ? ` until ${when(r.endsAt)}` : ''} —{' '}
            {r.liftedAt ? `lifted ${when(r.liftedAt)}` : r.inForce ? 'in force' : 'ended'}
            <span className="muted"> · {r.reason}</span>
          </li>
        ))}
      </ul>
    </Part>
  );
}

/** Appeals by the account or against decisions on its content, and how each ended. */
export function AccountAppeals({ appeals }: { appeals: AccountHistory['appeals'] }) {
  return (
    <Part title="Appeals" items={appeals}>
      <ul aria-label="Appeals" className="plain">
        {appeals.map((a) => (
          <li key={a.id}>
            {a.appellant === 'reporter' ? 'Reporter' : 'Affected user'} appealed {when(a.filedAt)} —{' '}
            {a.status === 'pending'
              ? 'waiting for a reviewer'
              : `${a.result ?? a.status}${a.decidedBy ? ` by ${a.decidedBy}` : ''}${a.decidedAt ? `, ${when(a.decidedAt)}` : ''}`}
          </li>
        ))}
      </ul>
    </Part>
  );
}
