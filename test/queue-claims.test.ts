import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { CaseView, QueuePage, ReportAnswer } from '../src/moderation/contract.js';

interface QueueEntry {
  id: string;
  claimedBy: string | null;
  claimedByName: string | null;
  leaseExpiresAt: string | null;
}

/** Issue 12, item 4: "Claim next case" used to pile claims up on one reviewer. A reviewer holds one case at a time. */
describeEachStore('queue claims: one case at a time', (kind) => {
  let rig: ModerationRig;
  let next = 0;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  const queue = async (): Promise<QueueEntry[]> => {
    const answer = await rig.moderator.request('GET', '/api/queue?limit=200');
    if (answer.statusCode !== 200) throw new Error(answer.body);
    return answer.json<QueuePage>().cases;
  };
  const heldBy = async (name: string) => (await queue()).filter((c) => c.claimedByName === name);
  const openCases = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const receipt = (
        await rig.push('/api/reports', { subject: ordinaryPost(1_000 + next++), policyId: 'spam', source: 'user' })
      ).json<ReportAnswer>().receipt;
      ids.push(receipt.caseId);
    }
    return ids;
  };
  const claimNext = async (reviewer: Client, body: Record<string, unknown> = {}) => {
    const answer = await reviewer.request('POST', '/api/queue/claim', body);
    expect(answer.statusCode).toBe(200);
    return answer.json<CaseView>().case.id as string;
  };
  const historyOf = async (caseId: string): Promise<string[]> =>
    (await rig.moderator.request('GET', `/api/cases/${caseId}`))
      .json<CaseView>()
      .history.map((e: { type: string }) => e.type);

  beforeEach(async () => {
    for (const entry of await queue()) {
      if (entry.claimedBy)
        await (entry.claimedByName === 'mod1' ? rig.moderator : rig.moderator2).request(
          'POST',
          `/api/cases/${entry.id}/release`,
        );
    }
  });

  /**
   * Sends a request while, on PostgreSQL, another connection holds the chain's head, so no pass can chain the claim's
   * event until a moment after: a case page that did not wait for the pass would miss the claim.
   */
  const whileChainHeadHeld = async (send: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> => {
    const other = kind === 'postgres' ? await rig.docket.another() : null;
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = other?.db.transaction(async (tx) => {
      await tx.execute(sql`select seq from event_log_head where id = 1 for update`);
      locked();
      await gate;
    });
    if (holding) await isLocked;
    const answering = send();
    await new Promise((resolve) => setTimeout(resolve, 300));
    letGo();
    await holding;
    await other?.close();
    return answering;
  };

  it("answers a claim with the case's history including that claim (claims answer before their event is chained)", async () => {
    await openCases(1);
    const answer = await whileChainHeadHeld(() => rig.moderator.request('POST', '/api/queue/claim', {}));
    expect(answer.statusCode).toBe(200);
    const { case: claimed, history } = answer.json<CaseView>();
    expect(history.map((e) => e.type).slice(-1)).toEqual(['case.claimed']);
    expect((await historyOf(claimed.id)).slice(-1)).toEqual(['case.claimed']);
  });

  it("answers a claim of a named case with that case's history including the claim", async () => {
    const [caseId] = await openCases(1);
    const answer = await whileChainHeadHeld(() => rig.moderator.request('POST', `/api/cases/${caseId}/claim`));
    expect(answer.statusCode).toBe(200);
    expect(
      answer
        .json<CaseView>()
        .history.map((e) => e.type)
        .slice(-1),
    ).toEqual(['case.claimed']);
  });

  it('gives a reviewer who already holds a case that case again, not a second one', async () => {
    await openCases(3);
    const first = await claimNext(rig.moderator);
    rig.clock.advance(60_000);
    expect(await claimNext(rig.moderator)).toBe(first);
    const held = await heldBy('mod1');
    expect(held.map((c) => c.id)).toEqual([first]);
    // The second click renewed the lease.
    expect(held[0]?.leaseExpiresAt).toBe(new Date(rig.clock.now().getTime() + 15 * 60_000).toISOString());
  });

  it('claims one more case only when the reviewer asks to keep the others', async () => {
    await openCases(2);
    const first = await claimNext(rig.moderator);
    rig.clock.advance(60_000);
    const second = await claimNext(rig.moderator, { keepOthers: true });
    expect(second).not.toBe(first);
    expect((await heldBy('mod1')).map((c) => c.id).sort()).toEqual([first, second].sort());
    // Without keepOthers the case claimed last (the one in hand) stays and the rest go back, each with a release event.
    expect(await claimNext(rig.moderator)).toBe(second);
    expect((await heldBy('mod1')).map((c) => c.id)).toEqual([second]);
    expect((await historyOf(first)).slice(-1)).toEqual(['case.released']);
  });

  it('claiming a specific case gives the other held case back to the queue, with a release event', async () => {
    const [a, b] = await openCases(2);
    const firstClaim = await rig.moderator.request('POST', `/api/cases/${a}/claim`);
    expect(firstClaim.statusCode, firstClaim.body).toBe(200);
    expect((await rig.moderator.request('POST', `/api/cases/${b}/claim`)).statusCode).toBe(200);
    expect((await heldBy('mod1')).map((c) => c.id)).toEqual([b]);
    expect((await historyOf(a as string)).slice(-1)).toEqual(['case.released']);

    expect((await rig.moderator.request('POST', `/api/cases/${a}/claim?keepOthers=true`)).statusCode).toBe(200);
    expect((await heldBy('mod1')).map((c) => c.id).sort()).toEqual([a, b].sort());
  });

  it('never leaves one reviewer holding two cases when their claims arrive at once', async () => {
    const ids = await openCases(4);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => rig.moderator.request('POST', '/api/queue/claim', {})),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(new Set(results.map((r) => r.json<CaseView>().case.id)).size).toBe(1);
    expect(await heldBy('mod1')).toHaveLength(1);

    await Promise.all(ids.map((id) => rig.moderator.request('POST', `/api/cases/${id}/claim`)));
    expect(await heldBy('mod1')).toHaveLength(1);
  });

  describe('the queue shows who holds a claimed case', () => {
    it('by display name, with the lease end', async () => {
      const [caseId] = await openCases(1);
      await rig.moderator2.request('POST', `/api/cases/${caseId}/claim`);
      const entry = (await queue()).find((c) => c.id === caseId);
      expect(entry).toMatchObject({
        claimedByName: 'mod2',
        leaseExpiresAt: new Date(rig.clock.now().getTime() + 15 * 60_000).toISOString(),
      });
      const detail = (await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<CaseView>();
      expect(detail.case.claimedByName).toBe('mod2');
    });
  });
});
