import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { day, LoadState, useLoad } from '../load';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { ShownOnce } from '../pages/adminShared';
import type {
  FlaggerRegister as Register,
  IssuedFlaggerKey as IssuedKey,
  ManagedFlagger as Flagger,
} from '../../../src/moderation/flagger-contract';

const MEMBER_STATES = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
const REGION = new Intl.DisplayNames(['en'], { type: 'region' });
const KEY_HINT = 'The flagger sends it as the "x-flagger-key" header on POST /api/public/notices.';
const STATUS_LABEL = { active: 'Active', suspended: 'Suspended', revoked: 'Revoked' } as const;

/** The register of trusted flaggers (EU DSA Art. 22): entries, their status and their keys. */
export function TrustedFlaggersSection() {
  const register = useLoad<Register>('/api/trusted-flaggers');
  const [key, setKey] = useState<{ title: string; value: string } | null>(null);
  if (register.state !== 'ready') return <LoadState load={register} />;
  const shown = (issued: IssuedKey, title: string) => {
    setKey({ title, value: issued.key });
    register.reload();
  };
  return (
    <section aria-labelledby="trusted-flaggers">
      <h2 id="trusted-flaggers">Trusted flaggers</h2>
      <p className="muted">
        Organisations a Digital Services Coordinator awarded trusted flagger status (EU DSA Art. 22). Their notices
        carry a priority factor in the queue; the public sees the register at{' '}
        <a href="/trusted-flaggers">/trusted-flaggers</a> and their accuracy on the{' '}
        <a href="/statistics#trusted-flaggers">statistics page</a>.
      </p>
      {key && <ShownOnce title={key.title} secret={key.value} hint={KEY_HINT} />}
      {register.value.flaggers.length === 0 ? (
        <p className="empty">No trusted flagger is registered yet.</p>
      ) : (
        <table aria-label="Register of trusted flaggers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Member State</th>
              <th scope="col">Areas of expertise</th>
              <th scope="col">Status</th>
              <th scope="col">Key</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {register.value.flaggers.map((f) => (
              <FlaggerRow
                key={f.id}
                flagger={f}
                onKey={(issued) => shown(issued, `New key of “${f.name}”`)}
                onChange={register.reload}
              />
            ))}
          </tbody>
        </table>
      )}
      <RegisterForm
        areas={register.value.areas}
        onCreated={(issued) => shown(issued, `Key of “${issued.flagger.name}”`)}
      />
    </section>
  );
}

function FlaggerRow({
  flagger: f,
  onKey,
  onChange,
}: {
  flagger: Flagger;
  onKey: (issued: IssuedKey) => void;
  onChange: () => void;
}) {
  const submission = useSubmission();
  const [status, setStatus] = useState<Flagger['status']>(f.status === 'active' ? 'suspended' : 'active');
  const [reason, setReason] = useState('');
  const change = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () => api<Flagger>('POST', `/api/trusted-flaggers/${f.id}/status`, { status, reason }),
      (changed) => `“${changed.name}” is now ${changed.status}.`,
    );
    if (done) {
      setReason('');
      onChange();
    }
  };
  const newKey = async () => {
    const issued = await submission.run(
      () => api<IssuedKey>('POST', `/api/trusted-flaggers/${f.id}/key`),
      `“${f.name}” has a new key; the old one no longer works.`,
    );
    if (issued) onKey(issued);
  };
  return (
    <tr>
      <td>
        {f.name}
        <br />
        <span className="muted">{f.contactEmail}</span>
      </td>
      <td>{REGION.of(f.memberState) ?? f.memberState}</td>
      <td>{f.areas.map((a) => a.label).join(', ')}</td>
      <td>
        {STATUS_LABEL[f.status]} since {f.statusSince}
        {f.statusReason && <span className="muted">: {f.statusReason}</span>}
      </td>
      <td>
        {f.keyPrefix ? <code>{f.keyPrefix}…</code> : 'none'}
        {f.keyIssuedAt && <> ({day(f.keyIssuedAt)})</>}
      </td>
      <td>
        {f.status === 'revoked' ? (
          <span className="muted">Final</span>
        ) : (
          <form aria-label={`Change the status of ${f.name}`} onSubmit={change} className="inline-form" noValidate>
            <FormMessages submission={submission} />
            <FieldsOf submission={submission}>
              <Field label="New status" name="/status">
                {(props) => (
                  <select {...props} value={status} onChange={(e) => setStatus(e.target.value as Flagger['status'])}>
                    {(['active', 'suspended', 'revoked'] as const)
                      .filter((s) => s !== f.status)
                      .map((s) => (
                        <option key={s} value={s}>
                          {STATUS_LABEL[s]}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
              <Field label="Reason" name="/reason">
                {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
            </FieldsOf>
            <div className="actions">
              <button type="submit" disabled={submission.busy}>
                Change status
              </button>
              <button type="button" className="secondary" onClick={newKey} disabled={submission.busy}>
                New key
              </button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}

function RegisterForm({ areas, onCreated }: { areas: Register['areas']; onCreated: (issued: IssuedKey) => void }) {
  const submission = useSubmission();
  const [name, setName] = useState('');
  const [memberState, setMemberState] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [contactEmail, setContactEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [awardedOn, setAwardedOn] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name, memberState, areas: chosen, contactEmail, website: website.trim() || null, awardedOn };
    const issued = await submission.run(
      () => api<IssuedKey>('POST', '/api/trusted-flaggers', body),
      (done) => `“${done.flagger.name}” is in the register. Copy its key above.`,
    );
    if (!issued) return;
    setName('');
    setMemberState('');
    setChosen([]);
    setContactEmail('');
    setWebsite('');
    setAwardedOn('');
    onCreated(issued);
  };
  const toggle = (category: string) =>
    setChosen((now) => (now.includes(category) ? now.filter((c) => c !== category) : [...now, category]));
  return (
    <form aria-label="Register a trusted flagger" onSubmit={submit} className="panel wide" noValidate>
      <h3>Register a trusted flagger</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Name" name="/name" hint="The entity the status was awarded to.">
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Member State" name="/memberState" hint="Whose Digital Services Coordinator awarded the status.">
          {(props) => (
            <select {...props} value={memberState} onChange={(e) => setMemberState(e.target.value)}>
              <option value="">Choose…</option>
              {MEMBER_STATES.map((code) => (
                <option key={code} value={code}>
                  {REGION.of(code) ?? code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className={submission.fields['/areas'] ? 'field invalid' : 'field'}>
          <legend>Areas of expertise</legend>
          {areas.map((a) => (
            <label key={a.category} className="inline">
              <input type="checkbox" checked={chosen.includes(a.category)} onChange={() => toggle(a.category)} />{' '}
              {a.label}
            </label>
          ))}
          {submission.fields['/areas'] && (
            <span className="field-error">Areas of expertise {submission.fields['/areas']}</span>
          )}
        </fieldset>
        <Field label="Contact e-mail" name="/contactEmail" hint="Published in the register.">
          {(props) => (
            <input {...props} type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} />
          )}
        </Field>
        <Field label="Website" name="/website">
          {(props) => <input {...props} value={website} onChange={(e) => setWebsite(e.target.value)} />}
        </Field>
        <Field label="Awarded on" name="/awardedOn">
          {(props) => <input {...props} type="date" value={awardedOn} onChange={(e) => setAwardedOn(e.target.value)} />}
        </Field>
      </FieldsOf>
      <div className="actions">
        <button type="submit" disabled={submission.busy}>
          Register
        </button>
      </div>
    </form>
  );
}
