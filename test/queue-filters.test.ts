import { afterAll, beforeAll, expect, it } from 'vitest';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { QueuePage, ReportAnswer } from '../src/moderation/contract.js';

interface Page {
  cases: { id: string; status: string; openedAt: string; claimedByName: string | null; priority: number }[];
  offset: number;
  depth: number;
  total: { count: number; exact: boolean };
  holders: { id: string; name: string }[];
}

/** Issue 12, item 9: the queue filtered by status, holder and date reported, a page at a time with the count. */
describeEachStore('queue filters and paging', (kind) => {
  let rig: ModerationRig;
  const day1: string[] = [];
  const day2: string[] = [];
  let next = 0;
  let mod1: Client;
  let mod2: Client;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
    // 2026-03-02: five cases; 2026-03-03: four more.
    for (const [ids, count] of [
      [day1, 5],
      [day2, 4],
    ] as const) {
      for (let i = 0; i < count; i++)
        ids.push(
          (
            await rig.push('/api/reports', { subject: ordinaryPost(3_000 + next++), policyId: 'spam', source: 'user' })
          ).json<ReportAnswer>().receipt.caseId,
        );
      rig.clock.advance(24 * 3_600_000);
    }
    // Sessions end while the clock runs on: sign in again.
    mod1 = await rig.signIn('mod1', 'mod1 password!');
    mod2 = await rig.signIn('mod2', 'mod2 password!');
    // mod1 holds one case from each day, mod2 one; one case is decided (closed).
    await mod1.request('POST', `/api/cases/${day1[0]}/claim`);
    await mod1.request('POST', `/api/cases/${day2[0]}/claim?keepOthers=true`);
    await mod2.request('POST', `/api/cases/${day1[1]}/claim`);
    await mod2.request('POST', `/api/cases/${day1[2]}/claim?keepOthers=true`);
    const decided = await mod2.request('POST', `/api/cases/${day1[2]}/decision`, {
      policyId: 'spam',
      sectionId: 'commercial-spam',
      outcome: 'remove',
      facts: 'Links to a counterfeit shop, posted forty times.',
    });
    expect(decided.statusCode, decided.body).toBe(201);
  });
  afterAll(() => rig.close());

  const page = async (query: string, reviewer: Client = mod1): Promise<Page> => {
    const answer = await reviewer.request('GET', `/api/queue?${query}`);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<QueuePage>();
  };
  const ids = (p: Page) => p.cases.map((c) => c.id).sort();

  it('lists open cases by default, most urgent first, with the count', async () => {
    const open = await page('');
    expect(open.total).toEqual({ count: 8, exact: true });
    expect(open.cases).toHaveLength(8);
    expect(open.cases.every((c) => c.status === 'open')).toBe(true);
    const priorities = open.cases.map((c) => c.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it('filters by status: claimed (held now) and closed', async () => {
    expect(ids(await page('status=claimed'))).toEqual([day1[0], day1[1], day2[0]].sort());
    const closed = await page('status=closed');
    expect(ids(closed)).toEqual([day1[2]]);
    expect(closed.total).toEqual({ count: 1, exact: true });
  });

  it('filters by holder: me, unclaimed, or a reviewer chosen by name', async () => {
    expect(ids(await page('holder=me'))).toEqual([day1[0], day2[0]].sort());
    const unclaimed = await page('holder=unclaimed');
    expect(unclaimed.total.count).toBe(5);
    expect(unclaimed.cases.every((c) => c.claimedByName === null)).toBe(true);
    const { holders } = await page('');
    expect(holders.map((h) => h.name)).toEqual(['mod1', 'mod2']);
    const mod2 = holders.find((h) => h.name === 'mod2')?.id;
    const theirs = await page(`holder=${mod2}`);
    expect(ids(theirs)).toEqual([day1[1]]);
    expect(theirs.cases[0]?.claimedByName).toBe('mod2');
    expect((await page('status=closed&holder=me')).cases).toEqual([]);
  });

  it('filters by the days reported, inclusive, and with the other filters', async () => {
    expect(ids(await page('reportedFrom=2026-03-03'))).toEqual([...day2].sort());
    expect(ids(await page('reportedTo=2026-03-02')).length).toBe(4);
    expect(ids(await page('reportedFrom=2026-03-02&reportedTo=2026-03-02&holder=unclaimed'))).toEqual(
      [day1[3], day1[4]].sort(),
    );
    expect((await page('reportedFrom=2026-03-04')).total).toEqual({ count: 0, exact: true });
  });

  it('pages through the queue: every case once, the count on each page', async () => {
    const first = await page('limit=3');
    const second = await page('limit=3&offset=3');
    const third = await page('limit=3&offset=6');
    expect([first, second, third].map((p) => p.cases.length)).toEqual([3, 3, 2]);
    expect(third.offset).toBe(6);
    expect(third.total).toEqual({ count: 8, exact: true });
    expect(new Set([first, second, third].flatMap((p) => p.cases.map((c) => c.id))).size).toBe(8);
    expect(ids(await page('status=claimed&limit=2&offset=2'))).toHaveLength(1);
    // Open cases page through the most urgent 200 (the priority runs are read from their heads); closed ones further.
    expect((await page('offset=150&limit=50')).depth).toBe(200);
    expect((await page('status=closed&offset=200')).depth).toBe(10_000);
  });

  it('refuses filters that cannot hold (400)', async () => {
    for (const query of [
      'reportedFrom=2026-03-03&reportedTo=2026-03-02',
      'status=held',
      'holder=someone',
      'reportedFrom=yesterday',
      'offset=-1',
      'offset=10001',
      'offset=151&limit=50',
    ]) {
      const answer = await mod1.request('GET', `/api/queue?${query}`);
      expect(answer.statusCode, query).toBe(400);
      expect(problemOf(answer).code).toBe('validation_failed');
    }
  });
});
