import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import type { DocketError } from '../src/core/errors.js';
import { readEvents } from '../src/core/event-log.js';
import { buildServer } from '../src/http/server.js';
import { openTestServerFor, problemOf, type TestServer } from './http.js';
import { describeEachStore, openTestDocket } from './stores.js';

const ATTACKER = '203.0.113.9';
const OFFICE = '198.51.100.7';
const MINUTE = 60_000;

describeEachStore('sign-in protection', (kind) => {
  const clock = new ManualClock('2026-12-01T09:00:00.000Z');
  let server: TestServer;

  beforeAll(async () => {
    // The defaults: 5 failures from one address lock it out for 15 minutes, then 30, 60, ...
    const docket = await openTestDocket(kind, { clock, config: { maxFailedLogins: 5, lockMinutes: 15 } });
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    server = openTestServerFor(docket, app);
  });
  afterAll(() => server.close());

  const addUser = (username: string, extra: { password?: string; roles?: string[] } = {}) =>
    server.docket.access.createUser('system:test', {
      username,
      roles: extra.roles ?? ['moderator'],
      password: extra.password ?? `${username} password`,
    });
  const attempt = (username: string, password: string, address = OFFICE): Promise<LightMyRequestResponse> =>
    server.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: address });
  const failTimes = async (times: number, username: string, address = OFFICE) => {
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < times; i++) answers.push(await attempt(username, `wrong guess ${i}`, address));
    return answers;
  };
  /** What a client can see of an answer: status, code, message and when to retry. */
  const seen = (response: LightMyRequestResponse) => {
    const problem = problemOf(response);
    return {
      status: response.statusCode,
      code: problem.code,
      detail: problem.detail,
      retryAfter: response.headers['retry-after'],
    };
  };
  const eventsOf = async (type: string, username: string) =>
    (await readEvents(server.docket.store.db, { type, limit: 1_000 })).entries.filter(
      (e) => (e.payload as { username: string }).username === username,
    );

  it('counts 40 parallel wrong passwords before checking any: only the limit are checked, and the right one is refused after', async () => {
    await addUser('parallel');
    const address = '192.0.2.40';
    // Straight to the service: the request rate limit per address would otherwise stop some of the 40 first.
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        server.docket.access.login('parallel', `parallel guess ${i}`, address).then(
          () => 'signed in',
          (error: DocketError) => error.code,
        ),
      ),
    );
    expect(outcomes.filter((code) => code === 'invalid_credentials')).toHaveLength(5);
    expect(outcomes.filter((code) => code === 'too_many_attempts')).toHaveLength(35);
    const right = await attempt('parallel', 'parallel password', address);
    expect(seen(right)).toEqual({
      status: 429,
      code: 'too_many_attempts',
      detail: 'too many failed sign-ins: try again in 15 minutes',
      retryAfter: '900',
    });
    expect(await eventsOf('signin.locked', 'parallel')).toHaveLength(1);
    expect(await eventsOf('signin.failed', 'parallel')).toHaveLength(41);
  });

  it('locks after exactly the limit, clears the count on success, and backs off longer each time', async () => {
    await addUser('steady');
    expect((await failTimes(4, 'steady')).map((a) => a.statusCode)).toEqual([401, 401, 401, 401]);
    expect((await attempt('steady', 'steady password')).statusCode).toBe(200);
    // The success cleared the count: four more failures still do not lock.
    await failTimes(4, 'steady');
    expect((await attempt('steady', 'steady password')).statusCode).toBe(200);

    const fifth = (await failTimes(5, 'steady')).at(-1) as LightMyRequestResponse;
    expect(seen(fifth)).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(seen(await attempt('steady', 'steady password'))).toMatchObject({ status: 429, retryAfter: '900' });
    clock.advance(15 * MINUTE);
    // The lock has run out; five more failures lock again, for twice as long.
    await failTimes(5, 'steady');
    expect(seen(await attempt('steady', 'steady password'))).toMatchObject({ status: 429, retryAfter: '1800' });
    clock.advance(30 * MINUTE);
    expect((await attempt('steady', 'steady password')).statusCode).toBe(200);
  });

  it("an attacker's address locks only itself out: the user signs in from theirs", async () => {
    await addUser('chief', { roles: ['admin'] });
    await failTimes(5, 'chief', ATTACKER);
    expect(seen(await attempt('chief', 'chief password', ATTACKER))).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
    });
    expect((await attempt('chief', 'chief password', OFFICE)).statusCode).toBe(200);
  });

  it('an attack from many addresses makes the account back off for seconds, but not at an address the user signed in from', async () => {
    await addUser('spread');
    expect((await attempt('spread', 'spread password', OFFICE)).statusCode).toBe(200);
    // Four addresses, five guesses each: the account's ceiling (4 x 5) is reached.
    for (const n of [1, 2, 3, 4]) await failTimes(5, 'spread', `192.0.2.${n}`);
    const elsewhere = await attempt('spread', 'spread password', '192.0.2.200');
    expect(seen(elsewhere)).toEqual({
      status: 429,
      code: 'too_many_attempts',
      detail: 'too many failed sign-ins: try again in 30 seconds',
      retryAfter: '30',
    });
    expect((await attempt('spread', 'spread password', OFFICE)).statusCode).toBe(200);
    clock.advance(31_000);
    // The refused attempt was not counted against the new address: it signs in once the delay is over.
    expect((await attempt('spread', 'spread password', '192.0.2.200')).statusCode).toBe(200);
  });

  it('answers an unknown username exactly like a real one, when wrong and when locked', async () => {
    await addUser('real');
    const prober = '192.0.2.66';
    const real = [...(await failTimes(5, 'real', prober)), await attempt('real', 'real password', prober)];
    const invented = [...(await failTimes(5, 'invented', prober)), await attempt('invented', 'real password', prober)];
    expect(real.map(seen)).toEqual(invented.map(seen));
    expect(real.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses a name no account can have like a wrong password, counting and recording nothing', async () => {
    const before = await server.written();
    for (const username of ['   ', 'two words', 'x']) {
      expect(seen(await attempt(username, 'whatever it is', '192.0.2.77'))).toMatchObject({
        status: 401,
        code: 'invalid_credentials',
        detail: 'wrong username or password',
      });
    }
    expect(await server.written()).toBe(before);
  });

  describe('user API tokens', () => {
    it('do not act while their user must replace a one-time password', async () => {
      const { password } = await server.docket.access.createUser('system:test', {
        username: 'newcomer',
        roles: ['moderator'],
      });
      const { token } = await server.docket.access.createToken('system:test', {
        name: 'newcomer script',
        kind: 'user',
        username: 'newcomer',
      });
      const asToken = () => server.app.inject({ url: '/api/subjects', headers: { authorization: `Bearer ${token}` } });
      const blocked = await asToken();
      expect(blocked.statusCode).toBe(403);
      expect(problemOf(blocked).code).toBe('password_change_required');
      const client = await server.signIn('newcomer', password);
      expect(
        (
          await client.request('POST', '/api/session/password', {
            currentPassword: password,
            newPassword: 'a password of my own',
          })
        ).statusCode,
      ).toBe(204);
      expect((await asToken()).statusCode).toBe(200);
    });
  });
});
