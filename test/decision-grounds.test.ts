import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import { startFakeTdb, type FakeTdb } from './fakes/dsa-tdb.js';
import type { AppealReceipt, DecisionResult, DecisionView, ReportAnswer } from '../src/moderation/contract.js';
import type { PolicyList, PolicyVersion } from '../src/policy/contract.js';
import type { SorAnswer } from '../src/transparency/dsa/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';
import { tdbProblems } from '../src/transparency/dsa/tdb-rules.js';

const illegalContent = {
  legalProvision: 'Germany, Strafgesetzbuch § 130 (incitement to hatred)',
  explanation: 'The post calls for violence against people because of their religion.',
  memberStates: ['DE', 'AT'],
};
const hateRemoval = {
  policyId: 'hate-speech',
  sectionId: 'attacks-on-protected-groups',
  outcome: 'remove',
  facts: 'The post calls for the expulsion of a religious minority, with threats.',
};
const tool = { tool: 'hashmatch', toolVersion: '2.1', score: 0.98 };
/** A scam advert a tool removed without human review, as the integration records it. */
const scamRemoval = {
  subjectExternalId: 'post-10',
  policyId: 'spam',
  sectionId: 'commercial-spam',
  outcome: 'remove',
  facts: 'Matched a known scam advert by its image hash.',
  automation: { ...tool, humanReviewed: false },
};

describeEachStore('decisions on illegal content and automated decisions', (kind) => {
  let rig: ModerationRig;
  let tdb: FakeTdb;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
    tdb = await startFakeTdb({ token: 'tdb-token' });
  });
  afterAll(async () => {
    await tdb?.close();
    await rig?.close();
  });

  /** A user's report on a fresh post; the case, claimed by the reviewer when one is given. */
  const reported = async (n: number, reviewer?: Client) => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(n, { country: 'DEU', language: 'de' }),
        policyId: 'hate-speech',
        source: 'user',
        reporterRef: `reporter-${n}`,
      })
    ).json<ReportAnswer>().receipt;
    if (reviewer) expect((await reviewer.request('POST', `/api/cases/${receipt.caseId}/claim`)).statusCode).toBe(200);
    return receipt.caseId as string;
  };
  const hateSpeech = async () =>
    (await rig.get('/api/policies'))
      .json<PolicyList>()
      .policies.find((p) => p.policyId === 'hate-speech') as PolicyVersion;
  const decision = async (id: string) => (await rig.get(`/api/decisions/${id}`)).json<DecisionView>();
  const exported = async () =>
    (await rig.policy.request('GET', '/api/transparency/sor?from=2026-01-01&to=2026-12-31')).json<SorAnswer>()
      .statements;
  /** What the fake Transparency Database (the real one's rules) answers to a statement. */
  const submit = async (statement: unknown) => {
    const response = await fetch(`${tdb.url}/api/v1/statement`, {
      method: 'POST',
      headers: { authorization: 'Bearer tdb-token', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(statement),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  describe('illegal content as a ground', () => {
    let decisionId: string;

    it('policy staff record the laws a section relates to in a new version', async () => {
      const current = await hateSpeech();
      const sections = current.sections.map((s) =>
        s.id === 'attacks-on-protected-groups'
          ? { ...s, legalReferences: ['Germany, Strafgesetzbuch § 130', 'EU, Framework Decision 2008/913/JHA'] }
          : s,
      );
      const { policyId: _id, version: _v, publishedAt: _at, ...draft } = current;
      const published = await rig.policy.request('POST', '/api/policies/hate-speech/versions', {
        ...draft,
        sections,
        changeNote: 'The laws behind attacks on protected groups.',
      });
      expect(published.statusCode, published.body).toBe(201);
      const again = await hateSpeech();
      expect(again.sections.find((s) => s.id === 'attacks-on-protected-groups')?.legalReferences).toEqual([
        'Germany, Strafgesetzbuch § 130',
        'EU, Framework Decision 2008/913/JHA',
      ]);
      const bad = await rig.policy.request('POST', '/api/policies/hate-speech/versions', {
        ...draft,
        sections: sections.map((s) => ({ ...s, legalReferences: [' '] })),
        changeNote: 'Blank law.',
      });
      expect(problemOf(bad).errors?.[0]?.field).toMatch(/^\/sections\/0\/legalReferences\/0/);
    });

    it('refuses a bad ground with 400 naming the field, writing nothing', async () => {
      const caseId = await reported(1, rig.moderator);
      const before = await rig.written();
      const refused = async (body: Record<string, unknown>) =>
        problemOf(await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, { ...hateRemoval, ...body }));
      const field = async (body: Record<string, unknown>) => (await refused(body)).errors?.[0]?.field;
      expect(await field({ illegalContent: { ...illegalContent, memberStates: [] } })).toBe(
        '/illegalContent/memberStates',
      );
      expect(await field({ illegalContent: { ...illegalContent, memberStates: ['US'] } })).toMatch(
        /^\/illegalContent\/memberStates\/0/,
      );
      expect(await field({ illegalContent: { ...illegalContent, legalProvision: '   ' } })).toBe(
        '/illegalContent/legalProvision',
      );
      expect(await field({ illegalContent: { ...illegalContent, explanation: 'x'.repeat(2001) } })).toBe(
        '/illegalContent/explanation',
      );
      expect(await field({ illegalContent: { legalProvision: 'StGB § 130', memberStates: ['DE'] } })).toBe(
        '/illegalContent/explanation',
      );
      expect(await field({ illegalContent, territorialScope: ['WORLD'] })).toBe('/territorialScope');
      expect(await field({ illegalContent, outcome: 'no_violation' })).toBe('/illegalContent');
      expect((await refused({ illegalContent, outcome: 'no_violation' })).status).toBe(400);
      expect(await rig.written()).toBe(before);
    });

    it('decides on the ground of illegal content: the notice states the provision, the explanation and the states', async () => {
      const caseId = await reported(2, rig.moderator);
      const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        ...hateRemoval,
        illegalContent,
      });
      expect(decided.statusCode, decided.body).toBe(201);
      decisionId = decided.json<DecisionResult>().decisionId;
      const seen = await decision(decisionId);
      expect(seen.notice?.statement).toMatchObject({
        decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
        illegal_content_legal_ground: illegalContent.legalProvision,
        illegal_content_explanation: illegalContent.explanation,
        territorial_scope: ['AUT', 'DEU'],
        automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      });
      expect(seen.notice?.statement).not.toHaveProperty('incompatible_content_ground');
      // The post is in German: its author is told in German (messageLanguage), the moderator's own words kept.
      expect(seen.notice?.statement.summary).toContain('Der Inhalt ist nach Germany, Strafgesetzbuch § 130');
      const onCase = (await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<{
        decisions: { illegalContent: unknown }[];
      }>();
      expect(onCase.decisions[0]?.illegalContent).toEqual(illegalContent);
    });

    it('exports its statement of reasons as the Transparency Database takes it, and the fake database stores it', async () => {
      const record = (await exported()).find((s) => s.puid === decisionId);
      expect(record).toMatchObject({
        decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
        illegal_content_legal_ground: illegalContent.legalProvision,
        illegal_content_explanation: illegalContent.explanation,
        territorial_scope: ['AT', 'DE'],
      });
      expect(record).not.toHaveProperty('incompatible_content_ground');
      expect(record).not.toHaveProperty('incompatible_content_illegal');
      expect(tdbProblems(record, 'statement')).toEqual({});
      const answer = await submit(record);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(tdb.statements.get(decisionId)?.fields).toMatchObject({
        decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
        illegal_content_legal_ground: illegalContent.legalProvision,
      });
      // The database refuses the same statement without its legal ground, as Docket's copy of its rules does.
      const { illegal_content_legal_ground: _ground, ...withoutGround } = record as Record<string, unknown>;
      const refused = await submit({ ...withoutGround, puid: `${decisionId}-x` });
      expect(refused.status).toBe(422);
      expect(Object.keys(refused.body.errors as object)).toEqual(Object.keys(tdbProblems(withoutGround, 'statement')));
    });
  });

  describe('automated decisions', () => {
    let fullyId: string;

    it('an integration records a tool’s decision without human review: fully automated, detected automatically', async () => {
      const subject = await rig.push('/api/subjects', ordinaryPost(10, { country: 'FRA' }));
      expect(subject.statusCode).toBeLessThan(300);
      const recorded = await rig.push('/api/automated-decisions', scamRemoval);
      expect(recorded.statusCode, recorded.body).toBe(201);
      fullyId = recorded.json<DecisionResult>().decisionId;
      const seen = await decision(fullyId);
      expect(seen.notice?.statement).toMatchObject({
        automated_decision: 'AUTOMATED_DECISION_FULLY',
        automated_detection: 'Yes',
        source_type: 'SOURCE_VOLUNTARY',
      });
      expect(seen.notice?.statement.summary).toContain('automated means (hashmatch 2.1) without human review');
      const record = (await exported()).find((s) => s.puid === fullyId);
      expect(record).toMatchObject({ automated_decision: 'AUTOMATED_DECISION_FULLY', automated_detection: 'Yes' });
      expect(tdbProblems(record, 'statement')).toEqual({});
      expect((await submit(record)).status).toBe(201);
    });

    it('a tool’s decision a person reviewed on a reported case is partially automated, detected by the notice', async () => {
      const caseId = await reported(11);
      const recorded = await rig.push('/api/automated-decisions', {
        subjectExternalId: 'post-11',
        ...hateRemoval,
        automation: { tool: 'toxicity', toolVersion: '0.9', score: 0.81, humanReviewed: true },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const seen = await decision(recorded.json<DecisionResult>().decisionId);
      expect(seen.caseId).toBe(caseId);
      expect(seen.notice?.statement).toMatchObject({
        automated_decision: 'AUTOMATED_DECISION_PARTIALLY',
        automated_detection: 'No',
        source_type: 'SOURCE_ARTICLE_16',
      });
      const record = (await exported()).find((s) => s.puid === seen.id);
      expect((await submit(record)).status).toBe(201);
    });

    it('a moderator records a tool’s suggestion as reviewed, never as a decision no one reviewed', async () => {
      const caseId = await reported(12, rig.moderator);
      const before = await rig.written();
      const unreviewed = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        ...hateRemoval,
        automation: { ...tool, humanReviewed: false },
      });
      expect(unreviewed.statusCode).toBe(400);
      expect(problemOf(unreviewed).errors?.[0]?.field).toBe('/automation/humanReviewed');
      expect(await rig.written()).toBe(before);
      const reviewed = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        ...hateRemoval,
        automation: { ...tool, humanReviewed: true },
      });
      expect(reviewed.statusCode, reviewed.body).toBe(201);
      const seen = await decision(reviewed.json<DecisionResult>().decisionId);
      expect(seen.notice?.statement.automated_decision).toBe('AUTOMATED_DECISION_PARTIALLY');
    });

    it('refuses bad input and callers that are not integrations', async () => {
      const before = await rig.written();
      const body = scamRemoval;
      expect((await rig.moderator.request('POST', '/api/automated-decisions', body)).statusCode).toBe(403);
      const unknown = problemOf(await rig.push('/api/automated-decisions', { ...body, subjectExternalId: 'nope' }));
      expect(unknown.status).toBe(404);
      expect(unknown.errors?.[0]?.field).toBe('/subjectExternalId');
      expect(
        problemOf(await rig.push('/api/automated-decisions', { ...body, automation: { ...body.automation, score: 7 } }))
          .errors?.[0]?.field,
      ).toBe('/automation/score');
      const { automation: _a, ...withoutTool } = body;
      expect(problemOf(await rig.push('/api/automated-decisions', withoutTool)).status).toBe(400);
      expect(await rig.written()).toBe(before);
    });

    it('an appeal is never decided solely by automation; reversals on appeal count against the tool', async () => {
      const filed = await rig.push('/api/appeals', {
        decisionId: fullyId,
        appellant: 'affected_user',
        appellantRef: 'acct-10',
        statement: 'This is my own shop, not a scam.',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const { appealId } = filed.json<AppealReceipt>();
      const before = await rig.written();
      const automatic = await rig.moderator.request('POST', `/api/appeals/${appealId}/decision`, {
        result: 'reversed',
        reason: 'The tool says so.',
        replacement: {
          policyId: 'spam',
          sectionId: 'commercial-spam',
          outcome: 'no_violation',
          facts: 'A second tool found no scam in the advert.',
          automation: { tool: 'scamcheck', toolVersion: '1.0', score: 0.3, humanReviewed: false },
        },
      });
      expect(automatic.statusCode).toBe(400);
      expect(problemOf(automatic).errors?.[0]?.field).toBe('/replacement/automation/humanReviewed');
      expect(await rig.written()).toBe(before);
      const reversed = await rig.moderator.request('POST', `/api/appeals/${appealId}/decision`, {
        result: 'reversed',
        reason: 'A person looked: it is the user’s own shop.',
      });
      expect(reversed.statusCode, reversed.body).toBe(200);

      await rig.docket.sequencer.caughtUp();
      const report = (
        await rig.app.inject({ method: 'GET', url: '/api/public/statistics?from=2026-03-01&to=2026-03-31' })
      ).json<StatisticsAnswer>();
      const byTool = Object.fromEntries(report.automatedTools.map((t) => [t.tool, t]));
      // hashmatch decided alone once (reversed on appeal) and once as reviewed by the moderator.
      expect(byTool['hashmatch 2.1']).toEqual({
        tool: 'hashmatch 2.1',
        decisions: 2,
        reversedOnAppeal: 1,
        accuracy: 0.5,
      });
      expect(byTool['toxicity 0.9']).toEqual({ tool: 'toxicity 0.9', decisions: 1, reversedOnAppeal: 0, accuracy: 1 });
      expect(report.breakdowns['actions.automation']).toEqual(
        expect.arrayContaining([
          { key: 'automated', count: 1 },
          { key: 'partially_automated', count: 2 },
        ]),
      );
      expect(report.totals.automatedShare).toBeGreaterThan(0);
      expect(report.totals.partiallyAutomatedShare).toBeGreaterThan(0);
      // The public statistics page shows the same, a row per tool.
      const site = await rig.app.inject({ method: 'GET', url: '/statistics?from=2026-03-01&to=2026-03-31' });
      expect(site.statusCode).toBe(200);
      expect(site.body).toContain('Decided by a tool, reviewed by a person');
      expect(site.body).toMatch(
        /<tr><td>hashmatch 2\.1<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">50\.0%<\/td><\/tr>/,
      );
    });
  });
});
