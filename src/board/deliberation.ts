import { createHash } from 'node:crypto';
import { and, count, desc, eq, gt, min } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandRunner, Notify } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { senderHashOf } from '../core/public-forms.js';
import { rowById } from '../store/rows.js';
import { decisionById } from '../moderation/reads.js';
import type { Db } from '../store/database.js';
import { lockCase } from './intake.js';
import {
  addDays,
  checkComment,
  checkEarlyClose,
  checkPublication,
  COMMENT_WINDOW_MS,
  commentPeriod,
  checkVoter,
  checkVoteValue,
  requiredOutcome,
  tally,
  type BoardRules,
} from './rules.js';
import {
  boardCases,
  boardDrafts,
  boardVotes,
  implementationObligations,
  panelSeats,
  publicComments,
  recommendations,
} from './tables.js';
import type {
  BriefAttached,
  BriefBody,
  CloseCommentsBody,
  CommentModerated,
  CommentModerationBody,
  CommentReceived,
  CommentsClosed,
  DecisionPublished,
  DraftBody,
  DraftSaved,
  PublicCommentBody,
  PublishBody,
  SummaryPublished,
  VoteBody,
  VoteRecorded,
} from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;

/** A public comment through the public form; `website` is a field people never see: bots fill it in. */
export type CommentInput = PublicCommentBody;
/** Each recommendation may name its group (policy, enforcement, transparency); the tracker shows them grouped. */
export type DraftInput = DraftBody;
/**
 * How the decision is published. The board may publish the vote split or withhold it (its decision then reads
 * "approved by a majority"); the counts stay on its own record either way.
 */
export type PublishInput = PublishBody;

export function createDeliberation(deps: { run: CommandRunner; rules: BoardRules; notify: Notify }) {
  const { run, rules, notify } = deps;

  /** A public comment through the public form (no login). It waits for a case manager's moderation. */
  async function comment(ref: string, input: CommentInput, senderAddress: string): Promise<CommentReceived> {
    return run('public:comment-form', async ({ tx, now, ids, record }) => {
      const [row] = await tx.select().from(boardCases).where(eq(boardCases.ref, ref)).for('update');
      if (!row) throw new DocketError('not_found', `no board case ${ref}`);
      const senderHash = senderHashOf('public-comment', senderAddress, now);
      const [recent] = await tx
        .select({ n: count(), oldest: min(publicComments.submittedAt) })
        .from(publicComments)
        .where(
          and(
            eq(publicComments.senderHash, senderHash),
            gt(publicComments.submittedAt, new Date(now.getTime() - COMMENT_WINDOW_MS)),
          ),
        );
      checkComment(
        {
          body: input.body,
          now,
          closesAt:
            row.status === 'selected' || (row.commentsCloseAt && now >= row.commentsCloseAt)
              ? row.commentsCloseAt
              : null,
          closedEarly: row.commentsClosedEarlyReason !== null,
          recentFromSender: recent?.n ?? 0,
          oldestRecentAt: recent?.oldest,
          honeypot: input.website,
        },
        rules,
      );
      const [same] = await tx
        .select({ id: publicComments.id })
        .from(publicComments)
        .where(and(eq(publicComments.boardCaseId, row.id), eq(publicComments.body, input.body)));
      if (same) throw new DocketError('already_exists', 'this comment was already received');
      const id = ids.next();
      await tx.insert(publicComments).values({
        id,
        boardCaseId: row.id,
        kind: 'comment',
        name: input.name?.trim() || null,
        organisation: input.organisation?.trim() || null,
        email: input.email?.trim() || null,
        anonymous: input.anonymous,
        body: input.body,
        senderHash,
        status: 'pending',
        submittedAt: now,
      });
      record('board.comment_received', `board/${row.id}`, {
        boardCaseId: row.id,
        commentId: id,
        kind: 'comment',
        anonymous: input.anonymous,
        status: 'pending',
      });
      return {
        commentId: id,
        status: 'pending' as const,
        message:
          'Thank you: your comment was received. The board publishes comments with its decision, after moderation.',
      };
    });
  }

  /** Case managers attach an expert's or a civil-society organisation's brief: published with the decision. */
  async function attachBrief(user: User, id: string, input: BriefBody): Promise<BriefAttached> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const row = await lockCase(tx, id);
      if (row.status !== 'selected')
        throw new DocketError(
          'conflict',
          `briefs are attached while a case is under deliberation (case ${row.ref} is ${row.status})`,
        );
      const commentId = ids.next();
      await tx.insert(publicComments).values({
        id: commentId,
        boardCaseId: id,
        kind: 'brief',
        name: input.name,
        organisation: input.organisation,
        email: null,
        anonymous: false,
        body: input.body,
        senderHash: `staff:${user.id}`,
        status: 'approved',
        submittedAt: now,
        moderatedBy: user.id,
        moderatedAt: now,
        moderationNote: 'brief attached by a case manager',
      });
      record('board.comment_received', `board/${id}`, {
        boardCaseId: id,
        commentId,
        kind: 'brief',
        anonymous: false,
        status: 'approved',
      });
      return { commentId, status: 'approved' as const };
    });
  }

  async function moderateComment(
    user: User,
    commentId: string,
    input: CommentModerationBody,
  ): Promise<CommentModerated> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await rowById(tx, publicComments, commentId, 'comment', { lock: true });
      if (row.status !== 'pending') throw new DocketError('conflict', `the comment is already ${row.status}`);
      await tx
        .update(publicComments)
        .set({ status: input.status, moderatedBy: user.id, moderatedAt: now, moderationNote: input.note })
        .where(eq(publicComments.id, commentId));
      record('board.comment_moderated', `board/${row.boardCaseId}`, {
        commentId,
        status: input.status,
        note: input.note,
      });
      return { commentId, status: input.status };
    });
  }

  /**
   * A case manager closes the comment period before its date, on the record: the public page then says so, late
   * comments are refused with the same words, and the panel may publish.
   */
  async function closeComments(user: User, id: string, input: CloseCommentsBody): Promise<CommentsClosed> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, id);
      if (row.status !== 'selected')
        throw new DocketError(
          'conflict',
          `case ${row.ref} is ${row.status}: comments close while it is under deliberation`,
        );
      checkEarlyClose(
        commentPeriod({ closesAt: row.commentsCloseAt, closedEarly: row.commentsClosedEarlyReason !== null }, now),
        input.reason,
      );
      const reason = input.reason.trim();
      await tx
        .update(boardCases)
        .set({ commentsCloseAt: now, commentsClosedEarlyReason: reason })
        .where(eq(boardCases.id, id));
      record('board.comments_closed_early', `board/${id}`, {
        boardCaseId: id,
        scheduledCloseAt: (row.commentsCloseAt as Date).toISOString(),
        closedAt: now.toISOString(),
        reason,
      });
      return { boardCaseId: id, ref: row.ref, commentsCloseAt: now.toISOString(), closedEarly: true as const, reason };
    });
  }

  /** A panel member saves a new version of the draft decision (text and recommendations). */
  async function saveDraft(user: User, id: string, input: DraftInput): Promise<DraftSaved> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, id);
      checkVoter(await seatOf(tx, id, user.id));
      if (row.status !== 'selected')
        throw new DocketError(
          'conflict',
          `case ${row.ref} is ${row.status}: drafts are written while it is under deliberation`,
        );
      const [latest] = await tx
        .select({ version: boardDrafts.version })
        .from(boardDrafts)
        .where(eq(boardDrafts.boardCaseId, id))
        .orderBy(desc(boardDrafts.version))
        .limit(1);
      const version = (latest?.version ?? 0) + 1;
      const recs = input.recommendations.map((r) => ({ text: r.text, measure: r.measure, group: r.group ?? null }));
      await tx
        .insert(boardDrafts)
        .values({ boardCaseId: id, version, authorId: user.id, text: input.text, recommendations: recs, savedAt: now });
      record('board.draft_saved', `board/${id}`, {
        boardCaseId: id,
        version,
        recommendations: input.recommendations.length,
        text: input.text,
        draftRecommendations: recs,
      });
      return { version };
    });
  }

  /** A seated member votes on the current draft (a later vote replaces theirs), with an optional separate opinion. */
  async function vote(user: User, id: string, input: VoteBody): Promise<VoteRecorded> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, id);
      checkVoter(await seatOf(tx, id, user.id));
      if (row.status !== 'selected')
        throw new DocketError(
          'conflict',
          `case ${row.ref} is ${row.status}: votes are cast while it is under deliberation`,
        );
      checkVoteValue(row.kind, input.vote);
      const [latest] = await tx
        .select({ version: boardDrafts.version })
        .from(boardDrafts)
        .where(eq(boardDrafts.boardCaseId, id))
        .orderBy(desc(boardDrafts.version))
        .limit(1);
      if (!latest) throw new DocketError('conflict', 'there is no draft to vote on yet');
      const values = {
        boardCaseId: id,
        userId: user.id,
        draftVersion: latest.version,
        vote: input.vote,
        opinion: input.opinion?.trim() || null,
        castAt: now,
      };
      await tx
        .insert(boardVotes)
        .values(values)
        .onConflictDoUpdate({ target: [boardVotes.boardCaseId, boardVotes.userId], set: values });
      record('board.vote_cast', `board/${id}`, {
        boardCaseId: id,
        draftVersion: latest.version,
        vote: input.vote,
        withOpinion: values.opinion !== null,
        opinion: values.opinion,
      });
      return { draftVersion: latest.version, vote: input.vote };
    });
  }

  /**
   * Publishes the panel's decision, once public comments have closed and the case manager confirmed: the majority of
   * the seated panel on the current draft decides (BoardRules.majorityShare); separate opinions are published with it. An overturn binds the platform: an implementation obligation with a 7-day deadline. Each
   * recommendation starts the platform's 60-day clock to respond.
   */
  async function publish(user: User, id: string, input: PublishInput): Promise<DecisionPublished> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now, ids, record } = ctx;
      const row = await lockCase(tx, id);
      if (row.status !== 'selected')
        throw new DocketError(
          'conflict',
          `case ${row.ref} is ${row.status}: only a case under deliberation is decided`,
        );
      checkPublication({
        period: commentPeriod(
          { closesAt: row.commentsCloseAt, closedEarly: row.commentsClosedEarlyReason !== null },
          now,
        ),
        confirm: input.confirm,
      });
      const [draft] = await tx
        .select()
        .from(boardDrafts)
        .where(eq(boardDrafts.boardCaseId, id))
        .orderBy(desc(boardDrafts.version))
        .limit(1);
      if (!draft) throw new DocketError('conflict', 'there is no draft decision');
      const seats = await tx
        .select()
        .from(panelSeats)
        .where(and(eq(panelSeats.boardCaseId, id), eq(panelSeats.status, 'seated')));
      const votes = await tx.select().from(boardVotes).where(eq(boardVotes.boardCaseId, id));
      const result = tally(
        votes,
        seats.map((s) => s.userId),
        draft.version,
        rules,
      );
      const voteSplitPublished = input.voteSplit !== 'withheld';
      await tx
        .update(boardCases)
        .set({
          status: 'decided',
          outcome: result.outcome,
          summary: false,
          decisionText: draft.text,
          voteCounts: result.counts as Record<string, number>,
          voteSplitPublished,
          publishedAt: now,
        })
        .where(eq(boardCases.id, id));
      record('board.decision_published', `board/${id}`, {
        boardCaseId: id,
        ref: row.ref,
        outcome: result.outcome,
        summary: false,
        counts: result.counts as Record<string, number>,
        voteSplitPublished,
        textSha256: sha256(draft.text),
        text: draft.text,
      });

      let obligationId: string | null = null;
      if (result.outcome === 'overturn' && row.decisionId) {
        const decision = await decisionById(tx, row.decisionId);
        if (!decision) throw new DocketError('not_found', 'the decision under review is gone');
        obligationId = ids.next();
        const dueAt = addDays(now, rules.implementationDays);
        await tx.insert(implementationObligations).values({
          id: obligationId,
          boardCaseId: id,
          requiredOutcome: requiredOutcome(decision.outcome),
          dueAt,
          status: 'open',
        });
        record('board.obligation_created', `board/${id}`, {
          obligationId,
          boardCaseId: id,
          requiredOutcome: requiredOutcome(decision.outcome),
          dueAt: dueAt.toISOString(),
        });
      }
      const published = [];
      for (const [index, rec] of draft.recommendations.entries()) {
        const recId = ids.next();
        const ref = `${row.ref}-R${index + 1}`;
        const responseDueAt = addDays(now, rules.responseDays);
        const group = rec.group ?? null;
        await tx.insert(recommendations).values({
          id: recId,
          boardCaseId: id,
          number: index + 1,
          ref,
          group,
          text: rec.text,
          measure: rec.measure,
          publishedAt: now,
          responseDueAt,
        });
        record('board.recommendation_published', `board/${id}`, {
          recommendationId: recId,
          boardCaseId: id,
          number: index + 1,
          ref,
          group,
          text: rec.text,
          measure: rec.measure,
          responseDueAt: responseDueAt.toISOString(),
        });
        published.push({ id: recId, ref, group, responseDueAt: responseDueAt.toISOString() });
      }
      await notify(ctx, row.platform, 'board.decision_published', {
        boardCaseId: id,
        ref: row.ref,
        outcome: result.outcome,
        obligationId,
        recommendations: published.map((r) => r.ref),
      });
      return {
        boardCaseId: id,
        ref: row.ref,
        outcome: result.outcome,
        counts: result.counts,
        voteSplitPublished,
        obligationId,
        recommendations: published,
      };
    });
  }

  /** After the platform reversed itself on selection, the board publishes a short summary decision. */
  async function publishSummary(user: User, id: string, text: string): Promise<SummaryPublished> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, id);
      if (row.status !== 'platform_reversed')
        throw new DocketError(
          'conflict',
          `a summary decision follows the platform's reversal (case ${row.ref} is ${row.status})`,
        );
      await tx
        .update(boardCases)
        .set({
          status: 'decided',
          outcome: 'overturn',
          summary: true,
          decisionText: text,
          voteCounts: {},
          publishedAt: now,
        })
        .where(eq(boardCases.id, id));
      record('board.decision_published', `board/${id}`, {
        boardCaseId: id,
        ref: row.ref,
        outcome: 'overturn',
        summary: true,
        counts: {},
        textSha256: sha256(text),
        text,
      });
      return { boardCaseId: id, ref: row.ref, outcome: 'overturn' as const, summary: true as const };
    });
  }

  return { comment, attachBrief, moderateComment, closeComments, saveDraft, vote, publish, publishSummary };
}

export async function seatOf(
  tx: Db,
  boardCaseId: string,
  userId: string,
): Promise<{ status: 'seated' | 'recused' } | null> {
  const [seat] = await tx
    .select({ status: panelSeats.status })
    .from(panelSeats)
    .where(and(eq(panelSeats.boardCaseId, boardCaseId), eq(panelSeats.userId, userId)));
  return seat ?? null;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
