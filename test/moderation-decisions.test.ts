import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, pmAccount, pmVideo, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type {
  AppealDecision,
  AppealReceipt,
  CaseView,
  DecisionResult,
  DecisionView,
  PendingAppeals,
  ReportAnswer,
} from '../src/moderation/contract.js';

const removal = {
  policyId: 'spam',
  sectionId: 'commercial-spam',
  outcome: 'remove',
  facts: 'Repeated links to a counterfeit shop, posted 40 times in an hour.',
};

describeEachStore('moderation decisions: strikes, notices, appeals', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  /** Pushes one report on a fresh post and has the reviewer claim its case. */
  const caseFor = async (
    reviewer: Client,
    n: number,
    extra: Record<string, unknown> = {},
    report: Record<string, unknown> = {},
  ) => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(n, extra),
        policyId: 'spam',
        source: 'user',
        reporterRef: `secret-reporter-${n}`,
        ...report,
      })
    ).json<ReportAnswer>().receipt;
    const claimed = await reviewer.request('POST', `/api/cases/${receipt.caseId}/claim`);
    expect(claimed.statusCode).toBe(200);
    return receipt.caseId as string;
  };

  describe('deciding', () => {
    it('refuses a decision on a case the reviewer does not hold, writing nothing', async () => {
      const caseId = await caseFor(rig.moderator, 1);
      const before = await rig.written();
      expect(problemOf(await rig.moderator2.request('POST', `/api/cases/${caseId}/decision`, removal)).code).toBe(
        'conflict',
      );
      expect(await rig.written()).toBe(before);
      await rig.moderator.request('POST', `/api/cases/${caseId}/release`);
    });

    it('removes, issues a strike and the ladder’s first penalty, and a notice with a statement of reasons', async () => {
      const caseId = await caseFor(rig.moderator, 2);
      const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        ...removal,
        territorialScope: ['KEN'],
      });
      expect(decided.statusCode).toBe(201);
      const result = decided.json<DecisionResult>();
      expect(result).toMatchObject({ activeStrikes: 1, restrictions: [{ kind: 'warning', endsAt: null }] });
      expect(result.strikeId).toMatch(/^[0-9a-f-]{36}$/);

      const seen = (await rig.get(`/api/decisions/${result.decisionId}`)).json<DecisionView>();
      expect(seen).toMatchObject({
        outcome: 'remove',
        policyId: 'spam',
        policyVersion: 1,
        status: 'in_force',
        notice: { recipientRef: 'acct-2' },
      });
      expect(seen.notice?.statement).toMatchObject({
        decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
        decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
        category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
        source_type: 'SOURCE_ARTICLE_16',
        automated_detection: 'No',
        automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
        territorial_scope: ['KEN'],
        content_type: ['CONTENT_TYPE_TEXT'],
        decision_facts: removal.facts,
        redress: { internal_appeal_until: '2026-09-02T09:00:00.000Z', out_of_court_settlement: true },
      });
      expect(seen.notice?.statement.incompatible_content_ground).toContain(
        'Spam, section "Commercial spam" (spam/commercial-spam, version 1)',
      );
      expect(JSON.stringify(seen)).not.toContain('secret-reporter');

      const detail = (await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<CaseView>();
      expect(detail.case.status).toBe('closed');
      expect(detail.activeStrikes).toHaveLength(1);
      expect(detail.history.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining([
          'case.opened',
          'report.received',
          'case.claimed',
          'decision.taken',
          'strike.issued',
          'account.restricted',
          'notice.issued',
        ]),
      );
      // Who did each step is named for people: the reviewer by display name, the platform by what it is; no ids.
      const by = (type: string) => detail.history.find((e: { type: string }) => e.type === type)?.actorName;
      expect(by('case.claimed')).toBe('mod1');
      expect(by('report.received')).toBe("the platform's integration");
      expect(detail.history.filter((e: { actorName: string }) => /user:|integration:/.test(e.actorName))).toEqual([]);
      expect(problemOf(await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal)).code).toBe(
        'conflict',
      );
    });

    it('climbs the ladder: a second strike on the same account limits features', async () => {
      const caseId = await caseFor(rig.moderator, 3, { externalId: 'post-3b', authorExternalId: 'acct-2' });
      const result = (
        await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal)
      ).json<DecisionResult>();
      expect(result).toMatchObject({ activeStrikes: 2, restrictions: [{ kind: 'feature_limit' }] });
    });

    it('gives no strike for content older than 90 days when removed', async () => {
      const caseId = await caseFor(rig.moderator, 4, { postedAt: '2025-11-01T00:00:00.000Z' });
      expect(
        (await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal)).json<DecisionResult>(),
      ).toMatchObject({
        strikeId: null,
        restrictions: [],
      });
    });

    it('disables the account for a severe policy instead of a strike', async () => {
      const caseId = await caseFor(
        rig.moderator,
        5,
        {},
        { policyId: 'dangerous-organizations', sectionId: 'terrorism' },
      );
      const result = (
        await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
          policyId: 'dangerous-organizations',
          sectionId: 'terrorism',
          outcome: 'remove',
          facts: 'Recruitment video of a designated terrorist group.',
        })
      ).json<DecisionResult>();
      expect(result).toMatchObject({ strikeId: null, restrictions: [{ kind: 'disable_account', endsAt: null }] });
    });

    it('refuses unknown policies and outcomes the section does not allow, writing nothing', async () => {
      const caseId = await caseFor(rig.moderator, 6);
      const before = await rig.written();
      expect(
        problemOf(
          await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, { ...removal, policyId: 'nope' }),
        ).errors?.[0]?.field,
      ).toBe('/policyId');
      expect(
        problemOf(
          await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
            ...removal,
            outcome: 'warning_screen',
          }),
        ).detail,
      ).toContain('not an allowed outcome');
      expect(
        problemOf(
          await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
            ...removal,
            accountAction: { kind: 'suspend_account' },
          }),
        ).detail,
      ).toContain('1 to 730 days');
      expect(await rig.written()).toBe(before);
      await rig.moderator.request('POST', `/api/cases/${caseId}/release`);
    });

    it('lets only a senior reviewer keep violating content as newsworthy, with a balancing', async () => {
      await rig.push('/api/subjects', pmAccount);
      const receipt = (
        await rig.push('/api/reports', {
          subject: pmVideo,
          policyId: 'violence-incitement',
          sectionId: 'threats-of-violence',
          source: 'user',
        })
      ).json<ReportAnswer>().receipt;
      await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`);
      const keep = {
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        outcome: 'keep_newsworthy',
        facts: 'A head of government addressing party members before an election.',
        balancing: {
          publicInterest: ['political_speech', 'leader_accountability'],
          harms: ['threat_to_identifiable_people'],
          assessment: 'The public has a strong interest in knowing what its leader says.',
        },
      };
      const before = await rig.written();
      expect(problemOf(await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/decision`, keep)).code).toBe(
        'forbidden',
      );
      expect(await rig.written()).toBe(before);
      await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/escalate`, {
        to: 'senior',
        note: 'Newsworthiness call needed.',
      });
      await rig.senior.request('POST', `/api/cases/${receipt.caseId}/claim`);
      const kept = await rig.senior.request('POST', `/api/cases/${receipt.caseId}/decision`, keep);
      expect(kept.statusCode).toBe(201);
      expect(kept.json<DecisionResult>()).toMatchObject({ strikeId: null, restrictions: [] });
      const notice = (await rig.get(`/api/decisions/${kept.json<DecisionResult>().decisionId}`)).json<DecisionView>()
        .notice?.statement;
      expect(notice?.decision_visibility).toEqual([]);
      expect(notice?.summary).toContain('stays up because the public interest');
    });
  });

  describe('internal appeals', () => {
    let decisionId: string;
    let appealId: string;

    beforeAll(async () => {
      const caseId = await caseFor(rig.moderator, 7);
      decisionId = (
        await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal)
      ).json<DecisionResult>().decisionId;
    });

    it('refuses a reporter’s appeal against a removal, and a platform’s appeal on another platform’s decision', async () => {
      const other = (
        await rig.docket.access.createToken('system:test', { name: 'Other', kind: 'integration', platform: 'other' })
      ).token;
      const before = await rig.written();
      expect(
        problemOf(await rig.push('/api/appeals', { decisionId, appellant: 'reporter', statement: 'I want more' }))
          .detail,
      ).toContain('only a decision not to act');
      const foreign = await rig.app.inject({
        method: 'POST',
        url: '/api/appeals',
        headers: { authorization: `Bearer ${other}` },
        payload: { decisionId, appellant: 'affected_user', statement: 'x' },
      });
      expect(problemOf(foreign).code).toBe('not_found');
      expect(await rig.written()).toBe(before);
    });

    it('takes the affected user’s appeal once', async () => {
      const filed = await rig.push('/api/appeals', {
        decisionId,
        appellant: 'affected_user',
        appellantRef: 'acct-7',
        statement: 'This was a one-off announcement, not spam.',
      });
      expect(filed.statusCode).toBe(201);
      appealId = filed.json<AppealReceipt>().appealId;
      expect(
        problemOf(await rig.push('/api/appeals', { decisionId, appellant: 'affected_user', statement: 'again' })).code,
      ).toBe('conflict');
      const pending = (await rig.moderator2.request('GET', '/api/appeals')).json<PendingAppeals>().appeals;
      expect(pending.find((a: { id: string }) => a.id === appealId)).toMatchObject({ mayDecide: true });
    });

    it('is decided by another reviewer; a reversal undoes the strike and the penalty', async () => {
      expect(
        problemOf(
          await rig.moderator.request('POST', `/api/appeals/${appealId}/decision`, {
            result: 'reversed',
            reason: 'I changed my mind.',
          }),
        ).code,
      ).toBe('forbidden');
      const decided = await rig.moderator2.request('POST', `/api/appeals/${appealId}/decision`, {
        result: 'reversed',
        reason: 'A single announcement is not commercial spam.',
      });
      expect(decided.statusCode).toBe(200);
      const { reviewDecisionId } = decided.json<AppealDecision>();
      const original = (await rig.get(`/api/decisions/${decisionId}`)).json<DecisionView>();
      expect(original.status).toBe('reversed');
      const review = (await rig.get(`/api/decisions/${reviewDecisionId}`)).json<DecisionView>();
      expect(review).toMatchObject({
        outcome: 'no_violation',
        reviewOf: decisionId,
        notice: { statement: { decision_visibility: [] } },
      });
      const detail = (await rig.moderator2.request('GET', `/api/cases/${original.caseId}`)).json<CaseView>();
      expect(detail.activeStrikes).toHaveLength(0);
      expect(detail.restrictions).toHaveLength(0);
      expect(detail.history.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining([
          'appeal.filed',
          'decision.reversed',
          'strike.reversed',
          'account.restriction_lifted',
          'appeal.decided',
        ]),
      );
      expect(
        problemOf(
          await rig.moderator2.request('POST', `/api/appeals/${appealId}/decision`, {
            result: 'upheld',
            reason: 'second thoughts again',
          }),
        ).code,
      ).toBe('conflict');
    });

    it('closes six months after the decision', async () => {
      const caseId = await caseFor(rig.moderator, 8);
      const late = (
        await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, removal)
      ).json<DecisionResult>().decisionId;
      rig.clock.advance(185 * 86_400_000);
      const before = await rig.written();
      const problem = problemOf(
        await rig.push('/api/appeals', { decisionId: late, appellant: 'affected_user', statement: 'Too late?' }),
      );
      expect(problem).toMatchObject({ code: 'conflict' });
      expect(problem.detail).toContain('appeal window closed');
      expect(await rig.written()).toBe(before);
    });
  });
});
