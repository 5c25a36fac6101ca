import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import type { SubmissionsAnswer } from '../src/transparency/dsa/submission-contract.js';
import { createDsaSubmitter } from '../src/transparency/dsa/submissions.js';
import { createTdbClient } from '../src/transparency/dsa/tdb-client.js';
import { startFakeTdb, type FakeTdb } from './fakes/dsa-tdb.js';
import { problemOf, type Client, openTestServerFor, type TestServer } from './http.js';
import { describeEachStore, openTestDocket } from './stores.js';

describeEachStore('GET /api/transparency/sor/submissions', (kind) => {
  let server: TestServer;
  let policy: Client;
  let tdb: FakeTdb;
  beforeAll(async () => {
    const docket = await openTestDocket(kind, { demo: true });
    tdb = await startFakeTdb({ token: 't', limits: null });
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    server = openTestServerFor(docket, app);
    policy = await server.signIn('policy', 'policy-demo-pass');
    await createDsaSubmitter({
      db: docket.store.db,
      clock: docket.clock,
      ids: docket.ids,
      client: createTdbClient({ url: tdb.url, token: 't' }),
      token: 't',
    }).runDue();
  });
  afterAll(async () => {
    await tdb?.close();
    await server?.close();
  });

  const list = async (query: string) => {
    const answer = await policy.request('GET', `/api/transparency/sor/submissions${query}`);
    expect(answer.statusCode).toBe(200);
    return answer.json<SubmissionsAnswer>();
  };

  it('lists each statement’s state, newest first, a page at a time, with the submitter’s state', async () => {
    const first = await list('?limit=10');
    expect(first.submitter).toEqual({ enabled: false, stopped: null, pausedUntil: null, lastError: null });
    expect(first.submissions).toHaveLength(10);
    const second = await list(`?limit=10&cursor=${first.nextCursor}`);
    const times = [...first.submissions, ...second.submissions].map((s) => s.decidedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set([...first.submissions, ...second.submissions].map((s) => s.puid)).size).toBe(20);
  });

  it('filters by state: submitted ones carry the database’s uuid and permalink', async () => {
    const submitted = await list('?state=submitted&limit=500');
    expect(submitted.submissions.length).toBe(tdb.statements.size);
    for (const one of submitted.submissions) {
      const stored = tdb.statements.get(one.puid)!;
      expect(one).toMatchObject({
        state: 'submitted',
        uuid: stored.uuid,
        permalink: `${tdb.url}/statement/${stored.uuid}`,
      });
    }
    const notRequired = await list('?state=not_required&limit=500');
    expect(notRequired.submissions.every((s) => s.state === 'not_required' && s.uuid === null)).toBe(true);
    expect(notRequired.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give, a state it does not know, and anyone without transparency access', async () => {
    expect(problemOf(await policy.request('GET', '/api/transparency/sor/submissions?cursor=nope')).code).toBe(
      'validation_failed',
    );
    expect(problemOf(await policy.request('GET', '/api/transparency/sor/submissions?state=lost')).code).toBe(
      'validation_failed',
    );
    const moderator = await server.signIn('moderator', 'moderator-demo-pass');
    expect(problemOf(await moderator.request('GET', '/api/transparency/sor/submissions')).code).toBe('forbidden');
  });
});
