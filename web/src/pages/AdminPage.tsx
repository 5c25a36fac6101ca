import type { ApiToken, User } from '../api';
import { AreaGate } from './AreaGate';
import { AuditLog } from './AuditLog';
import { LoadState, useLoad } from '../load';

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
        <h2>Webhook deliveries</h2>
        <DeliveriesTable />
        <h2>Audit</h2>
        <AuditLog />
      </section>
    </AreaGate>
  );
}

function UsersTable() {
  const load = useLoad<{ users: User[] }>('/api/users');
  if (load.state !== 'ready') return <LoadState load={load} />;
  return (
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
    <table aria-label="API tokens">
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


interface Delivery {
  messageId: string;
  platform: string;
  type: string;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
  state: 'delivered' | 'retrying' | 'failed';
  nextAttemptAt: string | null;
}

/** Every attempt to send a webhook to a platform, newest first. */
function DeliveriesTable() {
  const load = useLoad<{ deliveries: Delivery[] }>('/api/webhooks/deliveries?limit=50');
  if (load.state !== 'ready') return <LoadState load={load} />;
  if (load.value.deliveries.length === 0) return <p className="empty">No webhook has been sent yet. Set a platform's endpoint with PUT /api/webhooks/&#123;platform&#125;.</p>;
  return (
    <table aria-label="Webhook deliveries">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Platform</th>
          <th scope="col">Event</th>
          <th scope="col">Attempt</th>
          <th scope="col">Answer</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {load.value.deliveries.map((d) => (
          <tr key={`${d.messageId}-${d.attempt}`}>
            <td>{date(d.at)}</td>
            <td>{d.platform}</td>
            <td>{d.type}</td>
            <td className="num">{d.attempt}</td>
            <td>{d.status ?? d.error ?? '—'}{d.status && d.error ? ` (${d.error})` : ''}</td>
            <td>{d.state}{d.nextAttemptAt ? `, next try ${date(d.nextAttemptAt)}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
