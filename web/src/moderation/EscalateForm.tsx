import { Field, FieldsOf } from '../forms';
import type { CaseView } from '../../../src/moderation/contract';
import type { Escalation } from './useCase';

/** Sends a claimed case to the next level (frontline to senior reviewers, senior to policy staff) with a note. */
export function EscalateForm({ level, escalation }: { level: CaseView['case']['level']; escalation: Escalation }) {
  const to = level === 'frontline' ? 'senior' : 'policy';
  return (
    <form
      className="panel wide"
      aria-label="Escalate"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        escalation.send(to);
      }}
    >
      <h2>Escalate to {to === 'senior' ? 'senior reviewers' : 'policy staff'}</h2>
      <FieldsOf submission={escalation.submission}>
        <Field label="Escalation note" name="/note">
          {(props) => (
            <textarea
              {...props}
              ref={escalation.field}
              value={escalation.note}
              onChange={(e) => escalation.setNote(e.target.value)}
              rows={2}
            />
          )}
        </Field>
      </FieldsOf>
      <button type="submit" className="secondary">
        Escalate
      </button>
    </form>
  );
}
