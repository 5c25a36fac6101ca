import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Field, FieldsOf, FormMessages, useSubmission, type FieldProps } from '../forms';
import { problemText } from '../load';
import { RestrictForm } from './RestrictForm';
import { RestrictionsTable } from './RestrictionsTable';
import type { Figure, FigureList, Restriction, RestrictionList } from '../../../src/figures/contract';
import { roleLabel, type NameOf } from './labels';

const KINDS = ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official', 'other'];
const date = (iso: string) => iso.slice(0, 10);

/**
 * The public-figure registry, the restrictions under the protocol (running ones with their end, each figure's as a
 * timeline), and for policy staff: verifying a figure, restricting an account, reviewing a restriction at its end.
 */
export function FiguresSection({ mayVerify, nameOf }: { mayVerify: boolean; nameOf: NameOf }) {
  const [figures, setFigures] = useState<Figure[]>([]);
  const [restrictions, setRestrictions] = useState<Restriction[]>([]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    // Both answers land together, so a figure never shows with an empty timeline that is still loading.
    const [figureList, restrictionList] = await Promise.all([
      api<FigureList>('GET', '/api/figures'),
      api<RestrictionList>('GET', '/api/restrictions'),
    ]);
    setFigures(figureList.figures);
    setRestrictions(restrictionList.restrictions);
    setVersion((v) => v + 1);
  }, []);
  const reload = useCallback(() => {
    load().catch((problem: unknown) => setError(problemText(problem)));
  }, [load]);
  useEffect(reload, [reload]);

  return (
    <>
      <h2>Public figures</h2>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {figures.length === 0 ? (
        <p className="empty">No verified public figures.</p>
      ) : (
        <table aria-label="Public figures">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Country</th>
              <th scope="col">Account</th>
              <th scope="col">Restrictions</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={`${f.platform}/${f.accountRef}`}>
                <td>{f.name}</td>
                <td>{roleLabel(f.kind)}</td>
                <td>{nameOf(f.country)}</td>
                <td>
                  <code>
                    {f.platform}/{f.accountRef}
                  </code>
                </td>
                <td>
                  <ol className="timeline" aria-label={`Restrictions of ${f.name}`}>
                    {restrictions
                      .filter((r) => r.platform === f.platform && r.accountRef === f.accountRef)
                      .map((r) => (
                        <li key={r.id}>
                          tier {r.tier}, {date(r.startsAt)} → {date(r.endsAt)} ({r.status.replace('_', ' ')},{' '}
                          {r.context})
                        </li>
                      ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Running restrictions</h3>
      <RestrictionsTable restrictions={restrictions} nameOf={nameOf} mayReview={mayVerify} onReviewed={reload} />
      {mayVerify && (
        <>
          <RestrictForm figures={figures} nameOf={nameOf} version={version} onRestricted={reload} />
          <VerifyForm nameOf={nameOf} onVerified={reload} />
        </>
      )}
    </>
  );
}

function VerifyForm({ nameOf, onVerified }: { nameOf: NameOf; onVerified: () => void }) {
  const [form, setForm] = useState({
    platform: '',
    accountRef: '',
    kind: 'head_of_government',
    name: '',
    country: '',
    note: '',
  });
  const submission = useSubmission();
  const verify = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.run(
      () => api('POST', '/api/figures', { ...form, country: form.country || undefined }),
      `${form.name} is verified as ${roleLabel(form.kind)}.`,
    );
    if (done === undefined) return;
    setForm({ ...form, accountRef: '', name: '', note: '' });
    onVerified();
  };
  const text = (key: 'platform' | 'accountRef' | 'name') => (props: FieldProps) => (
    <input {...props} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
  );
  return (
    <form className="panel wide" aria-label="Verify a public figure" onSubmit={verify} noValidate>
      <h3>Verify a public figure</h3>
      <FormMessages submission={submission} />
      <FieldsOf submission={submission}>
        <Field label="Platform" name="/platform">
          {text('platform')}
        </Field>
        <Field label="Account" name="/accountRef" hint="The account's ID on the platform.">
          {text('accountRef')}
        </Field>
        <Field label="Name" name="/name">
          {text('name')}
        </Field>
        <Field label="Role" name="/kind">
          {(props) => (
            <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {roleLabel(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Country (ISO alpha-3)"
          name="/country"
          hint={form.country.length === 3 ? nameOf(form.country) : 'Three letters, e.g. KEN for Kenya.'}
        >
          {(props) => (
            <input
              {...props}
              value={form.country}
              maxLength={3}
              onChange={(e) => setForm({ ...form, country: e.target.value.toUpperCase() })}
            />
          )}
        </Field>
        <Field label="How it was verified" name="/note">
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={form.note}
              onChange={(e) => setForm({ ...form, note: e.target.value })}
            />
          )}
        </Field>
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Verify
      </button>
    </form>
  );
}
