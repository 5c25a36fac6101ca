import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { day, LoadState, problemText, useLoad } from '../load';
import { AreaGate } from '../pages/AreaGate';
import { useSession } from '../session';
import { ResponseForm } from './ResponseForm';
import { label, type BoardCase, type Desk, type Obligation, type Recommendation } from './types';

/** The board area: each role's desk (case manager, member, platform liaison), from one server answer. */
export function BoardPage() {
  const { session } = useSession();
  const desk = useLoad<Desk>('/api/board/desk');
  const reviews = session?.permissions.includes('board.review') ?? false;
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
                <CaseTable cases={desk.value.manager.active} label="Under deliberation" empty="No case is under deliberation." />
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
                <CaseTable cases={desk.value.platform.selectedCases} label="Selected cases" empty="No case of yours is under deliberation." />
              </>
            )}
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
      {day(c.decisionDueAt)} {c.deadline && c.deadline !== 'on_time' && <span className={c.deadline === 'overdue' ? 'badge alert-badge' : 'badge'}>{label(c.deadline)}</span>}
    </>
  );
}

function CaseTable({ cases, label: name, empty }: { cases: BoardCase[]; label: string; empty: string }) {
  if (cases.length === 0) return <p className="empty">{empty}</p>;
  return (
    <table aria-label={name}>
      <thead>
        <tr><th scope="col">Case</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Decision due</th></tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td><Link to={`/console/board/cases/${c.id}`}>{c.ref}</Link></td>
            <td>{c.title}</td>
            <td>{label(c.kind)} · {c.track}</td>
            <td>{label(c.status)}</td>
            <td><DeadlineBadge c={c} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Candidates() {
  const load = useLoad<{ candidates: BoardCase[] }>('/api/board/candidates');
  return (
    <>
      <h2>Candidates for selection</h2>
      {load.state !== 'ready' ? <LoadState load={load} /> : load.value.candidates.length === 0 ? <p className="empty">No candidates.</p> : (
        <table aria-label="Candidates">
          <thead>
            <tr><th scope="col">Score</th><th scope="col">Case</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Why</th></tr>
          </thead>
          <tbody>
            {load.value.candidates.map((c) => (
              <tr key={c.id}>
                <td>{c.rank?.score}</td>
                <td><Link to={`/console/board/cases/${c.id}`}>{c.ref}</Link></td>
                <td>{c.title}</td>
                <td>{label(c.kind)} · {c.track}</td>
                <td><ul className="chips">{c.rank?.parts.map((p) => <li key={p.factor}>{p.factor} +{p.points}</li>)}</ul></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function PendingComments({ comments, onDone }: { comments: Desk extends { manager: infer M } ? (M extends { pendingComments: infer P } ? P : never) : never; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const moderate = async (id: string, status: 'approved' | 'rejected') => {
    try {
      await api('POST', `/api/board/comments/${id}/moderation`, { status, note: status === 'approved' ? 'On topic and civil.' : 'Off topic or abusive.' });
      onDone();
    } catch (problem) {
      setError(problemText(problem));
    }
  };
  if (comments.length === 0) return <p className="empty">No comments waiting.</p>;
  return (
    <>
      {error && <p role="alert" className="alert">{error}</p>}
      <ul className="cards">
        {comments.map((c) => (
          <li key={c.id} className="card" aria-label={`Comment on ${c.ref}`}>
            <p className="muted">{c.ref} · {c.anonymous ? 'asks for anonymity' : (c.name ?? 'no name')} {c.organisation ? `(${c.organisation})` : ''} · {day(c.submittedAt)}</p>
            <p>{c.body}</p>
            <div className="appeal-actions">
              <button type="button" onClick={() => moderate(c.id, 'approved')}>Approve</button>
              <button type="button" className="secondary" onClick={() => moderate(c.id, 'rejected')}>Reject</button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function Obligations({ obligations, onDone }: { obligations: Obligation[]; onDone: () => void }) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const implement = async (id: string) => {
    setError(null);
    try {
      const done = await api<{ sweepMatched: number; sweepActioned: number; onTime: boolean }>('POST', `/api/board/obligations/${id}/implementation`, { note: notes[id] ?? '' });
      setResult(`Implemented${done.onTime ? ' on time' : ' late'}: ${done.sweepMatched} identical item(s) found, ${done.sweepActioned} actioned.`);
      onDone();
    } catch (problem) {
      setError(problemText(problem));
    }
  };
  if (obligations.length === 0) return <p className="empty">No obligations.</p>;
  return (
    <>
      {result && <p role="status" className="notice">{result}</p>}
      {error && <p role="alert" className="alert">{error}</p>}
      <ul className="cards">
        {obligations.map((o) => (
          <li key={o.id} className="card" aria-label={`Obligation ${o.ref ?? ''}`}>
            <p>
              <strong>{o.ref}</strong> {o.title}: <strong>{label(o.requiredOutcome)}</strong> by {day(o.dueAt)} <span className={o.overdue ? 'badge alert-badge' : 'badge'}>{o.overdue ? 'overdue' : o.status}</span>
            </p>
            {o.status === 'implemented' ? (
              <p className="muted">Done {day(o.implementedAt)}: {o.note} Identical content: {o.sweepMatched} found, {o.sweepActioned} actioned.</p>
            ) : (
              <div>
                <label>
                  What was done
                  <textarea rows={2} value={notes[o.id] ?? ''} onChange={(e) => setNotes({ ...notes, [o.id]: e.target.value })} />
                </label>
                <button type="button" onClick={() => implement(o.id)}>Implement the decision</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function Recommendations({ recommendations, onDone, assess = false }: { recommendations: Recommendation[]; onDone: () => void; assess?: boolean }) {
  if (recommendations.length === 0) return <p className="empty">No recommendations.</p>;
  return (
    <ul className="cards">
      {recommendations.map((r) => (
        <li key={r.id} className="card" aria-label={`Recommendation ${r.ref}`}>
          <p><strong>{r.ref}</strong> {r.text}</p>
          <p className="muted">Measure: {r.measure}</p>
          <p>
            Response due {day(r.responseDueAt)} <span className={r.responseState === 'overdue' || r.responseState === 'answered_late' ? 'badge alert-badge' : 'badge'}>{label(r.responseState)}</span>
            {r.latestResponse && <> · platform: <span className="badge">{label(r.latestResponse)}</span></>}
            {r.latestAssessment && <> · board: <span className="badge">{label(r.latestAssessment)}</span></>}
            {r.closed && <> · closed</>}
          </p>
          {r.responses.length > 0 && (
            <ol aria-label={`Responses to ${r.ref}`}>
              {r.responses.map((x) => <li key={x.id}>{day(x.respondedAt)}: {label(x.category)}: {x.reasons}{x.timeline ? ` (timeline: ${x.timeline})` : ''}</li>)}
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
