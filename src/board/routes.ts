import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import { requireIntegration, requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import {
  AppealBody,
  AppealFiled,
  AssessmentRecorded,
  BoardMembers,
  BriefAttached,
  BriefBody,
  CandidateAssessmentBody,
  Candidates,
  CaseDeclined,
  CaseFile,
  CaseOpened,
  CaseSelected,
  CloseCommentsBody,
  CommentModerated,
  CommentModerationBody,
  CommentReceived,
  CommentsClosed,
  DecisionPublished,
  Desk,
  DraftBody,
  DraftSaved,
  IdParams,
  MemberBody,
  MemberRegistered,
  NoteBody,
  ObligationImplemented,
  PlatformReversed,
  PublicBoardCase,
  PublicCommentBody,
  PublishBody,
  RecommendationAssessmentBody,
  Recommendations,
  RefParams,
  ReferralBody,
  ResponseBody,
  ResponseRecorded,
  SelectBody,
  SummaryDecisionBody,
  SummaryPublished,
  VoteBody,
  VoteRecorded,
} from './contract.js';
import { referringPlatform } from './rules.js';

const tags = ['oversight board'];
const NoContent = Type.Null({ description: 'no content' });

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
        body: AppealBody,
        response: { 201: AppealFiled },
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
        body: ReferralBody,
        response: { 201: CaseOpened },
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
        response: { 200: BoardMembers },
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
        body: MemberBody,
        response: { 200: MemberRegistered },
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
        response: { 200: Candidates },
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
        params: IdParams,
        body: CandidateAssessmentBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await intake.assessCandidate(requireUser(request), request.params.id, request.body);
      return reply.code(204).send(null);
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
        params: IdParams,
        body: SelectBody,
        response: { 200: CaseSelected },
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
        params: IdParams,
        body: NoteBody,
        response: { 200: CaseDeclined },
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
        params: IdParams,
        body: NoteBody,
        response: { 200: PlatformReversed },
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
        response: { 200: Desk },
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
        params: IdParams,
        response: { 200: CaseFile },
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
        params: IdParams,
        body: BriefBody,
        response: { 201: BriefAttached },
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
        params: IdParams,
        body: CommentModerationBody,
        response: { 200: CommentModerated },
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
        params: IdParams,
        body: CloseCommentsBody,
        response: { 200: CommentsClosed },
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
        params: IdParams,
        body: DraftBody,
        response: { 201: DraftSaved },
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
        params: IdParams,
        body: VoteBody,
        response: { 200: VoteRecorded },
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
        params: IdParams,
        description:
          'voteSplit: "withheld" publishes the decision as approved by a majority, without the vote split (the board keeps the counts on its record); by default the split is published.',
        body: PublishBody,
        response: { 200: DecisionPublished },
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
        params: IdParams,
        body: SummaryDecisionBody,
        response: { 200: SummaryPublished },
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
        params: IdParams,
        body: NoteBody,
        response: { 200: ObligationImplemented },
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
        response: { 200: Recommendations },
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
        params: IdParams,
        body: ResponseBody,
        response: { 201: ResponseRecorded },
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
        params: IdParams,
        body: RecommendationAssessmentBody,
        response: { 201: AssessmentRecorded },
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
        params: RefParams,
        response: { 200: PublicBoardCase },
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
        params: RefParams,
        body: PublicCommentBody,
        response: { 201: CommentReceived },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await deliberation.comment(request.params.ref, request.body, request.ip)),
  );
}
