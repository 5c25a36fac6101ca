import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from './stores.js';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';

type Method = 'GET' | 'POST' | 'DELETE';
interface Case {
  who: 'admin' | 'moderator' | 'integration' | 'anonymous';
  method: Method;
  url: string;
  body?: unknown;
  status: number;
  code: string;
}

/** Every endpoint, once with bad input and once with a caller who may not use it: a 4xx problem, nothing written. */
const CASES: Case[] = [
  {
    who: 'anonymous',
    method: 'POST',
    url: '/api/session',
    body: { username: 'admin' },
    status: 400,
    code: 'validation_failed',
  },
  { who: 'anonymous', method: 'GET', url: '/api/session', status: 401, code: 'unauthenticated' },
  { who: 'integration', method: 'GET', url: '/api/session', status: 403, code: 'forbidden' },
  {
    who: 'moderator',
    method: 'POST',
    url: '/api/session/password',
    body: { currentPassword: 'moderator password', newPassword: 'short' },
    status: 400,
    code: 'validation_failed',
  },
  {
    who: 'moderator',
    method: 'POST',
    url: '/api/session/password',
    body: { currentPassword: 'wrong current', newPassword: 'a long new password' },
    status: 401,
    code: 'invalid_credentials',
  },
  {
    who: 'integration',
    method: 'POST',
    url: '/api/session/password',
    body: { currentPassword: 'x', newPassword: 'a long new password' },
    status: 403,
    code: 'forbidden',
  },
  { who: 'anonymous', method: 'DELETE', url: '/api/session', status: 401, code: 'unauthenticated' },
  { who: 'moderator', method: 'GET', url: '/api/users', status: 403, code: 'forbidden' },
  { who: 'integration', method: 'GET', url: '/api/users', status: 403, code: 'forbidden' },
  {
    who: 'admin',
    method: 'POST',
    url: '/api/users',
    body: { username: 'A B', roles: ['moderator'] },
    status: 400,
    code: 'validation_failed',
  },
  {
    who: 'admin',
    method: 'POST',
    url: '/api/users',
    body: { username: 'shortpw', roles: ['moderator'], password: 'short' },
    status: 400,
    code: 'validation_failed',
  },
  { who: 'moderator', method: 'GET', url: '/api/tokens', status: 403, code: 'forbidden' },
  {
    who: 'admin',
    method: 'POST',
    url: '/api/tokens',
    body: { name: 'no platform', kind: 'integration' },
    status: 400,
    code: 'validation_failed',
  },
  {
    who: 'admin',
    method: 'POST',
    url: '/api/tokens',
    body: { name: 'ghost', kind: 'user', username: 'nobody' },
    status: 404,
    code: 'not_found',
  },
  { who: 'admin', method: 'DELETE', url: '/api/tokens/not-a-uuid', status: 400, code: 'validation_failed' },
  {
    who: 'admin',
    method: 'DELETE',
    url: '/api/tokens/01a2107e-17c2-7afb-ad70-d7427e1395d6',
    status: 404,
    code: 'not_found',
  },
  {
    who: 'moderator',
    method: 'DELETE',
    url: '/api/tokens/01a2107e-17c2-7afb-ad70-d7427e1395d6',
    status: 403,
    code: 'forbidden',
  },
  {
    who: 'integration',
    method: 'POST',
    url: '/api/subjects',
    body: { externalId: 'x', kind: 'post' },
    status: 400,
    code: 'validation_failed',
  },
  {
    who: 'integration',
    method: 'POST',
    url: '/api/subjects',
    body: { externalId: 'x', kind: 'content', country: 'nl' },
    status: 400,
    code: 'validation_failed',
  },
  {
    who: 'integration',
    method: 'POST',
    url: '/api/subjects',
    body: { externalId: 'x', kind: 'content', views: -1 },
    status: 400,
    code: 'validation_failed',
  },
  { who: 'moderator', method: 'GET', url: '/api/subjects?limit=0', status: 400, code: 'validation_failed' },
  { who: 'moderator', method: 'GET', url: '/api/subjects?colour=red', status: 400, code: 'validation_failed' },
  { who: 'admin', method: 'GET', url: '/api/subjects', status: 403, code: 'forbidden' },
  { who: 'moderator', method: 'GET', url: '/api/subjects/not-a-uuid', status: 400, code: 'validation_failed' },
  {
    who: 'moderator',
    method: 'GET',
    url: '/api/subjects/01a2107e-17c2-7afb-ad70-d7427e1395d6',
    status: 404,
    code: 'not_found',
  },
  { who: 'admin', method: 'GET', url: '/api/events?limit=abc', status: 400, code: 'validation_failed' },
  { who: 'integration', method: 'GET', url: '/api/events', status: 403, code: 'forbidden' },
  { who: 'moderator', method: 'GET', url: '/api/log/verify', status: 403, code: 'forbidden' },
  { who: 'anonymous', method: 'GET', url: '/api/log/verify', status: 401, code: 'unauthenticated' },
];

describeEachStore('every endpoint refuses bad input and the wrong caller', (kind) => {
  let server: TestServer;
  let clients: Record<'admin' | 'moderator', Client>;
  let integrationToken: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    await server.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin'],
      password: 'admin password 1',
    });
    await server.docket.access.createUser('system:test', {
      username: 'mod',
      roles: ['moderator'],
      password: 'moderator password',
    });
    integrationToken = (
      await server.docket.access.createToken('system:test', { name: 'P', kind: 'integration', platform: 'p' })
    ).token;
    clients = {
      admin: await server.signIn('root', 'admin password 1'),
      moderator: await server.signIn('mod', 'moderator password'),
    };
  });
  afterAll(() => server.close());

  it.each(CASES)('$who $method $url → $status $code', async ({ who, method, url, body, status, code }) => {
    const before = await server.written();
    const response =
      who === 'admin' || who === 'moderator'
        ? await clients[who].request(method, url, body)
        : await server.app.inject({
            method,
            url,
            ...(body === undefined ? {} : { payload: body as object }),
            headers: who === 'integration' ? { authorization: `Bearer ${integrationToken}` } : {},
          });
    expect(response.statusCode).toBe(status);
    const problem = problemOf(response);
    expect(problem.code).toBe(code);
    expect(problem.detail.length).toBeGreaterThan(10);
    expect(await server.written()).toBe(before);
  });
});
