import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JsonValue } from '../src/core/canonical-json.js';
import type { ChainEntry } from '../src/core/chain.js';
import { REPLAYED_PASSWORD_HASH, replayAccess } from '../src/access/replay.js';
import { users } from '../src/access/tables.js';
import { replayBoard } from '../src/board/replay.js';
import * as board from '../src/board/tables.js';
import { replayCrisis } from '../src/crisis/replay.js';
import { designations } from '../src/crisis/tables.js';
import { replayFigures } from '../src/figures/replay.js';
import * as figures from '../src/figures/tables.js';
import { replayModeration } from '../src/moderation/replay.js';
import * as moderation from '../src/moderation/tables.js';
import { replayPolicy } from '../src/policy/replay.js';
import type { Db } from '../src/store/database.js';
import { replayWebhooks } from '../src/webhooks/replay.js';
import { webhookEndpoints } from '../src/webhooks/tables.js';
import { describeEachStore, openTestStore, type TestStore } from './stores.js';

/**
 * Logs written before issue 14 hold entries without the fields it added to their events (a decision without its
 * warning screen, a subject with only its identity, a notice with only its ids…). The replay must take each such
 * entry without failing and write the default its replay.ts states, never a value the entry did not give. These
 * entries are built by hand in the shapes of that time (git show 0d1bebb:src/<capability>/events.ts).
 */
const id = (n: number): string => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const ADMIN = id(1),
  MODERATOR = id(2),
  MEMBER = id(3),
  SUBJECT = id(10),
  CASE = id(11),
  REPORT_1 = id(12),
  REPORT_2 = id(13),
  DECISION = id(14),
  STRIKE = id(15),
  NOTICE = id(16),
  APPEAL = id(17),
  DESIGNATION = id(20),
  RESTRICTION = id(21),
  BOARD_CASE = id(22),
  COMMENT = id(23),
  RECOMMENDATION = id(24);

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const OLD: ChainEntry[] = [];
/** The time of the entry at this 1-based position. */
const at = (seq: number): Date => new Date(T0 + seq * 60_000);
function old(type: string, stream: string, actor: string, payload: Record<string, JsonValue>): void {
  const seq = OLD.length + 1;
  OLD.push({ seq, stream, type, actor, at: at(seq).toISOString(), payload, prev: '', hash: '' });
}

const user = (n: string, roles: string[]) => ({ displayName: n, roles, region: null, mustChangePassword: false });
old('user.created', `user/${ADMIN}`, 'system:bootstrap', { userId: ADMIN, username: 'ada', ...user('Ada', ['admin']) });
old('user.created', `user/${MODERATOR}`, `user:${ADMIN}`, {
  userId: MODERATOR,
  username: 'mo',
  ...user('Mo', ['moderator']),
  mustChangePassword: true,
});
old('user.created', `user/${MEMBER}`, `user:${ADMIN}`, {
  userId: MEMBER,
  username: 'bo',
  ...user('Bo', ['board_member']),
});
old('subject.registered', `subject/${SUBJECT}`, 'integration:lumen', {
  subjectId: SUBJECT,
  platform: 'lumen',
  externalId: 'post-1',
  kind: 'content',
  contentType: 'text',
  authorExternalId: 'acct-1',
  country: 'DEU',
  language: 'de',
});
const UPDATED = OLD.length + 1;
old('subject.updated', `subject/${SUBJECT}`, 'integration:lumen', {
  subjectId: SUBJECT,
  fields: ['body'],
  contentChanged: true,
});
old('case.opened', `case/${CASE}`, 'integration:lumen', { caseId: CASE, subjectId: SUBJECT, level: 'frontline' });
const report = (reportId: string, policyId: string, source: string, priority: number) => ({
  reportId,
  subjectId: SUBJECT,
  caseId: CASE,
  policyId,
  sectionId: null,
  source,
  priority,
});
old('report.received', `case/${CASE}`, 'integration:lumen', report(REPORT_1, 'spam', 'user', 1.5));
old('report.received', `case/${CASE}`, 'integration:lumen', report(REPORT_2, 'hate-speech', 'trusted_flagger', 2.25));
old('decision.taken', `case/${CASE}`, `user:${MODERATOR}`, {
  decisionId: DECISION,
  caseId: CASE,
  subjectId: SUBJECT,
  policyId: 'spam',
  sectionId: 'commercial-spam',
  policyVersion: 1,
  outcome: 'remove',
  accountAction: { kind: 'strike' },
  facts: 'Links to a shop.',
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ['EEA'],
  balancing: null,
  reviewOf: null,
});
old('strike.issued', `case/${CASE}`, `user:${MODERATOR}`, {
  strikeId: STRIKE,
  decisionId: DECISION,
  platform: 'lumen',
  accountRef: 'acct-1',
  expiresAt: '2025-06-01T10:00:00.000Z',
  activeStrikes: 1,
});
old('notice.issued', `case/${CASE}`, `user:${MODERATOR}`, { noticeId: NOTICE, decisionId: DECISION });
old('appeal.filed', `case/${CASE}`, 'integration:lumen', {
  appealId: APPEAL,
  decisionId: DECISION,
  appellant: 'affected_user',
});
old('appeal.decided', `case/${CASE}`, `user:${ADMIN}`, {
  appealId: APPEAL,
  result: 'upheld',
  reason: 'The links are spam.',
  reviewDecisionId: null,
});
old('designation.proposed', `designation/${DESIGNATION}`, `user:${ADMIN}`, {
  designationId: DESIGNATION,
  iso3: 'DEU',
  kind: 'acute',
  source: 'staff',
  reasons: 'Unrest',
});
old('designation.approved', `designation/${DESIGNATION}`, `user:${ADMIN}`, {
  designationId: DESIGNATION,
  iso3: 'DEU',
  kind: 'acute',
  note: 'Agreed',
  reviewAt: '2025-03-15T10:00:00.000Z',
  casesRepriced: 1,
});
const figure = { platform: 'lumen', accountRef: 'acct-1' };
old('figure.verified', 'figure/lumen/acct-1', `user:${ADMIN}`, {
  ...figure,
  kind: 'minister',
  name: 'A Minister',
  country: 'DEU',
  note: 'Cabinet list',
});
old('figure.role_changed', 'figure/lumen/acct-1', `user:${ADMIN}`, {
  ...figure,
  from: 'minister',
  to: 'head_of_government',
  since: '2025-03-01T12:00:00.000Z',
  note: 'Sworn in',
});
old('restriction.imposed', `restriction/${RESTRICTION}`, `user:${ADMIN}`, {
  restrictionId: RESTRICTION,
  ...figure,
  tier: 1,
  context: 'acute',
  endsAt: '2025-03-08T10:00:00.000Z',
  reason: 'Incitement during unrest',
});
const boardStream = `board/${BOARD_CASE}`;
old('board.case_submitted', boardStream, 'integration:lumen', {
  boardCaseId: BOARD_CASE,
  ref: 'BC-2025-001',
  kind: 'user_appeal',
  track: 'standard',
  decisionId: DECISION,
  title: 'Shop links',
});
old('board.comment_received', boardStream, 'public', { boardCaseId: BOARD_CASE, commentId: COMMENT, kind: 'comment' });
old('board.draft_saved', boardStream, `user:${MEMBER}`, { boardCaseId: BOARD_CASE, version: 1, recommendations: 1 });
old('board.vote_cast', boardStream, `user:${MEMBER}`, {
  boardCaseId: BOARD_CASE,
  draftVersion: 1,
  vote: 'uphold',
  withOpinion: true,
});
old('board.decision_published', boardStream, `user:${MEMBER}`, {
  boardCaseId: BOARD_CASE,
  ref: 'BC-2025-001',
  outcome: 'uphold',
  summary: false,
  counts: { uphold: 1 },
  textSha256: 'a'.repeat(64),
});
old('board.recommendation_published', boardStream, `user:${MEMBER}`, {
  recommendationId: RECOMMENDATION,
  ref: 'BC-2025-001-R2',
  text: 'Explain spam strikes better.',
  measure: 'A help page',
  responseDueAt: '2025-05-01T10:00:00.000Z',
});
const ASSESSED = OLD.length + 1;
old('board.assessment_recorded', boardStream, `user:${MEMBER}`, {
  recommendationId: RECOMMENDATION,
  assessment: 'implemented',
  note: 'Done',
  closed: true,
});
old('webhook.endpoint_set', 'webhook/lumen', `user:${ADMIN}`, { platform: 'lumen', url: 'https://lumen.example/hook' });

const REPLAYS = [
  replayAccess,
  replayPolicy,
  replayModeration,
  replayFigures,
  replayBoard,
  replayCrisis,
  replayWebhooks,
];

describeEachStore('replaying entries written before issue 14', (kind) => {
  let fresh: TestStore;
  let db: Db;

  beforeAll(async () => {
    fresh = await openTestStore(kind);
    db = fresh.store.db;
    await db.transaction(async (tx) => {
      for (const entry of OLD) for (const replay of REPLAYS) await replay(tx, [entry]);
    });
  }, 120_000);
  afterAll(() => fresh?.dispose());

  it('users: no platform before migration 0017, and no password (a hash no password matches)', async () => {
    const rows = await db.select().from(users);
    expect(rows.map((row) => [row.username, row.platform, row.passwordHash, row.mustChangePassword])).toEqual([
      ['ada', null, REPLAYED_PASSWORD_HASH, false],
      ['mo', null, REPLAYED_PASSWORD_HASH, true],
      ['bo', null, REPLAYED_PASSWORD_HASH, false],
    ]);
  });

  it('a subject: its identity, nulls and zeros for the rest; an update names fields, not values', async () => {
    const [subject] = await db.select().from(moderation.subjects);
    expect(subject).toMatchObject({
      platform: 'lumen',
      externalId: 'post-1',
      title: null,
      body: null,
      url: null,
      views: 0,
      shares: 0,
      followers: 0,
      publicFigure: null,
      postedAt: null,
      // The content changed to a value the entry does not give: no hash of content the row no longer holds.
      contentHash: null,
      contentChangedAt: at(UPDATED),
    });
  });

  it("a case: its subject's country and language; each report counted, the first its gravest", async () => {
    const [row] = await db.select().from(moderation.cases);
    expect(row).toMatchObject({
      country: 'DEU',
      language: 'de',
      reportCount: 2,
      policiesAlleged: ['spam', 'hate-speech'],
      gravestPolicyId: 'spam',
      strongestSource: 'user',
      priorityBase: 2.25,
      priorityFactors: [],
      status: 'closed',
      lastDecisionId: DECISION,
    });
    const reports = await db.select().from(moderation.reports);
    expect(reports.map((r) => [r.platform, r.text, r.reporterRef])).toEqual([
      ['lumen', null, null],
      ['lumen', null, null],
    ]);
  });

  it("a decision, its strike, notice and appeal: no warning screen, the actor's, the decision's policy and account", async () => {
    const [decision] = await db.select().from(moderation.decisions);
    expect(decision).toMatchObject({ warningScreen: false, decidedBy: MODERATOR, status: 'in_force' });
    const [strike] = await db.select().from(moderation.strikes);
    expect(strike).toMatchObject({ policyId: 'spam', accountRef: 'acct-1' });
    const [notice] = await db.select().from(moderation.notices);
    expect(notice).toMatchObject({ platform: 'lumen', recipientRef: 'acct-1', statement: {} });
    const [appeal] = await db.select().from(moderation.appeals).where(eq(moderation.appeals.id, APPEAL));
    expect(appeal).toMatchObject({ statement: '', status: 'decided', result: 'upheld', decidedBy: ADMIN });
  });

  it('a designation without evidence or repricing; a figure whose role history lacked its rows', async () => {
    const [designation] = await db.select().from(designations);
    expect(designation).toMatchObject({ status: 'active', evidence: null });
    const [{ priorityBase } = { priorityBase: -1 }] = await db.select().from(moderation.cases);
    expect(priorityBase).toBe(2.25);
    const [entry] = await db.select().from(figures.publicFigures);
    expect(entry?.kind).toBe('head_of_government');
    expect(await db.select().from(figures.publicFigureRoles)).toEqual([]);
    const [restriction] = await db.select().from(figures.figureRestrictions);
    expect(restriction).toMatchObject({ reason: 'Incitement during unrest', status: 'active' });
  });

  it("the board: a case with its decision's case, subject and platform, a draft and an opinion without text, the case's recommendation", async () => {
    const [boardCase] = await db.select().from(board.boardCases);
    expect(boardCase).toMatchObject({
      platform: 'lumen',
      subjectId: SUBJECT,
      caseId: CASE,
      country: 'DEU',
      region: null,
      statement: '',
      significance: 1,
      difficulty: 1,
      demand: 1,
      status: 'decided',
      decisionText: null,
      voteSplitPublished: true,
    });
    const [comment] = await db.select().from(board.publicComments);
    expect(comment).toMatchObject({ anonymous: false, status: 'pending', body: '' });
    const [draft] = await db.select().from(board.boardDrafts);
    expect(draft).toMatchObject({ text: '', recommendations: [], authorId: MEMBER });
    const [vote] = await db.select().from(board.boardVotes);
    expect(vote).toMatchObject({ vote: 'uphold', opinion: null, userId: MEMBER });
    const [recommendation] = await db.select().from(board.recommendations);
    expect(recommendation).toMatchObject({
      boardCaseId: BOARD_CASE,
      number: 2,
      group: null,
      latestAssessment: 'implemented',
      closedAt: at(ASSESSED),
    });
    expect(await db.select().from(board.recommendationAssessments)).toEqual([]);
  });

  it('a webhook endpoint without its secret', async () => {
    const rows = await db.select().from(webhookEndpoints);
    expect(rows.map((row) => [row.platform, row.url, row.secret])).toEqual([
      ['lumen', 'https://lumen.example/hook', ''],
    ]);
  });
});
