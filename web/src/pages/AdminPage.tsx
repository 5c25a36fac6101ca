import { useEffect, useState } from 'react';
import { api, ApiProblem, type ApiToken, type User } from '../api';
import { AreaGate } from './AreaGate';

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

function useLoad<T>(path: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    api<T>('GET', path).then(
      (value) => setLoad({ state: 'ready', value }),
      (error: unknown) => setLoad({ state: 'failed', message: error instanceof ApiProblem ? error.message : 'The server could not be reached.' }),
    );
  }, [path]);
  return load;
}

const date = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });

export function AdminPage() {
  return (
    <AreaGate area="admin">
      <section>
        <h1>Admin</h1>
        <h2>Users</h2>
        <UsersTable />
        <h2>API tokens</h2>
        <TokensTable />
      </section>
    </AreaGate>
  );
}

function UsersTable() {
  const load = useLoad<{ users: User[] }>('/api/users');
  if (load.state !== 'ready') return <LoadState load={load} />;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Roles</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {load.value.users.map((user) => (
          <tr key={user.id}>
            <td>{user.username}</td>
            <td>{user.displayName}</td>
            <td>{user.roles.join(', ')}</td>
            <td>{user.disabled ? 'Disabled' : user.mustChangePassword ? 'Must change password' : 'Active'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TokensTable() {
  const load = useLoad<{ tokens: ApiToken[] }>('/api/tokens');
  if (load.state !== 'ready') return <LoadState load={load} />;
  if (load.value.tokens.length === 0) return <p className="empty">No API tokens. Create one with `docket token create`.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Platform</th>
          <th scope="col">Prefix</th>
          <th scope="col">Created</th>
          <th scope="col">Revoked</th>
        </tr>
      </thead>
      <tbody>
        {load.value.tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            <td>{token.kind}</td>
            <td>{token.platform ?? '—'}</td>
            <td>
              <code>{token.prefix}…</code>
            </td>
            <td>{date(token.createdAt)}</td>
            <td>{token.revokedAt ? date(token.revokedAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LoadState({ load }: { load: Load<unknown> }) {
  if (load.state === 'failed') return <p className="alert">{load.message}</p>;
  return <p className="loading">Loading…</p>;
}
