import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { WrittenText } from '../core/written-text.js';
import { actorOf, type Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import { requireIntegration, requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { ASSESSMENTS, BOARD_PRIORITIES, referringPlatform, REGIONS, RESPONSE_CATEGORIES, TRACKS } from './rules.js';
import { DraftRecommendation, RecommendationGroup, RecommendationView } from './schema.js';

const tags = ['oversight board'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Open = Type.Object({}, { additionalProperties: true });
const Text = (min: number, max: number, description?: string) =>
  WrittenText({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const strict = { additionalProperties: false } as const;

export function boardRoutes(app: App, docket: Docket): void {
  const { intake, deliberation, followUp, reads } = docket.board;

  // ---- intake ----
  app.post(
    '/api/board/appeals',
    {
      config: { access: 'board.appeal' },
      schema: {
        tags,
        summary:
          "A user's appeal to the board, filed by the platform, within 15 days of the final internal decision; refused with the reason when ineligible",
        body: Type.Object(
          { decisionId: Type.String({ format: 'uuid' }), statement: Text(10, 10_000, "the user's statement") },
          strict,
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return reply.code(201).send(await intake.appeal(actorOf(platform), platform.platform, request.body));
    },
  );

  app.post(
    '/api/board/referrals',
    {
      config: { access: 'board.refer' },
      schema: {
        tags,
        summary: 'The platform refers a decision (standard or expedited) or asks for a policy advisory opinion',
        body: Type.Object(
          {
            kind: Type.Enum(['platform_referral', 'policy_advisory']),
            track: Type.Enum(TRACKS),
            title: Text(5, 300),
            statement: Text(10, 20_000, 'why the platform refers the case, or the policy question'),
            decisionId: Type.Optional(Type.String({ format: 'uuid' })),
            platform: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 120,
                description: "the platform that refers: a token's or the liaison's own (may be left out)",
              }),
            ),
          },
          strict,
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) => {
      const principal = request.principal as Principal;
      const platform = referringPlatform(principal, request.body.platform);
      if (!(await docket.access.knowsPlatform(platform)))
        throw new DocketError('not_found', `no platform "${platform}" is known: no integration token acts for it`, [
          { field: '/platform', message: 'unknown platform' },
        ]);
      return reply.code(201).send(await intake.refer(actorOf(principal), platform, request.body));
    },
  );

  // ---- members and selection ----
  app.get(
    '/api/board/members',
    {
      config: { access: 'board.review' },
      schema: {
        tags,
        summary: 'Board members, their regions, declared conflicts and open panels',
        response: { 200: Type.Object({ members: Type.Array(Open) }) },
      },
    },
    async () => ({ members: await intake.members() }),
  );

  app.post(
    '/api/board/members',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: 'Register a board member (a user with the board_member role): region and declared conflicts',
        body: Type.Object(
          {
            username: Text(1, 64),
            region: Type.Enum(REGIONS),
            conflicts: Type.Array(Text(1, 200), {
              maxItems: 50,
              description: 'country codes, account refs or organisations',
            }),
          },
          strict,
        ),
        response: { 200: Open },
      },
    },
    async (request) => intake.registerMember(requireUser(request), request.body),
  );

  app.get(
    '/api/board/candidates',
    {
      config: { access: 'board.review' },
      schema: {
        tags,
        summary: "Candidates for selection, ranked by the board's priorities, significance, difficulty and demand",
        response: { 200: Type.Object({ candidates: Type.Array(Open) }) },
      },
    },
    async () => ({ candidates: await intake.candidates() }),
  );

  app.post(
    '/api/board/cases/:id/assessment',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary:
          "A case manager's assessment of a candidate: the board's priorities it touches, significance, difficulty, region",
        params: Id,
        body: Type.Object(
          {
            priorities: Type.Array(Type.Enum(BOARD_PRIORITIES), { uniqueItems: true }),
            significance: Type.Integer({ minimum: 1, maximum: 3 }),
            difficulty: Type.Integer({ minimum: 1, maximum: 3 }),
            region: Type.Optional(Type.Enum(REGIONS)),
          },
          strict,
        ),
      },
    },
    async (request, reply) => {
      await intake.assessCandidate(requireUser(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/board/cases/:id/select',
    {
      config: { access: 'board.select' },
      schema: {
        tags,
        summary:
          'The selection committee selects a case: the panel is drawn, comments open, the clock starts, the platform is told',
        params: Id,
        body: Type.Object(
          {
            note: Text(10, 5_000),
            region: Type.Optional(Type.Enum(REGIONS)),
            priorities: Type.Optional(Type.Array(Type.Enum(BOARD_PRIORITIES), { uniqueItems: true })),
          },
          strict,
        ),
        response: { 200: Open },
      },
    },
    async (request) => intake.select(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/board/cases/:id/decline',
    {
      config: { access: 'board.select' },
      schema: {
        tags,
        summary: 'The selection committee does not take a case',
        params: Id,
        body: Type.Object({ note: Text(10, 5_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => intake.decline(requireUser(request), request.params.id, request.body.note),
  );

  app.post(
    '/api/board/cases/:id/reversal',
    {
      config: { access: 'board.respond' },
      schema: {
        tags,
        summary:
          'The platform reverses its own decision on a selected case (it runs through moderation); the board may then decide in summary',
        params: Id,
        body: Type.Object({ note: Text(10, 5_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => intake.reverse(requireUser(request), request.params.id, request.body.note),
  );

  // ---- workspaces and the case file ----
  app.get(
    '/api/board/desk',
    {
      config: { access: 'board.work' },
      schema: {
        tags,
        summary:
          "Your board workspace: a case manager's desk, a member's panels, the liaison's obligations and recommendations",
        response: { 200: Open },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        manager: user.roles.includes('case_manager') ? await reads.managerDesk() : null,
        panels: user.roles.includes('board_member') ? await reads.myPanels(user) : null,
        platform: user.roles.includes('platform_liaison') ? await reads.platformDesk(user.platform) : null,
      };
    },
  );

  app.get(
    '/api/board/cases/:id',
    {
      config: { access: 'board.work' },
      schema: {
        tags,
        summary: 'The case file: the moderation history, comments, drafts and votes (as your role allows)',
        params: Id,
        response: { 200: Open },
      },
    },
    async (request) => reads.caseFile(requireUser(request), request.params.id),
  );

  // ---- comments and briefs ----
  app.post(
    '/api/board/cases/:id/briefs',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: "Attach an expert's or civil-society organisation's brief",
        params: Id,
        body: Type.Object({ name: Text(2, 200), organisation: Text(2, 200), body: Text(20, 50_000) }, strict),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliberation.attachBrief(requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/board/comments/:id/moderation',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: 'Approve a public comment for publication with the decision, or reject it',
        params: Id,
        body: Type.Object({ status: Type.Enum(['approved', 'rejected']), note: Text(2, 2_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => deliberation.moderateComment(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/board/cases/:id/comments/close',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: 'Close the public comment period before its date, with the reason (shown on the public page)',
        params: Id,
        body: Type.Object({ reason: Text(10, 2_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => deliberation.closeComments(requireUser(request), request.params.id, request.body),
  );

  // ---- deliberation and decision ----
  app.post(
    '/api/board/cases/:id/drafts',
    {
      config: { access: 'board.deliberate' },
      schema: {
        tags,
        summary: 'Save a new version of the draft decision, with its recommendations (panel members)',
        description:
          'Each recommendation may name its group (policy, enforcement, transparency): the decision and the public tracker list them by group.',
        params: Id,
        body: Type.Object(
          { text: Text(20, 100_000), recommendations: Type.Array(DraftRecommendation, { maxItems: 30 }) },
          strict,
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliberation.saveDraft(requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/board/cases/:id/votes',
    {
      config: { access: 'board.deliberate' },
      schema: {
        tags,
        summary: 'Vote on the current draft (seated panel members), with an optional separate opinion',
        params: Id,
        body: Type.Object(
          { vote: Type.Enum(['uphold', 'overturn', 'adopt', 'reject']), opinion: Type.Optional(Text(20, 20_000)) },
          strict,
        ),
        response: { 200: Open },
      },
    },
    async (request) => deliberation.vote(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/board/cases/:id/publish',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary:
          "Publish the panel's majority decision once public comments have closed: binding obligation (7 days) and recommendations (60-day responses)",
        params: Id,
        description:
          'voteSplit: "withheld" publishes the decision as approved by a majority, without the vote split (the board keeps the counts on its record); by default the split is published.',
        body: Type.Object(
          {
            confirm: Type.Boolean({ description: 'publication is final: true to publish' }),
            voteSplit: Type.Optional(
              Type.Enum(['published', 'withheld'], { description: 'whether the public decision shows the vote split' }),
            ),
          },
          strict,
        ),
        response: {
          200: Type.Object({
            boardCaseId: Type.String(),
            ref: Type.String(),
            outcome: Type.Enum(['uphold', 'overturn', 'adopt', 'reject']),
            counts: Type.Record(Type.String(), Type.Integer()),
            voteSplitPublished: Type.Boolean(),
            obligationId: Type.Union([Type.String(), Type.Null()]),
            recommendations: Type.Array(
              Type.Object({
                id: Type.String(),
                ref: Type.String(),
                group: Type.Union([RecommendationGroup, Type.Null()]),
                responseDueAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => deliberation.publish(requireUser(request), request.params.id, request.body),
  );

  app.post(
    '/api/board/cases/:id/summary-decision',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: 'Publish a summary decision after the platform reversed itself',
        params: Id,
        body: Type.Object({ text: Text(20, 20_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => deliberation.publishSummary(requireUser(request), request.params.id, request.body.text),
  );

  // ---- what the platform owes ----
  app.post(
    '/api/board/obligations/:id/implementation',
    {
      config: { access: 'board.respond' },
      schema: {
        tags,
        summary: 'Implement a binding decision: the decision runs through moderation, then the identical-content sweep',
        params: Id,
        body: Type.Object({ note: Text(10, 5_000) }, strict),
        response: { 200: Open },
      },
    },
    async (request) => followUp.implement(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/api/board/recommendations',
    {
      config: { access: 'board.work' },
      schema: {
        tags,
        summary: 'Every recommendation with its group, responses, assessments and response clock',
        response: { 200: Type.Object({ recommendations: Type.Array(RecommendationView) }) },
      },
    },
    async () => ({ recommendations: await reads.recommendations(undefined) }),
  );

  app.post(
    '/api/board/recommendations/:id/responses',
    {
      config: { access: 'board.respond' },
      schema: {
        tags,
        summary: "The platform's public response to a recommendation (within 60 days; later updates kept as history)",
        params: Id,
        body: Type.Object(
          {
            category: Type.Enum(RESPONSE_CATEGORIES),
            reasons: Text(20, 20_000),
            timeline: Type.Optional(Text(2, 2_000)),
          },
          strict,
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await followUp.respond(requireUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/board/recommendations/:id/assessments',
    {
      config: { access: 'board.manage' },
      schema: {
        tags,
        summary: "The board's assessment of implementation; implemented or declined closes the recommendation",
        params: Id,
        body: Type.Object({ assessment: Type.Enum(ASSESSMENTS), note: Text(10, 10_000) }, strict),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await followUp.assess(requireUser(request), request.params.id, request.body)),
  );

  // ---- public ----
  // The public docket's search (`GET /api/public/board/cases`) sits with the public site's pages, which share its filter.
  app.get(
    '/api/public/board/cases/:ref',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'A board case as the public sees it: its comment period, and once decided the decision, separate opinions, comments, obligation and recommendations with responses',
        params: Type.Object({ ref: Type.String({ pattern: '^BC-\\d{4}-\\d{3,}$' }) }),
        response: { 200: Open },
      },
    },
    async (request) => docket.publicReads.boardCase(request.params.ref),
  );

  app.post(
    '/api/public/board/cases/:ref/comments',
    {
      config: { access: 'public', limit: 'comment' },
      schema: {
        tags,
        summary:
          'Submit a public comment (no login; rate limited; published with the decision after moderation, anonymously if asked)',
        params: Type.Object({ ref: Type.String({ pattern: '^BC-\\d{4}-\\d{3,}$' }) }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            organisation: Type.Optional(Type.String({ maxLength: 200 })),
            email: Type.Optional(Type.String({ maxLength: 320, description: 'never published' })),
            anonymous: Type.Boolean({ description: 'publish without the name' }),
            body: Type.String({ minLength: 1, maxLength: 100_000 }),
            website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty' })),
          },
          strict,
        ),
        response: { 201: Open },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliberation.comment(request.params.ref, request.body, request.ip)),
  );
}
