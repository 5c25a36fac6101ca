import { useState, type FormEvent } from 'react';
import type { DisputeBody } from '../../../src/disputes/contract';
import { MEMBER_STATES } from '../../../src/disputes/rules';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';

const list = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Enters a certified body in the register, as its Digital Services Coordinator published it. */
export function BodyForm({ onSaved }: { onSaved: () => void }) {
  const [name, setName] = useState('');
  const [memberState, setMemberState] = useState('IE');
  const [coordinator, setCoordinator] = useState('');
  const [website, setWebsite] = useState('');
  const [areas, setAreas] = useState('');
  const [languages, setLanguages] = useState('en');
  const [certifiedOn, setCertifiedOn] = useState('');
  const [certifiedUntil, setCertifiedUntil] = useState('');
  const submission = useSubmission();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () =>
        api<DisputeBody>('POST', '/api/dispute-bodies', {
          name,
          memberState,
          coordinator,
          website,
          areas: list(areas),
          languages: list(languages).map((l) => l.toLowerCase()),
          status: 'certified',
          certifiedOn,
          certifiedUntil: certifiedUntil || null,
        }),
      (b) => `${b.name} is in the register.`,
    );
    if (done === undefined) return;
    setName('');
    setCoordinator('');
    setWebsite('');
    setAreas('');
    onSaved();
  };
  return (
    <form className="panel wide" aria-label="Register a body" onSubmit={submit} noValidate>
      <h3>Register a body</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Name" name="/name">
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Member State" name="/memberState">
          {(props) => (
            <select {...props} value={memberState} onChange={(e) => setMemberState(e.target.value)}>
              {MEMBER_STATES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Digital Services Coordinator" name="/coordinator">
          {(props) => <input {...props} value={coordinator} onChange={(e) => setCoordinator(e.target.value)} />}
        </Field>
        <Field label="Website" name="/website">
          {(props) => <input {...props} type="url" value={website} onChange={(e) => setWebsite(e.target.value)} />}
        </Field>
        <Field label="Areas" name="/areas" hint="Separated by commas.">
          {(props) => <input {...props} value={areas} onChange={(e) => setAreas(e.target.value)} />}
        </Field>
        <Field label="Languages" name="/languages" hint="ISO 639 codes, separated by commas: en, de, fr.">
          {(props) => <input {...props} value={languages} onChange={(e) => setLanguages(e.target.value)} />}
        </Field>
        <Field label="Certified on" name="/certifiedOn">
          {(props) => (
            <input {...props} type="date" value={certifiedOn} onChange={(e) => setCertifiedOn(e.target.value)} />
          )}
        </Field>
        <Field label="Certified until" name="/certifiedUntil" hint="Empty when no end is set.">
          {(props) => (
            <input {...props} type="date" value={certifiedUntil} onChange={(e) => setCertifiedUntil(e.target.value)} />
          )}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Register
      </button>
    </form>
  );
}
