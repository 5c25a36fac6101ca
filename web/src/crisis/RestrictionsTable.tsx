import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { day } from '../load';
import type { Restriction, RestrictionReviewed } from '../../../src/figures/contract';
import type { NameOf } from './labels';

const STATUS: Record<Restriction['status'], string> = {
  active: 'active',
  review_due: 'review due',
  lifted: 'lifted',
  lapsed: 'lapsed',
};

/** Restrictions still running or awaiting their review, each with its end; a due review is recorded on its row. */
export function RestrictionsTable({
  restrictions,
  nameOf,
  mayReview,
  onReviewed,
}: {
  restrictions: Restriction[];
  nameOf: NameOf;
  mayReview: boolean;
  onReviewed: () => void;
}) {
  // A review's confirmation is kept here: the review form leaves the row once the review is recorded.
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const reviewed = (message: string) => {
    setConfirmation(message);
    onReviewed();
  };
  const open = restrictions
    .filter((r) => r.status === 'active' || r.status === 'review_due')
    .sort((a, b) => a.endsAt.localeCompare(b.endsAt));
  return (
    <>
      {confirmation && (
        <p role="status" className="status">
          {confirmation}
        </p>
      )}
      {open.length === 0 ? (
        <p className="empty">No restriction is running.</p>
      ) : (
        <RunningRestrictions open={open} nameOf={nameOf} mayReview={mayReview} onReviewed={reviewed} />
      )}
    </>
  );
}

function RunningRestrictions({
  open,
  nameOf,
  mayReview,
  onReviewed,
}: {
  open: Restriction[];
  nameOf: NameOf;
  mayReview: boolean;
  onReviewed: (message: string) => void;
}) {
  return (
    <table aria-label="Active restrictions">
      <thead>
        <tr>
          <th scope="col">Public figure</th>
          <th scope="col">Country</th>
          <th scope="col">Tier</th>
          <th scope="col">Since</th>
          <th scope="col">Ends</th>
          <th scope="col">Status</th>
          <th scope="col">Review</th>
        </tr>
      </thead>
      <tbody>
        {open.map((r) => (
          <tr key={r.id}>
            <td>{r.figure.name ?? `${r.platform}/${r.accountRef}`}</td>
            <td>{nameOf(r.figure.country)}</td>
            <td>{r.tier}</td>
            <td>{day(r.startsAt)}</td>
            <td>{day(r.endsAt)}</td>
            <td>
              <span className={r.status === 'review_due' ? 'badge alert-badge' : 'badge'}>{STATUS[r.status]}</span>
            </td>
            <td>
              {r.status === 'active' ? (
                <>On {day(r.endsAt)}</>
              ) : mayReview ? (
                <ReviewForm restriction={r} onReviewed={onReviewed} />
              ) : (
                <>
                  Due since {day(r.reviewDueSince)}; lapses {day(r.lapsesAt)} if not reviewed
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The review at a restriction's end: lift it if the risk has receded, otherwise extend it by its tier's length. */
function ReviewForm({
  restriction: r,
  onReviewed,
}: {
  restriction: Restriction;
  onReviewed: (message: string) => void;
}) {
  const [riskReceded, setRiskReceded] = useState<boolean | null>(null);
  const [reasons, setReasons] = useState('');
  const submission = useSubmission();
  const name = r.figure.name ?? r.accountRef;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<RestrictionReviewed>('POST', `/api/restrictions/${r.id}/review`, {
          ...(riskReceded === null ? {} : { riskReceded }),
          reasons,
        }),
      'The review is recorded.',
    );
    if (done !== undefined)
      onReviewed(
        done.status === 'lifted'
          ? `The restriction of ${name} is lifted.`
          : `The restriction of ${name} is extended until ${day(done.endsAt)}, and reviewed again then.`,
      );
  };
  return (
    <form aria-label={`Review the restriction of ${name}`} onSubmit={submit} className="inline-form" noValidate>
      <p className="muted">
        Due since {day(r.reviewDueSince)}; without a review it lapses on {day(r.lapsesAt)}.
      </p>
      {/* The confirmation shows above the table, which outlives this form. */}
      <FormMessages submission={{ ...submission, success: null }} />
      <FieldsOf submission={submission}>
        <fieldset>
          <legend>Has the risk to public safety receded?</legend>
          <label className="inline">
            <input
              type="radio"
              name={`risk-${r.id}`}
              checked={riskReceded === true}
              onChange={() => setRiskReceded(true)}
            />{' '}
            Yes: lift the restriction
          </label>
          <label className="inline">
            <input
              type="radio"
              name={`risk-${r.id}`}
              checked={riskReceded === false}
              onChange={() => setRiskReceded(false)}
            />{' '}
            No: extend it until {day(r.extendsUntil)}
          </label>
          {submission.fields['/riskReceded'] && (
            <span className="field-error">The answer {submission.fields['/riskReceded']}</span>
          )}
        </fieldset>
        <Field label="Reasons of the review" name="/reasons">
          {(props) => <textarea {...props} rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Record the review
      </button>
    </form>
  );
}
