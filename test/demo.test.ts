import { sql } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { rowsOf } from '../src/store/migrate.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvents, verifyLog } from '../src/core/event-log.js';
import { DEMO_TOKEN, DEMO_USERS, demoPassword, seedDemo } from '../src/demo/seed.js';
import { eventCatalogue, type EventType } from '../src/events.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

describeEachStore('demo data', (kind) => {
  let docket: TestDocket;
  beforeAll(async () => {
    docket = await openTestDocket(kind);
  });
  afterAll(() => docket.close());

  it('seeds once; a second start leaves it as it is', async () => {
    expect(await seedDemo(docket)).toEqual({ seeded: true });
    const head = (await verifyLog(docket.store.db)).head;
    expect(await seedDemo(docket)).toEqual({ seeded: false });
    expect((await verifyLog(docket.store.db)).head).toEqual(head);
  });

  it('lets every demo user sign in with the documented password, and the demo token act for its platform', async () => {
    for (const user of DEMO_USERS) {
      const { session } = await docket.access.login(user.username, demoPassword(user.username), '127.0.0.1');
      expect(session.principal.roles).toEqual(user.roles);
    }
    expect(await docket.access.principalForBearer(DEMO_TOKEN)).toMatchObject({ kind: 'integration', platform: 'lumen' });
    expect((await docket.subjects.list({ limit: 100 })).length).toBeGreaterThanOrEqual(5);
  });

  it('holds a realistic caseload: hundreds of reports in several countries and languages, decided and open cases', async () => {
    const [stats] = rowsOf<Record<string, number>>(
      await docket.store.db.execute(sql`
        select (select count(*)::int from subjects) as subjects,
               (select count(*)::int from reports) as reports,
               (select count(distinct country)::int from subjects) as countries,
               (select count(distinct language)::int from subjects) as languages,
               (select count(*)::int from cases where status = 'open') as open_cases,
               (select count(*)::int from cases where status = 'closed') as closed_cases,
               (select count(*)::int from strikes) as strikes,
               (select count(*)::int from appeals) as appeals`),
    );
    expect(stats).toMatchObject({ countries: 9 });
    expect(stats?.subjects).toBeGreaterThanOrEqual(300);
    expect(stats?.reports).toBeGreaterThanOrEqual(600);
    expect(stats?.languages).toBeGreaterThanOrEqual(10);
    expect(stats?.open_cases).toBeGreaterThan(50);
    expect(stats?.closed_cases).toBeGreaterThan(100);
    expect(stats?.strikes).toBeGreaterThan(20);
    expect(stats?.appeals).toBeGreaterThanOrEqual(10);
  });

  it('replays the reference story: the head of government’s video, reported 44 times, kept as newsworthy in February 2023', async () => {
    const [story] = rowsOf<{ reports: number; outcome: string; decided_at: string; balancing: unknown; appeal: string }>(
      await docket.store.db.execute(sql`
        select c.report_count as reports, d.outcome, d.decided_at::text as decided_at, d.balancing, a.result as appeal
        from subjects s join cases c on c.subject_id = s.id join decisions d on d.case_id = c.id
        left join appeals a on a.decision_id = d.id
        where s.external_id = 'lumen-video-88213'`),
    );
    expect(story).toMatchObject({ reports: 44, outcome: 'keep_newsworthy', appeal: 'upheld' });
    expect(story?.decided_at).toMatch(/^2023-02-14/);
    expect(JSON.stringify(story?.balancing)).toContain('leader_accountability');
  });

  it('finds Kambara’s chronic context (no spike) and approves it; Veridia’s spike waits as a proposal', async () => {
    const all = await docket.designations.list();
    const byKey = Object.fromEntries(all.map((d) => [`${d.iso3}/${d.kind}`, d]));
    expect(byKey['QKB/chronic']).toMatchObject({ status: 'active', source: 'detector' });
    expect(byKey['QKB/acute']).toBeUndefined();
    expect(byKey['QVR/acute']).toMatchObject({ status: 'proposed', source: 'detector' });
    expect(byKey['QKB/chronic']?.reasons).toContain('No acute spike');
    expect(Object.keys(byKey).filter((k) => ['KEN', 'BRA', 'NLD'].includes(k.slice(0, 3)))).toEqual([]);
  });

  it('replays the board: overturned on June 29, removed within 7 days with its re-upload, answered on day 60', async () => {
    const [boardCase] = rowsOf<{ ref: string; outcome: string; published: string; comments: number; seats: number }>(
      await docket.store.db.execute(sql`
        select b.ref, b.outcome, b.published_at::text as published,
               (select count(*)::int from public_comments c where c.board_case_id = b.id and c.status = 'approved') as comments,
               (select count(*)::int from panel_seats p where p.board_case_id = b.id and p.status = 'seated') as seats
        from board_cases b where b.kind = 'platform_referral'`),
    );
    expect(boardCase).toMatchObject({ ref: 'BC-2023-001', outcome: 'overturn', comments: 3, seats: 5 });
    expect(boardCase?.published).toMatch(/^2023-06-29/);
    const [obligation] = rowsOf<{ status: string; implemented: string; sweep_actioned: number }>(
      await docket.store.db.execute(sql`select status, implemented_at::text as implemented, sweep_actioned from implementation_obligations`),
    );
    expect(obligation).toMatchObject({ status: 'implemented', sweep_actioned: 1 });
    expect(obligation?.implemented).toMatch(/^2023-07-03/);
    const recs = await docket.board.reads.recommendations(undefined);
    expect(recs).toHaveLength(7);
    expect(recs.map((r) => r.latestResponse)).toEqual(['declined', 'declined', 'assessing_feasibility', 'assessing_feasibility', 'declined', 'assessing_feasibility', 'assessing_feasibility']);
    expect(recs.every((r) => r.responseState === 'answered')).toBe(true);
    const restrictions = await docket.restrictions.list();
    expect(restrictions).toEqual([expect.objectContaining({ accountRef: 'lumen-account-pm-kambara', tier: 2, context: 'chronic', status: 'active' })]);
    const candidates = await docket.board.intake.candidates();
    expect(candidates).toEqual([]);
    const advisory = rowsOf<{ status: string }>(await docket.store.db.execute(sql`select status from board_cases where kind = 'policy_advisory'`));
    expect(advisory).toEqual([{ status: 'selected' }]);
  });

  it('writes only events of the catalogue, each payload matching its schema, on a chain that verifies', async () => {
    const { entries } = await readEvents(docket.store.db, { limit: 10_000 });
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const schema = eventCatalogue[entry.type as EventType];
      expect(schema, `event type ${entry.type} is in the catalogue`).toBeDefined();
      expect(Value.Check(schema, entry.payload), `${entry.type} #${entry.seq} matches its schema`).toBe(true);
    }
    expect((await verifyLog(docket.store.db)).ok).toBe(true);
  });
});
