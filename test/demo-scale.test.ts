import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLog } from '../src/core/event-log.js';
import { DEMO_PLATFORM } from '../src/demo/reference-story.js';
import { generateScale } from '../src/demo/scale.js';
import { buildServer } from '../src/http/server.js';
import { rowsOf } from '../src/store/migrate.js';
import { exportStatements } from '../src/transparency/dsa/exports.js';
import { transparencyReport } from '../src/transparency/statistics/statistics.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

type Counted =
  | 'reports'
  | 'decisions'
  | 'notices'
  | 'closed_cases'
  | 'received'
  | 'taken'
  | 'pending'
  | 'countries'
  | 'policies'
  | 'outcomes'
  | 'months'
  | 'restricting';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const YEAR = { from: '2025-06-01', to: '2026-06-30' };

describeEachStore('demo --scale', (kind) => {
  let docket: TestDocket;
  beforeAll(async () => {
    docket = await openTestDocket(kind);
  });
  afterAll(() => docket.close());

  async function counted(): Promise<Record<Counted, number>> {
    const [row] = rowsOf<Record<Counted, number>>(
      await docket.store.db.execute(sql`
        select (select count(*)::int from reports) as reports,
               (select count(*)::int from decisions) as decisions,
               (select count(*)::int from notices) as notices,
               (select count(*)::int from cases where status = 'closed' and last_decision_id is not null) as closed_cases,
               (select count(*)::int from events where type = 'report.received') as received,
               (select count(*)::int from events where type = 'decision.taken') as taken,
               (select count(*)::int from pending_events) as pending,
               (select count(distinct country)::int from cases) as countries,
               (select count(distinct policy_id)::int from decisions) as policies,
               (select count(distinct outcome)::int from decisions) as outcomes,
               (select count(distinct date_trunc('month', decided_at))::int from decisions) as months,
               (select count(*)::int from notices where jsonb_array_length(statement->'decision_visibility') > 0
                  or statement->>'decision_account' is not null or statement->>'decision_provision' is not null) as restricting`),
    );
    if (!row) throw new Error('no counts');
    return row;
  }

  it('writes N decided reports with their events; the chain verifies and the statistics count every one', async () => {
    const result = await generateScale(docket, { reports: 500, batch: 200, now: NOW });
    expect(result.reports).toBe(500);
    const log = await verifyLog(docket.store.db);
    expect(log.ok).toBe(true);
    const counts = await counted();
    expect(counts).toMatchObject({
      reports: 500,
      decisions: 500,
      notices: 500,
      closed_cases: 500,
      received: 500,
      taken: 500,
      pending: 0,
    });
    // A realistic spread: many countries, most of the library, every outcome, the months of a year.
    expect(counts.countries).toBeGreaterThanOrEqual(8);
    expect(counts.policies).toBeGreaterThanOrEqual(5);
    expect(counts.outcomes).toBeGreaterThanOrEqual(4);
    expect(counts.months).toBeGreaterThanOrEqual(12);
    const report = await transparencyReport(docket.store.db, YEAR, null);
    expect(report.totals.reports).toBe(500);
    expect(report.totals.actions).toBe(500);
    // The DSA export renders every decision that restricts something, from the notices' statements of reasons.
    const statements = await exportStatements(docket.store.db, YEAR.from, YEAR.to);
    expect(statements.length).toBe(counts.restricting);
    expect(statements.length).toBeGreaterThan(100);
  }, 120_000);

  it('serves a generated decision, with its notice and statement of reasons, to its platform', async () => {
    const app = await buildServer(docket, { logger: false });
    try {
      const { token } = await docket.access.createToken('system:test', {
        name: 'scale platform',
        kind: 'integration',
        platform: DEMO_PLATFORM,
      });
      const [decision] = rowsOf<{ id: string }>(
        await docket.store.db.execute(sql`select id from decisions where outcome = 'remove' limit 1`),
      );
      const response = await app.inject({
        method: 'GET',
        url: `/api/decisions/${decision?.id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: decision?.id,
        outcome: 'remove',
        notice: { statement: { decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'] } },
      });
    } finally {
      await app.close();
    }
  }, 60_000);

  it('adds N more on a second run, with ids of its own', async () => {
    const first = await counted();
    const result = await generateScale(docket, { reports: 500, batch: 500, now: NOW });
    const counts = await counted();
    expect(counts).toMatchObject({
      reports: first.reports + 500,
      decisions: first.decisions + 500,
      received: first.received + 500,
      taken: first.taken + 500,
      pending: 0,
    });
    const [subjects] = rowsOf<{ n: number }>(
      await docket.store.db.execute(
        sql`select count(*)::int as n from subjects where external_id like ${`scale-${result.tag}-%`}`,
      ),
    );
    expect(subjects?.n).toBe(500);
    expect((await verifyLog(docket.store.db)).ok).toBe(true);
    expect((await transparencyReport(docket.store.db, YEAR, null)).totals.reports).toBe(1000);
  }, 120_000);
});
