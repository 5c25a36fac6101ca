import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../src/core/event-log.js';
import { rowsOf } from '../src/store/migrate.js';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import { createDocket } from '../src/app.js';
import { INTEGRATION_TOKEN_MEMORY_MS } from '../src/access/service.js';
import { describeEachStore, openTestDocket, testConfig } from './stores.js';
import type { CreatedUser, NewSecretView, PasswordResetView, SessionView, UserView } from '../src/access/contract.js';

const ROOT_PASSWORD = 'root password 1';
const OTHER_ADMIN_PASSWORD = 'second admin password';
const MOD_PASSWORD = 'moderator password';
const MISSING = '0190a000-0000-7000-8000-00000000ffff';

describeEachStore('administering users and tokens through the API', (kind) => {
  let server: TestServer;
  let root: Client;
  let moderator: Client;
  let rootId: string;
  let otherAdminId: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    const { access } = server.docket;
    rootId = (
      await access.createUser('system:test', {
        username: 'root',
        displayName: 'Rita Root',
        roles: ['admin'],
        password: ROOT_PASSWORD,
      })
    ).user.id;
    otherAdminId = (
      await access.createUser('system:test', { username: 'second', roles: ['admin'], password: OTHER_ADMIN_PASSWORD })
    ).user.id;
    await access.createUser('system:test', { username: 'mod', roles: ['moderator'], password: MOD_PASSWORD });
    root = await server.signIn('root', ROOT_PASSWORD);
    moderator = await server.signIn('mod', MOD_PASSWORD);
  });
  afterAll(() => server.close());

  const head = async (): Promise<number> =>
    Number(
      rowsOf<{ seq: number }>(await server.docket.store.db.execute(sql`select seq from event_log_head`))[0]?.seq ?? 0,
    );
  const eventsAfter = async (seq: number) =>
    (await readEvents(server.docket.store.db, { after: seq, limit: 100 })).entries;
  /** Everything a refused request must leave as it was: the log, the row counts, and the users' and tokens' rows. */
  const everything = async (): Promise<string> => {
    const rows = rowsOf(
      await server.docket.store.db.execute(sql`
      select (select json_agg(u order by u.id) from users u) as users,
             (select json_agg(t order by t.id) from api_tokens t) as tokens,
             (select count(*)::int from sessions) as sessions`),
    );
    return `${await server.written()} ${JSON.stringify(rows)}`;
  };
  const newUser = async (username: string, roles = ['moderator']) => {
    const response = await root.request('POST', '/api/users', { username, roles });
    expect(response.statusCode, response.body).toBe(201);
    const { user, oneTimePassword } = response.json<CreatedUser>();
    if (oneTimePassword === null) throw new Error('no one-time password');
    return { user, oneTimePassword };
  };
  /** A user who has replaced their one-time password and is signed in. */
  const activeUser = async (username: string) => {
    const { user, oneTimePassword } = await newUser(username);
    const first = await server.signIn(username, oneTimePassword);
    const password = `${username} chosen password`;
    const changed = await first.request('POST', '/api/session/password', {
      currentPassword: oneTimePassword,
      newPassword: password,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    return { id: user.id, password, client: await server.signIn(username, password) };
  };

  describe('PATCH /api/users/:id', () => {
    it('changes name, region and roles, each an event naming what it was before where it matters', async () => {
      const { user } = await newUser('elena');
      const before = await head();
      const response = await root.request('PATCH', `/api/users/${user.id}`, {
        displayName: 'Elena Vasquez',
        region: 'europe',
        roles: ['board_member', 'moderator'],
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        id: user.id,
        displayName: 'Elena Vasquez',
        region: 'europe',
        roles: ['board_member', 'moderator'],
        disabled: false,
      });
      const events = await eventsAfter(before);
      expect(events.map((e) => [e.type, e.actor, e.stream])).toEqual([
        ['user.details_changed', `user:${rootId}`, `user/${user.id}`],
        ['user.roles_changed', `user:${rootId}`, `user/${user.id}`],
      ]);
      expect(events[1]?.payload).toEqual({
        userId: user.id,
        roles: ['board_member', 'moderator'],
        previousRoles: ['moderator'],
        platform: null,
      });
      const again = await head();
      expect(
        (await root.request('PATCH', `/api/users/${user.id}`, { roles: ['moderator', 'board_member'] })).statusCode,
      ).toBe(200);
      expect(await head()).toBe(again);
    });

    it('makes a liaison only with the platform they act for, and drops it when they stop being one', async () => {
      const { user } = await newUser('lena');
      const refused = await root.request('PATCH', `/api/users/${user.id}`, { roles: ['platform_liaison'] });
      expect(refused.statusCode).toBe(400);
      expect(problemOf(refused)).toMatchObject({
        detail: 'a platform liaison needs the platform they act for',
        errors: [{ field: '/platform', message: 'is required for a platform liaison' }],
      });
      expect(
        (
          await root.request('PATCH', `/api/users/${user.id}`, { roles: ['platform_liaison'], platform: 'lumen' })
        ).json<UserView>(),
      ).toMatchObject({ platform: 'lumen' });
      expect(
        (await root.request('PATCH', `/api/users/${user.id}`, { roles: ['moderator'] })).json<UserView>(),
      ).toMatchObject({
        roles: ['moderator'],
        platform: null,
      });
    });

    it('disables an account: it cannot sign in, its sessions end and its user tokens are revoked; re-enabled, it signs in again', async () => {
      const { id, password, client } = await activeUser('dora');
      const token = (
        await root.request('POST', '/api/tokens', { name: 'dora script', kind: 'user', username: 'dora' })
      ).json<NewSecretView>();
      const bearer = { authorization: `Bearer ${token.token}` };
      expect((await server.app.inject({ method: 'GET', url: '/api/session', headers: bearer })).statusCode).toBe(200);
      const before = await head();

      const disabled = await root.request('PATCH', `/api/users/${id}`, { disabled: true });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json<UserView>()).toMatchObject({ disabled: true });
      expect((await eventsAfter(before)).map((e) => [e.type, e.payload])).toEqual([
        ['token.revoked', { tokenId: token.record.id, reason: 'user_disabled' }],
        ['user.disabled', { userId: id, sessionsEnded: 2, tokensRevoked: [token.record.id] }],
      ]);
      expect((await client.request('GET', '/api/session')).statusCode).toBe(401);
      expect((await server.app.inject({ method: 'GET', url: '/api/session', headers: bearer })).statusCode).toBe(401);
      const signIn = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'dora', password },
      });
      expect(signIn.statusCode).toBe(401);
      expect(problemOf(signIn).code).toBe('invalid_credentials');

      const enabled = await root.request('PATCH', `/api/users/${id}`, { disabled: false });
      expect(enabled.json<UserView>()).toMatchObject({ disabled: false });
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'dora', password } }))
          .statusCode,
      ).toBe(200);
      // A token revoked with the account stays revoked.
      expect((await server.app.inject({ method: 'GET', url: '/api/session', headers: bearer })).statusCode).toBe(401);
    });

    it('refuses an administrator disabling themself or removing their own admin role, and writes nothing', async () => {
      const before = await everything();
      const disable = await root.request('PATCH', `/api/users/${rootId}`, { disabled: true });
      expect(disable.statusCode).toBe(403);
      expect(problemOf(disable)).toMatchObject({ code: 'forbidden', errors: [{ field: '/disabled' }] });
      const demote = await root.request('PATCH', `/api/users/${rootId}`, { roles: ['moderator'] });
      expect(demote.statusCode).toBe(403);
      expect(problemOf(demote)).toMatchObject({
        code: 'forbidden',
        detail: 'you cannot remove your own administrator role: another administrator must',
      });
      expect(await everything()).toBe(before);
      // Another administrator may; and keeping one's own admin role while gaining another is fine.
      expect((await root.request('PATCH', `/api/users/${rootId}`, { roles: ['admin', 'policy'] })).statusCode).toBe(
        200,
      );
      expect(
        (await root.request('PATCH', `/api/users/${otherAdminId}`, { roles: ['policy'] })).json<UserView>(),
      ).toMatchObject({
        roles: ['policy'],
      });
    });

    it('takes two administrators disabling or demoting each other at once one after the other, and refuses the second', async () => {
      const { access } = server.docket;
      const made = async (username: string) =>
        (await access.createUser('system:test', { username, roles: ['admin'], password: `${username} password 1` }))
          .user.id;
      const [ann, ben] = [await made('ann'), await made('ben')];
      const crossed = await Promise.allSettled([
        access.updateUser(`user:${ann}`, ben, { disabled: true }),
        access.updateUser(`user:${ben}`, ann, { roles: ['moderator'] }),
      ]);
      expect(crossed.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = crossed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(refused?.reason).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('no longer an active administrator'),
      });
      const left = (await access.listUsers()).filter((user) => user.id === ann || user.id === ben);
      expect(left.filter((user) => user.roles.includes('admin') && !user.disabled)).toHaveLength(1);
    });

    it('refuses bad input with the field at fault, and writes nothing', async () => {
      const { user } = await newUser('bad-input');
      const before = await everything();
      const cases: [body: unknown, field: string][] = [
        [{}, ''],
        [{ roles: [] }, '/roles'],
        [{ roles: ['emperor'] }, '/roles/0'],
        [{ displayName: '' }, '/displayName'],
        [{ disabled: 'yes' }, '/disabled'],
        [{ username: 'renamed' }, '/username'],
      ];
      for (const [body, field] of cases) {
        const response = await root.request('PATCH', `/api/users/${user.id}`, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        const problem = problemOf(response);
        expect(problem.code).toBe('validation_failed');
        if (field)
          expect(
            problem.errors?.map((e) => e.field),
            JSON.stringify(body),
          ).toContain(field);
      }
      expect((await root.request('PATCH', `/api/users/${user.id}`, { displayName: '   ' })).statusCode).toBe(400);
      expect((await root.request('PATCH', `/api/users/${MISSING}`, { disabled: true })).statusCode).toBe(404);
      expect((await root.request('PATCH', '/api/users/not-an-id', { disabled: true })).statusCode).toBe(400);
      expect(await everything()).toBe(before);
    });

    it('is for administrators only', async () => {
      const before = await everything();
      const refused = await moderator.request('PATCH', `/api/users/${rootId}`, { disabled: true });
      expect(refused.statusCode).toBe(403);
      expect(problemOf(refused).code).toBe('forbidden');
      expect((await moderator.request('POST', `/api/users/${rootId}/password-reset`)).statusCode).toBe(403);
      expect(await everything()).toBe(before);
    });
  });

  describe('POST /api/users/:id/password-reset', () => {
    it('gives a new one-time password, shown once, that must be changed at the next sign-in, and ends the sessions', async () => {
      // Two sessions: the one that changed the one-time password, and the one after.
      const { id, password, client } = await activeUser('resetme');
      const before = await head();
      const response = await root.request('POST', `/api/users/${id}/password-reset`);
      expect(response.statusCode, response.body).toBe(200);
      const { user, oneTimePassword } = response.json<PasswordResetView>();
      expect(user.mustChangePassword).toBe(true);
      expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
      const events = await eventsAfter(before);
      expect(events.map((e) => [e.type, e.payload])).toEqual([
        ['user.password_changed', { userId: id, by: 'admin', sessionsEnded: 2 }],
      ]);
      expect(JSON.stringify(events)).not.toContain(oneTimePassword);

      expect((await client.request('GET', '/api/session')).statusCode).toBe(401);
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'resetme', password } }))
          .statusCode,
      ).toBe(401);
      const fresh = await server.signIn('resetme', oneTimePassword);
      expect((await fresh.request('GET', '/api/session')).json<SessionView>()).toMatchObject({
        mustChangePassword: true,
      });
    });

    it("refuses to reset the administrator's own password, and an unknown user, writing nothing", async () => {
      const before = await everything();
      const own = await root.request('POST', `/api/users/${rootId}/password-reset`);
      expect(own.statusCode).toBe(403);
      expect(problemOf(own).detail).toContain('change it on the password page');
      expect((await root.request('POST', `/api/users/${MISSING}/password-reset`)).statusCode).toBe(404);
      expect(await everything()).toBe(before);
    });
  });

  describe('POST /api/tokens/:id/rotate', () => {
    it('gives a new secret once; the old one is refused at once; one event', async () => {
      const created = (
        await root.request('POST', '/api/tokens', { name: 'lumen', kind: 'integration', platform: 'lumen' })
      ).json<NewSecretView>();
      const asBearer = (secret: string) =>
        server.app.inject({ method: 'GET', url: '/api/decisions', headers: { authorization: `Bearer ${secret}` } });
      expect((await asBearer(created.token)).statusCode).toBe(200);
      const before = await head();
      const rotated = await root.request('POST', `/api/tokens/${created.record.id}/rotate`);
      expect(rotated.statusCode, rotated.body).toBe(200);
      const { token, record } = rotated.json<NewSecretView>();
      expect(token).not.toBe(created.token);
      expect(record).toMatchObject({ id: created.record.id, name: 'lumen', prefix: token.slice(0, 10) });
      const events = await eventsAfter(before);
      expect(events.map((e) => [e.type, e.stream, e.payload])).toEqual([
        ['token.rotated', `token/${record.id}`, { tokenId: record.id, prefix: record.prefix }],
      ]);
      expect(JSON.stringify(events)).not.toContain(token);
      const old = await asBearer(created.token);
      expect(old.statusCode).toBe(401);
      expect(problemOf(old).code).toBe('invalid_token');
      expect((await asBearer(token)).statusCode).toBe(200);
    });

    it('refuses a revoked or unknown token and a non-administrator, writing nothing', async () => {
      const created = (
        await root.request('POST', '/api/tokens', { name: 'short-lived', kind: 'integration', platform: 'lumen' })
      ).json<NewSecretView>();
      await root.request('DELETE', `/api/tokens/${created.record.id}`);
      const before = await everything();
      const revoked = await root.request('POST', `/api/tokens/${created.record.id}/rotate`);
      expect(revoked.statusCode).toBe(404);
      expect(problemOf(revoked).code).toBe('not_found');
      expect((await root.request('POST', `/api/tokens/${MISSING}/rotate`)).statusCode).toBe(404);
      expect((await root.request('POST', '/api/tokens/not-an-id/rotate')).statusCode).toBe(400);
      expect((await moderator.request('POST', `/api/tokens/${created.record.id}/rotate`)).statusCode).toBe(403);
      expect(await everything()).toBe(before);
    });
  });

  it('documents what each kind of token is for at /api/docs', async () => {
    const spec = (await server.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { description?: string; requestBody?: unknown }>>;
    };
    const create = spec.paths['/api/tokens']?.post;
    expect(create?.description).toContain("`integration`: a platform's own systems");
    expect(JSON.stringify(create?.requestBody)).toContain('`user`: a script acting as a staff member');
    expect(spec.paths['/api/tokens/{id}/rotate']?.post).toBeDefined();
    expect(spec.paths['/api/users/{id}']?.patch).toBeDefined();
  });
});

describeEachStore('a revoked integration token', (kind) => {
  it('is refused at once by the process that revoked it, and within a second by every other', async () => {
    const docket = await openTestDocket(kind);
    // On PostgreSQL a second Docket on the same database, as another process would be; embedded, one process.
    const other =
      kind === 'postgres' ? await createDocket({ config: testConfig(), store: await docket.another() }) : null;
    try {
      const { token, record } = await docket.access.createToken('system:test', {
        name: 'Lumen',
        kind: 'integration',
        platform: 'lumen',
      });
      expect(await docket.access.principalForBearer(token)).toMatchObject({ kind: 'integration', platform: 'lumen' });
      if (other) expect(await other.access.principalForBearer(token)).toMatchObject({ kind: 'integration' });
      await docket.access.revokeToken('system:test', record.id);
      expect(await docket.access.principalForBearer(token)).toBeNull();
      if (other) {
        await new Promise((resolve) => setTimeout(resolve, INTEGRATION_TOKEN_MEMORY_MS + 100));
        expect(await other.access.principalForBearer(token)).toBeNull();
      }
    } finally {
      await other?.store.close();
      await docket.close();
    }
  }, 60_000);
});
