import { Type } from 'typebox';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from './stores.js';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import type { EventsAnswer, LogVerifyAnswer, PublicLogDocument } from '../src/transparency/public-log/contract.js';
import type { PublicSummary } from '../src/transparency/site/contract.js';
import type { CreatedUser, NewSecretView, SessionView, TokenList } from '../src/access/contract.js';
import type { SubjectAnswer } from '../src/moderation/contract.js';

describeEachStore('HTTP foundation', (kind) => {
  let server: TestServer;
  let admin: Client;
  let moderator: Client;
  let integrationToken: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    const { access } = server.docket;
    await access.createUser('system:test', { username: 'root', roles: ['admin'], password: 'admin password 1' });
    await access.createUser('system:test', { username: 'mod', roles: ['moderator'], password: 'moderator password' });
    admin = await server.signIn('root', 'admin password 1');
    moderator = await server.signIn('mod', 'moderator password');
    integrationToken = (
      await access.createToken('system:test', { name: 'Demo platform', kind: 'integration', platform: 'demo' })
    ).token;
  });
  afterAll(() => server.close());

  describe('operations', () => {
    it('answers liveness and readiness', async () => {
      expect((await server.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await server.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', store: kind });
    });

    it('serves an OpenAPI 3 document that covers every API route and its errors', async () => {
      const doc = (await server.app.inject({ url: '/api/docs/json' })).json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/session', '/api/users', '/api/tokens', '/api/subjects', '/api/log/verify']),
      );
      const problem = doc.paths['/api/users'].post.responses['4XX'].content['application/problem+json'].schema;
      expect(problem).toEqual({ $ref: '#/components/schemas/Problem' });
      expect(doc.components.schemas.Problem.properties.code.enum).toContain('validation_failed');
      expect(doc.paths['/api/users'].post.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect((await server.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
    });

    it('tells the public, without signing in, how long the record is and where it ends', async () => {
      const summary = (await server.app.inject({ url: '/api/public/summary' })).json<PublicSummary>();
      const report = (await admin.request('GET', '/api/log/verify')).json<LogVerifyAnswer>();
      expect(summary).toMatchObject({
        name: 'Docket',
        version: expect.any(String),
        log: { entries: report.head.seq, head: report.head.hash },
      });
      expect(summary.publicLog).toEqual(
        (({ seq, hash }) => ({ entries: seq, head: hash }))(
          (await server.app.inject({ url: '/public/log?limit=1' })).json<PublicLogDocument>().head,
        ),
      );
      expect(summary.record).toEqual({
        boardDecisions: 0,
        recommendations: 0,
        awaitingResponse: 0,
        responsesOverdue: 0,
        implementationOverdue: 0,
        activeDesignations: 0,
      });
    });

    it('echoes a caller’s request id and makes one otherwise', async () => {
      const mine = await server.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
      expect(mine.headers['x-request-id']).toBe('abc-123');
      const made = await server.app.inject({ url: '/healthz' });
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers an unknown API path with a problem', async () => {
      const response = await server.app.inject({ url: '/api/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(problemOf(response).code).toBe('not_found');
    });
  });

  describe('sessions', () => {
    it('signs in and reports the areas and permissions of the role', async () => {
      const response = await moderator.request('GET', '/api/session');
      expect(response.statusCode).toBe(200);
      expect(response.json<SessionView>()).toMatchObject({
        user: { username: 'mod', roles: ['moderator'] },
        areas: ['queue'],
        mustChangePassword: false,
      });
      const adminSession = (await admin.request('GET', '/api/session')).json<SessionView>();
      expect(adminSession.areas).toEqual(['transparency', 'admin']);
    });

    it('sets an HttpOnly, SameSite cookie', async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'mod', password: 'moderator password' },
      });
      const cookie = response.cookies.find((c) => c.name === 'docket_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    });

    it('refuses a wrong password with the same answer as an unknown user', async () => {
      const wrong = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'mod', password: 'not it at all' },
      });
      const unknown = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'nobody', password: 'not it at all' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(problemOf(wrong)).toMatchObject({ code: 'invalid_credentials', detail: 'wrong username or password' });
      expect(problemOf(unknown)).toMatchObject({ code: 'invalid_credentials', detail: 'wrong username or password' });
    });

    it('locks an account after repeated failures', async () => {
      await server.docket.access.createUser('system:test', {
        username: 'target',
        roles: ['moderator'],
        password: 'target password',
      });
      for (let i = 0; i < 5; i++) {
        await server.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'target', password: 'guess number ' + i },
        });
      }
      const locked = await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'target', password: 'target password' },
      });
      expect(locked.statusCode).toBe(429);
      expect(problemOf(locked).code).toBe('too_many_attempts');
    });

    it('makes a user with a one-time password change it before anything else', async () => {
      const created = await admin.request('POST', '/api/users', { username: 'fresh', roles: ['moderator'] });
      expect(created.statusCode).toBe(201);
      const oneTime = created.json<CreatedUser>().oneTimePassword ?? '';
      const fresh = await server.signIn('fresh', oneTime);
      const blocked = await fresh.request('GET', '/api/subjects');
      expect(blocked.statusCode).toBe(403);
      expect(problemOf(blocked).code).toBe('password_change_required');
      const changed = await fresh.request('POST', '/api/session/password', {
        currentPassword: oneTime,
        newPassword: 'my own new password',
      });
      expect(changed.statusCode).toBe(204);
      expect((await fresh.request('GET', '/api/subjects')).statusCode).toBe(200);
    });

    it('signs out', async () => {
      const client = await server.signIn('mod', 'moderator password');
      expect((await client.request('DELETE', '/api/session')).statusCode).toBe(204);
      expect((await client.request('GET', '/api/session')).statusCode).toBe(401);
    });
  });

  describe('bad input writes nothing', () => {
    const refused = async (response: Promise<LightMyRequestResponse>, status: number, code: string) => {
      const before = await server.written();
      const answer = await response;
      expect(answer.statusCode).toBe(status);
      expect(problemOf(answer).code).toBe(code);
      expect(await server.written()).toBe(before);
      return problemOf(answer);
    };

    it('malformed JSON', async () => {
      await refused(admin.request('POST', '/api/users', '{"username": "x", '), 400, 'malformed_json');
    });

    it('a wrong type, naming the field', async () => {
      const problem = await refused(
        admin.request('POST', '/api/users', { username: 'typed', roles: 'moderator' }),
        400,
        'validation_failed',
      );
      expect(problem.errors).toContainEqual({ field: '/roles', message: 'must be of type array' });
    });

    it('a number where a string belongs is not converted', async () => {
      await refused(
        admin.request('POST', '/api/users', { username: 12345, roles: ['moderator'] }),
        400,
        'validation_failed',
      );
    });

    it('an unknown field', async () => {
      const problem = await refused(
        admin.request('POST', '/api/users', { username: 'extra', roles: ['moderator'], isAdmin: true }),
        400,
        'validation_failed',
      );
      expect(problem.errors).toContainEqual({ field: '/isAdmin', message: 'unknown field in the body' });
    });

    it('an unknown role', async () => {
      await refused(
        admin.request('POST', '/api/users', { username: 'roleless', roles: ['superuser'] }),
        400,
        'validation_failed',
      );
    });

    it('a body over 1 MB', async () => {
      const big = JSON.stringify({ externalId: 'big', kind: 'content', body: 'x'.repeat(1_100_000) });
      await refused(
        server.app.inject({
          method: 'POST',
          url: '/api/subjects',
          payload: big,
          headers: { authorization: `Bearer ${integrationToken}`, 'content-type': 'application/json' },
        }),
        413,
        'body_too_large',
      );
    });

    it('a body that is not JSON', async () => {
      await refused(
        admin.request('POST', '/api/users', 'username=x', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
      );
    });

    it('a bad bearer token', async () => {
      await refused(
        server.app.inject({
          method: 'POST',
          url: '/api/subjects',
          payload: { externalId: 'a', kind: 'content' },
          headers: { authorization: 'Bearer dkt_not-a-real-token' },
        }),
        401,
        'invalid_token',
      );
    });

    it('no credentials at all', async () => {
      await refused(
        server.app.inject({ method: 'POST', url: '/api/users', payload: { username: 'anon', roles: ['admin'] } }),
        401,
        'unauthenticated',
      );
    });

    it('a missing role', async () => {
      await refused(
        moderator.request('POST', '/api/users', { username: 'escalate', roles: ['admin'] }),
        403,
        'forbidden',
      );
      await refused(
        moderator.request('POST', '/api/tokens', { name: 'mine', kind: 'integration', platform: 'x' }),
        403,
        'forbidden',
      );
    });

    it('a person cannot push subjects; only a platform integration can', async () => {
      await refused(
        moderator.request('POST', '/api/subjects', { externalId: 'p1', kind: 'content' }),
        403,
        'forbidden',
      );
    });

    it('a state change without the CSRF token', async () => {
      await refused(
        admin.request('POST', '/api/users', { username: 'csrf', roles: ['moderator'] }, { 'x-csrf-token': 'forged' }),
        403,
        'csrf_failed',
      );
    });

    it('a duplicate username', async () => {
      await refused(
        admin.request('POST', '/api/users', { username: 'mod', roles: ['moderator'], password: 'another password' }),
        409,
        'already_exists',
      );
    });
  });

  describe('integration tokens', () => {
    it('push a subject once, and a retry returns the same subject', async () => {
      const push = () =>
        server.app.inject({
          method: 'POST',
          url: '/api/subjects',
          headers: { authorization: `Bearer ${integrationToken}` },
          payload: {
            externalId: 'post-1',
            kind: 'content',
            contentType: 'video',
            country: 'NLD',
            language: 'nl',
            views: 10,
          },
        });
      const first = await push();
      expect(first.statusCode).toBe(201);
      const second = await push();
      expect(second.statusCode).toBe(200);
      expect(second.json<SubjectAnswer>().subject.id).toBe(first.json<SubjectAnswer>().subject.id);
      expect(first.json<SubjectAnswer>().subject).toMatchObject({ platform: 'demo', externalId: 'post-1', views: 10 });
    });

    it('stop working when revoked', async () => {
      const created = await admin.request('POST', '/api/tokens', {
        name: 'Short-lived',
        kind: 'integration',
        platform: 'temp',
      });
      expect(created.statusCode).toBe(201);
      const { token, record } = created.json<NewSecretView>();
      expect(token).toMatch(/^dkt_/);
      const list = (await admin.request('GET', '/api/tokens')).json<TokenList>();
      expect(JSON.stringify(list)).not.toContain(token);
      expect((await admin.request('DELETE', `/api/tokens/${record.id}`)).statusCode).toBe(200);
      const after = await server.app.inject({
        method: 'POST',
        url: '/api/subjects',
        headers: { authorization: `Bearer ${token}` },
        payload: { externalId: 'z', kind: 'account' },
      });
      expect(problemOf(after).code).toBe('invalid_token');
    });
  });

  describe('event log over HTTP', () => {
    it('verifies, and lists events to those allowed', async () => {
      const report = (await admin.request('GET', '/api/log/verify')).json<LogVerifyAnswer>();
      expect(report).toMatchObject({ ok: true, firstBreak: null });
      expect(report.checked).toBeGreaterThan(5);
      const events = (await admin.request('GET', '/api/events?limit=2')).json<EventsAnswer>();
      expect(events.entries).toHaveLength(2);
      expect(events.nextAfter).toBe(2);
      expect((await moderator.request('GET', '/api/events')).statusCode).toBe(403);
    });

    it('never puts a password or its hash in the log', async () => {
      const events = (await admin.request('GET', '/api/events?limit=1000')).json<EventsAnswer>();
      const text = JSON.stringify(events);
      expect(text).not.toContain('moderator password');
      expect(text).not.toContain('scrypt$');
    });
  });
});

describe('graceful shutdown', () => {
  it('finishes a request already in flight, then closes', async () => {
    const server = await openTestServer('embedded');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Routes can only be added before the server starts: build a second instance with a slow route.
    const { buildServer } = await import('../src/http/server.js');
    const app = await buildServer(server.docket, { logger: false });
    const schema = { response: { 200: Type.Object({ done: Type.Boolean() }) } };
    app.get('/slow', { config: { access: 'public' }, schema }, async () => {
      await gate;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${address.port}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = app.close();
    setTimeout(release, 100);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closed;
    await server.close();
  });
});
