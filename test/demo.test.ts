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
  }, 120_000); // the whole demo replayed through the services: about 15 s idle, over 30 s with the suite's parallel load

  it('lets every demo user sign in with the documented password, and the demo token act for its platform', async () => {
    for (const user of DEMO_USERS) {
      const { session } = await docket.access.login(user.username, demoPassword(user.username), '127.0.0.1');
      expect(session.principal.roles).toEqual(user.roles);
    }
    expect(await docket.access.principalForBearer(DEMO_TOKEN)).toMatchObject({
      kind: 'integration',
      platform: 'lumen',
    });
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

  it('replays the reference story: 3 users report the video 5 times in January 2023', async () => {
    const [reports] = rowsOf<{ reports: number; reporters: number; first: string; last: string }>(
      await docket.store.db.execute(sql`
        select count(*)::int as reports, count(distinct r.reporter_ref)::int as reporters,
               min(r.received_at)::text as first, max(r.received_at)::text as last
        from reports r join subjects s on s.id = r.subject_id
        where s.external_id = 'lumen-video-88213' and r.source = 'user'`),
    );
    expect(reports).toMatchObject({ reports: 5, reporters: 3 });
    expect(reports?.first).toMatch(/^2023-01-09/);
    expect(reports?.last).toMatch(/^2023-01-26/);
  });

  it('replays the reviews in order: automated closure, two human reviews finding no violation, the experts’ newsworthy keep on January 18', async () => {
    const history = rowsOf<{
      step: string;
      outcome: string;
      automated: boolean;
      at: string;
      by: string;
      roles: string[];
    }>(
      await docket.store.db.execute(sql`
        select 'decision' as step, d.outcome, d.automated_decision as automated, d.decided_at::text as at, u.username as by, u.roles
        from decisions d join subjects s on s.id = d.subject_id join users u on u.id = d.decided_by
        where s.external_id = 'lumen-video-88213' and d.review_of is null and d.decided_at < '2023-02-01'
        union all
        select 'appeal', a.result, false, a.decided_at::text, u.username, u.roles
        from appeals a join decisions d on d.id = a.decision_id join subjects s on s.id = d.subject_id join users u on u.id = a.decided_by
        where s.external_id = 'lumen-video-88213' and a.appellant = 'reporter'
        order by at`),
    );
    expect(history.map((h) => [h.step, h.outcome, h.automated, h.by])).toEqual([
      ['decision', 'no_violation', true, 'autoreview'],
      ['appeal', 'upheld', false, 'moderator'],
      ['appeal', 'upheld', false, 'senior'],
      ['decision', 'keep_newsworthy', false, 'policy'],
    ]);
    expect(history[0]?.at).toMatch(/^2023-01-10/);
    expect(history[3]?.at).toMatch(/^2023-01-18/);
    expect(history[3]?.roles).toContain('policy');
    // The automated closure's statement of reasons says so, as the DSA asks.
    const [closure] = rowsOf<{ automated: string }>(
      await docket.store.db.execute(sql`
        select n.statement->>'automated_decision' as automated from notices n join decisions d on d.id = n.decision_id
        join subjects s on s.id = d.subject_id where s.external_id = 'lumen-video-88213' and d.automated_decision`),
    );
    expect(closure?.automated).toBe('AUTOMATED_DECISION_FULLY');
    const [kept] = rowsOf<{ balancing: unknown; facts: string }>(
      await docket.store.db.execute(sql`
        select d.balancing, d.facts from decisions d join subjects s on s.id = d.subject_id
        where s.external_id = 'lumen-video-88213' and d.outcome = 'keep_newsworthy'`),
    );
    expect(JSON.stringify(kept?.balancing)).toContain('leader_accountability');
    expect(kept?.facts).toContain('breaks the violence and incitement policy');
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

  it('replays the board: the platform’s referral, comments called on March 16, a majority decision on June 29 without a published split', async () => {
    const boardCases = rowsOf<{
      ref: string;
      kind: string;
      outcome: string;
      selected: string;
      published: string;
      split: boolean;
      comments: number;
      briefs: number;
    }>(
      await docket.store.db.execute(sql`
        select b.ref, b.kind, b.outcome, b.selected_at::text as selected, b.published_at::text as published, b.vote_split_published as split,
               (select count(*)::int from public_comments c where c.board_case_id = b.id and c.status = 'approved' and c.kind = 'comment') as comments,
               (select count(*)::int from public_comments c where c.board_case_id = b.id and c.status = 'approved' and c.kind = 'brief') as briefs
        from board_cases b where b.kind <> 'policy_advisory'`),
    );
    // The platform referred the case itself: there is no user appeal to the board.
    expect(boardCases).toHaveLength(1);
    const [boardCase] = boardCases;
    expect(boardCase).toMatchObject({
      ref: 'BC-2023-001',
      kind: 'platform_referral',
      outcome: 'overturn',
      split: false,
      comments: 18,
      briefs: 1,
    });
    expect(boardCase?.selected).toMatch(/^2023-03-16/);
    expect(boardCase?.published).toMatch(/^2023-06-29/);

    const shown = await docket.board.reads.publicCase('BC-2023-001');
    expect(shown.decision).toMatchObject({
      outcome: 'overturn',
      votes: null,
      voteSplitPublished: false,
      separateOpinions: [],
    });
    const [entry] = rowsOf<{ votes: unknown }>(
      await docket.store.db.execute(
        sql`select payload->'votes' as votes from public_log_entries where type = 'board.decision' and stream = 'BC-2023-001'`,
      ),
    );
    expect(entry?.votes).toBeNull();

    const [obligation] = rowsOf<{ status: string; implemented: string }>(
      await docket.store.db.execute(
        sql`select status, implemented_at::text as implemented from implementation_obligations`,
      ),
    );
    expect(obligation?.status).toBe('implemented');
    expect(obligation?.implemented).toMatch(/^2023-06-29/);
    const candidates = await docket.board.intake.candidates();
    expect(candidates).toEqual([]);
    const advisory = rowsOf<{ status: string }>(
      await docket.store.db.execute(sql`select status from board_cases where kind = 'policy_advisory'`),
    );
    expect(advisory).toEqual([{ status: 'selected' }]);
  });

  it('publishes six recommendations in three groups, answered on day 60 with the platform’s own reasons', async () => {
    const recs = await docket.board.reads.recommendations(undefined);
    expect(recs.map((r) => r.group)).toEqual([
      'policy',
      'policy',
      'enforcement',
      'enforcement',
      'enforcement',
      'transparency',
    ]);
    expect(recs.map((r) => r.latestResponse)).toEqual([
      'declined',
      'declined',
      'declined',
      'assessing_feasibility',
      'implementing_in_part',
      'assessing_feasibility',
    ]);
    expect(
      recs.every((r) => r.responseState === 'answered' && r.responses[0]?.respondedAt.startsWith('2023-08-28')),
    ).toBe(true);
    const [protocol, , suspension, , longVideo] = recs;
    expect(protocol?.text).toContain('continuing threat of retaliatory violence');
    expect(protocol?.responses[0]?.reasons).toContain("cutting people off from their leaders' speech");
    expect(suspension?.text).toContain('at least six months');
    expect(suspension?.responses[0]?.reasons).toContain(
      'outside our regular enforcement framework would not be consistent with our policies',
    );
    expect(suspension?.responses[0]?.reasons).toContain("did not significantly exceed the country's own baseline");
    expect(longVideo?.responses.map((r) => r.category)).toEqual(['assessing_feasibility', 'implementing_in_part']);
    expect(longVideo?.responses[1]?.reasons).toContain('continue to iterate');
    const restrictions = await docket.restrictions.list();
    expect(restrictions).toEqual([
      expect.objectContaining({
        accountRef: 'lumen-account-pm-kambara',
        tier: 2,
        context: 'chronic',
        status: 'active',
      }),
    ]);
  });

  it('records the prime minister deleting and restoring his own page as account events by its owner, not moderation', async () => {
    const [account] = rowsOf<{ id: string }>(
      await docket.store.db.execute(sql`select id from subjects where external_id = 'lumen-account-pm-kambara'`),
    );
    const owner = await docket.accountOwners.ofSubject(account!.id);
    expect(owner.state).toBe('active');
    expect(owner.events.map((e) => [e.kind, e.occurredAt.slice(0, 10)])).toEqual([
      ['deleted_by_owner', '2023-06-29'],
      ['restored_by_owner', '2023-07-20'],
    ]);
    const { entries } = await readEvents(docket.store.db, { stream: `subject/${account!.id}`, limit: 100 });
    expect(entries.filter((e) => e.type === 'account.owner_event')).toHaveLength(2);
    // Nothing in moderation happened to the account between the deletion and the restoration.
    const [moderation] = rowsOf<{ n: number }>(
      await docket.store.db.execute(sql`
        select ((select count(*) from account_restrictions where account_ref = 'lumen-account-pm-kambara' and starts_at >= '2023-06-29T19:00:00Z' and starts_at < '2023-07-21')
              + (select count(*) from strikes where account_ref = 'lumen-account-pm-kambara' and issued_at >= '2023-06-29T19:00:00Z' and issued_at < '2023-07-21'))::int as n`),
    );
    expect(moderation?.n).toBe(0);
  });

  it('records his change of role in August 2023 in the registry, with its date', async () => {
    const { kind, roles } = await docket.figureRoles.history('lumen', 'lumen-account-pm-kambara');
    expect(kind).toBe('official');
    expect(roles.map((r) => [r.kind, r.since.slice(0, 10), r.until?.slice(0, 10) ?? null])).toEqual([
      ['head_of_government', '2023-01-18', '2023-08-22'],
      ['official', '2023-08-22', null],
    ]);
    const { entries } = await readEvents(docket.store.db, {
      stream: 'figure/lumen/lumen-account-pm-kambara',
      limit: 100,
    });
    expect(entries.find((e) => e.type === 'figure.role_changed')?.payload).toMatchObject({
      from: 'head_of_government',
      to: 'official',
      since: '2023-08-22T00:00:00.000Z',
    });
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
