import { useState, type FormEvent } from 'react';
import { Field } from '../forms';

/**
 * A case manager attaches an expert's or a civil-society organisation's brief to a case under deliberation; it is
 * published with the decision, as the public comments are.
 */
export function BriefForm({
  attach,
}: {
  attach: (brief: { name: string; organisation: string; body: string }) => Promise<boolean>;
}) {
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [body, setBody] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await attach({ name, organisation, body }))) return;
    setName('');
    setOrganisation('');
    setBody('');
  };
  return (
    <form aria-label="Attach a brief" onSubmit={submit} className="card" noValidate>
      <h2>Attach a brief</h2>
      <Field label="Author" name="/name" hint="The expert, or who signs for the organisation.">
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Organisation" name="/organisation">
        {(props) => <input {...props} value={organisation} onChange={(e) => setOrganisation(e.target.value)} />}
      </Field>
      <Field label="Brief" name="/body" hint="Published with the decision, with the author's name.">
        {(props) => <textarea {...props} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <button type="submit">Attach the brief</button>
    </form>
  );
}
