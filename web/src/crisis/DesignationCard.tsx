import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day } from '../load';
import type {
  Designation,
  DesignationApproved,
  DesignationEnded,
  DesignationRejected,
  DesignationReviewed,
} from '../../../src/crisis/contract';

type Move = 'approve' | 'reject' | 'review' | 'end';
/** What a move answers: POST /api/designations/{id}/{move}. */
type MoveAnswer = DesignationApproved | DesignationRejected | DesignationReviewed | DesignationEnded;
const reviewOf = (r: MoveAnswer) => ('reviewAt' in r ? r.reviewAt : undefined);
const repricedOf = (r: MoveAnswer) => ('casesRepriced' in r ? r.casesRepriced : 0);

const DONE: Record<Move, (d: Designation, result: MoveAnswer) => string> = {
  approve: (d, r) =>
    `The ${d.kind} designation of ${d.countryName} is active; it is reviewed on ${day(reviewOf(r))}. ${repricedOf(r)} open case(s) re-ranked.`,
  reject: (d) => `The proposed ${d.kind} designation of ${d.countryName} is rejected.`,
  review: (d, r) => `The ${d.kind} designation of ${d.countryName} is kept; next review on ${day(reviewOf(r))}.`,
  end: (d, r) => `The ${d.kind} designation of ${d.countryName} has ended. ${repricedOf(r)} open case(s) re-ranked.`,
};

/** A designation, who proposed and decided it, and the moves its status allows to those who may decide. */
export function DesignationCard({
  designation: d,
  mayDecide,
  now,
  onChanged,
}: {
  designation: Designation;
  mayDecide: boolean;
  now: Date;
  onChanged: () => void;
}) {
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const act = async (event: FormEvent) => {
    event.preventDefault();
    // The button pressed names the move.
    const move = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value as Move | undefined;
    if (!move) return;
    const done = await submission.run(
      () => api<MoveAnswer>('POST', `/api/designations/${d.id}/${move}`, { note }),
      (result) => DONE[move](d, result),
    );
    if (done === undefined) return;
    setNote('');
    onChanged();
  };
  const reviewDue = d.status === 'active' && d.reviewAt !== null && new Date(d.reviewAt) <= now;
  const open = d.status === 'proposed' || d.status === 'active';
  return (
    <article className="card" aria-label={`${d.countryName}: ${d.iso3} ${d.kind} designation`}>
      <p>
        <strong>
          {d.countryName} · {d.kind}
        </strong>{' '}
        <span className="badge">{d.status}</span> {reviewDue && <span className="badge alert-badge">review due</span>}
      </p>
      <p className="muted">
        Proposed{' '}
        {d.source === 'detector'
          ? `by the detector${d.proposedByName ? ` (run by ${d.proposedByName})` : ''}`
          : `by ${d.proposedByName ?? 'staff'}`}{' '}
        on {day(d.proposedAt)}
        {d.decidedAt &&
          `; ${d.status === 'rejected' ? 'rejected' : 'approved'} by ${d.decidedByName ?? 'policy staff'} on ${day(d.decidedAt)}`}
        {d.reviewAt && d.status === 'active' && `; review ${day(d.reviewAt)}`}
        {d.endedAt && `; ended ${day(d.endedAt)}`}.
      </p>
      <p>{d.reasons}</p>
      {d.decisionNote && <p className="muted">Decision: {d.decisionNote}</p>}
      <FormMessages submission={submission} />
      {mayDecide && open && (
        <form
          className="appeal-actions"
          aria-label={`Decide on the ${d.countryName} ${d.kind} designation`}
          onSubmit={act}
          noValidate
        >
          <FieldsOf submission={submission}>
            <Field label="Reasons" name="/note" hint="Recorded on the log with the decision.">
              {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
            </Field>
          </FieldsOf>
          {d.status === 'proposed' ? (
            <>
              <button type="submit" disabled={submission.busy} name="move" value="approve">
                Approve
              </button>
              <button type="submit" disabled={submission.busy} className="secondary" name="move" value="reject">
                Reject
              </button>
            </>
          ) : (
            <>
              <button type="submit" disabled={submission.busy} name="move" value="review">
                Keep for another period
              </button>
              <button type="submit" disabled={submission.busy} className="secondary" name="move" value="end">
                End
              </button>
            </>
          )}
        </form>
      )}
    </article>
  );
}
