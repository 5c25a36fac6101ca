import { mastodonHistoryText } from '../../../src/mastodon/history-text';
import type { CaseView } from '../../../src/moderation/contract';
import { OUTCOME_LABELS, when } from './format';

/** Every report on the case: when, from whom, what it alleges. */
export function CaseReports({ reports }: { reports: CaseView['reports'] }) {
  return (
    <>
      <h2>Reports ({reports.length})</h2>
      <table aria-label="Reports">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Source</th>
            <th scope="col">Alleged</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>{when(r.receivedAt)}</td>
              <td>{r.source.replace(/_/g, ' ')}</td>
              <td>
                {r.policyId}
                {r.sectionId ? `/${r.sectionId}` : ''}
              </td>
              <td>{r.text ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The decisions taken on the case, each with the notice the user was sent; nothing while there are none. */
export function CaseDecisions({ decisions, notices }: Pick<CaseView, 'decisions' | 'notices'>) {
  if (decisions.length === 0) return null;
  return (
    <>
      <h2>Decisions and notices</h2>
      {decisions.map((d) => {
        const notice = notices.find((x) => x.decisionId === d.id);
        return (
          <article className="card" key={d.id} aria-label="Decision">
            <p>
              <strong>{OUTCOME_LABELS[d.outcome] ?? d.outcome}</strong> under {d.policyId}/{d.sectionId} v
              {d.policyVersion}, {when(d.decidedAt)}
              {d.status === 'reversed' ? ' (reversed on appeal)' : ''}
            </p>
            <p className="muted">{d.facts}</p>
            {d.illegalContent && (
              <p>
                Ground: illegal content under {d.illegalContent.legalProvision}, in{' '}
                {d.illegalContent.memberStates.join(', ')}
              </p>
            )}
            {d.automation && (
              <p>
                From {d.automation.tool} {d.automation.toolVersion} (score {d.automation.score}),{' '}
                {d.automation.humanReviewed ? 'reviewed by a person' : 'without human review'}
              </p>
            )}
            {notice && (
              <section aria-label="Notice to the user">
                <h3>Notice to the user</h3>
                <p>{notice.statement.summary}</p>
              </section>
            )}
          </article>
        );
      })}
    </>
  );
}

/** The case's events, oldest first, each with who did it. */
export function CaseHistory({ history }: { history: CaseView['history'] }) {
  return (
    <>
      <h2>History</h2>
      <ol className="history" aria-label="History">
        {history.map((e) => (
          <li key={e.seq}>
            <span className="muted">{when(e.at)}</span> {mastodonHistoryText(e.type, e.payload) ?? eventLabel(e.type)}{' '}
            <span className="muted">by {e.actorName}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** An event's type as words: `decision.taken` reads "Decision taken", `case.claim_released` "Case claim released". */
const eventLabel = (type: string): string => {
  const words = type.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
