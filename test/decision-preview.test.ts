import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { DecisionPreview, DecisionResult, DecisionView, ReportAnswer } from '../src/moderation/contract.js';

const facts = 'The post praises a designated terrorist organisation and calls for recruits.';
const severeStrike = {
  policyId: 'dangerous-organizations',
  sectionId: 'terrorism',
  outcome: 'remove',
  accountAction: { kind: 'strike' },
  facts,
};

/** Issue 12, item 5: a strike on a severe section silently became a disable. The preview shows every consequence first. */
describeEachStore('decision preview', (kind) => {
  let rig: ModerationRig;
  let next = 0;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  /** A claimed case on a fresh post by a fresh author. */
  const claimedCase = async (report: Record<string, unknown> = {}) => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(2_000 + next++),
        policyId: 'dangerous-organizations',
        source: 'user',
        ...report,
      })
    ).json<ReportAnswer>().receipt;
    expect((await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`)).statusCode).toBe(200);
    return receipt.caseId;
  };
  const preview = (caseId: string, body: Record<string, unknown>) =>
    rig.moderator.request('POST', `/api/cases/${caseId}/decision/preview`, body);

  it('shows the disable a severe section brings, and that the strike is not issued, writing nothing', async () => {
    const caseId = await claimedCase();
    const before = await rig.written();
    const answer = await preview(caseId, { ...severeStrike, facts: undefined });
    expect(answer.statusCode).toBe(200);
    const shown = answer.json<DecisionPreview>();
    expect(shown).toMatchObject({
      outcome: 'remove',
      strike: null,
      restrictions: [{ kind: 'disable_account', cause: 'severe_section', endsAt: null }],
    });
    expect(shown.strikeWithheld).toContain('severe section dangerous-organizations/terrorism skips the strike ladder');
    expect(shown.summary.join('\n')).toMatch(/^Account disabled/m);
    expect(shown.notice.statement.decision_account).toBe('DECISION_ACCOUNT_TERMINATED');
    expect(await rig.written()).toBe(before);
  });

  it('shows the strike and the rung of the ladder it reaches', async () => {
    const caseId = await claimedCase();
    const shown = (
      await preview(caseId, { policyId: 'dangerous-organizations', sectionId: 'praise-and-support', outcome: 'remove' })
    ).json<DecisionPreview>();
    expect(shown.strike).toEqual({ activeStrikes: 1, rung: { minStrikes: 1, penalty: { kind: 'warning' } } });
    expect(shown.restrictions.map((r) => r.kind)).toEqual(['warning']);
  });

  it('refuses a draft the decision would refuse, with the same problem', async () => {
    const caseId = await claimedCase();
    const body = {
      policyId: 'dangerous-organizations',
      sectionId: 'praise-and-support',
      outcome: 'keep_newsworthy',
      facts,
    };
    expect(problemOf(await preview(caseId, body))).toMatchObject({ code: 'forbidden' });
    expect(problemOf(await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, body))).toMatchObject({
      code: 'forbidden',
    });
  });

  describe('what is applied is what was previewed', () => {
    for (const [name, body] of [
      ['a strike on a severe section', severeStrike],
      [
        'a removal with a suspension',
        {
          policyId: 'dangerous-organizations',
          sectionId: 'praise-and-support',
          outcome: 'remove',
          accountAction: { kind: 'suspend_account', days: 14 },
          facts,
          territorialScope: ['KEN'],
        },
      ],
    ] as const) {
      it(name, async () => {
        const caseId = await claimedCase();
        const shown = (await preview(caseId, body)).json<DecisionPreview>();
        const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, body);
        expect(decided.statusCode).toBe(201);
        const result = decided.json<DecisionResult>();
        expect(result.activeStrikes).toBe(shown.strike?.activeStrikes ?? null);
        expect(result.strikeId !== null).toBe(shown.strike !== null);
        expect(
          result.restrictions.map((r: { kind: string; endsAt: string | null }) => ({ kind: r.kind, endsAt: r.endsAt })),
        ).toEqual(
          shown.restrictions.map((r: { kind: string; endsAt: string | null }) => ({ kind: r.kind, endsAt: r.endsAt })),
        );
        const notice = (await rig.get(`/api/decisions/${result.decisionId}`)).json<DecisionView>().notice;
        expect(notice?.statement).toEqual(shown.notice.statement);
        expect(notice?.recipientRef).toBe(shown.notice.recipientRef);
      });
    }
  });
});
