import { useState, type FormEvent } from 'react';
import { bulkSummary, type BulkActionName } from '../../../src/moderation/bulk-rules';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, sentence, useSubmission } from '../forms';
import { PolicyOptions } from './PolicyOptions';
import type { BulkResult } from '../../../src/moderation/contract';
import type { PolicyVersion } from '../../../src/policy/contract';
import { OUTCOME_LABELS } from './format';

/**
 * Release, escalate or decide the cases chosen in the queue. The server works each case on its own, so the answer
 * is a sentence such as "8 released, 1 refused: another reviewer holds this case".
 */
export function BulkActions({
  selected,
  policies,
  onDone,
}: {
  selected: string[];
  policies: PolicyVersion[];
  onDone: () => void;
}) {
  const submission = useSubmission();
  const [form, setForm] = useState<'escalate' | 'decide' | null>(null);
  const count = selected.length;
  const cases = `${count} case${count === 1 ? '' : 's'}`;

  const send = async (action: BulkActionName, part: Record<string, unknown> = {}) => {
    const answer = await submission.run(
      () => api<BulkResult>('POST', '/api/cases/bulk', { action, caseIds: selected, ...part }),
      (result) => sentence(bulkSummary(action, result.results)),
    );
    if (answer === undefined) return;
    setForm(null);
    onDone();
  };

  return (
    <section className="panel wide" aria-label="Selected cases">
      <div className="actions">
        <span>{count === 0 ? 'Select cases to act on several at once.' : `${cases} selected`}</span>
        <button
          type="button"
          className="secondary"
          disabled={count === 0 || submission.busy}
          onClick={() => void send('release')}
        >
          Release selected
        </button>
        <button
          type="button"
          className="secondary"
          disabled={count === 0}
          aria-expanded={form === 'escalate'}
          onClick={() => setForm(form === 'escalate' ? null : 'escalate')}
        >
          Escalate selected…
        </button>
        <button
          type="button"
          className="secondary"
          disabled={count === 0}
          aria-expanded={form === 'decide'}
          onClick={() => setForm(form === 'decide' ? null : 'decide')}
        >
          Decide selected…
        </button>
      </div>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        {form === 'escalate' && count > 0 && (
          <EscalateForm
            cases={cases}
            busy={submission.busy}
            onSend={(escalation) => void send('escalate', { escalation })}
          />
        )}
        {form === 'decide' && count > 0 && (
          <DecideForm
            cases={cases}
            busy={submission.busy}
            policies={policies}
            onSend={(decision) => void send('decide', { decision })}
          />
        )}
      </FieldsOf>
    </section>
  );
}

function EscalateForm({
  cases,
  busy,
  onSend,
}: {
  cases: string;
  busy: boolean;
  onSend: (escalation: { to: string; note: string }) => void;
}) {
  const [to, setTo] = useState('senior');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSend({ to, note });
  };
  return (
    <form aria-label="Escalate selected cases" onSubmit={submit} className="inline-form" noValidate>
      <Field label="Escalate to" name="/escalation/to">
        {(props) => (
          <select {...props} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="senior">Senior reviewers</option>
            <option value="policy">Policy staff</option>
          </select>
        )}
      </Field>
      <Field label="Note" name="/escalation/note" hint="Every case carries this note.">
        {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Escalate {cases}
      </button>
    </form>
  );
}

/** One decision, with one statement of facts, recorded on every chosen case (outcomes that need a balancing are decided one by one). */
function DecideForm({
  cases,
  busy,
  policies,
  onSend,
}: {
  cases: string;
  busy: boolean;
  policies: PolicyVersion[];
  onSend: (decision: Record<string, unknown>) => void;
}) {
  const [policyId, setPolicyId] = useState('');
  const [sectionId, setSectionId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [facts, setFacts] = useState('');
  const policy = policies.find((p) => p.policyId === policyId);
  const section = policy?.sections.find((s) => s.id === sectionId) ?? policy?.sections[0];
  const outcomes = (section?.allowedOutcomes ?? []).filter((o) => o !== 'keep_newsworthy');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSend({ policyId, sectionId: section?.id ?? '', outcome, facts });
  };
  return (
    <form aria-label="Decide selected cases" onSubmit={submit} className="inline-form" noValidate>
      <Field label="Policy" name="/decision/policyId">
        {(props) => (
          <select
            {...props}
            value={policyId}
            onChange={(e) => {
              setPolicyId(e.target.value);
              setSectionId('');
              setOutcome('');
            }}
          >
            <PolicyOptions policies={policies} />
          </select>
        )}
      </Field>
      {policy && (
        <Field label="Section" name="/decision/sectionId">
          {(props) => (
            <select
              {...props}
              value={section?.id ?? ''}
              onChange={(e) => {
                setSectionId(e.target.value);
                setOutcome('');
              }}
            >
              {policy.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Outcome" name="/decision/outcome">
        {(props) => (
          <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">Choose an outcome</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o] ?? o}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Facts relied on"
        name="/decision/facts"
        hint="One statement of facts for every case: it goes into each notice."
      >
        {(props) => <textarea {...props} rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Decide {cases}
      </button>
    </form>
  );
}
