import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FEED_SETTLE_MS } from '../src/moderation/contract.js';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { DecisionFeed, DecisionResult, DecisionView, ReportAnswer } from '../src/moderation/contract.js';

describeEachStore('the decision feed (GET /api/decisions)', (kind) => {
  let rig: ModerationRig;
  let otherToken: string;
  let boardMember: Client;
  /** Our platform's decision ids, in the order they were taken. */
  const taken: string[] = [];
  let firstSecond = '';

  const asOther = (url: string) =>
    rig.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${otherToken}` } });
  const feedOf = (response: LightMyRequestResponse): DecisionFeed => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json<DecisionFeed>();
  };

  /** Reports a post on a platform and has a moderator remove it; the clock moves a second between decisions. */
  async function decide(
    n: number,
    push: (url: string, body: unknown) => Promise<LightMyRequestResponse>,
  ): Promise<string> {
    rig.clock.advance(1_000);
    const receipt = (
      await push('/api/reports', { subject: ordinaryPost(n), policyId: 'spam', source: 'user' })
    ).json<ReportAnswer>().receipt;
    await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`);
    const decided = await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/decision`, {
      policyId: 'spam',
      sectionId: 'commercial-spam',
      outcome: 'remove',
      facts: `The same advert posted forty times (${n}).`,
    });
    expect(decided.statusCode, decided.body).toBe(201);
    return decided.json<DecisionResult>().decisionId;
  }

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    otherToken = (
      await rig.docket.access.createToken('system:test', { name: 'Orbit', kind: 'integration', platform: 'orbit' })
    ).token;
    await rig.docket.access.createUser('system:test', {
      username: 'member1',
      roles: ['board_member'],
      password: 'member1 password!',
    });
    boardMember = await rig.signIn('member1', 'member1 password!');
    const pushAsOther = (url: string, body: unknown) =>
      rig.app.inject({
        method: 'POST',
        url,
        payload: body as object,
        headers: { authorization: `Bearer ${otherToken}` },
      });
    for (let n = 1; n <= 7; n += 1) {
      taken.push(await decide(n, rig.push));
      if (n === 3) firstSecond = rig.clock.now().toISOString();
      // Another platform's decisions are interleaved with ours.
      if (n % 3 === 0) await decide(100 + n, pushAsOther);
    }
    rig.clock.advance(FEED_SETTLE_MS);
  });
  afterAll(() => rig.close());

  it('pages through every decision of the platform once, oldest first, with its notice, and polls on from the last cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const feed = feedOf(await rig.get(`/api/decisions?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...feed.decisions.map((d) => d.id));
      for (const d of feed.decisions) {
        expect(d.subject.platform).toBe('lumen');
        expect(d.notice?.statement.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_REMOVED']);
      }
      cursor = feed.nextCursor;
      if (!feed.hasMore) break;
    }
    expect(seen).toEqual(taken);

    // Nothing new yet: the same cursor comes back. A new decision shows once it has settled, and only it.
    const idle = feedOf(await rig.get(`/api/decisions?cursor=${cursor}`));
    expect(idle).toMatchObject({ decisions: [], nextCursor: cursor, hasMore: false });
    const fresh = await decide(8, rig.push);
    expect(feedOf(await rig.get(`/api/decisions?cursor=${cursor}`)).decisions).toEqual([]);
    rig.clock.advance(FEED_SETTLE_MS);
    expect(feedOf(await rig.get(`/api/decisions?cursor=${cursor}`)).decisions.map((d) => d.id)).toEqual([fresh]);
    taken.push(fresh);
  });

  it('gives each item in the shape of GET /api/decisions/{id}', async () => {
    const [first] = feedOf(await rig.get('/api/decisions?limit=1')).decisions;
    expect(first).toEqual((await rig.get(`/api/decisions/${taken[0]}`)).json<DecisionView>());
  });

  it('filters by the time a decision was taken and by subject', async () => {
    const since = feedOf(await rig.get(`/api/decisions?since=${encodeURIComponent(firstSecond)}`));
    expect(since.decisions.map((d) => d.id)).toEqual(taken.slice(2));
    expect(since.decisions.every((d) => d.decidedAt >= firstSecond)).toBe(true);
    const one = feedOf(await rig.get('/api/decisions?subjectExternalId=post-5'));
    expect(one.decisions.map((d) => [d.id, d.subject.externalId])).toEqual([[taken[4], 'post-5']]);
    expect(feedOf(await rig.get('/api/decisions?subjectExternalId=post-103')).decisions).toEqual([]);
  });

  it("keeps each platform to its own decisions; staff see all, or one platform's", async () => {
    const theirs = feedOf(await asOther('/api/decisions'));
    expect(theirs.decisions.map((d) => d.subject.externalId)).toEqual(['post-103', 'post-106']);
    expect(theirs.decisions.some((d) => taken.includes(d.id))).toBe(false);
    expect(feedOf(await asOther('/api/decisions?subjectExternalId=post-1')).decisions).toEqual([]);
    expect(problemOf(await asOther('/api/decisions?platform=lumen')).code).toBe('forbidden');

    const all = feedOf(await rig.moderator.request('GET', '/api/decisions?limit=100'));
    expect(all.decisions).toHaveLength(taken.length + 2);
    expect(
      feedOf(await rig.policy.request('GET', '/api/decisions?platform=orbit')).decisions.map(
        (d) => d.subject.externalId,
      ),
    ).toEqual(['post-103', 'post-106']);
  });

  it('refuses a role without moderation reading', async () => {
    const refused = problemOf(await boardMember.request('GET', '/api/decisions'));
    expect([refused.status, refused.code]).toEqual([403, 'forbidden']);
  });

  it('refuses a bad cursor, instant or limit, naming the field', async () => {
    const before = await rig.written();
    for (const [query, field] of [
      ['cursor=not-ours', '/cursor'],
      [`cursor=${Buffer.from('d1|2026-02-30T00:00:00.000Z|x').toString('base64url')}`, '/cursor'],
      ['since=yesterday', '/since'],
      ['since=2026-03-02', '/since'],
      ['limit=0', '/limit'],
      ['limit=501', '/limit'],
      ['limit=ten', '/limit'],
      ['colour=red', '/colour'],
    ] as const) {
      const problem = problemOf(await rig.get(`/api/decisions?${query}`));
      expect([problem.status, problem.code], query).toEqual([400, 'validation_failed']);
      expect(
        problem.errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
    expect(await rig.written()).toBe(before);
  });
});
