import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IssuedFlaggerKey } from '../src/moderation/flagger-contract.js';
import { contentNotices } from '../src/moderation/notice-tables.js';
import type { HarmonisedReport, StatisticsAnswer } from '../src/transparency/statistics/contract.js';
import { problemOf } from './http.js';
import { misuseMeasures } from './misuse-commands.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const VIOLENCE = 'STATEMENT_CATEGORY_VIOLENCE';
const MARCH = 'from=2026-03-01&to=2026-03-31';

describeEachStore('statistics of notices and the EU harmonised transparency report', (kind) => {
  let rig: ModerationRig;
  const file = (n: number, headers: Record<string, string> = {}) =>
    rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      payload: {
        location: `https://lumen.example/hr/${n}`,
        explanation: 'It threatens a named journalist with a beating at her home.',
        policyId: 'violence-incitement',
        goodFaith: true,
        ...(headers['x-flagger-key'] ? {} : { name: 'Ana', email: 'ana@example.org' }),
      },
      headers,
      remoteAddress: `198.51.100.${n}`,
    });
  const caseOf = async (n: number) => {
    const [row] = await rig.docket.store.db
      .select({ caseId: contentNotices.caseId })
      .from(contentNotices)
      .where(eq(contentNotices.location, `https://lumen.example/hr/${n}`));
    return row?.caseId ?? '';
  };
  const decide = async (n: number, body: Record<string, unknown>) => {
    const caseId = await caseOf(n);
    expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      ...body,
    });
    expect(decided.statusCode, decided.body).toBe(201);
  };
  const harmonised = async (query = MARCH) => {
    const res = await rig.app.inject({ method: 'GET', url: `/api/transparency/harmonised-report?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<HarmonisedReport>();
  };
  const value = (report: HarmonisedReport, section: string, field: string, breakdown: string | null = null) =>
    report.sections
      .find((s) => s.section === section)
      ?.rows.find((r) => r.field.startsWith(field) && r.breakdown === breakdown)?.value;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    for (const n of [1, 2, 3, 4, 5]) {
      const pushed = await rig.push('/api/subjects', {
        externalId: `hr-${n}`,
        kind: 'content',
        contentType: 'text',
        body: 'We know where she lives.',
        url: `https://lumen.example/hr/${n}`,
        country: 'DEU',
        views: 1_000,
      });
      expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    }
  });
  afterAll(async () => rig?.close());

  it('counts notices by category and trusted flagger, the action taken, and the time to act', async () => {
    const registered = await rig.policy.request('POST', '/api/trusted-flaggers', {
      name: 'Hate Aid Watch',
      memberState: 'DE',
      areas: ['STATEMENT_CATEGORY_VIOLENCE'],
      contactEmail: 'notices@watch.example',
      awardedOn: '2025-11-03',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { key } = registered.json<IssuedFlaggerKey>();
    expect((await file(1, { 'x-flagger-key': key })).statusCode).toBe(201);
    for (const n of [2, 3, 5]) expect((await file(n)).statusCode).toBe(201);
    // An authority's order arrives as a report from the platform.
    const order = await rig.push('/api/reports', {
      subjectExternalId: 'hr-4',
      policyId: 'violence-incitement',
      source: 'legal_order',
    });
    expect(order.statusCode, order.body).toBe(201);

    rig.clock.advance(2 * 3600_000);
    await decide(1, {
      outcome: 'remove',
      facts: 'A threat against a named journalist.',
      illegalContent: {
        legalProvision: 'Germany, Strafgesetzbuch § 241',
        explanation: 'A threat to commit a crime against a named person.',
        memberStates: ['DE'],
      },
    });
    await decide(2, { outcome: 'remove', facts: 'A threat against a named journalist.' });
    await decide(3, { outcome: 'no_violation', facts: 'A quotation from a film, no threat.' });
    // The platform's tool decides notice 5's case alone.
    const automated = await rig.push('/api/automated-decisions', {
      subjectExternalId: 'hr-5',
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'remove',
      facts: 'The text matches a known threat.',
      automation: { tool: 'threatmatch', toolVersion: '1.0', score: 0.97, humanReviewed: false },
    });
    expect(automated.statusCode, automated.body).toBe(201);
    // New facts reopen a decided notice's case, and its next decision tells the notifier again: counted once.
    rig.clock.advance(20 * 60_000);
    const again = await rig.push('/api/reports', {
      subjectExternalId: 'hr-2',
      policyId: 'hate-speech',
      source: 'user',
    });
    expect(again.json<{ receipt: { disposition: string } }>().receipt.disposition).toBe('reopened_case');
    await decide(2, { outcome: 'remove', facts: 'The threat, repeated.' });
    await rig.docket.sequencer.caughtUp();

    const stats = await rig.app.inject({ method: 'GET', url: `/api/public/statistics?${MARCH}` });
    expect(stats.statusCode, stats.body).toBe(200);
    const answer = stats.json<StatisticsAnswer>();
    expect(answer.totals).toMatchObject({
      noticesReceived: 4,
      noticesFromTrustedFlaggers: 1,
      noticesDecided: 4,
      noticesActedOn: 3,
    });
    expect(answer.totals.medianHoursToActOnNotice).toBeGreaterThan(2 / 1.19);
    expect(answer.totals.medianHoursToActOnNotice).toBeLessThan(2 * 1.19);
    expect(answer.breakdowns['notices.category']).toEqual([{ key: VIOLENCE, count: 4 }]);
    expect(answer.breakdowns['notices.action']).toEqual([
      { key: 'terms', count: 2 },
      { key: 'illegal_content', count: 1 },
      { key: 'no_action', count: 1 },
    ]);
    expect(answer.breakdowns['notices.automation']).toEqual([
      { key: 'human', count: 3 },
      { key: 'automated', count: 1 },
    ]);
    expect(answer.breakdowns['orders.category']).toEqual([{ key: VIOLENCE, count: 1 }]);
    expect(answer.breakdowns['actions.ground']).toEqual([
      { key: 'terms', count: 4 },
      { key: 'illegal_content', count: 1 },
    ]);
    expect(answer.breakdowns['actions.category']).toEqual([{ key: VIOLENCE, count: 5 }]);
  });

  it('gives the period in the harmonised template’s sections, what Docket does not record as not available', async () => {
    const report = await harmonised();
    expect(report.sections.map((s) => s.section)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8']);
    expect(value(report, '1.3', 'Number of notices received', VIOLENCE)).toBe(4);
    expect(value(report, '1.3', 'Number of notices submitted by trusted flaggers', 'Hate Aid Watch (DE)')).toBe(1);
    expect(value(report, '1.3', 'Number of actions taken on the basis of the law')).toBe(1);
    expect(value(report, '1.3', 'Number of actions taken on the basis of the terms')).toBe(2);
    expect(value(report, '1.3', 'Number of notices processed by using solely automated means')).toBe(1);
    expect(value(report, '1.6', 'Number of decisions taken by the automated tool', 'threatmatch 1.0')).toBe(1);
    expect(value(report, '1.2', 'Number of orders to act against illegal content', VIOLENCE)).toBe(1);
    expect(value(report, '1.5', 'Number of complaints received')).toBe(0);
    const staffing = report.sections.find((s) => s.section === '1.7')?.rows ?? [];
    for (const row of staffing) expect(row).toMatchObject({ status: 'not_available', value: null });

    const before = await harmonised('from=2026-02-01&to=2026-02-28');
    expect(value(before, '1.3', 'Number of notices received')).toBe(0);

    const csv = await rig.app.inject({ method: 'GET', url: `/api/transparency/harmonised-report?${MARCH}&format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('docket-dsa-transparency-report-2026-03-01-2026-03-31.csv');
    expect(csv.body).toContain(
      `"Number of notices received, by type of alleged illegal content",${VIOLENCE},4,count,reported,`,
    );
  });

  it('counts suspensions for misuse (EU DSA Art. 23) by their reason, in section 1.5', async () => {
    const [notice] = await rig.docket.store.db
      .select({ ref: contentNotices.ref })
      .from(contentNotices)
      .where(eq(contentNotices.location, 'https://lumen.example/hr/3'));
    // A warning for the notifier, and a user warned then suspended for two manifestly illegal posts.
    await misuseMeasures(rig, rig.token, { moderator: rig.moderator, policy: rig.policy }, notice?.ref ?? '');
    await rig.docket.sequencer.caughtUp();
    const stats = await rig.app.inject({ method: 'GET', url: `/api/public/statistics?${MARCH}` });
    expect(stats.json<StatisticsAnswer>().breakdowns['misuse.suspensions']).toEqual([
      { key: 'manifestly_illegal_content', count: 1 },
    ]);
    const report = await harmonised();
    expect(value(report, '1.5', 'Suspensions for the frequent provision of manifestly illegal content')).toBe(1);
    expect(value(report, '1.5', 'Suspensions for the frequent submission of manifestly unfounded notices')).toBe(0);
  });

  it('refuses a missing, malformed or reversed period naming the field, and writes nothing', async () => {
    const before = await rig.written();
    for (const [query, fields] of [
      ['to=2026-03-31', ['from']],
      ['from=2026-03-01&to=2026-02-30', ['to']],
      ['from=2026-03-31&to=2026-03-01', ['to']],
    ] as const) {
      const res = await rig.app.inject({ method: 'GET', url: `/api/transparency/harmonised-report?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toEqual(fields);
    }
    const unknown = await rig.app.inject({
      method: 'GET',
      url: `/api/transparency/harmonised-report?${MARCH}&country=DEU`,
    });
    expect(unknown.statusCode).toBe(400);
    expect(await rig.written()).toBe(before);
  });
});
