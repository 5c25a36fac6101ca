import { day } from '../load';
import { countryOf } from '../names';
import type { CaseFile } from '../../../src/board/contract';
import { label } from './label';

/** The case's reference and title, where it stands and its deadlines, and the statement it was taken on. */
export function BoardCaseHeader({ summary: c }: { summary: CaseFile['case'] }) {
  return (
    <>
      <h1>
        {c.ref}: {c.title}
      </h1>
      <p>
        <span className="badge">{label(c.status)}</span> {label(c.kind)} · {c.track}
        {c.decisionDueAt && (
          <>
            {' '}
            · decision due {day(c.decisionDueAt)}{' '}
            {c.deadline && c.deadline !== 'on_time' && (
              <span className={c.deadline === 'overdue' ? 'badge alert-badge' : 'badge'}>{label(c.deadline)}</span>
            )}
          </>
        )}
        {c.commentsCloseAt &&
          (c.commentsClosedEarlyReason ? (
            <> · comments closed early {day(c.commentsCloseAt)}</>
          ) : (
            <> · comments close {day(c.commentsCloseAt)}</>
          ))}
      </p>
      <article className="card">
        <h2>Statement</h2>
        <p>{c.statement}</p>
        {c.platformReversal && (
          <p>
            <strong>The platform reversed itself:</strong> {c.platformReversal}
          </p>
        )}
      </article>
    </>
  );
}

/** The board's decision once taken: the outcome, its text, the votes and the minority's opinions. */
export function BoardDecision({ file }: { file: CaseFile }) {
  const c = file.case;
  if (c.status !== 'decided') return null;
  return (
    <article className="card" aria-label="Decision">
      <h2>
        Decision: {label(c.outcome)}
        {c.summary ? ' (summary)' : ''}
      </h2>
      <p>{c.decisionText}</p>
      {c.voteCounts && Object.keys(c.voteCounts).length > 0 && (
        <p className="muted">
          Votes:{' '}
          {Object.entries(c.voteCounts)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}
        </p>
      )}
      {file.votes
        .filter((v) => v.opinion && v.vote !== c.outcome)
        .map((v) => (
          <blockquote key={v.userId}>Minority opinion: {v.opinion}</blockquote>
        ))}
    </article>
  );
}

/** How the platform handled the content before the board: the subject, its decisions and internal appeals. */
export function PlatformHandling({ moderation }: { moderation: CaseFile['moderation'] }) {
  if (!moderation) return null;
  return (
    <article className="card" aria-label="Moderation history">
      <h2>The platform's handling</h2>
      {moderation.subject && (
        <p>
          {moderation.subject.title ?? moderation.subject.externalId} · {countryOf(moderation.subject.country)} ·{' '}
          {moderation.subject.views.toLocaleString('en')} views
        </p>
      )}
      {moderation.subject?.body && <blockquote>{moderation.subject.body}</blockquote>}
      <ol>
        {moderation.decisions.map((d) => (
          <li key={d.id}>
            {day(d.decidedAt)}: <strong>{label(d.outcome)}</strong> under {d.policyId}/{d.sectionId} ({d.status}) —{' '}
            {d.facts}
          </li>
        ))}
        {moderation.appeals.map((a) => (
          <li key={a.id}>
            Internal appeal by the {a.appellant}: {a.result ?? 'pending'}
            {a.reason ? ` — ${a.reason}` : ''}
          </li>
        ))}
      </ol>
    </article>
  );
}

/** The panel's members, each with their region and vote or recusal; nothing before a panel is drawn. */
export function PanelList({ panel }: { panel: CaseFile['panel'] }) {
  if (panel.length === 0) return null;
  return (
    <>
      <h2>Panel</h2>
      <ul aria-label="Panel">
        {panel.map((p) => (
          <li key={p.userId}>
            {p.name ?? 'A member no longer registered'} · {label(p.region)} ·{' '}
            {p.status === 'recused' ? `recused (${p.reason})` : p.voted ? `voted on draft ${p.voted}` : 'not voted'}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The latest draft's text and recommendations. */
export function CurrentDraft({ draft }: { draft: CaseFile['drafts'][number] }) {
  return (
    <article className="card" aria-label="Current draft">
      <p>{draft.text}</p>
      <ol>
        {draft.recommendations.map((r, i) => (
          <li key={i}>
            {r.group && <span className="badge">{r.group}</span>} {r.text}{' '}
            <span className="muted">Measure: {r.measure}</span>
          </li>
        ))}
      </ol>
    </article>
  );
}

/** The public comments and attached briefs, each with its author, day and (when not approved) its status. */
export function CommentList({ comments }: { comments: CaseFile['comments'] }) {
  if (comments.length === 0) return null;
  return (
    <>
      <h2>Public comments and briefs</h2>
      <ul className="cards" aria-label="Comments">
        {comments.map((m) => (
          <li key={m.id} className="card">
            <p className="muted">
              {m.kind === 'brief' ? 'Brief' : 'Comment'} by {m.author} · {day(m.submittedAt)}
              {m.status !== 'approved' ? ` · ${m.status}` : ''}
            </p>
            <p>{m.body}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What the decision binds the platform to, by when, and how it was implemented. */
export function Implementation({ obligation }: { obligation: CaseFile['obligation'] }) {
  if (!obligation) return null;
  return (
    <article className="card" aria-label="Implementation">
      <h2>Implementation</h2>
      <p>
        The platform must <strong>{label(obligation.requiredOutcome)}</strong> by {day(obligation.dueAt)}:{' '}
        <span className={obligation.overdue ? 'badge alert-badge' : 'badge'}>
          {obligation.overdue ? 'overdue' : obligation.status}
        </span>
      </p>
      {obligation.status === 'implemented' && (
        <p className="muted">
          {day(obligation.implementedAt)}: {obligation.note} Identical content: {obligation.sweepMatched} found,{' '}
          {obligation.sweepActioned} actioned.
        </p>
      )}
    </article>
  );
}
