import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './http.js';
import { openModerationRig, ordinaryPost, START, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { DecisionResult, DecisionView, ReportAnswer } from '../src/moderation/contract.js';
import { strikes } from '../src/moderation/tables.js';
import type { Dispute, DisputeBody, DisputeBodyList, DisputeImplemented } from '../src/disputes/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';

const DAY = 86_400_000;
const removal = {
  policyId: 'spam',
  sectionId: 'commercial-spam',
  outcome: 'remove',
  facts: 'Repeated links to a counterfeit shop, posted 40 times in an hour.',
};
const aceEntry = {
  name: 'Appeals Centre Europe',
  memberState: 'IE',
  coordinator: 'Coimisiún na Meán',
  website: 'https://www.appealscentre.eu',
  areas: ['hate speech', 'spam', 'violence'],
  languages: ['en', 'de', 'fr'],
  status: 'certified',
  certifiedOn: '2024-09-26',
  certifiedUntil: '2029-09-25',
};

/**
 * Out-of-court dispute settlement (DSA Art. 21) through the API: the register of certified bodies, read publicly;
 * a dispute recorded on a decision, its outcome and fees; an outcome for the user carried out through moderation
 * (the decision reversed, its strike undone, a new decision with its notice); and the Art. 24(1) counts.
 */
describeEachStore('out-of-court dispute settlement', (kind) => {
  let rig: ModerationRig;
  let admin: Awaited<ReturnType<ModerationRig['signIn']>>;
  let body: DisputeBody;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'adm',
      roles: ['admin'],
      password: 'admin password!',
    });
    admin = await rig.signIn('adm', 'admin password!');
  });
  afterAll(() => rig.close());

  /** Days pass: the clock moves on, and staff sign in again (sessions last 12 hours). */
  const later = async (days: number) => {
    rig.clock.advance(days * DAY);
    rig.policy = await rig.signIn('policy1', 'policy1 password!');
    rig.moderator = await rig.signIn('mod1', 'mod1 password!');
  };

  /** A decision removing post n, its author struck; returns the decision and its case. */
  const removed = async (n: number) => {
    const { caseId } = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(n),
        policyId: 'spam',
        source: 'user',
        reporterRef: `r-${n}`,
      })
    ).json<ReportAnswer>().receipt;
    expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal);
    expect(decided.statusCode, decided.body).toBe(201);
    return { caseId: caseId as string, decisionId: decided.json<DecisionResult>().decisionId };
  };

  describe('the register', () => {
    it('is kept by policy staff and administrators, not moderators, and read by anyone', async () => {
      expect((await rig.moderator.request('POST', '/api/dispute-bodies', aceEntry)).statusCode).toBe(403);
      const made = await rig.policy.request('POST', '/api/dispute-bodies', aceEntry);
      expect(made.statusCode, made.body).toBe(201);
      body = made.json<DisputeBody>();
      expect(body).toMatchObject({ name: 'Appeals Centre Europe', memberState: 'IE', certifiedNow: true });
      const other = await admin.request('POST', '/api/dispute-bodies', {
        ...aceEntry,
        name: 'User Rights',
        memberState: 'DE',
        coordinator: 'Bundesnetzagentur',
        website: 'https://user-rights.org',
        status: 'revoked',
      });
      expect(other.statusCode, other.body).toBe(201);

      const listed = await rig.app.inject({ method: 'GET', url: '/api/public/dispute-bodies' });
      expect(listed.statusCode).toBe(200);
      const bodies = listed.json<DisputeBodyList>().bodies;
      expect(bodies.map((b) => [b.name, b.certifiedNow])).toEqual([
        ['Appeals Centre Europe', true],
        ['User Rights', false],
      ]);
      const page = await rig.app.inject({ method: 'GET', url: '/dispute-bodies' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Appeals Centre Europe');
      expect(page.body).toContain('Coimisiún na Meán, Ireland');
      expect(page.body).toContain('Certification revoked');
      expect(page.body).not.toContain('<script');
    });

    it('refuses a bad entry naming the field, writing nothing', async () => {
      const before = await rig.written();
      for (const [change, field] of [
        [{ website: 'javascript:alert(1)' }, '/website'],
        [{ certifiedUntil: '2020-01-01' }, '/certifiedUntil'],
        [{ memberState: 'US' }, '/memberState'],
        [{ languages: [] }, '/languages'],
      ] as const) {
        const refused = await rig.policy.request('POST', '/api/dispute-bodies', { ...aceEntry, ...change });
        expect(refused.statusCode, JSON.stringify(change)).toBe(400);
        expect(problemOf(refused).errors?.map((e) => e.field)).toContain(field);
      }
      expect(await rig.written()).toBe(before);
    });

    it('records a suspension, after which no new dispute can be brought to the body', async () => {
      const suspended = await rig.policy.request('PUT', `/api/dispute-bodies/${body.id}`, {
        ...aceEntry,
        status: 'suspended',
      });
      expect(suspended.json<DisputeBody>()).toMatchObject({ status: 'suspended', certifiedNow: false });
      const { decisionId } = await removed(90);
      const refused = await rig.policy.request('POST', '/api/disputes', {
        decisionId,
        bodyId: body.id,
        complainant: 'affected_user',
      });
      expect(refused.statusCode).toBe(400);
      expect(problemOf(refused).errors?.map((e) => e.field)).toEqual(['/bodyId']);
      const back = await rig.policy.request('PUT', `/api/dispute-bodies/${body.id}`, aceEntry);
      expect(back.json<DisputeBody>().certifiedNow).toBe(true);
    });
  });

  describe('a dispute on a decision', () => {
    it('is recorded only on an existing decision, with a bad field named and nothing written', async () => {
      const { decisionId } = await removed(1);
      const before = await rig.written();
      const missing = await rig.policy.request('POST', '/api/disputes', {
        decisionId: '01900000-0000-7000-8000-000000000000',
        bodyId: body.id,
        complainant: 'affected_user',
      });
      expect(missing.statusCode).toBe(404);
      expect(problemOf(missing).errors?.map((e) => e.field)).toEqual(['/decisionId']);
      const future = await rig.policy.request('POST', '/api/disputes', {
        decisionId,
        bodyId: body.id,
        complainant: 'affected_user',
        filedAt: new Date(Date.parse(START) + 30 * DAY).toISOString(),
      });
      expect(future.statusCode).toBe(400);
      expect(problemOf(future).errors?.map((e) => e.field)).toEqual(['/filedAt']);
      const who = await rig.policy.request('POST', '/api/disputes', {
        decisionId,
        bodyId: body.id,
        complainant: 'judge',
      });
      expect(who.statusCode).toBe(400);
      expect(problemOf(who).errors?.[0]?.field).toBe('/complainant');
      expect(
        (
          await rig.moderator.request('POST', '/api/disputes', {
            decisionId,
            bodyId: body.id,
            complainant: 'affected_user',
          })
        ).statusCode,
      ).toBe(403);
      expect(await rig.written()).toBe(before);
    });

    it("decided in the user's favour: the platform bears the fees, and carrying it out reverses the removal and its strike", async () => {
      const { caseId, decisionId } = await removed(2);
      const filed = await rig.policy.request('POST', '/api/disputes', {
        decisionId,
        bodyId: body.id,
        complainant: 'affected_user',
        bodyReference: 'ACE-2026-0042',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const dispute = filed.json<Dispute>();
      expect(dispute).toMatchObject({
        status: 'filed',
        decisionOutcome: 'remove',
        body: { name: 'Appeals Centre Europe' },
      });
      const again = await rig.policy.request('POST', '/api/disputes', {
        decisionId,
        bodyId: body.id,
        complainant: 'affected_user',
      });
      expect(again.statusCode).toBe(409);

      await later(20);
      const concluded = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'complainant_favour',
        summary: 'The links lead to a legitimate reseller; the removal was not justified.',
        fees: { amount: '100', currency: 'EUR' },
      });
      expect(concluded.statusCode, concluded.body).toBe(200);
      const outcome = concluded.json<Dispute>();
      expect(outcome).toMatchObject({
        status: 'concluded',
        outcome: 'complainant_favour',
        fees: { amount: '100.00', currency: 'EUR' },
        feesBorneBy: 'platform',
        requiredOutcome: 'no_violation',
        implementation: { status: 'open', overdue: false },
      });
      expect(Date.parse(outcome.implementation.dueAt ?? '')).toBe(rig.clock.now().getTime() + 7 * DAY);
      const twice = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'platform_favour',
        summary: 'A second outcome for the same dispute.',
      });
      expect(twice.statusCode).toBe(409);

      expect(await activeStrikesOn(decisionId)).toBe(1);
      await later(2);
      const done = await rig.policy.request('POST', `/api/disputes/${dispute.id}/implement`, {
        note: 'Post restored and the strike lifted.',
      });
      expect(done.statusCode, done.body).toBe(200);
      const implemented = done.json<DisputeImplemented>();
      expect(implemented.onTime).toBe(true);
      expect(await activeStrikesOn(decisionId)).toBe(0);
      expect((await rig.get(`/api/decisions/${decisionId}`)).json<DecisionView>().status).toBe('reversed');
      const replacement = (await rig.get(`/api/decisions/${implemented.actionDecisionId}`)).json<DecisionView>();
      expect(replacement).toMatchObject({ caseId, outcome: 'no_violation', reviewOf: decisionId, status: 'in_force' });
      expect(replacement.notice?.statement).toBeTruthy();

      const shown = (await rig.policy.request('GET', `/api/disputes?decisionId=${decisionId}`)).json<{
        disputes: Dispute[];
      }>();
      expect(shown.disputes[0]?.implementation).toMatchObject({
        status: 'implemented',
        actionDecisionId: implemented.actionDecisionId,
      });
      expect(
        (await rig.policy.request('POST', `/api/disputes/${dispute.id}/implement`, { note: 'Once more.' })).statusCode,
      ).toBe(409);

      const reversedBy = await reversals();
      expect(reversedBy.out_of_court_dispute).toBe(1);
    });

    it('decided for the platform: no change to implement, and the complainant bears fees only on a finding of bad faith', async () => {
      const { decisionId } = await removed(3);
      const dispute = (
        await rig.policy.request('POST', '/api/disputes', { decisionId, bodyId: body.id, complainant: 'affected_user' })
      ).json<Dispute>();
      const wrong = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'platform_favour',
        summary: 'The shop sells counterfeits, as the platform found.',
        requiredOutcome: 'no_violation',
        feesBorneBy: 'shared',
      });
      expect(wrong.statusCode).toBe(400);
      expect(
        problemOf(wrong)
          .errors?.map((e) => e.field)
          .sort(),
      ).toEqual(['/feesBorneBy', '/requiredOutcome']);
      await later(10);
      const decided = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'platform_favour',
        summary: 'The shop sells counterfeits, as the platform found; the complaint was abusive.',
        badFaith: true,
        fees: { amount: '45.5', currency: 'EUR' },
      });
      expect(decided.json<Dispute>()).toMatchObject({
        feesBorneBy: 'complainant',
        fees: { amount: '45.50', currency: 'EUR' },
        requiredOutcome: null,
        implementation: { status: 'not_required' },
      });
      const implement = await rig.policy.request('POST', `/api/disputes/${dispute.id}/implement`, {
        note: 'Nothing to do.',
      });
      expect(implement.statusCode).toBe(409);
    });

    it('a notifier who wins against a decision to keep must have the decision to take named', async () => {
      const { caseId } = (
        await rig.push('/api/reports', {
          subject: ordinaryPost(4),
          policyId: 'spam',
          source: 'user',
          reporterRef: 'n-4',
        })
      ).json<ReportAnswer>().receipt;
      await rig.moderator.request('POST', `/api/cases/${caseId}/claim`);
      const kept = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        ...removal,
        outcome: 'no_violation',
        facts: 'A single link to a shop, posted once: not spam.',
      });
      const decisionId = kept.json<DecisionResult>().decisionId;
      const dispute = (
        await rig.policy.request('POST', '/api/disputes', { decisionId, bodyId: body.id, complainant: 'notifier' })
      ).json<Dispute>();
      const unnamed = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'complainant_favour',
        summary: 'The post is part of a spam campaign.',
      });
      expect(problemOf(unnamed).errors?.map((e) => e.field)).toEqual(['/requiredOutcome']);
      const named = await rig.policy.request('POST', `/api/disputes/${dispute.id}/outcome`, {
        outcome: 'complainant_favour',
        summary: 'The post is part of a spam campaign.',
        requiredOutcome: 'remove',
      });
      expect(named.json<Dispute>()).toMatchObject({ requiredOutcome: 'remove', implementation: { status: 'open' } });
    });
  });

  it('counts disputes, outcomes, the median time to conclusion and the share implemented (Art. 24(1))', async () => {
    const stats = (await rig.app.inject({ method: 'GET', url: '/api/public/statistics' })).json<StatisticsAnswer>();
    expect(stats.totals.disputesSubmitted).toBe(3);
    expect(stats.totals.disputesConcluded).toBe(3);
    expect(stats.breakdowns['disputes.outcome']).toEqual([
      { key: 'complainant_favour', count: 2 },
      { key: 'platform_favour', count: 1 },
    ]);
    expect(stats.breakdowns['disputes.submitted']).toEqual([
      { key: 'affected_user', count: 2 },
      { key: 'notifier', count: 1 },
    ]);
    // Two required a change, one was carried out.
    expect(stats.totals.disputeOutcomesImplementedShare).toBe(0.5);
    // 20, 10 and 0 days (the notifier's concluded at once): the middle one is 10 days, within the buckets' 19%.
    expect(stats.totals.medianDaysToConcludeDispute).toBeGreaterThan(10 / 1.19);
    expect(stats.totals.medianDaysToConcludeDispute).toBeLessThan(10 * 1.19);
    const page = await rig.app.inject({ method: 'GET', url: '/statistics' });
    expect(page.body).toContain('Out-of-court disputes submitted');
    expect(page.body).toContain('In the complainant&#39;s favour');
  });

  async function activeStrikesOn(decisionId: string): Promise<number> {
    const rows = await rig.docket.store.db
      .select({ id: strikes.id })
      .from(strikes)
      .where(and(eq(strikes.decisionId, decisionId), isNull(strikes.reversedAt)));
    return rows.length;
  }

  async function reversals(): Promise<Record<string, number>> {
    const stats = (await rig.app.inject({ method: 'GET', url: '/api/public/statistics' })).json<StatisticsAnswer>();
    return Object.fromEntries(stats.breakdowns['reversals.by'].map((x) => [x.key, x.count]));
  }
});
