import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocket } from '../src/app.js';
import { ManualClock } from '../src/core/clock.js';
import type { Config, LimitGroup, RequestLimit } from '../src/core/config.js';
import { requestCounter, sweepEndedWindows } from '../src/http/rate-limit-store.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { openTestServerFor, problemOf, type TestServer } from './http.js';
import { describeEachStore, openTestDocket, testConfig, type TestDocket } from './stores.js';
import type { StoreKind } from '../src/store/database.js';

const MINUTE = 60_000;
const PROXY = '10.0.0.5';
const subject = (externalId: string) => ({
  externalId,
  kind: 'content',
  contentType: 'text',
  country: 'KEN',
  views: 1,
});
const report = (subjectExternalId: string) => ({ subjectExternalId, policyId: 'violence-incitement', source: 'user' });

/** The test defaults with some groups tightened, so a handful of requests reaches a limit. */
function limitedConfig(limits: Partial<Record<LimitGroup, RequestLimit>>, more: Partial<Config> = {}): Partial<Config> {
  return { limits: { ...testConfig().limits, ...limits }, ...more };
}

async function openLimitedServer(
  kind: StoreKind,
  config: Partial<Config>,
  options: { clock?: ManualClock; demo?: boolean } = {},
): Promise<TestServer> {
  const docket = await openTestDocket(kind, {
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.demo ? { demo: true } : {}),
  });
  const app = await buildServer(docket, { logger: false });
  await app.ready();
  return openTestServerFor(docket, app);
}

function expectLimited(response: LightMyRequestResponse, detail: RegExp, retryAfter?: string): void {
  expect(response.statusCode).toBe(429);
  const problem = problemOf(response);
  expect(problem.code).toBe('rate_limited');
  expect(problem.detail).toMatch(detail);
  expect(response.headers['retry-after']).toMatch(
    retryAfter === undefined ? /^[1-9]\d*$/ : new RegExp(`^${retryAfter}$`),
  );
  expect(response.headers['x-ratelimit-remaining']).toBe('0');
}

describeEachStore('rate limits', (kind) => {
  it('counts requests that arrive at once together, each in its own place, the stored count exact', async () => {
    const docket = await openTestDocket(kind);
    try {
      const countRequest = requestCounter(docket.store.db);
      const t0 = new Date('2026-12-01T10:00:00Z');
      const counts = await Promise.all(Array.from({ length: 12 }, () => countRequest('ingest:token-1', MINUTE, t0)));
      expect(counts.map((c) => c.current)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await countRequest('ingest:token-1', MINUTE, new Date(t0.getTime() + 1_000))).toEqual({
        current: 13,
        ttl: MINUTE - 1_000,
      });
    } finally {
      await docket.close();
    }
  });

  it('counts in windows that start at a key’s first request, in one upsert, and sweeps the windows that ended', async () => {
    const docket = await openTestDocket(kind);
    try {
      const db = docket.store.db;
      const countRequest = requestCounter(db);
      const t0 = new Date('2026-12-01T10:00:00Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      expect(await countRequest('read:192.0.2.1', MINUTE, t0)).toEqual({ current: 1, ttl: MINUTE });
      expect(await countRequest('read:192.0.2.1', MINUTE, at(15_000))).toEqual({ current: 2, ttl: 45_000 });
      expect(await countRequest('read:192.0.2.2', MINUTE, at(30_000))).toEqual({ current: 1, ttl: MINUTE });
      // The first key's window has ended: its next request starts a new one.
      expect(await countRequest('read:192.0.2.1', MINUTE, at(MINUTE))).toEqual({ current: 1, ttl: MINUTE });
      expect(await sweepEndedWindows(db, at(MINUTE + 30_000))).toBe(1);
      expect(await countRequest('read:192.0.2.1', MINUTE, at(MINUTE + 30_000))).toEqual({ current: 2, ttl: 30_000 });
    } finally {
      await docket.close();
    }
  });

  it('answers sign-in past the limit with 429 problem+json and Retry-After, per address, until the window ends', async () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const server = await openLimitedServer(kind, limitedConfig({ signIn: { max: 3, windowMs: MINUTE } }), { clock });
    try {
      await server.docket.access.createUser('system:test', {
        username: 'mod',
        roles: ['moderator'],
        password: 'moderator password',
      });
      const signIn = (remoteAddress = '198.51.100.7') =>
        server.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'mod', password: 'moderator password' },
          remoteAddress,
        });
      for (const remaining of ['2', '1', '0']) {
        const response = await signIn();
        expect(response.statusCode).toBe(200);
        expect([response.headers['x-ratelimit-limit'], response.headers['x-ratelimit-remaining']]).toEqual([
          '3',
          remaining,
        ]);
      }
      const refused = await signIn();
      expectLimited(refused, /too many sign-in attempts from this address: at most 3 in 1 minute/, '60');
      expect(refused.headers['x-ratelimit-reset']).toBe('60');
      expect((await signIn('198.51.100.8')).statusCode).toBe(200);
      clock.advance(45_000);
      expectLimited(await signIn(), /try again in 15/, '15');
      clock.advance(15_000);
      expect((await signIn()).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('limits anonymous reads of the public API and site per address, but not signed-in callers or tokens', async () => {
    const server = await openLimitedServer(kind, limitedConfig({ read: { max: 2, windowMs: MINUTE } }));
    try {
      const { access } = server.docket;
      await access.createUser('system:test', { username: 'mod', roles: ['moderator'], password: 'moderator password' });
      const token = (await access.createToken('system:test', { name: 'P', kind: 'integration', platform: 'p' })).token;
      expect((await server.app.inject({ url: '/api/public/summary' })).statusCode).toBe(200);
      expect((await server.app.inject({ url: '/decisions' })).statusCode).toBe(200);
      expectLimited(
        await server.app.inject({ url: '/api/public/statistics' }),
        /too many requests without an account from this address: at most 2 in 1 minute/,
      );
      // A page of the site says it on a page of the site, with the same headers.
      const page = await server.app.inject({ url: '/log' });
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toMatch(/<h1>Too many requests<\/h1>[\s\S]*at most 2 in 1 minute/);
      expect(page.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(page.headers['x-ratelimit-remaining']).toBe('0');
      expect(
        (await server.app.inject({ url: '/api/public/summary', headers: { authorization: `Bearer ${token}` } }))
          .statusCode,
      ).toBe(200);
      const moderator = await server.signIn('mod', 'moderator password');
      expect((await moderator.request('GET', '/api/public/summary')).statusCode).toBe(200);
      // What no limit covers stays open: the console's own pages and the health checks.
      expect((await server.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('limits ingestion per integration token, not globally, and counts a batch once in its own group', async () => {
    const server = await openLimitedServer(
      kind,
      limitedConfig({ ingest: { max: 2, windowMs: MINUTE }, ingestBatch: { max: 1, windowMs: MINUTE } }),
    );
    try {
      const { access } = server.docket;
      await server.docket.policies.ensureDefaultLibrary('system:test');
      const tokenOf = async (platform: string) =>
        (await access.createToken('system:test', { name: platform, kind: 'integration', platform })).token;
      const [lumen, other] = [await tokenOf('lumen'), await tokenOf('other')];
      const push = (token: string, url: string, payload: object) =>
        server.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}` } });
      expect((await push(lumen, '/api/subjects', subject('a'))).statusCode).toBe(201);
      expect((await push(lumen, '/api/reports', report('a'))).statusCode).toBe(201);
      expectLimited(
        await push(lumen, '/api/subjects', subject('b')),
        /too many pushes from this token: at most 2 in 1 minute/,
      );
      expect((await push(other, '/api/subjects', subject('a'))).statusCode).toBe(201);
      expect((await push(lumen, '/api/subjects/batch', { items: [subject('c'), subject('d')] })).statusCode).toBe(201);
      expectLimited(
        await push(lumen, '/api/reports/batch', { items: [report('c')] }),
        /too many batches from this token: at most 1 in 1 minute/,
      );
      // A request without a token is refused before it is counted against anyone.
      expect(
        (await server.app.inject({ method: 'POST', url: '/api/subjects', payload: subject('e') })).statusCode,
      ).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('shares one count between two Docket servers on one database', async () => {
    const config = limitedConfig({ read: { max: 3, windowMs: MINUTE } });
    const first = await openLimitedServer(kind, config);
    const docket: TestDocket = first.docket;
    const second = await createDocket({ config: docket.config, store: await docket.another() });
    const app = await buildServer(second, { logger: false });
    try {
      await app.ready();
      const read = (server: typeof app) => server.inject({ url: '/api/public/summary' });
      expect((await read(first.app)).statusCode).toBe(200);
      expect((await read(first.app)).statusCode).toBe(200);
      const third = await read(app);
      expect([third.statusCode, third.headers['x-ratelimit-remaining']]).toEqual([200, '0']);
      expectLimited(await read(first.app), /at most 3 in 1 minute/);
      expectLimited(await read(app), /at most 3 in 1 minute/);
      // Requests racing on both servers: the upsert lets exactly the limit through.
      const racing = await Promise.all(
        [first.app, app, first.app, app, first.app, app, first.app, app].map((server) =>
          server.inject({ url: '/api/public/summary', remoteAddress: '192.0.2.77' }),
        ),
      );
      expect(racing.filter((response) => response.statusCode === 200)).toHaveLength(3);
    } finally {
      await app.close();
      await second.close();
      await first.close();
    }
  });

  describe('behind a reverse proxy', () => {
    it('without DOCKET_TRUST_PROXY, counts the connection’s address: a forged X-Forwarded-For does not escape the limit', async () => {
      const server = await openLimitedServer(kind, limitedConfig({ comment: { max: 2, windowMs: MINUTE } }));
      try {
        // Comments on a case that does not exist: refused after the limiter has counted them.
        const comment = (app: App, forwardedFor: string) =>
          app.inject({
            method: 'POST',
            url: '/api/public/board/cases/BC-2026-999/comments',
            payload: { anonymous: true, body: 'A comment on no case at all.' },
            remoteAddress: PROXY,
            headers: { 'x-forwarded-for': forwardedFor },
          });
        expect((await comment(server.app, '203.0.113.1')).statusCode).toBe(404);
        expect((await comment(server.app, '203.0.113.2')).statusCode).toBe(404);
        expectLimited(await comment(server.app, '203.0.113.3'), /too many public comments from this address/);
        // The same Docket told that one proxy stands in front (a hop count) counts the forwarded addresses apart.
        const behindOneHop = await buildServer(
          { ...server.docket, config: { ...server.docket.config, trustProxy: 1 } },
          { logger: false },
        );
        const forwarded = (address: string) => comment(behindOneHop, `198.51.100.1, ${address}`);
        expect((await forwarded('203.0.113.4')).statusCode).toBe(404);
        expect((await forwarded('203.0.113.4')).statusCode).toBe(404);
        expect((await forwarded('203.0.113.5')).statusCode).toBe(404);
        expectLimited(await forwarded('203.0.113.4'), /too many public comments from this address/);
        await behindOneHop.close();
      } finally {
        await server.close();
      }
    });

    describe('with DOCKET_TRUST_PROXY naming the proxy', () => {
      let server: TestServer;
      let url: string;
      beforeAll(async () => {
        server = await openLimitedServer(
          kind,
          limitedConfig({ comment: { max: 4, windowMs: MINUTE } }, { trustProxy: [PROXY] }),
          { demo: true },
        );
        const open = (await server.docket.board.reads.publicCases({})).cases.find((c) => c.status === 'selected');
        url = `/api/public/board/cases/${open?.ref}/comments`;
      });
      afterAll(() => server.close());

      const comment = (from: { proxied: string } | { direct: string }, body: string) =>
        server.app.inject({
          method: 'POST',
          url,
          payload: { anonymous: true, body },
          ...('proxied' in from
            ? { remoteAddress: PROXY, headers: { 'x-forwarded-for': from.proxied } }
            : { remoteAddress: from.direct, headers: { 'x-forwarded-for': '203.0.113.1' } }),
        });

      it('counts two commenters behind the proxy apart, in the request limit and in the comments-an-hour rule', async () => {
        for (const n of [1, 2, 3])
          expect(
            (await comment({ proxied: '203.0.113.1' }, `First commenter, comment number ${n}, on this opinion.`))
              .statusCode,
          ).toBe(201);
        const ruled = await comment({ proxied: '203.0.113.1' }, 'First commenter, a fourth comment within the hour.');
        expect(problemOf(ruled).detail).toMatch(/at most 3 comments an hour from one sender/);
        expect(ruled.headers['retry-after']).toMatch(/^\d+$/);
        expect(
          (await comment({ proxied: '203.0.113.2' }, 'Second commenter behind the same proxy is welcome.')).statusCode,
        ).toBe(201);
        expectLimited(
          await comment({ proxied: '203.0.113.1' }, 'First commenter, a fifth request within the minute.'),
          /too many public comments from this address: at most 4 in 1 minute/,
        );
      });

      it('does not believe X-Forwarded-For from a client that is not the proxy', async () => {
        // The first commenter's address is used up; a direct client claiming it is counted as itself.
        expect(
          (await comment({ direct: '192.0.2.50' }, 'A direct client that claims to be someone else.')).statusCode,
        ).toBe(201);
      });
    });
  });
});
