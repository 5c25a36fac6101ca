import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day, LoadState, useLoad } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { useSession } from '../session';
import { ReferralForm } from './ReferralForm';
import { ResponseForm } from './ResponseForm';
import type {
  BoardCase,
  Candidates as CandidateList,
  Desk,
  PendingComment,
  PlatformObligation,
  RecommendationView,
} from '../../../src/board/contract';
import { label } from './label';

/** The board area: each role's desk (case manager, member, platform liaison), from one server answer. */
export function BoardPage() {
  const { session } = useSession();
  const desk = useLoad<Desk>('/api/board/desk');
  const reviews = session?.permissions.includes('board.review') ?? false;
  const refers = session?.permissions.includes('board.refer') ?? false;
  return (
    <AreaGate area="board">
      <section>
        <h1>Oversight board</h1>
        {desk.state !== 'ready' ? (
          <LoadState load={desk} />
        ) : (
          <>
            {desk.value.panels && (
              <>
                <h2>My panels</h2>
                <CaseTable cases={desk.value.panels} label="My panels" empty="You sit on no panel yet." />
              </>
            )}
            {reviews && <Candidates />}
            {desk.value.manager && (
              <>
                <h2>Under deliberation</h2>
                <CaseTable
                  cases={desk.value.manager.active}
                  label="Under deliberation"
                  empty="No case is under deliberation."
                />
                <h2>Public comments to moderate</h2>
                <PendingComments comments={desk.value.manager.pendingComments} onDone={desk.reload} />
              </>
            )}
            {desk.value.platform && (
              <>
                <h2>Implementation obligations</h2>
                <Obligations obligations={desk.value.platform.obligations} onDone={desk.reload} />
                <h2>Recommendations to answer</h2>
                <Recommendations recommendations={desk.value.platform.recommendations} onDone={desk.reload} />
                <h2>Cases the board selected</h2>
                <CaseTable
                  cases={desk.value.platform.selectedCases}
                  label="Selected cases"
                  empty="No case of yours is under deliberation."
                />
              </>
            )}
            {refers && <ReferralForm onReferred={desk.reload} />}
          </>
        )}
      </section>
    </AreaGate>
  );
}

function DeadlineBadge({ c }: { c: BoardCase }) {
  if (!c.decisionDueAt) return <>—</>;
  return (
    <>
      {day(c.decisionDueAt)}{' '}
      {c.deadline && c.deadline !== 'on_time' && (
        <span className={c.deadline === 'overdue' ? 'badge alert-badge' : 'badge'}>{label(c.deadline)}</span>
      )}
    </>
  );
}

function CaseTable({ cases, label: name, empty }: { cases: BoardCase[]; label: string; empty: string }) {
  if (cases.length === 0) return <p className="empty">{empty}</p>;
  return (
    <table aria-label={name}>
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Title</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Decision due</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/console/board/cases/${c.id}`}>{c.ref}</Link>
            </td>
            <td>{c.title}</td>
            <td>
              {label(c.kind)} · {c.track}
            </td>
            <td>{label(c.status)}</td>
            <td>
              <DeadlineBadge c={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Candidates() {
  const load = useLoad<CandidateList>('/api/board/candidates');
  return (
    <>
      <h2>Candidates for selection</h2>
      {load.state !== 'ready' ? (
        <LoadState load={load} />
      ) : load.value.candidates.length === 0 ? (
        <p className="empty">No candidates.</p>
      ) : (
        <table aria-label="Candidates">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Case</th>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {load.value.candidates.map((c) => (
              <tr key={c.id}>
                <td>{c.rank?.score}</td>
                <td>
                  <Link to={`/console/board/cases/${c.id}`}>{c.ref}</Link>
                </td>
                <td>{c.title}</td>
                <td>
                  {label(c.kind)} · {c.track}
                </td>
                <td>
                  <ul className="chips">
                    {c.rank?.parts.map((p) => (
                      <li key={p.factor}>
                        {p.factor} +{p.points}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function PendingComments({ comments, onDone }: { comments: PendingComment[]; onDone: () => void }) {
  const submission = useSubmission();
  const moderate = async (c: PendingComment, status: 'approved' | 'rejected') => {
    const done = await submission.run(
      () =>
        api('POST', `/api/board/comments/${c.id}/moderation`, {
          status,
          note: status === 'approved' ? 'On topic and civil.' : 'Off topic or abusive.',
        }),
      `The comment on ${c.ref} is ${status === 'approved' ? 'approved: it is published with the decision' : 'rejected'}.`,
    );
    if (done !== undefined) onDone();
  };
  return (
    <>
      <FormMessages submission={submission} />
      {comments.length === 0 ? (
        <p className="empty">No comments waiting.</p>
      ) : (
        <ul className="cards">
          {comments.map((c) => (
            <li key={c.id} className="card" aria-label={`Comment on ${c.ref}`}>
              <p className="muted">
                {c.ref} · {c.anonymous ? 'asks for anonymity' : (c.name ?? 'no name')}{' '}
                {c.organisation ? `(${c.organisation})` : ''} · {day(c.submittedAt)}
              </p>
              <p>{c.body}</p>
              <div className="appeal-actions">
                <button type="button" disabled={submission.busy} onClick={() => moderate(c, 'approved')}>
                  Approve
                </button>
                <button
                  type="button"
                  disabled={submission.busy}
                  className="secondary"
                  onClick={() => moderate(c, 'rejected')}
                >
                  Reject
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Obligations({ obligations, onDone }: { obligations: PlatformObligation[]; onDone: () => void }) {
  if (obligations.length === 0) return <p className="empty">No obligations.</p>;
  return (
    <ul className="cards">
      {obligations.map((o) => (
        <ObligationCard key={o.id} obligation={o} onDone={onDone} />
      ))}
    </ul>
  );
}

/** A binding decision the platform implements, with what was done; the identical-content sweep runs with it. */
function ObligationCard({ obligation: o, onDone }: { obligation: PlatformObligation; onDone: () => void }) {
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const implement = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<{ sweepMatched: number; sweepActioned: number; onTime: boolean }>(
          'POST',
          `/api/board/obligations/${o.id}/implementation`,
          { note },
        ),
      (result) =>
        `Implemented${result.onTime ? ' on time' : ' late'}: ${result.sweepMatched} identical item(s) found, ${result.sweepActioned} actioned.`,
    );
    if (done !== undefined) onDone();
  };
  return (
    <li className="card" aria-label={`Obligation ${o.ref ?? ''}`}>
      <p>
        <strong>{o.ref}</strong> {o.title}: <strong>{label(o.requiredOutcome)}</strong> by {day(o.dueAt)}{' '}
        <span className={o.overdue ? 'badge alert-badge' : 'badge'}>{o.overdue ? 'overdue' : o.status}</span>
      </p>
      <FormMessages submission={submission} />
      {o.status === 'implemented' ? (
        <p className="muted">
          Done {day(o.implementedAt)}: {o.note} Identical content: {o.sweepMatched} found, {o.sweepActioned} actioned.
        </p>
      ) : (
        <form aria-label={`Implement ${o.ref ?? 'the decision'}`} onSubmit={implement} noValidate>
          <FieldsOf submission={submission}>
            <Field label="What was done" name="/note">
              {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          </FieldsOf>
          <button type="submit" disabled={submission.busy}>
            Implement the decision
          </button>
        </form>
      )}
    </li>
  );
}

const RECOMMENDATION_GROUPS: { group: RecommendationView['group']; name: string }[] = [
  { group: 'policy', name: 'Policy recommendations' },
  { group: 'enforcement', name: 'Enforcement recommendations' },
  { group: 'transparency', name: 'Transparency recommendations' },
  { group: null, name: 'Recommendations without a group' },
];

/** Recommendations in the groups the board publishes them in (policy, enforcement, transparency). */
export function Recommendations({
  recommendations,
  onDone,
  assess = false,
}: {
  recommendations: RecommendationView[];
  onDone: () => void;
  assess?: boolean;
}) {
  if (recommendations.length === 0) return <p className="empty">No recommendations.</p>;
  return (
    <>
      {RECOMMENDATION_GROUPS.map(({ group, name }) => {
        const inGroup = recommendations.filter((r) => (r.group ?? null) === group);
        return inGroup.length === 0 ? null : (
          <section key={group ?? 'none'} aria-label={name}>
            <h3>
              {name} ({inGroup.length})
            </h3>
            <RecommendationCards recommendations={inGroup} onDone={onDone} assess={assess} />
          </section>
        );
      })}
    </>
  );
}

function RecommendationCards({
  recommendations,
  onDone,
  assess,
}: {
  recommendations: RecommendationView[];
  onDone: () => void;
  assess: boolean;
}) {
  return (
    <ul className="cards">
      {recommendations.map((r) => (
        <li key={r.id} className="card" aria-label={`Recommendation ${r.ref}`}>
          <p>
            <strong>{r.ref}</strong> {r.text}
          </p>
          <p className="muted">Measure: {r.measure}</p>
          <p>
            Response due {day(r.responseDueAt)}{' '}
            <span
              className={
                r.responseState === 'overdue' || r.responseState === 'answered_late' ? 'badge alert-badge' : 'badge'
              }
            >
              {label(r.responseState)}
            </span>
            {r.latestResponse && (
              <>
                {' '}
                · platform: <span className="badge">{label(r.latestResponse)}</span>
              </>
            )}
            {r.latestAssessment && (
              <>
                {' '}
                · board: <span className="badge">{label(r.latestAssessment)}</span>
              </>
            )}
            {r.closed && <> · closed</>}
          </p>
          {r.responses.length > 0 && (
            <ol aria-label={`Responses to ${r.ref}`}>
              {r.responses.map((x) => (
                <li key={x.id}>
                  {day(x.respondedAt)}: {label(x.category)}: {x.reasons}
                  {x.timeline ? ` (timeline: ${x.timeline})` : ''}
                </li>
              ))}
            </ol>
          )}
          {!r.closed && (
            <details>
              <summary>{assess ? 'Record the board’s assessment' : 'Record a response'}</summary>
              <ResponseForm recommendation={r} mode={assess ? 'assess' : 'respond'} onDone={onDone} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
