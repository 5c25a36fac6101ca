import { useState, type FormEvent } from 'react';
import type { Dispute } from '../../../src/disputes/contract';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { FEE_BEARER, OUTCOME, OUTCOME_LABEL } from './labels';

type Outcome = keyof typeof OUTCOME;

/** The body's outcome, its fees and, where it changes the decision, the decision it requires. */
export function OutcomeForm({ dispute, onRecorded }: { dispute: Dispute; onRecorded: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('complainant_favour');
  const [summary, setSummary] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [badFaith, setBadFaith] = useState(false);
  const [feesBorneBy, setFeesBorneBy] = useState<keyof typeof FEE_BEARER>('platform');
  const [requiredOutcome, setRequiredOutcome] = useState('');
  const submission = useSubmission();
  const changes = outcome === 'complainant_favour' || outcome === 'settled';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<Dispute>('POST', `/api/disputes/${dispute.id}/outcome`, {
          outcome,
          summary,
          ...(amount.trim() ? { fees: { amount: amount.trim(), currency: currency.trim().toUpperCase() } } : {}),
          ...(outcome === 'platform_favour' && badFaith ? { badFaith: true } : {}),
          ...(outcome === 'settled' ? { feesBorneBy } : {}),
          ...(changes && requiredOutcome ? { requiredOutcome } : {}),
        }),
      (d) =>
        `The outcome is recorded; the fees are borne by ${(FEE_BEARER[d.feesBorneBy ?? 'platform'] ?? '').toLowerCase()}.`,
    );
    if (done !== undefined) onRecorded();
  };
  return (
    <form aria-label="Record the outcome" onSubmit={submit} noValidate>
      <h4>Record the outcome</h4>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Outcome" name="/outcome">
          {(props) => (
            <select {...props} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {Object.entries(OUTCOME).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="The body's outcome" name="/summary">
          {(props) => <textarea {...props} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />}
        </Field>
        <Field label="Fees" name="/fees/amount" hint="What the body charged, e.g. 100.00; empty if none.">
          {(props) => (
            <input {...props} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          )}
        </Field>
        <Field label="Currency" name="/fees/currency">
          {(props) => <input {...props} size={4} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
        </Field>
        {outcome === 'platform_favour' && (
          <Field label="The body found manifest bad faith" name="/badFaith">
            {(props) => (
              <input {...props} type="checkbox" checked={badFaith} onChange={(e) => setBadFaith(e.target.checked)} />
            )}
          </Field>
        )}
        {outcome === 'settled' && (
          <Field label="Fees borne by, as agreed" name="/feesBorneBy">
            {(props) => (
              <select
                {...props}
                value={feesBorneBy}
                onChange={(e) => setFeesBorneBy(e.target.value as keyof typeof FEE_BEARER)}
              >
                {Object.entries(FEE_BEARER).map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {changes && (
          <Field
            label="Decision required"
            name="/requiredOutcome"
            hint={`Instead of the ${OUTCOME_LABEL[dispute.decisionOutcome]}; when the affected user wins and none is named, the content is restored.`}
          >
            {(props) => (
              <select {...props} value={requiredOutcome} onChange={(e) => setRequiredOutcome(e.target.value)}>
                <option value="">{outcome === 'settled' ? 'No change' : 'As the rule gives'}</option>
                {Object.entries(OUTCOME_LABEL)
                  .filter(([value]) => value !== dispute.decisionOutcome)
                  .map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Record the outcome
      </button>
    </form>
  );
}
