import { useState, type FormEvent } from 'react';
import type { MeasureList, MisuseMeasure, MisuseRule, MisuseRulesView } from '../../../src/moderation/misuse-contract';
import { api } from '../api';
import { day, LoadState, useLoad } from '../load';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';

type Party = keyof MisuseRulesView['rules'];

const PARTIES: { party: Party; label: string; what: string }[] = [
  { party: 'notifier', label: 'Notifiers', what: 'manifestly unfounded notices' },
  { party: 'complainant', label: 'Complainants', what: 'manifestly unfounded complaints' },
  { party: 'user', label: 'Users', what: 'manifestly illegal content' },
];
const NUMBERS: { key: keyof MisuseRule; label: string }[] = [
  { key: 'warnAfter', label: 'Warn after' },
  { key: 'suspendAfter', label: 'Suspend after' },
  { key: 'windowDays', label: 'Within days' },
  { key: 'suspensionDays', label: 'Suspension days' },
];
const STATE_LABEL: Record<MisuseMeasure['state'], string> = {
  warning: 'Warning',
  in_force: 'Suspended',
  ended: 'Ended',
  lifted: 'Lifted',
};

/**
 * Measures against misuse (EU DSA Art. 23): the rules for notifiers, complainants and users, and the warnings and
 * suspensions they brought, with their appeals; policy staff lift a suspension or uphold it on appeal.
 */
export function MisuseSection() {
  const rules = useLoad<MisuseRulesView>('/api/misuse/rules');
  const measures = useLoad<MeasureList>('/api/misuse/measures?limit=100');
  return (
    <section aria-labelledby="misuse">
      <h2 id="misuse">Measures against misuse</h2>
      <p className="muted">
        Reviewers mark a notice or complaint manifestly unfounded, or content manifestly illegal (POST
        /api/misuse/marks). Counted against these rules, a person is warned, then suspended for a set time (EU DSA Art.
        23), told why and until when, and may contest it.
      </p>
      {rules.state === 'ready' ? <RulesForm view={rules.value} onSaved={rules.reload} /> : <LoadState load={rules} />}
      {measures.state === 'ready' ? (
        <MeasuresTable measures={measures.value.measures} onChange={measures.reload} />
      ) : (
        <LoadState load={measures} />
      )}
    </section>
  );
}

function RulesForm({ view, onSaved }: { view: MisuseRulesView; onSaved: () => void }) {
  const submission = useSubmission();
  const [draft, setDraft] = useState(view.rules);
  const set = (party: Party, key: keyof MisuseRule, value: string) =>
    setDraft((now) => ({ ...now, [party]: { ...now[party], [key]: Number(value) } }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submission.run(
      () => api<MisuseRulesView>('PUT', '/api/misuse/rules', draft),
      'The rules are saved: they apply from the next mark.',
    );
    if (saved) onSaved();
  };
  return (
    <form aria-label="Rules against misuse" onSubmit={save} className="panel wide" noValidate>
      <h3>Rules</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        {PARTIES.map(({ party, label, what }) => (
          <fieldset key={party} className="inline-fields">
            <legend>
              {label}: {what}
            </legend>
            {NUMBERS.map(({ key, label: numberLabel }) => (
              <Field
                key={key}
                label={`${label}: ${numberLabel.toLowerCase()}`}
                name={`/${party}/${key}`}
                hint={`default ${view.defaults[party][key]}`}
              >
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    min={1}
                    value={draft[party][key]}
                    onChange={(e) => set(party, key, e.target.value)}
                  />
                )}
              </Field>
            ))}
          </fieldset>
        ))}
      </FieldsOf>
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Save rules
        </button>
        {view.updatedAt && <span className="muted">Last changed {day(view.updatedAt)}</span>}
      </div>
    </form>
  );
}

function MeasuresTable({ measures, onChange }: { measures: MisuseMeasure[]; onChange: () => void }) {
  if (measures.length === 0) return <p className="empty">No warning or suspension yet.</p>;
  return (
    <table aria-label="Warnings and suspensions">
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col">Measure</th>
          <th scope="col">Reason</th>
          <th scope="col">Appeal</th>
          <th scope="col">Review</th>
        </tr>
      </thead>
      <tbody>
        {measures.map((m) => (
          <tr key={m.id}>
            <td>{m.partyLabel}</td>
            <td>
              {STATE_LABEL[m.state]}
              <br />
              <span className="muted">
                {day(m.startsAt)}
                {m.endsAt && <> to {day(m.endsAt)}</>}
              </span>
            </td>
            <td>{m.reason}</td>
            <td>{m.appeal ? <blockquote>{m.appeal.statement}</blockquote> : <span className="muted">none</span>}</td>
            <td>
              {m.review && (
                <p>
                  {m.review.result === 'lifted' ? 'Lifted' : 'Upheld'} on {day(m.review.reviewedAt)}: {m.review.reason}
                </p>
              )}
              {m.state === 'in_force' && <ReviewForm measure={m} onDone={onChange} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewForm({ measure, onDone }: { measure: MisuseMeasure; onDone: () => void }) {
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const review = async (result: 'lifted' | 'upheld') => {
    const done = await submission.run(
      () => api<MisuseMeasure>('POST', `/api/misuse/measures/${measure.id}/review`, { result, reason }),
      result === 'lifted'
        ? 'The suspension is lifted; the person is told.'
        : 'The suspension stands; the person is told.',
    );
    if (done) onDone();
  };
  return (
    <form
      aria-label={`Review the suspension of ${measure.partyLabel}`}
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void review('lifted');
      }}
    >
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Reason" name="/reason">
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </FieldsOf>
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Lift
        </button>
        {measure.appeal && !measure.review && (
          <button type="button" className="secondary" disabled={submission.busy} onClick={() => void review('upheld')}>
            Uphold
          </button>
        )}
      </div>
    </form>
  );
}
