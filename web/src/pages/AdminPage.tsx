import { useState } from 'react';
import type { TokenList, UserList } from '../../../src/access/contract';
import { LoadState, useLoad } from '../load';
import { useSession } from '../session';
import { peopleOf } from './adminShared';
import { AreaGate } from './AreaGate';
import { AuditLog } from './AuditLog';
import { TokensSection } from './TokensSection';
import { UsersSection } from './UsersSection';
import { WebhooksSection } from './WebhooksSection';
import { MastodonSection } from './MastodonSection';

export function AdminPage() {
  return (
    <AreaGate area="admin">
      <AdminSections />
    </AreaGate>
  );
}

/**
 * Every administrative action has its screen here: users, API tokens, webhooks, connected Mastodon instances, and
 * the audit of all of them.
 */
function AdminSections() {
  const { session } = useSession();
  const users = useLoad<UserList>('/api/users');
  const [changes, setChanges] = useState(0);
  const tokens = useLoad<TokenList>('/api/tokens');
  if (users.state !== 'ready' || tokens.state !== 'ready') {
    return (
      <section>
        <h1>Admin</h1>
        <LoadState load={users.state !== 'ready' ? users : tokens} />
      </section>
    );
  }
  const people = peopleOf(users.value.users);
  const tokenNames = new Map(tokens.value.tokens.map((token) => [token.id, token.name]));
  // The platforms Docket knows: those an integration token acts for, or a liaison answers for.
  const platforms = [
    ...new Set([
      ...tokens.value.tokens.flatMap((token) => (token.platform ? [token.platform] : [])),
      ...users.value.users.flatMap((user) => (user.platform ? [user.platform] : [])),
    ]),
  ].sort();
  // A user's change can revoke their tokens (disabling), so both lists are read again after any change.
  const reload = () => {
    users.reload();
    tokens.reload();
    setChanges((n) => n + 1);
  };
  return (
    <section>
      <h1>Admin</h1>
      <h2>Users</h2>
      <UsersSection users={users.value.users} me={session?.user.id ?? ''} platforms={platforms} onChange={reload} />
      <h2>API tokens</h2>
      <TokensSection
        tokens={tokens.value.tokens}
        users={users.value.users}
        people={people}
        platforms={platforms}
        onChange={reload}
      />
      <h2>Webhooks</h2>
      <WebhooksSection platforms={platforms} onChange={() => setChanges((n) => n + 1)} />
      <h2>Mastodon</h2>
      <MastodonSection platforms={platforms} onChange={() => setChanges((n) => n + 1)} />
      <h2>Audit</h2>
      <AuditLog people={people} tokenNames={tokenNames} changes={changes} />
    </section>
  );
}
