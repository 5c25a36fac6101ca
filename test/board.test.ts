import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readEvents } from '../src/core/event-log.js';
import { appeals } from '../src/moderation/tables.js';
import { outbox } from '../src/webhooks/tables.js';
import type { Client } from './http.js';
import { problemOf } from './http.js';
import { openModerationRig, ordinaryPost, pmVideo, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type {
  AppealFiled,
  AssessmentRecorded,
  CaseFile,
  CaseOpened,
  CaseSelected,
  Candidates,
  CommentModerated,
  CommentReceived,
  CommentsClosed,
  DecisionPublished,
  Desk,
  DraftSaved,
  ObligationImplemented,
  PlatformReversed,
  PublicBoardCase,
  PublicDecidedCase,
  Recommendations,
  ResponseRecorded,
  SummaryPublished,
} from '../src/board/contract.js';
import type {
  AppealReceipt,
  DecisionResult,
  DecisionView,
  PendingAppeals,
  ReportAnswer,
} from '../src/moderation/contract.js';
import type { PublicLogDocument } from '../src/transparency/public-log/contract.js';
import type { PublicDocketPage } from '../src/transparency/site/contract.js';

const DAY = 86_400_000;
const MEMBERS = [
  ['member1', 'asia_pacific', ['QKB']],
  ['member2', 'asia_pacific', []],
  ['member3', 'europe', []],
  ['member4', 'europe', []],
  ['member5', 'latin_america_caribbean', []],
  ['member6', 'sub_saharan_africa', []],
  ['member7', 'united_states_canada', []],
] as const;

interface BoardRig extends ModerationRig {
  manager: Client;
  liaison: Client;
  members: Record<string, Client>;
  ids: Record<string, string>;
}

async function openBoardRig(kind: Parameters<typeof openModerationRig>[0]): Promise<BoardRig> {
  // The case runs for months on the test clock: sessions last the longest the configuration allows.
  const rig = await openModerationRig(kind, { sessionHours: 24 * 30 });
  const users: [string, 'board_member' | 'case_manager' | 'platform_liaison'][] = [
    ...MEMBERS.map(([name]) => [name, 'board_member'] as [string, 'board_member']),
    ['manager1', 'case_manager'],
    ['liaison1', 'platform_liaison'],
  ];
  const ids: Record<string, string> = {};
  for (const [username, role] of users) {
    const platform = role === 'platform_liaison' ? 'lumen' : undefined;
    ids[username] = (
      await rig.docket.access.createUser('system:test', {
        username,
        roles: [role],
        platform,
        password: `${username} password!`,
      })
    ).user.id;
  }
  const manager = await rig.signIn('manager1', 'manager1 password!');
  for (const [username, region, conflicts] of MEMBERS) {
    expect((await manager.request('POST', '/api/board/members', { username, region, conflicts })).statusCode).toBe(200);
  }
  const members: Record<string, Client> = {};
  for (const [username] of MEMBERS) members[username] = await rig.signIn(username, `${username} password!`);
  return { ...rig, manager, liaison: await rig.signIn('liaison1', 'liaison1 password!'), members, ids };
}

/** A decided case on the platform: a keep (newsworthy), upheld on a reporter's internal appeal. */
async function keptAfterAppeal(rig: BoardRig, subject: Record<string, unknown>): Promise<string> {
  const caseId = (
    await rig.push('/api/reports', {
      subject,
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      source: 'user',
    })
  ).json<ReportAnswer>().receipt.caseId;
  await rig.senior.request('POST', `/api/cases/${caseId}/claim`);
  const kept = await rig.senior.request('POST', `/api/cases/${caseId}/decision`, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'keep_newsworthy',
    facts: 'A head of government speaking to his party.',
    balancing: {
      publicInterest: ['political_speech'],
      harms: [],
      assessment: 'The public should hear what its leader says, however crude.',
    },
  });
  const decisionId = kept.json<DecisionResult>().decisionId as string;
  const appealId = (
    await rig.push('/api/appeals', {
      decisionId,
      appellant: 'reporter',
      statement: 'He threatens to beat his opponents.',
    })
  ).json<AppealReceipt>().appealId;
  expect(
    (
      await rig.policy.request('POST', `/api/appeals/${appealId}/decision`, {
        result: 'upheld',
        reason: 'Newsworthy speech of a head of government.',
      })
    ).statusCode,
  ).toBe(200);
  return decisionId;
}

describeEachStore('oversight board: from appeal to decision to the platform’s response', (kind) => {
  let rig: BoardRig;
  let decisionId: string;
  let boardCaseId: string;
  let ref: string;
  let panel: string[];
  let obligationId: string;
  let recs: { id: string; ref: string }[];

  beforeAll(async () => {
    rig = await openBoardRig(kind);
  });
  afterAll(() => rig?.close());

  const seated = (i: number) =>
    rig.members[MEMBERS.find(([name]) => rig.ids[name] === panel[i])?.[0] as string] as Client;
  const outsider = () =>
    rig.members[
      MEMBERS.find(([name]) => !panel.includes(rig.ids[name] as string) && name !== 'member1')?.[0] as string
    ] as Client;

  it('refuses an appeal before the platform’s final internal decision, with the reason, writing nothing', async () => {
    const caseId = (
      await rig.push('/api/reports', {
        subject: pmVideo,
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
    await rig.senior.request('POST', `/api/cases/${caseId}/claim`);
    const kept = await rig.senior.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'keep_newsworthy',
      facts: 'A head of government speaking to his party.',
      balancing: {
        publicInterest: ['political_speech'],
        harms: [],
        assessment: 'The public should hear what its leader says, however crude.',
      },
    });
    decisionId = kept.json<DecisionResult>().decisionId;
    const before = await rig.written();
    const early = problemOf(
      await rig.push('/api/board/appeals', { decisionId, statement: 'The video threatens opponents with violence.' }),
    );
    expect(early).toMatchObject({ code: 'conflict' });
    expect(early.detail).toContain('appeal the decision to the platform first');
    expect(await rig.written()).toBe(before);
    const appealId = (
      await rig.push('/api/appeals', {
        decisionId,
        appellant: 'reporter',
        statement: 'He threatens to beat his opponents.',
      })
    ).json<AppealReceipt>().appealId;
    await rig.policy.request('POST', `/api/appeals/${appealId}/decision`, {
      result: 'upheld',
      reason: 'Newsworthy speech of a head of government.',
    });
  });

  it('takes the appeal within 15 days, joins a second one to it, and refuses a duplicate referral', async () => {
    rig.clock.advance(3 * DAY);
    const filed = await rig.push('/api/board/appeals', {
      decisionId,
      statement: 'The video threatens opponents with violence.',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json<AppealFiled>()).toMatchObject({
      status: 'candidate',
      joined: false,
      ref: expect.stringMatching(/^BC-2026-001$/),
    });
    ({ boardCaseId, ref } = filed.json<AppealFiled>());
    expect(
      (
        await rig.push('/api/board/appeals', { decisionId, statement: 'Another user: please take this case.' })
      ).json<AppealFiled>(),
    ).toMatchObject({ boardCaseId, joined: true });
    expect(
      problemOf(
        await rig.liaison.request('POST', '/api/board/referrals', {
          kind: 'platform_referral',
          track: 'standard',
          title: 'A prime minister’s speech',
          statement: 'We ask the board to review our keep.',
          decisionId,
          platform: 'lumen',
        }),
      ).detail,
    ).toContain(`already before the board as ${ref}`);
    const pao = await rig.liaison.request('POST', '/api/board/referrals', {
      kind: 'policy_advisory',
      track: 'standard',
      title: 'Newsworthiness of leaders’ threats',
      statement: 'How should the allowance treat threats by heads of government?',
      platform: 'lumen',
    });
    expect(pao.json<CaseOpened>()).toMatchObject({ status: 'candidate', ref: 'BC-2026-002' });
    expect(
      problemOf(
        await rig.moderator.request('POST', '/api/board/referrals', {
          kind: 'policy_advisory',
          track: 'standard',
          title: 'x'.repeat(10),
          statement: 'y'.repeat(20),
          platform: 'lumen',
        }),
      ).code,
    ).toBe('forbidden');
  });

  it('ranks candidates for the committee; only board members select, drawing a panel with the region and recusals', async () => {
    await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/assessment`, {
      priorities: ['crisis_conflict', 'government_use_of_platforms'],
      significance: 3,
      difficulty: 3,
    });
    const candidates = (await rig.manager.request('GET', '/api/board/candidates')).json<Candidates>().candidates;
    expect(candidates.map((c: { ref: string }) => c.ref)).toEqual([ref, 'BC-2026-002']);
    expect(candidates[0]?.rank.parts[0]).toEqual({ factor: 'priorities', points: 6 });
    expect(
      problemOf(
        await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/select`, {
          note: 'A head of government threatening violence.',
        }),
      ).code,
    ).toBe('forbidden');
    const selected = await rig.members.member3!.request('POST', `/api/board/cases/${boardCaseId}/select`, {
      note: 'A head of government threatening violence.',
    });
    expect(selected.statusCode).toBe(200);
    const body = selected.json<CaseSelected>();
    panel = body.panel;
    expect(panel).toHaveLength(5);
    expect(panel[0]).toBe(rig.ids.member2);
    expect(body.recused).toEqual([{ userId: rig.ids.member1, reason: 'declared conflict: QKB' }]);
    expect(body.decisionDueAt).toBe(new Date(rig.clock.now().getTime() + 90 * DAY).toISOString());
    expect(
      problemOf(
        await rig.members.member3!.request('POST', `/api/board/cases/${boardCaseId}/select`, {
          note: 'Selecting it twice.',
        }),
      ).code,
    ).toBe('conflict');
  });

  it('shows the case file only to the panel, the case managers and (without deliberation) the liaison', async () => {
    const file = (await seated(0).request('GET', `/api/board/cases/${boardCaseId}`)).json<CaseFile>();
    expect(file.moderation?.decisions.map((d) => d.outcome)).toEqual(['keep_newsworthy']);
    expect(file.moderation?.appeals[0]).toMatchObject({ appellant: 'reporter', result: 'upheld' });
    expect(JSON.stringify(file.moderation?.reports)).not.toContain('reporterRef');
    expect(file.may).toMatchObject({ deliberate: true, publish: false });
    expect(problemOf(await rig.members.member1!.request('GET', `/api/board/cases/${boardCaseId}`)).code).toBe(
      'not_found',
    );
    expect(problemOf(await outsider().request('GET', `/api/board/cases/${boardCaseId}`)).code).toBe('not_found');
    const liaisonView = (await rig.liaison.request('GET', `/api/board/cases/${boardCaseId}`)).json<CaseFile>();
    expect(liaisonView).toMatchObject({ drafts: [], votes: [], panel: [], may: { reverse: true } });
    expect(
      (await rig.members.member2!.request('GET', '/api/board/desk')).json<Desk>().panels?.map((c) => c.ref),
    ).toContain(ref);
  });

  it('takes public comments without a login, refusing spam, oversize, a flood and late comments', async () => {
    const url = `/api/public/board/cases/${ref}/comments`;
    const anon = (body: unknown, ip = '203.0.113.7') =>
      rig.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
    expect(
      (await rig.app.inject({ method: 'GET', url: `/api/public/board/cases/${ref}` })).json<PublicBoardCase>(),
    ).toMatchObject({
      commentsOpen: true,
    });
    const first = await anon({
      name: 'Dara Sok',
      anonymous: true,
      email: 'dara@example.org',
      body: 'Opposition members have been beaten after such speeches before.',
    });
    expect(first.statusCode).toBe(201);
    const before = await rig.written();
    expect(
      problemOf(
        await anon({
          anonymous: false,
          body: 'Great deals on followers, click here now!!',
          website: 'http://spam.example',
        }),
      ).code,
    ).toBe('validation_failed');
    expect(problemOf(await anon({ anonymous: false, body: 'x'.repeat(10_001) })).code).toBe('validation_failed');
    expect(
      problemOf(
        await anon({
          name: 'Dara Sok',
          anonymous: true,
          body: 'Opposition members have been beaten after such speeches before.',
        }),
      ).code,
    ).toBe('already_exists');
    expect(await rig.written()).toBe(before);
    await anon({
      anonymous: false,
      name: 'Lena Ortiz',
      body: 'Leaders must be held to a higher standard, not a lower one.',
    });
    await anon({
      anonymous: false,
      name: 'Lena Ortiz',
      body: 'A second thought: the reach of this account is enormous.',
    });
    const flood = await anon({
      anonymous: false,
      name: 'Lena Ortiz',
      body: 'A third comment within the same hour from me.',
    });
    expect(problemOf(flood).code).toBe('rate_limited');
    // The test clock stands still: the sender's first comment leaves the hour's window a full hour from now.
    expect(flood.headers['retry-after']).toBe('3600');
    expect(
      (
        await anon(
          { anonymous: false, name: 'Sam Lee', body: 'Another sender, another address, is still welcome.' },
          '198.51.100.4',
        )
      ).statusCode,
    ).toBe(201);
    const pending = (await rig.manager.request('GET', '/api/board/desk')).json<Desk>().manager?.pendingComments;
    expect(pending).toHaveLength(4);
    expect(
      (
        await rig.manager.request('POST', `/api/board/comments/${first.json<CommentReceived>().commentId}/moderation`, {
          status: 'approved',
          note: 'On topic.',
        })
      ).json<CommentModerated>(),
    ).toMatchObject({ status: 'approved' });
    const brief = await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/briefs`, {
      name: 'Dr. Mina Chhay',
      organisation: 'Kambara Centre for Civic Space',
      body: 'A documented pattern of intimidation of opponents by the government since 2017: digital authoritarianism.',
    });
    expect(brief.statusCode).toBe(201);
    rig.clock.advance(15 * DAY);
    expect(
      problemOf(await anon({ anonymous: false, body: 'Too late for the period, but here it is.' }, '192.0.2.1')).detail,
    ).toContain('public comments closed');
  });

  it('deliberates: versioned drafts, votes by seated members only, no decision without a majority', async () => {
    expect(
      problemOf(await seated(0).request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' })).detail,
    ).toContain('no draft');
    const draft = {
      text: 'The board overturns the decision to keep the video: a threat of violence by a head of government in a context of continuing state violence.',
      recommendations: [
        {
          text: 'Suspend the prime minister’s account for six months.',
          measure: 'The account is restricted, with a published review date.',
        },
      ],
    };
    expect(
      (await seated(0).request('POST', `/api/board/cases/${boardCaseId}/drafts`, draft)).json<DraftSaved>(),
    ).toEqual({
      version: 1,
    });
    const recommendationsV2 = [
      ...draft.recommendations,
      {
        text: 'Apply the public-figure protocol to contexts of continuing state violence, not only to acute unrest.',
        measure: 'The published protocol says so.',
      },
      {
        text: 'Prioritise the review of violent threats by heads of state and government.',
        measure: 'Review times for such content are published.',
      },
    ];
    expect(
      (
        await seated(1).request('POST', `/api/board/cases/${boardCaseId}/drafts`, {
          ...draft,
          recommendations: recommendationsV2,
        })
      ).json<DraftSaved>(),
    ).toEqual({ version: 2 });
    const before = await rig.written();
    expect(
      problemOf(await outsider().request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' })).detail,
    ).toContain('only members of the panel');
    expect(
      problemOf(
        await rig.members.member1!.request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' }),
      ).detail,
    ).toContain('recused');
    expect(
      problemOf(await seated(0).request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'adopt' })).code,
    ).toBe('validation_failed');
    expect(await rig.written()).toBe(before);
    await seated(0).request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' });
    await seated(1).request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' });
    await seated(2).request('POST', `/api/board/cases/${boardCaseId}/votes`, {
      vote: 'uphold',
      opinion: 'The speech, however crude, is political speech that voters need to see.',
    });
    const noMajority = await rig.written();
    expect(
      problemOf(await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/publish`, { confirm: true })).detail,
    ).toContain('no majority of the 5-member panel on draft 2: a decision needs 3 of the 5 seated members');
    expect(await rig.written()).toBe(noMajority);
    await seated(3).request('POST', `/api/board/cases/${boardCaseId}/votes`, { vote: 'overturn' });
  });

  it('never lets the platform write a decision: drafts, votes and publication are refused to the liaison and the token', async () => {
    const before = await rig.written();
    for (const [url, body] of [
      [
        `/api/board/cases/${boardCaseId}/drafts`,
        { text: 'The platform would like to rewrite this decision.', recommendations: [] },
      ],
      [`/api/board/cases/${boardCaseId}/votes`, { vote: 'uphold' }],
      [`/api/board/cases/${boardCaseId}/publish`, { confirm: true }],
      [`/api/board/cases/${boardCaseId}/summary-decision`, { text: 'The platform writes its own summary.' }],
    ] as const) {
      expect(problemOf(await rig.liaison.request('POST', url, body)).code).toBe('forbidden');
      expect(problemOf(await rig.push(url, body ?? {})).code).toBe('forbidden');
    }
    expect(await rig.written()).toBe(before);
  });

  it('publishes the majority decision with the separate opinion: a 7-day obligation and 60-day recommendations', async () => {
    expect(problemOf(await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/publish`)).code).toBe(
      'validation_failed',
    );
    expect(
      problemOf(await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/publish`, { confirm: false }))
        .errors?.[0]?.field,
    ).toBe('/confirm');
    const published = await rig.manager.request('POST', `/api/board/cases/${boardCaseId}/publish`, { confirm: true });
    expect(published.statusCode).toBe(200);
    expect(published.json<DecisionPublished>()).toMatchObject({
      outcome: 'overturn',
      counts: { overturn: 3, uphold: 1 },
    });
    obligationId = published.json<DecisionPublished>().obligationId as string;
    recs = published.json<DecisionPublished>().recommendations;
    expect(recs.map((r) => r.ref)).toEqual([`${ref}-R1`, `${ref}-R2`, `${ref}-R3`]);
    const file = (await rig.liaison.request('GET', `/api/board/cases/${boardCaseId}`)).json<CaseFile>();
    expect(file.case.decisionText).toContain('overturns');
    expect(file.comments.map((c: { author: string }) => c.author)).toEqual([
      'Anonymous',
      'Dr. Mina Chhay (Kambara Centre for Civic Space)',
    ]);
    expect(JSON.stringify(file.comments)).not.toContain('dara@example.org');
    expect(file.obligation).toMatchObject({ requiredOutcome: 'remove', status: 'open', overdue: false });

    const open = await rig.app.inject({ method: 'GET', url: `/api/public/board/cases/${ref}` });
    const shown = open.json<PublicDecidedCase>();
    expect(shown.decision).toMatchObject({
      outcome: 'overturn',
      votes: { overturn: 3, uphold: 1 },
      separateOpinions: [{ position: 'dissenting', text: expect.stringContaining('political speech') }],
    });
    expect(shown.comments.map((c: { author: string }) => c.author)).toEqual([
      'Anonymous',
      'Dr. Mina Chhay (Kambara Centre for Civic Space)',
    ]);
    expect(shown.recommendations).toHaveLength(3);
    const text = open.body;
    for (const secret of [
      'dara@example.org',
      'Dara Sok',
      'The video threatens opponents with violence.',
      ...Object.values(rig.ids),
    ])
      expect(text).not.toContain(secret);
    expect(
      (await rig.app.inject({ method: 'GET', url: '/api/public/board/cases' }))
        .json<PublicDocketPage>()
        .cases.map((c) => c.ref),
    ).toEqual([ref]);
  });

  it('implements through moderation, sweeping identical content, on time', async () => {
    await rig.push('/api/reports', {
      subject: { ...pmVideo, externalId: 'video-1-reupload', postedAt: '2026-03-20T08:00:00.000Z' },
      policyId: 'violence-incitement',
      source: 'user',
    });
    await rig.push('/api/reports', {
      subject: {
        ...pmVideo,
        externalId: 'video-1-copy',
        title: 'Repost',
        body: '  Opponents can choose   THE LAW or a bat. ',
      },
      policyId: 'violence-incitement',
      source: 'user',
    });
    rig.clock.advance(2 * DAY);
    const done = await rig.liaison.request('POST', `/api/board/obligations/${obligationId}/implementation`, {
      note: 'The video was removed worldwide.',
    });
    expect(done.json<ObligationImplemented>()).toMatchObject({ sweepMatched: 2, sweepActioned: 2, onTime: true });
    expect(
      problemOf(
        await rig.liaison.request('POST', `/api/board/obligations/${obligationId}/implementation`, {
          note: 'Again, for good measure.',
        }),
      ).code,
    ).toBe('conflict');
    const decision = (
      await rig.get(`/api/decisions/${done.json<ObligationImplemented>().actionDecisionId}`)
    ).json<DecisionView>();
    expect(decision).toMatchObject({ outcome: 'remove', reviewOf: decisionId });
    expect((await rig.get(`/api/decisions/${decisionId}`)).json<DecisionView>().status).toBe('reversed');
  });

  it('ties a liaison to one platform: no referral for a platform nobody knows, no answers for another’s cases', async () => {
    const refuse = (response: { statusCode: number }, status: number) => expect(response.statusCode).toBe(status);
    await expect(
      rig.docket.access.createUser('system:test', { username: 'untied', roles: ['platform_liaison'] }),
    ).rejects.toMatchObject({ fields: [{ field: '/platform' }] });
    await rig.docket.access.createUser('system:test', {
      username: 'ghostliaison',
      roles: ['platform_liaison'],
      platform: 'nosuch',
      password: 'ghost password!',
    });
    await rig.docket.access.createUser('system:test', {
      username: 'otherliaison',
      roles: ['platform_liaison'],
      platform: 'orbit',
      password: 'other password!',
    });
    await rig.docket.access.createToken('system:test', { name: 'Orbit', kind: 'integration', platform: 'orbit' });
    const ghost = await rig.signIn('ghostliaison', 'ghost password!');
    const other = await rig.signIn('otherliaison', 'other password!');
    const before = await rig.written();
    const question = {
      kind: 'policy_advisory',
      track: 'standard',
      title: 'A question of policy',
      statement: 'How should leaders’ threats be treated?',
    };
    const unknown = await ghost.request('POST', '/api/board/referrals', question);
    refuse(unknown, 404);
    expect(problemOf(unknown).detail).toContain('no platform "nosuch" is known');
    refuse(await rig.liaison.request('POST', '/api/board/referrals', { ...question, platform: 'nosuch' }), 403);
    refuse(
      await other.request('POST', `/api/board/recommendations/${recs[1]?.id}/responses`, {
        category: 'declined',
        reasons: 'We answer for another platform’s case.',
      }),
      403,
    );
    expect((await other.request('GET', '/api/board/desk')).json<Desk>().platform).toEqual({
      obligations: [],
      recommendations: [],
      selectedCases: [],
    });
    refuse(await other.request('GET', `/api/board/cases/${boardCaseId}`), 404);
    expect(await rig.written()).toBe(before);
    expect(
      (await rig.liaison.request('GET', '/api/board/desk')).json<Desk>().platform?.recommendations.length,
    ).toBeGreaterThan(0);
  });

  it('takes the platform’s responses with history, the board’s assessments, and flags the unanswered as overdue', async () => {
    const [r1, r2, r3] = recs as [
      { id: string; ref: string },
      { id: string; ref: string },
      { id: string; ref: string },
    ];
    expect(
      problemOf(
        await rig.liaison.request('POST', `/api/board/recommendations/${r2.id}/responses`, {
          category: 'implementing_fully',
          reasons: 'We will extend the protocol to chronic contexts.',
        }),
      ).errors?.[0]?.field,
    ).toBe('/timeline');
    expect(
      (
        await rig.liaison.request('POST', `/api/board/recommendations/${r1.id}/responses`, {
          category: 'assessing_feasibility',
          reasons: 'We are assessing the suspension against our protocol.',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await rig.liaison.request('POST', `/api/board/recommendations/${r1.id}/responses`, {
          category: 'declined',
          reasons: 'No crisis designation applies; an indefinite suspension would cut access to the leader.',
        })
      ).json<ResponseRecorded>(),
    ).toMatchObject({ late: false });
    expect(
      (
        await rig.manager.request('POST', `/api/board/recommendations/${r1.id}/assessments`, {
          assessment: 'declined',
          note: 'The platform declined the suspension.',
        })
      ).json<AssessmentRecorded>(),
    ).toMatchObject({ closed: true });
    const before = await rig.written();
    expect(
      problemOf(
        await rig.liaison.request('POST', `/api/board/recommendations/${r1.id}/responses`, {
          category: 'assessing_feasibility',
          reasons: 'We reconsider the suspension after all.',
        }),
      ).detail,
    ).toContain('closed this recommendation');
    expect(
      problemOf(
        await rig.liaison.request('POST', `/api/board/recommendations/${r2.id}/assessments`, {
          assessment: 'implemented',
          note: 'The liaison cannot assess.',
        }),
      ).code,
    ).toBe('forbidden');
    expect(await rig.written()).toBe(before);
    await rig.liaison.request('POST', `/api/board/recommendations/${r2.id}/responses`, {
      category: 'declined',
      reasons: 'Our protocol already covers what it needs to cover.',
    });

    rig.clock.advance(61 * DAY);
    expect(await rig.docket.board.followUp.runDue()).toEqual({ obligationsOverdue: 0, responsesOverdue: 1 });
    expect(await rig.docket.board.followUp.runDue()).toEqual({ obligationsOverdue: 0, responsesOverdue: 0 });
    const liaison = await rig.signIn('liaison1', 'liaison1 password!');
    const tracker = (await liaison.request('GET', '/api/board/recommendations')).json<Recommendations>()
      .recommendations;
    expect(tracker.map((r: { responseState: string }) => r.responseState)).toEqual(['answered', 'answered', 'overdue']);
    expect(tracker[0]?.responses.map((x) => x.category)).toEqual(['assessing_feasibility', 'declined']);
    expect(tracker.find((r: { id: string }) => r.id === r3.id)).toMatchObject({ latestResponse: null });
  });
});

describeEachStore(
  'oversight board: summary decisions, the comment period before publication, moot internal appeals',
  (kind) => {
    let rig: BoardRig;
    beforeAll(async () => {
      rig = await openBoardRig(kind);
    });
    afterAll(() => rig?.close());

    it('runs the reversal through moderation and publishes a summary decision', async () => {
      const decisionId = await keptAfterAppeal(rig, ordinaryPost(5, { body: 'We know where the journalists live.' }));
      const referred = await rig.push('/api/board/referrals', {
        kind: 'platform_referral',
        track: 'expedited',
        title: 'Threat against journalists',
        statement: 'We kept this post; we ask the board to review it quickly.',
        decisionId,
      });
      const id = referred.json<CaseOpened>().boardCaseId;
      expect(
        problemOf(
          await rig.members.member2!.request('POST', `/api/board/cases/${id}/select`, {
            note: 'Journalists’ safety matters.',
          }),
        ).errors?.[0]?.field,
      ).toBe('/region');
      const selected = (
        await rig.members.member2!.request('POST', `/api/board/cases/${id}/select`, {
          note: 'Journalists’ safety matters.',
          region: 'sub_saharan_africa',
        })
      ).json<CaseSelected>();
      expect(selected.decisionDueAt).toBe(new Date(rig.clock.now().getTime() + 30 * DAY).toISOString());
      expect(
        problemOf(
          await rig.manager.request('POST', `/api/board/cases/${id}/summary-decision`, {
            text: 'Too early: the platform has not reversed.',
          }),
        ).code,
      ).toBe('conflict');
      const reversed = await rig.liaison.request('POST', `/api/board/cases/${id}/reversal`, {
        note: 'On reflection this is a threat, not news.',
      });
      expect(reversed.json<PlatformReversed>()).toMatchObject({ status: 'platform_reversed' });
      expect(
        (await rig.get(`/api/decisions/${reversed.json<PlatformReversed>().reversalDecisionId}`)).json<DecisionView>(),
      ).toMatchObject({
        outcome: 'remove',
        reviewOf: decisionId,
      });
      const summary = await rig.manager.request('POST', `/api/board/cases/${id}/summary-decision`, {
        text: 'The platform reversed its decision after selection; the board confirms the removal.',
      });
      expect(summary.json<SummaryPublished>()).toMatchObject({ outcome: 'overturn', summary: true });
    });

    it('publishes no decision while public comments are open, until a case manager closes them early on the record', async () => {
      const decisionId = await keptAfterAppeal(
        rig,
        ordinaryPost(6, { body: 'The reporters on the bridge will learn to keep quiet.' }),
      );
      const id = (
        await rig.push('/api/board/referrals', {
          kind: 'platform_referral',
          track: 'standard',
          title: 'Threat against reporters',
          statement: 'We kept this post; we ask the board to review it.',
          decisionId,
        })
      ).json<CaseOpened>().boardCaseId;
      const selected = (
        await rig.members.member2!.request('POST', `/api/board/cases/${id}/select`, {
          note: 'Press freedom and safety.',
          region: 'europe',
        })
      ).json<CaseSelected>();
      const member = (userId: string) =>
        rig.members[Object.keys(rig.ids).find((name) => rig.ids[name] === userId) as string] as Client;
      const seats = (selected.panel as string[]).map(member);
      await seats[0]!.request('POST', `/api/board/cases/${id}/drafts`, {
        text: 'The board overturns the decision to keep the post: it threatens reporters.',
        recommendations: [],
      });
      for (const seat of seats.slice(0, 3))
        await seat.request('POST', `/api/board/cases/${id}/votes`, { vote: 'overturn' });
      const url = `/api/public/board/cases/${selected.ref}`;
      const comment = (body: string) =>
        rig.app.inject({
          method: 'POST',
          url: `${url}/comments`,
          payload: { anonymous: true, body },
          remoteAddress: '203.0.113.60',
        });
      expect((await rig.app.inject({ method: 'GET', url })).json<PublicBoardCase>()).toMatchObject({
        commentsOpen: true,
        commentsClosedEarly: false,
        commentsNotice: null,
      });

      const before = await rig.written();
      const refused = problemOf(await rig.manager.request('POST', `/api/board/cases/${id}/publish`, { confirm: true }));
      expect(refused).toMatchObject({
        code: 'conflict',
        detail: expect.stringContaining('public comments are open until'),
      });
      expect(await rig.written()).toBe(before);
      expect((await comment('Reporters were attacked on that bridge last spring.')).statusCode).toBe(201);

      expect(
        problemOf(
          await rig.liaison.request('POST', `/api/board/cases/${id}/comments/close`, {
            reason: 'The platform would like this over with.',
          }),
        ).code,
      ).toBe('forbidden');
      expect(
        problemOf(await rig.manager.request('POST', `/api/board/cases/${id}/comments/close`, { reason: 'soon' })).code,
      ).toBe('validation_failed');
      const closed = await rig.manager.request('POST', `/api/board/cases/${id}/comments/close`, {
        reason: 'The panel has the comments it needs: the reporters are at risk now.',
      });
      expect(closed.json<CommentsClosed>()).toMatchObject({
        closedEarly: true,
        commentsCloseAt: rig.clock.now().toISOString(),
      });
      expect(
        problemOf(
          await rig.manager.request('POST', `/api/board/cases/${id}/comments/close`, {
            reason: 'Closing it a second time.',
          }),
        ).code,
      ).toBe('conflict');
      const day = rig.clock.now().toISOString().slice(0, 10);
      const page = (await rig.app.inject({ method: 'GET', url })).json<PublicBoardCase>();
      expect(page).toMatchObject({
        commentsOpen: false,
        commentsClosedEarly: true,
        commentsNotice: `public comments closed early on ${day}`,
        commentsClosedEarlyReason: expect.stringContaining('reporters are at risk'),
      });
      const late = problemOf(await comment('Another thought on the reporters, after the close.'));
      expect(late).toMatchObject({ code: 'conflict', detail: page.commentsNotice });
      const events = (await readEvents(rig.docket.store.db, { stream: `board/${id}`, limit: 100 })).entries.map(
        (e) => e.type,
      );
      expect(events).toContain('board.comments_closed_early');
      const log = (await rig.app.inject({ method: 'GET', url: '/public/log?limit=5000' })).json<PublicLogDocument>();
      expect(
        log.entries.find((e) => e.stream === selected.ref && e.type === 'board.comments_closed_early'),
      ).toMatchObject({
        actor: 'board',
        payload: {
          ref: selected.ref,
          closedAt: rig.clock.now().toISOString(),
          reason: expect.stringContaining('reporters are at risk'),
        },
      });

      const published = await rig.manager.request('POST', `/api/board/cases/${id}/publish`, { confirm: true });
      expect(published.json<DecisionPublished>()).toMatchObject({ outcome: 'overturn', counts: { overturn: 3 } });
      expect((await rig.app.inject({ method: 'GET', url })).json<PublicBoardCase>()).toMatchObject({
        commentsOpen: false,
        commentsClosedEarly: true,
        decision: { outcome: 'overturn' },
      });
    });

    it('closes the affected user’s pending appeal as moot when the overturn is implemented, with a notice, off the queue', async () => {
      const caseId = (
        await rig.push('/api/reports', {
          subject: ordinaryPost(8, { body: 'Photos of the flooded market, and who to blame.' }),
          policyId: 'violence-incitement',
          sectionId: 'threats-of-violence',
          source: 'user',
        })
      ).json<ReportAnswer>().receipt.caseId;
      await rig.senior.request('POST', `/api/cases/${caseId}/claim`);
      const removed = await rig.senior.request('POST', `/api/cases/${caseId}/decision`, {
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        outcome: 'remove',
        facts: 'Read as a call to attack the market owners.',
      });
      const decisionId = removed.json<DecisionResult>().decisionId as string;
      const appealId = (
        await rig.push('/api/appeals', {
          decisionId,
          appellant: 'affected_user',
          appellantRef: 'acct-8',
          statement: 'I was reporting on the flood, not calling for violence.',
        })
      ).json<AppealReceipt>().appealId as string;
      await rig.docket.webhooks.setEndpoint('system:test', 'lumen', 'http://127.0.0.1:9/hooks');

      const id = (
        await rig.push('/api/board/referrals', {
          kind: 'platform_referral',
          track: 'expedited',
          title: 'Reporting on a flood',
          statement: 'We removed this post; we ask the board whether reporting was caught up.',
          decisionId,
        })
      ).json<CaseOpened>().boardCaseId;
      const selected = (
        await rig.members.member2!.request('POST', `/api/board/cases/${id}/select`, {
          note: 'News reporting caught by enforcement.',
          region: 'sub_saharan_africa',
        })
      ).json<CaseSelected>();
      const seats = (selected.panel as string[]).map(
        (userId) => rig.members[Object.keys(rig.ids).find((name) => rig.ids[name] === userId) as string] as Client,
      );
      await seats[0]!.request('POST', `/api/board/cases/${id}/drafts`, {
        text: 'The board overturns the removal: the post reports on a flood.',
        recommendations: [],
      });
      for (const seat of seats.slice(0, 3))
        await seat.request('POST', `/api/board/cases/${id}/votes`, { vote: 'overturn' });
      rig.clock.advance(15 * 86_400_000);
      const obligationId = (
        await rig.manager.request('POST', `/api/board/cases/${id}/publish`, { confirm: true })
      ).json<DecisionPublished>().obligationId as string;
      expect(
        (await rig.policy.request('GET', '/api/appeals')).json<PendingAppeals>().appeals.map((a) => a.id),
      ).toContain(appealId);

      expect(
        (
          await rig.liaison.request('POST', `/api/board/obligations/${obligationId}/implementation`, {
            note: 'The post is back up.',
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await rig.policy.request('GET', '/api/appeals')).json<PendingAppeals>().appeals.map((a) => a.id),
      ).not.toContain(appealId);
      const [appeal] = await rig.docket.store.db.select().from(appeals).where(eq(appeals.id, appealId));
      expect(appeal).toMatchObject({
        status: 'closed',
        result: 'moot',
        reason: expect.stringContaining('oversight board'),
      });
      const history = (await readEvents(rig.docket.store.db, { stream: `case/${caseId}`, limit: 100 })).entries;
      expect(history.find((e) => e.type === 'appeal.closed_moot')?.payload).toMatchObject({
        appealId,
        decisionId,
        appellant: 'affected_user',
        boardCaseId: id,
      });
      const [notice] = await rig.docket.store.db.select().from(outbox).where(eq(outbox.type, 'appeal.closed'));
      expect(notice?.payload).toMatchObject({
        appealId,
        result: 'moot',
        notice: {
          recipientRef: 'acct-8',
          text: expect.stringContaining(`the oversight board overturned it in case ${selected.ref as string}`),
        },
      });
      // The appellant is told the board case's public reference, which they can look up, never its internal id.
      expect(JSON.stringify(notice?.payload)).not.toContain(`case ${id as string}`);
      expect(
        problemOf(
          await rig.policy.request('POST', `/api/appeals/${appealId}/decision`, {
            result: 'upheld',
            reason: 'Too late to decide.',
          }),
        ).code,
      ).toBe('conflict');
    });
  },
);

describe('oversight board routes', () => {
  it('are registered with access rules', async () => {
    const { PERMISSIONS } = await import('../src/core/roles.js');
    expect(PERMISSIONS['board.respond']).toEqual(['platform_liaison']);
    expect(PERMISSIONS['board.deliberate']).not.toContain('platform_liaison');
    expect(PERMISSIONS['board.manage']).not.toContain('platform_liaison');
  });
});
