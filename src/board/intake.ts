import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import { userByUsername } from '../access/reads.js';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import type { DecisionPort } from './ports.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import {
  appealAndReportCounts,
  decisionById,
  findDecision,
  firstUpheldAppealAt,
  subjectById,
  type DecisionRecord,
} from '../moderation/reads.js';
import type { Db } from '../store/database.js';
import {
  addDays,
  appealEligibility,
  candidateScore,
  decisionDue,
  drawPanel,
  requiredOutcome,
  type BoardCaseKind,
  type BoardPriority,
  type BoardRules,
  type Region,
  type Track,
} from './rules.js';
import { boardCases, boardMembers, panelSeats } from './tables.js';
import type {
  AppealBody,
  AppealFiled,
  BoardCaseSummary,
  BoardMember,
  Candidate,
  CandidateAssessmentBody,
  CaseDeclined,
  CaseOpened,
  CaseSelected,
  MemberBody,
  MemberRegistered,
  PlatformReversed,
  ReferralBody,
  SelectBody,
} from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;
export type BoardCaseRow = typeof boardCases.$inferSelect;

/** Regions of the countries Docket's demo and tests use; other cases get their region from the case manager. */
export const KNOWN_REGIONS: Record<string, Region> = {
  QKB: 'asia_pacific',
  QVR: 'latin_america_caribbean',
  NLD: 'europe',
  DEU: 'europe',
  FRA: 'europe',
  USA: 'united_states_canada',
  BRA: 'latin_america_caribbean',
  IND: 'central_south_asia',
  NGA: 'sub_saharan_africa',
  EGY: 'middle_east_north_africa',
  KHM: 'asia_pacific',
};

/** A referral as intake takes it: the platform that refers is settled by the route. */
export type ReferralInput = Omit<ReferralBody, 'platform'>;

export function createIntake(deps: {
  db: Db;
  run: CommandRunner;
  rules: BoardRules;
  decisions: DecisionPort;
  notify: Notify;
}) {
  const { db, run, rules, decisions: decisionService, notify } = deps;

  async function registerMember(user: User, input: MemberBody): Promise<MemberRegistered> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const member = await userByUsername(tx, input.username);
      if (!member) throw new DocketError('not_found', `no user ${input.username}`);
      if (!member.roles.includes('board_member'))
        throw new DocketError('conflict', `${input.username} does not hold the board_member role`);
      const row = {
        userId: member.id,
        name: member.displayName,
        region: input.region,
        conflicts: input.conflicts,
        active: true,
        addedAt: now,
      };
      await tx
        .insert(boardMembers)
        .values(row)
        .onConflictDoUpdate({
          target: boardMembers.userId,
          set: { region: row.region, conflicts: row.conflicts, active: true },
        });
      record('board.member_registered', `board/member/${member.id}`, {
        userId: member.id,
        name: row.name,
        region: row.region,
        conflicts: row.conflicts,
      });
      return { userId: member.id, name: row.name, region: row.region, conflicts: row.conflicts };
    });
  }

  async function members(): Promise<BoardMember[]> {
    const rows = await db.select().from(boardMembers).orderBy(asc(boardMembers.name));
    const load = await openPanels(db);
    return rows.map((m) => ({
      userId: m.userId,
      name: m.name,
      region: m.region,
      conflicts: m.conflicts,
      active: m.active,
      openPanels: load.get(m.userId) ?? 0,
    }));
  }

  /**
   * A user's appeal to the board, filed by the platform for its user after the final internal decision. An appeal on
   * a decision already before the board joins that case (its demand grows) instead of opening another.
   */
  async function appeal(actor: string, platform: string, input: AppealBody): Promise<AppealFiled> {
    return run(actor, async (ctx) => {
      const { tx, now } = ctx;
      const decision = await findDecision(tx, input.decisionId, platform);
      const [existing] = await tx.select().from(boardCases).where(eq(boardCases.decisionId, decision.id)).for('update');
      const finalAt = await finalInternalDecisionAt(tx, decision);
      const eligibility = appealEligibility(
        {
          decidedAt: finalAt ?? decision.decidedAt,
          takenOnInternalAppeal: finalAt !== null,
          inForce: decision.status === 'in_force',
          alreadyBeforeBoard: false,
        },
        now,
        rules,
      );
      if (!eligibility.eligible) throw new DocketError('conflict', `not eligible for the board: ${eligibility.reason}`);
      if (existing) {
        if (existing.status === 'decided' || existing.status === 'not_selected')
          throw new DocketError(
            'conflict',
            `not eligible for the board: case ${existing.ref} on this decision is already closed`,
          );
        await tx
          .update(boardCases)
          .set({ demand: sql`${boardCases.demand} + 1` })
          .where(eq(boardCases.id, existing.id));
        ctx.record('board.appeal_joined', `board/${existing.id}`, {
          boardCaseId: existing.id,
          demand: existing.demand + 1,
        });
        return { boardCaseId: existing.id, ref: existing.ref, status: existing.status, joined: true };
      }
      const created = await open(ctx, actor, {
        kind: 'user_appeal',
        track: 'standard',
        platform,
        title: await titleOf(tx, decision.subjectId),
        statement: input.statement,
        decision,
      });
      return { ...created, joined: false };
    });
  }

  /** The platform refers a decision (standard or expedited), or asks for a policy advisory opinion. */
  async function refer(actor: string, platform: string, input: ReferralInput): Promise<CaseOpened> {
    return run(actor, async (ctx) => {
      const { tx } = ctx;
      if (input.kind === 'policy_advisory') {
        if (input.decisionId)
          throw new DocketError(
            'validation_failed',
            'a policy advisory opinion request concerns a policy question, not a decision',
            [{ field: '/decisionId', message: 'not with a policy advisory opinion' }],
          );
        return open(ctx, actor, {
          kind: 'policy_advisory',
          track: input.track,
          platform,
          title: input.title,
          statement: input.statement,
          decision: null,
        });
      }
      if (!input.decisionId)
        throw new DocketError('validation_failed', 'a referral names the decision referred', [
          { field: '/decisionId', message: 'required' },
        ]);
      const decision = await findDecision(tx, input.decisionId, platform);
      if (decision.status !== 'in_force') throw new DocketError('conflict', 'the decision is no longer in force');
      const [existing] = await tx
        .select({ ref: boardCases.ref })
        .from(boardCases)
        .where(eq(boardCases.decisionId, decision.id));
      if (existing) throw new DocketError('conflict', `this decision is already before the board as ${existing.ref}`);
      return open(ctx, actor, {
        kind: 'platform_referral',
        track: input.track,
        platform,
        title: input.title,
        statement: input.statement,
        decision,
      });
    });
  }

  async function open(
    ctx: CommandContext,
    actor: string,
    input: {
      kind: BoardCaseKind;
      track: Track;
      platform: string;
      title: string;
      statement: string;
      decision: DecisionRecord | null;
    },
  ): Promise<CaseOpened> {
    const { tx, now, ids, record } = ctx;
    const subject = input.decision ? await subjectById(tx, input.decision.subjectId) : null;
    const demand = input.decision ? await reportsAndAppeals(tx, input.decision) : 1;
    const id = ids.next();
    const ref = await nextRef(tx, now);
    const row = {
      id,
      ref,
      kind: input.kind,
      track: input.track,
      status: 'candidate',
      platform: input.platform,
      title: input.title,
      statement: input.statement,
      decisionId: input.decision?.id ?? null,
      subjectId: input.decision?.subjectId ?? null,
      caseId: input.decision?.caseId ?? null,
      country: subject?.country ?? null,
      region: subject?.country ? (KNOWN_REGIONS[subject.country] ?? null) : null,
      priorities: [],
      significance: subject && (subject.followers >= 1_000_000 || subject.views >= 100_000) ? 3 : 1,
      difficulty: input.decision?.outcome === 'keep_newsworthy' || input.kind === 'policy_advisory' ? 3 : 1,
      demand,
      submittedAt: now,
      submittedBy: actor,
    } satisfies typeof boardCases.$inferInsert;
    await tx.insert(boardCases).values(row);
    record('board.case_submitted', `board/${id}`, {
      boardCaseId: id,
      ref,
      kind: input.kind,
      track: input.track,
      decisionId: input.decision?.id ?? null,
      title: input.title,
      platform: row.platform,
      statement: row.statement,
      subjectId: row.subjectId,
      caseId: row.caseId,
      country: row.country,
      region: row.region,
      significance: row.significance,
      difficulty: row.difficulty,
      demand: row.demand,
    });
    return { boardCaseId: id, ref, status: 'candidate' as const };
  }

  /** Candidates for selection, ranked by the board's priorities, significance, difficulty and demand. */
  async function candidates(): Promise<Candidate[]> {
    const rows = await db
      .select()
      .from(boardCases)
      .where(eq(boardCases.status, 'candidate'))
      .orderBy(asc(boardCases.submittedAt));
    return rows
      .map((row) => ({
        ...caseSummary(row),
        rank: candidateScore({
          kind: row.kind,
          track: row.track,
          priorities: row.priorities as BoardPriority[],
          significance: row.significance,
          difficulty: row.difficulty,
          demand: row.demand,
        }),
      }))
      .sort((a, b) => b.rank.score - a.rank.score);
  }

  /** Case managers record the board's priorities a candidate touches and its significance and difficulty. */
  async function assessCandidate(user: User, id: string, input: CandidateAssessmentBody): Promise<void> {
    return run(`user:${user.id}`, async ({ tx, record }) => {
      const row = await lockCase(tx, id);
      if (row.status !== 'candidate')
        throw new DocketError('conflict', `case ${row.ref} is ${row.status}, not a candidate`);
      await tx
        .update(boardCases)
        .set({
          priorities: input.priorities,
          significance: input.significance,
          difficulty: input.difficulty,
          region: input.region ?? row.region,
        })
        .where(eq(boardCases.id, id));
      record('board.candidate_assessed', `board/${id}`, {
        boardCaseId: id,
        priorities: input.priorities,
        significance: input.significance,
        difficulty: input.difficulty,
        region: input.region ?? row.region,
      });
    });
  }

  /**
   * The selection committee selects a case: the panel is drawn (a member of the region first, conflicted members
   * recused), the decision clock and the comment period start, and the platform is told (it may reverse itself).
   */
  async function select(user: User, id: string, input: SelectBody): Promise<CaseSelected> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now, record } = ctx;
      const row = await lockCase(tx, id);
      if (row.status !== 'candidate')
        throw new DocketError('conflict', `case ${row.ref} is ${row.status}, not a candidate`);
      const region = input.region ?? row.region;
      if (!region)
        throw new DocketError(
          'validation_failed',
          'name the region the case concerns: the panel needs a member from it',
          [{ field: '/region', message: 'required for this case' }],
        );
      const priorities = input.priorities ?? (row.priorities as BoardPriority[]);
      const memberRows = await tx.select().from(boardMembers).where(eq(boardMembers.active, true));
      const load = await openPanels(tx);
      const conflictKeys = await conflictKeysOf(tx, row);
      const panel = drawPanel(
        memberRows.map((m) => ({
          userId: m.userId,
          region: m.region,
          conflicts: m.conflicts,
          openPanels: load.get(m.userId) ?? 0,
        })),
        { region, conflictKeys },
        rules,
      );
      const decisionDueAt = decisionDue(now, row.track, rules);
      const commentsCloseAt = addDays(now, rules.commentDays);
      await tx
        .update(boardCases)
        .set({
          status: 'selected',
          selectedAt: now,
          selectionNote: input.note,
          region,
          priorities,
          decisionDueAt,
          commentsCloseAt,
        })
        .where(eq(boardCases.id, id));
      const seats = [
        ...panel.seated.map((userId) => ({
          boardCaseId: id,
          userId,
          status: 'seated' as const,
          reason: null,
          assignedAt: now,
        })),
        ...panel.recused.map((r) => ({
          boardCaseId: id,
          userId: r.userId,
          status: 'recused' as const,
          reason: r.reason,
          assignedAt: now,
        })),
      ];
      await tx.insert(panelSeats).values(seats);
      record('board.case_selected', `board/${id}`, {
        boardCaseId: id,
        region,
        priorities,
        decisionDueAt: decisionDueAt.toISOString(),
        commentsCloseAt: commentsCloseAt.toISOString(),
        note: input.note,
      });
      record('board.panel_drawn', `board/${id}`, { boardCaseId: id, seated: panel.seated, recused: panel.recused });
      await notify(ctx, row.platform, 'board.case_selected', {
        boardCaseId: id,
        ref: row.ref,
        decisionId: row.decisionId,
        decisionDueAt: decisionDueAt.toISOString(),
        mayReverse: row.decisionId !== null,
      });
      return {
        boardCaseId: id,
        ref: row.ref,
        status: 'selected' as const,
        panel: panel.seated,
        recused: panel.recused,
        decisionDueAt: decisionDueAt.toISOString(),
        commentsCloseAt: commentsCloseAt.toISOString(),
      };
    });
  }

  async function decline(user: User, id: string, note: string): Promise<CaseDeclined> {
    return run(`user:${user.id}`, async ({ tx, record }) => {
      const row = await lockCase(tx, id);
      if (row.status !== 'candidate')
        throw new DocketError('conflict', `case ${row.ref} is ${row.status}, not a candidate`);
      await tx.update(boardCases).set({ status: 'not_selected', selectionNote: note }).where(eq(boardCases.id, id));
      record('board.case_not_selected', `board/${id}`, { boardCaseId: id, note });
      return { boardCaseId: id, status: 'not_selected' as const };
    });
  }

  /**
   * Once a case is selected, the platform may reverse its own decision: the reversal runs through moderation's
   * pipeline (decision, notice, events), and the board may then issue a summary decision.
   */
  async function reverse(user: User, id: string, note: string): Promise<PlatformReversed> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, record } = ctx;
      const row = await lockCase(tx, id);
      if (row.status !== 'selected' || !row.decisionId)
        throw new DocketError(
          'conflict',
          `the platform may reverse itself only on a selected case about content (case ${row.ref} is ${row.status})`,
        );
      const decision = await decisionById(tx, row.decisionId);
      if (!decision || decision.status !== 'in_force')
        throw new DocketError('conflict', 'the decision under review is no longer in force');
      const outcome = requiredOutcome(decision.outcome);
      const result = await decisionService.replace(
        ctx,
        user,
        decision.id,
        {
          policyId: decision.policyId,
          sectionId: decision.sectionId,
          outcome,
          facts: `The platform reversed its decision after the oversight board selected case ${row.ref}: ${note}`,
        },
        { boardCaseId: id, ref: row.ref, by: 'platform' },
        note,
      );
      await tx
        .update(boardCases)
        .set({ status: 'platform_reversed', platformReversal: note, decisionId: decision.id })
        .where(eq(boardCases.id, id));
      record('board.platform_reversed', `board/${id}`, {
        boardCaseId: id,
        decisionId: decision.id,
        reversalDecisionId: result.decisionId,
        note,
      });
      return { boardCaseId: id, status: 'platform_reversed' as const, reversalDecisionId: result.decisionId };
    });
  }

  return { registerMember, members, appeal, refer, candidates, assessCandidate, select, decline, reverse };
}

export function caseSummary(row: BoardCaseRow): BoardCaseSummary {
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind,
    track: row.track,
    status: row.status,
    platform: row.platform,
    title: row.title,
    country: row.country,
    region: row.region,
    priorities: row.priorities as BoardPriority[],
    significance: row.significance,
    difficulty: row.difficulty,
    demand: row.demand,
    submittedAt: row.submittedAt.toISOString(),
    selectedAt: row.selectedAt?.toISOString() ?? null,
    decisionDueAt: row.decisionDueAt?.toISOString() ?? null,
    commentsCloseAt: row.commentsCloseAt?.toISOString() ?? null,
    outcome: row.outcome,
    summary: row.summary,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export const lockCase = (tx: Db, id: string): Promise<BoardCaseRow> =>
  rowById(tx, boardCases, id, 'board case', { lock: true });

/** When the platform's internal appeals ended for this decision: an upheld appeal, or the decision taken on appeal. */
async function finalInternalDecisionAt(tx: Db, decision: DecisionRecord): Promise<Date | null> {
  if (decision.reviewOf) return decision.decidedAt;
  return firstUpheldAppealAt(tx, decision.id);
}

async function reportsAndAppeals(tx: Db, decision: DecisionRecord): Promise<number> {
  const counts = await appealAndReportCounts(tx, decision);
  return 1 + counts.appeals + counts.reports;
}

async function titleOf(tx: Db, subjectId: string): Promise<string> {
  const subject = await subjectById(tx, subjectId);
  return subject?.title ?? subject?.externalId ?? 'Content decision';
}

async function nextRef(tx: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx
    .select({ n: count() })
    .from(boardCases)
    .where(sql`${boardCases.ref} like ${`BC-${year}-%`}`);
  return `BC-${year}-${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

/** What a conflict may be declared against: the country, the author's account, the platform. */
async function conflictKeysOf(tx: Db, row: BoardCaseRow): Promise<string[]> {
  const keys = [row.platform, row.country ?? ''];
  if (row.subjectId) {
    const subject = await subjectById(tx, row.subjectId);
    if (subject) keys.push(subject.kind === 'account' ? subject.externalId : (subject.authorExternalId ?? ''));
  }
  return keys.filter(Boolean);
}

export async function openPanels(tx: Db): Promise<Map<string, number>> {
  const rows = await tx
    .select({ userId: panelSeats.userId, n: count() })
    .from(panelSeats)
    .innerJoin(boardCases, eq(boardCases.id, panelSeats.boardCaseId))
    .where(and(eq(panelSeats.status, 'seated'), inArray(boardCases.status, ['selected', 'platform_reversed'])))
    .groupBy(panelSeats.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}
