import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CreatedUser, PasswordResetView } from '../../../src/access/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../src/core/roles';
import { api } from '../api';
import { REGIONS } from '../../../src/board/rules';
import { label } from '../board/label';
import { Field, FieldsOf, FormMessages, useSubmission, type Submission } from '../forms';
import { PlatformField, ShownOnce, type AdminUser } from './adminShared';

const ONE_TIME_HINT =
  'Give it to them by a safe channel; they must choose their own password when they first sign in with it.';

/** Users: create them, and change a user's name, roles, platform, whether they may sign in, or their password. */
export function UsersSection({
  users,
  me,
  platforms,
  onChange,
}: {
  users: AdminUser[];
  me: string;
  platforms: string[];
  onChange: () => void;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const chosen = users.find((user) => user.id === selected);
  return (
    <>
      <p className="muted">
        Choose a name to change that person’s roles, disable their account or reset their password.
      </p>
      <table aria-label="Users">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.username}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={user.id === selected}
                  onClick={() => setSelected(user.id === selected ? null : user.id)}
                >
                  {user.displayName}
                </button>
              </td>
              <td>{user.roles.join(', ')}</td>
              <td>{user.disabled ? 'Disabled' : user.mustChangePassword ? 'Must change password' : 'Active'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chosen && (
        <ManageUser key={chosen.id} user={chosen} isMe={chosen.id === me} platforms={platforms} onChange={onChange} />
      )}
      <CreateUser platforms={platforms} onChange={onChange} />
    </>
  );
}

interface AccountFields {
  roles: Role[];
  region: string;
  platform: string;
}

/** The part of a user's account that depends on their roles: the roles, and the region or platform they need. */
function RoleFields({
  submission,
  value,
  onValue,
  platforms,
  lockAdmin,
}: {
  submission: Submission;
  value: AccountFields;
  onValue: (next: AccountFields) => void;
  platforms: string[];
  lockAdmin: boolean;
}) {
  const id = useId();
  const problem = Object.entries(submission.fields).find(
    ([field]) => field === '/roles' || field.startsWith('/roles/'),
  )?.[1];
  const toggle = (role: Role, on: boolean) =>
    onValue({ ...value, roles: on ? [...value.roles, role] : value.roles.filter((r) => r !== role) });
  return (
    <>
      <fieldset
        className={problem ? 'field invalid' : 'field'}
        aria-describedby={[lockAdmin ? `${id}-hint` : '', problem ? `${id}-error` : ''].join(' ').trim() || undefined}
      >
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="inline">
            <input
              type="checkbox"
              checked={value.roles.includes(role)}
              disabled={lockAdmin && role === 'admin'}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            {ROLE_LABELS[role]}
          </label>
        ))}
        {lockAdmin && (
          <span id={`${id}-hint`} className="hint">
            You cannot remove your own administrator role: another administrator must.
          </span>
        )}
        {problem && (
          <span id={`${id}-error`} className="field-error">
            Roles {problem}
          </span>
        )}
      </fieldset>
      {value.roles.includes('board_member') && (
        <Field
          label="Region"
          name="/region"
          hint="The region a board member comes from: every panel seats at least one member from the case's region."
        >
          {(props) => (
            <select {...props} value={value.region} onChange={(e) => onValue({ ...value, region: e.target.value })}>
              <option value="">None</option>
              {REGIONS.map((region) => (
                <option key={region} value={region}>
                  {label(region)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {value.roles.includes('platform_liaison') && (
        <PlatformField
          hint="The platform this liaison answers the board for."
          value={value.platform}
          onValue={(platform) => onValue({ ...value, platform })}
          platforms={platforms}
        />
      )}
    </>
  );
}

/** What the roles need, as the API takes it: a region only for a board member, a platform only for a liaison. */
const roleBody = (value: AccountFields) => ({
  roles: value.roles,
  ...(value.roles.includes('board_member') && value.region ? { region: value.region } : {}),
  ...(value.roles.includes('platform_liaison') && value.platform.trim() ? { platform: value.platform.trim() } : {}),
});

function CreateUser({ platforms, onChange }: { platforms: string[]; onChange: () => void }) {
  const submission = useSubmission();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [account, setAccount] = useState<AccountFields>({ roles: ['moderator'], region: '', platform: '' });
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const body = { username, ...(displayName.trim() ? { displayName: displayName.trim() } : {}), ...roleBody(account) };
    const result = await submission.run(
      () => api<CreatedUser>('POST', '/api/users', body),
      ({ user }) =>
        `${user.displayName} (${user.username}) was created and can sign in with the one-time password below.`,
    );
    if (!result) return;
    // The console sends no password, so the server always generates one.
    setCreated({ name: result.user.displayName, password: result.oneTimePassword ?? '' });
    setUsername('');
    setDisplayName('');
    setAccount({ roles: ['moderator'], region: '', platform: '' });
    onChange();
  };
  return (
    <form aria-label="Create a user" onSubmit={submit} className="panel wide inline-form" noValidate>
      <h3>Create a user</h3>
      <FormMessages submission={submission} />
      {created && (
        <ShownOnce title={`One-time password for ${created.name}`} secret={created.password} hint={ONE_TIME_HINT} />
      )}
      <FieldsOf submission={submission}>
        <Field
          label="Username"
          name="/username"
          hint="2 to 40 characters: lower-case letters, digits, dot, dash or underscore."
        >
          {(props) => (
            <input {...props} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field
          label="Display name"
          name="/displayName"
          hint="How the console names them; the username when left empty."
        >
          {(props) => <input {...props} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <RoleFields
          submission={submission}
          value={account}
          onValue={setAccount}
          platforms={platforms}
          lockAdmin={false}
        />
      </FieldsOf>
      <button type="submit" disabled={submission.busy}>
        Create user
      </button>
    </form>
  );
}

function ManageUser({
  user,
  isMe,
  platforms,
  onChange,
}: {
  user: AdminUser;
  isMe: boolean;
  platforms: string[];
  onChange: () => void;
}) {
  const details = useSubmission();
  const account = useSubmission();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [fields, setFields] = useState<AccountFields>({
    roles: user.roles as Role[],
    region: user.region ?? '',
    platform: user.platform ?? '',
  });
  const [oneTime, setOneTime] = useState<string | null>(null);
  const name = user.displayName;
  // The panel opens below a long table: bring it into view and put the focus on it, so it is not missed.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Unlike at creation, an emptied region or platform is sent as null: it clears what the user had.
    const body = {
      displayName: displayName.trim(),
      roles: fields.roles,
      ...(fields.roles.includes('board_member') ? { region: fields.region || null } : {}),
      ...(fields.roles.includes('platform_liaison') ? { platform: fields.platform.trim() || null } : {}),
    };
    const saved = await details.run(
      () => api<AdminUser>('PATCH', `/api/users/${user.id}`, body),
      (next) => `${next.displayName}’s account was saved.`,
    );
    if (saved) onChange();
  };
  const setDisabled = async (disabled: boolean) => {
    setOneTime(null);
    const done = await account.run(
      () => api<AdminUser>('PATCH', `/api/users/${user.id}`, { disabled }),
      disabled
        ? `${name}’s account is disabled: their sessions ended and their user tokens were revoked.`
        : `${name} may sign in again.`,
    );
    if (done) onChange();
  };
  const resetPassword = async () => {
    const done = await account.run(
      () => api<PasswordResetView>('POST', `/api/users/${user.id}/password-reset`),
      `${name}’s password was reset and their sessions ended: give them the one-time password below.`,
    );
    if (!done) return;
    setOneTime(done.oneTimePassword);
    onChange();
  };

  return (
    <section className="panel wide" aria-label={`Manage ${name}`}>
      <h3 ref={heading} tabIndex={-1}>
        {name} <span className="muted">({user.username})</span>
      </h3>
      <form aria-label={`Change ${name}’s account`} onSubmit={save} className="inline-form" noValidate>
        <FormMessages submission={details} />
        <FieldsOf submission={details}>
          <Field label="Display name" name="/displayName">
            {(props) => <input {...props} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
          <RoleFields submission={details} value={fields} onValue={setFields} platforms={platforms} lockAdmin={isMe} />
        </FieldsOf>
        <button type="submit" disabled={details.busy}>
          Save changes
        </button>
      </form>
      <h4>Sign-in</h4>
      <FormMessages submission={account} />
      {oneTime && <ShownOnce title={`One-time password for ${name}`} secret={oneTime} hint={ONE_TIME_HINT} />}
      {isMe ? (
        <p className="muted">
          This is your own account: another administrator can disable it or reset its password. Change your own password
          on the password page.
        </p>
      ) : (
        <div className="actions">
          {user.disabled ? (
            <button type="button" disabled={account.busy} onClick={() => setDisabled(false)}>
              Re-enable account
            </button>
          ) : (
            <button type="button" disabled={account.busy} onClick={() => setDisabled(true)}>
              Disable account
            </button>
          )}
          <button type="button" className="secondary" disabled={account.busy} onClick={resetPassword}>
            Reset password
          </button>
        </div>
      )}
      <p className="muted">
        Disabling ends their sessions and revokes their user tokens at once; re-enabling lets them sign in again, but
        revoked tokens stay revoked. A reset gives them a one-time password to replace at their next sign-in, and ends
        their sessions.
      </p>
    </section>
  );
}
