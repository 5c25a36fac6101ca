import { useState, type FormEvent } from 'react';
import type { NewSecretView, TokenView } from '../../../src/access/contract';
import { api } from '../api';
import { day } from '../load';
import { Field, FieldsOf, FormMessages, useSubmission } from '../forms';
import { PlatformField, ShownOnce, type AdminUser, type People } from './adminShared';

const SECRET_HINT =
  'Store it where the integration or script keeps its secrets; it is sent as "Authorization: Bearer <secret>".';

const KINDS = {
  integration: 'Integration: a platform’s systems (reports, subjects, appeals, decisions)',
  user: 'User: a script acting as a staff member, with their roles',
} as const;
type Kind = keyof typeof KINDS;
/** A rotation or revocation asked for and not yet confirmed. */
type Pending = { token: TokenView; action: 'rotate' | 'revoke' };

/** API tokens: create one (its secret shown once), rotate its secret, or revoke it. */
export function TokensSection({
  tokens,
  users,
  people,
  platforms,
  onChange,
}: {
  tokens: TokenView[];
  users: AdminUser[];
  people: People;
  platforms: string[];
  onChange: () => void;
}) {
  const actions = useSubmission();
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  // Both actions stop the current secret working at once, so each asks once more before it is taken.
  const [pending, setPending] = useState<Pending | null>(null);

  const rotate = async (token: TokenView) => {
    setPending(null);
    setSecret(null);
    const done = await actions.run(
      () => api<NewSecretView>('POST', `/api/tokens/${token.id}/rotate`),
      `“${token.name}” has a new secret; the old one no longer works.`,
    );
    if (!done) return;
    setSecret({ title: `New secret of “${token.name}”`, value: done.token });
    onChange();
  };
  const revoke = async (token: TokenView) => {
    setPending(null);
    setSecret(null);
    const done = await actions.run(
      () => api<TokenView>('DELETE', `/api/tokens/${token.id}`),
      `“${token.name}” is revoked: its secret no longer works.`,
    );
    if (done) onChange();
  };

  return (
    <>
      <FormMessages submission={actions} />
      {secret && <ShownOnce title={secret.title} secret={secret.value} hint={SECRET_HINT} />}
      {pending && (
        <ConfirmTokenAction
          pending={pending}
          busy={actions.busy}
          onConfirm={() => (pending.action === 'revoke' ? revoke(pending.token) : rotate(pending.token))}
          onCancel={() => setPending(null)}
        />
      )}
      <TokenTable tokens={tokens} people={people} busy={actions.busy} onAsk={setPending} />
      <CreateToken users={users} platforms={platforms} onChange={onChange} />
    </>
  );
}

function CreateToken({
  users,
  platforms,
  onChange,
}: {
  users: AdminUser[];
  platforms: string[];
  onChange: () => void;
}) {
  const submission = useSubmission();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('integration');
  const [platform, setPlatform] = useState('');
  const [username, setUsername] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const active = users.filter((user) => !user.disabled);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const body = {
      name,
      kind,
      ...(kind === 'integration' ? { platform: platform.trim() || undefined } : { username: username || undefined }),
    };
    const result = await submission.run(
      () => api<NewSecretView>('POST', '/api/tokens', body),
      ({ record }) => `Token “${record.name}” was created. Copy its secret below.`,
    );
    if (!result) return;
    setCreated({ name: result.record.name, secret: result.token });
    setName('');
    setPlatform('');
    setUsername('');
    onChange();
  };

  return (
    <form aria-label="Create an API token" onSubmit={submit} className="panel wide inline-form" noValidate>
      <h3>Create an API token</h3>
      <FormMessages submission={submission} />
      {created && <ShownOnce title={`Secret of “${created.name}”`} secret={created.secret} hint={SECRET_HINT} />}
      <FieldsOf submission={submission}>
        <Field
          label="Token name"
          name="/name"
          hint="What it is for, to tell tokens apart (e.g. “Lumen moderation bridge”)."
        >
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          label="Kind"
          name="/kind"
          hint="An integration token acts for one platform and nothing else; a user token has exactly its user's roles, and stops when they are disabled."
        >
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {(Object.keys(KINDS) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {KINDS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'integration' ? (
          <PlatformField
            hint="The platform whose systems use it: its subjects, reports and decisions only."
            value={platform}
            onValue={setPlatform}
            platforms={platforms}
          />
        ) : (
          <Field label="User" name="/username" hint="The staff member the script acts as.">
            {(props) => (
              <select {...props} value={username} onChange={(e) => setUsername(e.target.value)}>
                <option value="">Choose a user</option>
                {active.map((user) => (
                  <option key={user.id} value={user.username}>
                    {user.displayName} ({user.username})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Create token
      </button>
    </form>
  );
}

/** Asks once more before a token's secret stops working: rotating gives it a new one, revoking ends it. */
function ConfirmTokenAction({
  pending,
  busy,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="notice warn" role="group" aria-label="Confirm">
      <p>
        {pending.action === 'revoke'
          ? `Revoke “${pending.token.name}”? Its secret stops working at once, for good.`
          : `Give “${pending.token.name}” a new secret? The current one stops working at once: whatever uses it needs the new one.`}
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={onConfirm}>
          {pending.action === 'revoke' ? 'Yes, revoke' : 'Yes, rotate'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Every API token: whom it acts for, its prefix, whether it is active, and the buttons to rotate or revoke it. */
function TokenTable({
  tokens,
  people,
  busy,
  onAsk,
}: {
  tokens: TokenView[];
  people: People;
  busy: boolean;
  onAsk: (pending: Pending) => void;
}) {
  return tokens.length === 0 ? (
    <p className="empty">No API tokens yet.</p>
  ) : (
    <table aria-label="API tokens">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Acts for</th>
          <th scope="col">Prefix</th>
          <th scope="col">Created</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td id={`token-${token.id}`}>{token.name}</td>
            <td>{token.kind === 'integration' ? 'Integration' : 'User'}</td>
            <td>
              {token.kind === 'integration' ? token.platform : (people.get(token.userId ?? '') ?? 'a removed user')}
            </td>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{day(token.createdAt)}</td>
            <td>{token.revokedAt ? `Revoked ${day(token.revokedAt)}` : 'Active'}</td>
            <td>
              {!token.revokedAt && (
                <div className="actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-describedby={`token-${token.id}`}
                    onClick={() => onAsk({ token, action: 'rotate' })}
                  >
                    Rotate secret
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-describedby={`token-${token.id}`}
                    onClick={() => onAsk({ token, action: 'revoke' })}
                  >
                    Revoke
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
