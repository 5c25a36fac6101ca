import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents, readHead } from '../src/core/event-log.js';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { BulkResult, CaseView, ReportAnswer } from '../src/moderation/contract.js';

const removal = {
  policyId: 'spam',
  sectionId: 'commercial-spam',
  outcome: 'remove',
  facts: 'Repeated links to a counterfeit shop, posted 40 times in an hour.',
};

/** Issue 12, item 9: bulk actions on cases chosen in the queue, each case worked by its own command. */
describeEachStore('bulk actions on cases', (kind) => {
  let rig: ModerationRig;
  let boardMember: Client;
  let next = 0;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'member1',
      roles: ['board_member'],
      password: 'member1 password!',
    });
    boardMember = await rig.signIn('member1', 'member1 password!');
  });
  afterAll(() => rig.close());

  const openCases = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push(
        (
          await rig.push('/api/reports', { subject: ordinaryPost(2_000 + next++), policyId: 'spam', source: 'user' })
        ).json<ReportAnswer>().receipt.caseId,
      );
    return ids;
  };
  const claim = async (reviewer: Client, caseId: string) =>
    expect((await reviewer.request('POST', `/api/cases/${caseId}/claim?keepOthers=true`)).statusCode).toBe(200);
  const bulk = (reviewer: Client, body: unknown) => reviewer.request('POST', '/api/cases/bulk', body);
  // Reports are acknowledged before their events are chained: read the head once they are.
  const head = async () => {
    await rig.docket.sequencer.caughtUp();
    return (await readHead(rig.docket.store.db)).seq;
  };
  /** The types of the events written on each case's stream since `after`. */
  const eventsSince = async (after: number, caseId: string) =>
    (await readEvents(rig.docket.store.db, { after, limit: 100, stream: `case/${caseId}` })).entries.map((e) => e.type);

  it('releases the cases the reviewer holds, one release event each, and refuses the one another reviewer holds', async () => {
    const [a, b, c, d] = (await openCases(4)) as [string, string, string, string];
    for (const id of [a, b, c]) await claim(rig.moderator, id);
    await claim(rig.moderator2, d);
    const before = await head();

    const answer = await bulk(rig.moderator, { action: 'release', caseIds: [a, b, d, c] });
    expect(answer.statusCode, answer.body).toBe(200);
    const body = answer.json<BulkResult>();
    expect(body).toMatchObject({ action: 'release', done: 3, refused: 1 });
    expect(body.results.map((r) => [r.caseId, r.ok])).toEqual([
      [a, true],
      [b, true],
      [d, false],
      [c, true],
    ]);
    expect(body.results[2]).toMatchObject({
      code: 'conflict',
      reason: expect.stringContaining('claim the case first'),
    });

    for (const id of [a, b, c]) expect(await eventsSince(before, id)).toEqual(['case.released']);
    expect(await eventsSince(before, d)).toEqual([]);
  });

  it('decides free and held cases the same way with one statement of facts, and refuses a case another reviewer holds', async () => {
    const [free, held, other] = (await openCases(3)) as [string, string, string];
    await claim(rig.moderator, held);
    await claim(rig.moderator2, other);
    const before = await head();

    const answer = await bulk(rig.moderator, { action: 'decide', caseIds: [free, held, other], decision: removal });
    expect(answer.statusCode, answer.body).toBe(200);
    const results = answer.json<BulkResult>().results;
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({
      code: 'conflict',
      reason: expect.stringContaining('another reviewer holds this case'),
    });

    for (const [id, result] of [
      [free, results[0]],
      [held, results[1]],
    ] as const) {
      const detail = (await rig.moderator.request('GET', `/api/cases/${id}`)).json<CaseView>();
      expect(detail.case.status).toBe('closed');
      expect(detail.decisions).toEqual([
        expect.objectContaining({ id: result?.decisionId, outcome: 'remove', facts: removal.facts }),
      ]);
    }
    // The free case was claimed for the reviewer in its own command, then decided, as working it alone would.
    expect((await eventsSince(before, free))[0]).toBe('case.claimed');
    expect(await eventsSince(before, free)).toContain('decision.taken');
    expect(await eventsSince(before, other)).toEqual([]);
  });

  it('gives back a case it claimed when the action on it is refused', async () => {
    const [caseId] = (await openCases(1)) as [string];
    const before = await head();
    // Policy staff and senior reviewers may keep content up as newsworthy; a moderator may not.
    const keep = {
      ...removal,
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'keep_newsworthy',
      balancing: { publicInterest: ['political_speech'], harms: [], assessment: 'Speech of public interest.' },
    };
    const answer = await bulk(rig.moderator, { action: 'decide', caseIds: [caseId], decision: keep });
    expect(answer.json<CaseView>()).toMatchObject({
      done: 0,
      refused: 1,
      results: [{ caseId, ok: false, code: 'forbidden' }],
    });
    expect(await eventsSince(before, caseId)).toEqual(['case.claimed', 'case.released']);
    expect((await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<CaseView>().case.claimedBy).toBeNull();
  });

  it('escalates with one note, each case its own escalation event', async () => {
    const [a, b] = (await openCases(2)) as [string, string];
    const before = await head();
    const answer = await bulk(rig.moderator, {
      action: 'escalate',
      caseIds: [a, b],
      escalation: { to: 'senior', note: 'A wave of the same spam, for a senior look.' },
    });
    expect(answer.json<BulkResult>()).toMatchObject({ done: 2, refused: 0 });
    for (const id of [a, b]) {
      expect(await eventsSince(before, id)).toEqual(['case.claimed', 'case.escalated']);
      expect((await rig.senior.request('GET', `/api/cases/${id}`)).json<CaseView>().case).toMatchObject({
        level: 'senior',
        escalationNote: 'A wave of the same spam, for a senior look.',
      });
    }
  });

  it('refuses a role that works no queue (403), and writes nothing', async () => {
    const [caseId] = await openCases(1);
    const before = await rig.written();
    const answer = await bulk(boardMember, { action: 'release', caseIds: [caseId] });
    expect(answer.statusCode).toBe(403);
    expect(problemOf(answer).code).toBe('forbidden');
    expect(await rig.written()).toBe(before);
  });

  describe('refuses bad input (400), and writes nothing', () => {
    const bad: [string, (ids: string[]) => unknown, string][] = [
      [
        'more than 100 cases',
        () => ({
          action: 'release',
          caseIds: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
        }),
        '/caseIds',
      ],
      ['no cases', () => ({ action: 'release', caseIds: [] }), '/caseIds'],
      ['a case id that is not one', (ids) => ({ action: 'release', caseIds: [ids[0], 'case-1'] }), '/caseIds/1'],
      ['the same case twice', (ids) => ({ action: 'release', caseIds: [ids[0], ids[0]] }), '/caseIds'],
      ['an unknown action', (ids) => ({ action: 'delete', caseIds: ids }), '/action'],
      ['decide without the decision', (ids) => ({ action: 'decide', caseIds: ids }), '/decision'],
      ['release with a decision', (ids) => ({ action: 'release', caseIds: ids, decision: removal }), '/decision'],
      [
        'facts too short',
        (ids) => ({ action: 'decide', caseIds: ids, decision: { ...removal, facts: 'spam' } }),
        '/decision/facts',
      ],
      [
        'escalate without a note',
        (ids) => ({ action: 'escalate', caseIds: ids, escalation: { to: 'senior' } }),
        '/escalation/note',
      ],
    ];
    it.each(bad)('%s', async (_, body, field) => {
      const ids = await openCases(1);
      await claim(rig.moderator, ids[0] as string);
      const before = await rig.written();
      const answer = await bulk(rig.moderator, body(ids));
      expect(answer.statusCode, answer.body).toBe(400);
      expect(problemOf(answer).code).toBe('validation_failed');
      expect(problemOf(answer).errors?.map((f) => f.field)).toContain(field);
      expect(await rig.written()).toBe(before);
    });
  });
});
