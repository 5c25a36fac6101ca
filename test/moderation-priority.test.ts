import { afterAll, beforeAll, expect, it } from 'vitest';
import { settleAgedCases } from '../src/moderation/queue-order.js';
import { DEFAULT_MODERATION_RULES } from '../src/moderation/rules.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { CaseView, QueuePage } from '../src/moderation/contract.js';

const HOUR = 3_600_000;

interface Entry {
  id: string;
  priority: number;
  priorityAt: string;
  priorityFactors: { factor: string; value: number }[];
  subject: { title: string };
}

/** Issue 12: waiting lifts a case x2 per 72 hours up to x4, so stale spam never outranks a fresh threat of violence. */
describeEachStore('queue priority: what is shown is what orders the queue', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  /** A post with 50,000 views and no posting time, so every case here has the same reach. */
  const report = (n: number, policyId: string, sectionId: string) =>
    rig.push('/api/reports', {
      subject: ordinaryPost(n, { views: 50_000, postedAt: undefined, title: `${sectionId} ${n}` }),
      policyId,
      sectionId,
      source: 'user',
    });
  // Sessions lapse over the days the clock moves, so each step signs in afresh.
  const reviewer = (username: 'mod1' | 'mod2') => rig.signIn(username, `${username} password!`);
  const queue = async (): Promise<Entry[]> =>
    (await (await reviewer('mod1')).request('GET', '/api/queue')).json<QueuePage>().cases;
  const factor = (entry: Entry | undefined, name: string) =>
    entry?.priorityFactors.find((f) => f.factor === name)?.value;

  it('ranks a fresh severity-5 threat above spam that has waited 4 days, and the claim takes the threat first', async () => {
    expect((await report(1, 'spam', 'commercial-spam')).statusCode).toBeLessThan(300);
    rig.clock.advance(96 * HOUR);
    expect((await report(2, 'violence-incitement', 'threats-of-violence')).statusCode).toBeLessThan(300);

    const [threat, spam] = await queue();
    expect(threat?.subject.title).toBe('threats-of-violence 2');
    expect(spam?.subject.title).toBe('commercial-spam 1');
    expect(factor(spam, 'age')).toBe(2.52);
    expect(factor(threat, 'age')).toBe(1);
    expect(threat?.priority).toBeGreaterThan(spam?.priority ?? Infinity);
    for (const entry of [threat, spam]) {
      const product = entry?.priorityFactors.reduce((p, f) => p * f.value, 1) ?? NaN;
      expect(entry?.priority).toBe(Math.round(product * 100) / 100);
      expect(entry?.priorityAt).toBe(rig.clock.now().toISOString());
    }

    const moderator = await reviewer('mod1');
    const claimed = (await moderator.request('POST', '/api/queue/claim', {})).json<CaseView>();
    expect(claimed.case.id).toBe(threat?.id);
    const page = (await moderator.request('GET', `/api/cases/${threat?.id}`)).json<CaseView>().case;
    expect({ priority: page.priority, factors: page.priorityFactors }).toEqual({
      priority: threat?.priority,
      factors: threat?.priorityFactors,
    });
  });

  it('keeps lifting a case only up to x4: a case past the ceiling is ordered by its base among the younger ones', async () => {
    expect((await report(3, 'hate-speech', 'slurs')).statusCode).toBeLessThan(300);
    rig.clock.advance(200 * HOUR);
    expect((await report(4, 'violence-incitement', 'threats-of-violence')).statusCode).toBeLessThan(300);

    const entries = await queue();
    // Of the same reach: the first threat 5 x 4 and the slur 3 x 4 (both waited past the ceiling), the fresh threat
    // 5 x 1, the spam 1 x 4. (The first threat's lease ran out long ago: it waits again.)
    expect(entries.map((e) => e.subject.title)).toEqual([
      'threats-of-violence 2',
      'slurs 3',
      'threats-of-violence 4',
      'commercial-spam 1',
    ]);
    expect(entries.map((e) => factor(e, 'age'))).toEqual([4, 4, 1, 4]);
    expect(entries.map((e) => e.priority)).toEqual([...entries.map((e) => e.priority)].sort((a, b) => b - a));
    // The scheduler's sweep takes the three capped cases out of the young run's index; the order stays.
    expect(await settleAgedCases(rig.docket.store.db, rig.clock.now(), DEFAULT_MODERATION_RULES)).toBe(3);
    expect((await queue()).map((e) => e.id)).toEqual(entries.map((e) => e.id));

    const claimed = (await (await reviewer('mod2')).request('POST', '/api/queue/claim', {})).json<CaseView>();
    expect(claimed.case.id).toBe(entries[0]?.id);
  });
});
