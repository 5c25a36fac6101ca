import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { CountrySelect } from './CountrySelect';
import type { NameOf } from './labels';

const KINDS = {
  acute: 'Acute: a spike above the country’s own baseline (reviewed 30 days after approval)',
  chronic:
    'Chronic: persistently high state or political violence, or a repressed or closed civic space (reviewed after 90 days)',
} as const;

/** Staff propose a designation; policy staff approve or reject it on its card. */
export function ProposeDesignationForm({
  known,
  nameOf,
  onProposed,
}: {
  known: ReadonlyMap<string, string>;
  nameOf: NameOf;
  onProposed: () => void;
}) {
  const [iso3, setIso3] = useState('');
  const [kind, setKind] = useState<keyof typeof KINDS>('acute');
  const [reasons, setReasons] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () => api('POST', '/api/designations', { ...(iso3 ? { iso3 } : {}), kind, reasons }),
      `${kind === 'acute' ? 'An acute' : 'A chronic'} designation of ${nameOf(iso3)} is proposed: policy staff approve or reject it above.`,
    );
    if (done === undefined) return;
    setIso3('');
    setReasons('');
    onProposed();
  };
  return (
    <form className="panel wide" aria-label="Propose a designation" onSubmit={submit} noValidate>
      <h3>Propose a designation</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Country" name="/iso3">
          {(props) => <CountrySelect field={props} value={iso3} onChange={setIso3} known={known} />}
        </Field>
        <Field label="Kind" name="/kind">
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as keyof typeof KINDS)}>
              {Object.entries(KINDS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reasons" name="/reasons" hint="What the signals or reports show; recorded on the log.">
          {(props) => <textarea {...props} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Propose
      </button>
    </form>
  );
}
