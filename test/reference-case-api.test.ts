import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PM_VIDEO } from '../src/demo/reference-story.js';
import { DEMO_TOKEN, demoPassword } from '../src/demo/seed.js';
import type { CaseFile, DecisionPublished, PublicBoardCase, Recommendations } from '../src/board/contract.js';
import { rowsOf } from '../src/store/migrate.js';
import { openDemoServer, problemOf, type Client, type TestServer } from './http.js';
import { describeEachStore } from './stores.js';
import type {
  CaseView,
  NewsworthinessAdvice,
  OwnerEventReceipt,
  OwnerEvents,
  ReportAnswer,
} from '../src/moderation/contract.js';
import type { FigureList, FigureRoles, RoleChanged } from '../src/figures/contract.js';
import type { TrackerAnswer } from '../src/transparency/site/contract.js';

/**
 * What the reference case needed that Docket lacked, through the API on a real database: recommendation groups and a
 * withheld vote split, account events by their owner, and a public figure's dated change of role.
 */
describeEachStore('reference case: groups, withheld splits, owner events, dated roles', (kind) => {
  let rig: TestServer;
  const as: Record<string, Client> = {};
  const push = (url: string, body: unknown) =>
    rig.app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${DEMO_TOKEN}` },
    });

  beforeAll(async () => {
    rig = await openDemoServer(kind);
    for (const username of ['policy', 'moderator', 'casemanager', 'liaison', 'board'])
      as[username] = await rig.signIn(username, demoPassword(username));
  }, 180_000); // seeding the demo takes a while on a busy machine
  afterAll(() => rig.close());

  it('gives each recommendation its group in the board’s API, and refuses an unknown group with nothing written', async () => {
    const recs = (await as.liaison!.request('GET', '/api/board/recommendations')).json<Recommendations>()
      .recommendations;
    expect(recs.map((r) => r.group)).toEqual([
      'policy',
      'policy',
      'enforcement',
      'enforcement',
      'enforcement',
      'transparency',
    ]);

    // The reference decision's split was withheld: the board keeps it, the platform's liaison does not see it.
    const [reference] = rowsOf<{ id: string }>(
      await rig.docket.store.db.execute(sql`select id from board_cases where ref = 'BC-2023-001'`),
    );
    expect((await as.liaison!.request('GET', `/api/board/cases/${reference!.id}`)).json<CaseFile>().case).toMatchObject(
      {
        voteCounts: null,
        voteSplitPublished: false,
      },
    );
    expect(
      (await as.casemanager!.request('GET', `/api/board/cases/${reference!.id}`)).json<CaseFile>().case.voteCounts,
    ).toEqual({
      overturn: 4,
      uphold: 1,
    });

    // The open advisory opinion: its panel drafts with groups.
    const [open] = rowsOf<{ id: string }>(
      await rig.docket.store.db.execute(sql`select id from board_cases where kind = 'policy_advisory'`),
    );
    const file = (await as.casemanager!.request('GET', `/api/board/cases/${open!.id}`)).json<CaseFile>();
    const seated = file.panel.filter((s) => s.status === 'seated').map((s) => s.userId);
    const users = rowsOf<{ id: string; username: string }>(
      await rig.docket.store.db.execute(sql`select id, username from users`),
    );
    const panel = await Promise.all(
      seated.map((id) =>
        rig.signIn(users.find((u) => u.id === id)!.username, demoPassword(users.find((u) => u.id === id)!.username)),
      ),
    );
    const draft = (group: string) => ({
      text: 'The board advises that threats of violence by heads of government are never newsworthy.',
      recommendations: [
        { text: 'Say so in the newsworthiness allowance.', measure: 'The published allowance says so.', group },
      ],
    });

    const before = await rig.written();
    const bad = await panel[0]!.request('POST', `/api/board/cases/${open!.id}/drafts`, draft('budget'));
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.[0]?.field).toBe('/recommendations/0/group');
    expect(await rig.written()).toBe(before);
    expect(
      (await as.moderator!.request('POST', `/api/board/cases/${open!.id}/drafts`, draft('policy'))).statusCode,
    ).toBe(403);

    expect((await panel[0]!.request('POST', `/api/board/cases/${open!.id}/drafts`, draft('policy'))).statusCode).toBe(
      201,
    );
    const saved = (await as.casemanager!.request('GET', `/api/board/cases/${open!.id}`)).json<CaseFile>();
    expect(saved.drafts[0]?.recommendations[0]?.group).toBe('policy');

    // Published with the split withheld: the public decision says a majority decided, and shows no counts.
    for (const member of panel)
      expect((await member.request('POST', `/api/board/cases/${open!.id}/votes`, { vote: 'adopt' })).statusCode).toBe(
        200,
      );
    expect(
      (
        await as.casemanager!.request('POST', `/api/board/cases/${open!.id}/comments/close`, {
          reason: 'The panel has what it needs to answer the question.',
        })
      ).statusCode,
    ).toBe(200);
    const badSplit = await as.casemanager!.request('POST', `/api/board/cases/${open!.id}/publish`, {
      confirm: true,
      voteSplit: 'secret',
    });
    expect(problemOf(badSplit).errors?.[0]?.field).toBe('/voteSplit');
    const published = await as.casemanager!.request('POST', `/api/board/cases/${open!.id}/publish`, {
      confirm: true,
      voteSplit: 'withheld',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json<DecisionPublished>()).toMatchObject({
      voteSplitPublished: false,
      recommendations: [{ group: 'policy' }],
    });
    const ref = published.json<DecisionPublished>().ref;
    const shown = (
      await rig.app.inject({ method: 'GET', url: `/api/public/board/cases/${ref}` })
    ).json<PublicBoardCase>();
    expect(shown.decision).toMatchObject({ votes: null, voteSplitPublished: false });
    const page = (await rig.app.inject({ method: 'GET', url: `/decisions/${ref}` })).body;
    expect(page).toContain('Approved by a majority of the board. The board did not publish the vote split.');
    expect(page).not.toContain('Votes of the panel');
    const tracker = (
      await rig.app.inject({ method: 'GET', url: `/api/public/recommendations?case=${ref}` })
    ).json<TrackerAnswer>();
    expect(tracker.recommendations.map((r) => r.group)).toEqual(['policy']);
  });

  it('lets each reporter appeal a decision not to act once, as their own party', async () => {
    const [decision] = rowsOf<{ id: string }>(
      await rig.docket.store.db.execute(sql`
      select d.id from decisions d join subjects s on s.id = d.subject_id
      where d.outcome = 'no_violation' and d.status = 'in_force' and s.platform = 'lumen'
        and not exists (select 1 from appeals a where a.decision_id = d.id)
      order by d.decided_at desc limit 1`),
    );
    const appeal = (reporter: string) =>
      push('/api/appeals', {
        decisionId: decision!.id,
        appellant: 'reporter',
        appellantRef: reporter,
        statement: 'I reported this and it still breaks the rules.',
      });
    expect((await appeal('lumen-user-a')).statusCode).toBe(201);
    expect((await appeal('lumen-user-b')).statusCode).toBe(201);
    const again = problemOf(await appeal('lumen-user-a'));
    expect(again).toMatchObject({
      code: 'conflict',
      detail: expect.stringContaining('already been appealed by that party'),
    });
  });

  it('records account events by their owner, in turn and in time order, refusing others with nothing written', async () => {
    const account = {
      externalId: 'lumen-account-mayor-1',
      kind: 'account',
      title: 'A mayor',
      country: 'KEN',
      followers: 1_000,
    };
    expect((await push('/api/subjects', account)).statusCode).toBe(201);
    const url = `/api/accounts/${account.externalId}/owner-events`;
    const before = await rig.written();
    expect(problemOf(await push(url, { kind: 'restored_by_owner', occurredAt: '2026-11-20T10:00:00.000Z' })).code).toBe(
      'conflict',
    );
    expect(
      problemOf(await push(url, { kind: 'suspended', occurredAt: '2026-11-20T10:00:00.000Z' })).errors?.[0]?.field,
    ).toBe('/kind');
    expect(
      problemOf(await push(url, { kind: 'deleted_by_owner', occurredAt: '2099-01-01T00:00:00.000Z' })).errors?.[0]
        ?.field,
    ).toBe('/occurredAt');
    expect(
      problemOf(
        await push('/api/accounts/nobody/owner-events', {
          kind: 'deleted_by_owner',
          occurredAt: '2026-11-20T10:00:00.000Z',
        }),
      ).code,
    ).toBe('not_found');
    expect(
      (await as.moderator!.request('POST', url, { kind: 'deleted_by_owner', occurredAt: '2026-11-20T10:00:00.000Z' }))
        .statusCode,
    ).toBe(403);
    expect(await rig.written()).toBe(before);

    const deleted = await push(url, {
      kind: 'deleted_by_owner',
      occurredAt: '2026-11-20T10:00:00.000Z',
      note: 'The owner deleted the page.',
    });
    expect(deleted.statusCode).toBe(201);
    expect(deleted.json<OwnerEventReceipt>()).toMatchObject({ kind: 'deleted_by_owner', state: 'deleted_by_owner' });
    expect(
      problemOf(await push(url, { kind: 'restored_by_owner', occurredAt: '2026-11-19T10:00:00.000Z' })).errors?.[0]
        ?.field,
    ).toBe('/occurredAt');
    expect((await push(url, { kind: 'restored_by_owner', occurredAt: '2026-11-25T10:00:00.000Z' })).statusCode).toBe(
      201,
    );

    const subjectId = deleted.json<OwnerEventReceipt>().subjectId;
    const read = await as.moderator!.request('GET', `/api/subjects/${subjectId}/owner-events`);
    expect(read.json<OwnerEvents>()).toMatchObject({
      state: 'active',
      events: [{ kind: 'deleted_by_owner' }, { kind: 'restored_by_owner' }],
    });
    expect((await as.liaison!.request('GET', `/api/subjects/${subjectId}/owner-events`)).statusCode).toBe(403);
    // Not moderation: no decision, strike or restriction on the account.
    const [moderation] = rowsOf<{ n: number }>(
      await rig.docket.store.db.execute(sql`
      select ((select count(*) from strikes where account_ref = ${account.externalId}) + (select count(*) from account_restrictions where account_ref = ${account.externalId}))::int as n`),
    );
    expect(moderation?.n).toBe(0);
  });

  it('records a public figure’s change of role with the date it took effect, refusing bad dates and other roles', async () => {
    expect(
      (
        await as.policy!.request('POST', '/api/figures', {
          platform: 'lumen',
          accountRef: 'lumen-account-minister-1',
          kind: 'minister',
          name: 'Aru Tenzin',
          country: 'QKB',
          note: 'Confirmed with the platform.',
        })
      ).statusCode,
    ).toBe(200);
    const url = '/api/figures/lumen/lumen-account-minister-1/roles';
    const before = await rig.written();
    expect(
      problemOf(
        await as.policy!.request('POST', url, {
          kind: 'head_of_government',
          since: '2099-01-01T00:00:00.000Z',
          note: 'Appointed prime minister.',
        }),
      ).errors?.[0]?.field,
    ).toBe('/since');
    expect(
      problemOf(
        await as.policy!.request('POST', url, {
          kind: 'minister',
          since: '2026-11-30T00:00:00.000Z',
          note: 'No change at all.',
        }),
      ).errors?.[0]?.field,
    ).toBe('/kind');
    expect(
      problemOf(
        await as.policy!.request('POST', url, {
          kind: 'prime_minister',
          since: '2026-11-30T00:00:00.000Z',
          note: 'Appointed prime minister.',
        }),
      ).errors?.[0]?.field,
    ).toBe('/kind');
    expect(
      problemOf(
        await as.policy!.request('POST', '/api/figures/lumen/nobody/roles', {
          kind: 'official',
          since: '2026-11-30T00:00:00.000Z',
          note: 'Appointed prime minister.',
        }),
      ).code,
    ).toBe('not_found');
    expect(
      (
        await as.moderator!.request('POST', url, {
          kind: 'head_of_government',
          since: '2026-11-30T00:00:00.000Z',
          note: 'Appointed prime minister.',
        })
      ).statusCode,
    ).toBe(403);
    expect(await rig.written()).toBe(before);

    // A date before the entry was verified is refused: the history starts with the verified role.
    expect(
      problemOf(
        await as.policy!.request('POST', url, {
          kind: 'head_of_government',
          since: '2020-01-01T00:00:00.000Z',
          note: 'Appointed prime minister.',
        }),
      ).errors?.[0]?.field,
    ).toBe('/since');
    const since = new Date().toISOString();
    const changed = await as.policy!.request('POST', url, {
      kind: 'head_of_government',
      since,
      note: 'Appointed prime minister.',
    });
    expect(changed.statusCode).toBe(201);
    expect(changed.json<RoleChanged>()).toMatchObject({
      kind: 'head_of_government',
      since,
      previous: { kind: 'minister', until: since },
    });
    const history = (await as.policy!.request('GET', url)).json<FigureRoles>();
    expect(history.roles.map((r) => [r.kind, r.until])).toEqual([
      ['minister', since],
      ['head_of_government', null],
    ]);
    expect(
      (await as.policy!.request('GET', '/api/figures'))
        .json<FigureList>()
        .figures.find((f) => f.accountRef === 'lumen-account-minister-1')?.kind,
    ).toBe('head_of_government');
    expect((await as.liaison!.request('GET', url)).statusCode).toBe(403);
  });

  it('judges a post by the role its author held when posting: head of government before August 2023, an official after', async () => {
    const caseFor = async (externalId: string, postedAt: string) =>
      (
        await push('/api/reports', {
          subject: { ...PM_VIDEO, externalId, postedAt },
          policyId: 'violence-incitement',
          sectionId: 'threats-of-violence',
          source: 'user',
        })
      ).json<ReportAnswer>().receipt.caseId;
    const then = await caseFor('role-test-video-2023', '2023-06-01T10:00:00.000Z');
    const now = await caseFor('role-test-video-2026', '2026-11-01T10:00:00.000Z');
    const figureOf = async (caseId: string) =>
      (await as.policy!.request('GET', `/api/cases/${caseId}`)).json<CaseView>().verifiedFigure;
    expect(await figureOf(then)).toMatchObject({
      kind: 'official',
      kindWhenPosted: 'head_of_government',
      name: 'Arkad Velun',
    });
    expect(await figureOf(now)).toMatchObject({ kind: 'official', kindWhenPosted: 'official' });
    const balancing = { publicInterest: ['political_speech'], harms: [] };
    const advice = async (caseId: string) =>
      (await as.policy!.request('POST', `/api/cases/${caseId}/newsworthiness`, balancing)).json<NewsworthinessAdvice>();
    expect(await advice(then)).toMatchObject({
      recommendation: 'remove',
      situation: { actor: 'head_of_state_or_government', figure: 'head_of_government' },
    });
    expect(await advice(now)).toMatchObject({ situation: { figure: 'official' } });
  });
});
