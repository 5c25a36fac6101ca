import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import type { Db } from '../store/database.js';
import { DocketError } from '../core/errors.js';
import { currentSection } from '../policy/reads.js';
import type { ReportSource } from '../core/outcomes.js';
import { assertHolds, findCase, lockCase } from './queue.js';
import { consequencesOf, type Consequences } from './consequences.js';
import { addMonths, checkDecision, checkNewsworthyInContext, strikeExpiry, type ModerationRules } from './rules.js';
import type { ContextOf } from './ingestion.js';
import { situationOf } from './situation.js';
import {
  checkAccountActionUnderProtocol,
  DEFAULT_RESTRICTION_RULES,
  protocolApplies,
  type RestrictionRules,
} from '../figures/contract.js';
import { statementOfReasons } from './statement.js';
import { sayToAffectedUser, type Say } from './message-reads.js';
import type { DecisionInput as DecisionBody, DecisionPreview, DecisionResult, ReversalCause } from './contract.js';
import { closeMootAppeals, reversalIds, reversalReason } from './reversals.js';
import { decisionScope } from './ground-rules.js';
import { automatedMeans, checkAutomation } from './automation-rules.js';
import { accountRestrictions, cases, decisions, notices, strikes, subjects } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;

/** A decision as the commands take it: the API's body (the contract's one shape of a decision), and one flag more. */
export type DecisionInput = DecisionBody & {
  /**
   * The decision was taken by an automated system without human review (a platform's automation closing reports):
   * recorded as such, and shown as fully automated in the statement of reasons (EU DSA Art. 17(3)(c)).
   */
  automatedDecision?: boolean | undefined;
  /** An integration records the decision (a tool's, reviewed on the platform or not), not a person. */
  byIntegration?: boolean | undefined;
};

type SubjectRow = typeof subjects.$inferSelect;

/** A decision to record on a case: its subject, the body, the case's strongest report source, what it reviews. */
interface Applying {
  caseId: string;
  subject: SubjectRow;
  input: DecisionInput;
  source: ReportSource | null;
  reviewOf: string | null;
}

/** A decision's body before it is recorded; the facts may still be missing while the reviewer drafts it. */
export type DraftInput = Omit<DecisionInput, 'facts'> & { facts?: string | undefined };

export function createDecisions(deps: {
  db: Db;
  clock: Clock;
  run: CommandRunner;
  rules: ModerationRules;
  notify: Notify;
  contextOf: ContextOf;
  restrictionRules?: RestrictionRules;
}) {
  const { db, clock, run, rules, notify, contextOf } = deps;
  const restrictionRules = deps.restrictionRules ?? DEFAULT_RESTRICTION_RULES;
  /** A draft decision checked and its consequences worked out, as `assess` finds it. */
  type Assessment = Awaited<ReturnType<typeof assess>>;

  /**
   * What a decision on this case would bring, checked as the decision is and computed by the same rule, so the
   * reviewer sees every consequence (a severe section's disable too) before recording it. Writes nothing.
   */
  async function preview(user: User, caseId: string, input: DraftInput): Promise<DecisionPreview> {
    const now = clock.now();
    const row = await findCase(db, caseId);
    const [subject] = await db.select().from(subjects).where(eq(subjects.id, row.subjectId));
    if (!subject) throw new DocketError('not_found', 'the case has no subject');
    const draft = await assess(db, now, user, subject, input, null);
    const statement = statementOf({
      input: { ...input, facts: input.facts ?? '' },
      subject,
      draft,
      source: row.strongestSource,
      now,
      say: await sayToAffectedUser(db, subject),
    });
    return { ...viewOf(draft.consequences), notice: { recipientRef: draft.accountRef, statement } };
  }

  /** Checks a draft decision on a subject as recording it would, and works out all it brings. */
  async function assess(
    tx: Db,
    now: Date,
    user: User,
    subject: SubjectRow,
    input: DraftInput,
    reviewOf: string | null,
  ) {
    const { version, section, title, dsaCategory } = await currentSection(tx, input.policyId, input.sectionId);
    const accountAction = input.accountAction ?? null;
    checkDecision({ outcome: input.outcome, accountAction, balancing: input.balancing ?? null }, section, user.roles);
    const scope = decisionScope({
      outcome: input.outcome,
      illegalContent: input.illegalContent ?? null,
      territorialScope: input.territorialScope ?? null,
    });
    checkAutomation(input.automation ?? null, {
      decider: input.byIntegration ? 'integration' : 'person',
      onAppeal: reviewOf !== null,
    });
    const accountRef = subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
    const situation = await situationOf(tx, subject, input.policyId, contextOf);
    checkNewsworthyInContext(
      { outcome: input.outcome, warningScreen: input.warningScreen ?? false },
      situation,
      user.roles,
    );
    const protocol = protocolApplies(
      {
        figure: situation.figure ?? null,
        incitesOrCelebratesViolence: situation.threatOfViolence,
        context: situation.context,
      },
      restrictionRules,
    );
    checkAccountActionUnderProtocol(accountAction?.kind ?? null, protocol);
    if (input.warningScreen && input.outcome !== 'keep_newsworthy' && input.outcome !== 'no_violation') {
      throw new DocketError('validation_failed', 'a warning screen goes on content that is kept up', [
        { field: '/warningScreen', message: 'only with a keep outcome' },
      ]);
    }
    if (accountAction && !accountRef)
      throw new DocketError('validation_failed', 'the subject has no known author, so no account action can be taken', [
        { field: '/accountAction', message: 'no author' },
      ]);
    const activeStrikes = accountRef ? await countActiveStrikes(tx, now, subject.platform, accountRef) : 0;
    const consequences = consequencesOf(
      {
        outcome: input.outcome,
        accountAction,
        warningScreen: input.warningScreen ?? false,
        policyId: input.policyId,
        section,
        accountRef,
        postedAt: subject.postedAt,
        decidedAt: now,
        activeStrikes,
      },
      rules,
    );
    return { version, section, title, dsaCategory, accountAction, accountRef, consequences, scope };
  }

  function statementOf(args: {
    input: DecisionInput;
    subject: SubjectRow;
    draft: Assessment;
    source: ReportSource | null;
    now: Date;
    /** The summary in the affected user's language: their account's, else their content's, else English. */
    say: Say;
  }) {
    const { input, draft } = args;
    return statementOfReasons(
      {
        outcome: input.outcome,
        warningScreen: input.warningScreen ?? false,
        accountMeasures: draft.consequences.restrictions.map((r) => ({ kind: r.kind, endsAt: r.endsAt })),
        policyId: input.policyId,
        policyTitle: draft.title,
        sectionId: draft.section.id,
        sectionTitle: draft.section.title,
        policyVersion: draft.version,
        dsaCategory: draft.dsaCategory,
        facts: input.facts,
        contentType: args.subject.contentType,
        territorialScope: draft.scope,
        source: args.source,
        automatedDetection: input.automatedDetection ?? false,
        automatedDecision: automatedMeans(input.automation ?? null, input.automatedDecision ?? false),
        automation: input.automation ?? null,
        illegalContent: input.illegalContent ?? null,
        postedAt: args.subject.postedAt,
        decidedAt: args.now,
        appealUntil: addMonths(args.now, rules.appealWindowMonths),
      },
      args.say,
    );
  }

  /** Decides a case the user holds; the case closes. */
  async function decide(user: User, caseId: string, input: DecisionInput): Promise<DecisionResult> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now } = ctx;
      const row = await lockCase(tx, caseId);
      if (row.status !== 'open') throw new DocketError('conflict', 'the case is already decided and closed');
      assertHolds(row, user, now);
      const [subject] = await tx.select().from(subjects).where(eq(subjects.id, row.subjectId));
      if (!subject) throw new DocketError('not_found', 'the case has no subject');
      const result = await applyDecision(ctx, user, {
        caseId,
        subject,
        input,
        source: row.strongestSource,
        reviewOf: null,
      });
      await closeDecidedCase(tx, caseId, now, result.decisionId);
      return result;
    });
  }

  /**
   * Records a decision and everything that follows from it, in the caller's command: strike and ladder penalty,
   * severe-policy disable, the chosen account action, the notice. Appeals use it for their review decisions.
   * Every event goes on the case's stream, so the case's history tells all that working it caused.
   */
  async function applyDecision(ctx: CommandContext, user: User, args: Applying): Promise<DecisionResult> {
    const { tx, now } = ctx;
    const { subject, input } = args;
    const draft = await assess(tx, now, user, subject, input, args.reviewOf);
    const decisionId = await recordDecision(ctx, user, args, draft);
    const strikeId = await issueStrike(ctx, args, draft, decisionId);
    const restrictions = await imposeRestrictions(ctx, args, draft, decisionId);
    const activeStrikes = draft.consequences.strike?.activeStrikes ?? null;
    const notice = await issueNotice(ctx, {
      caseId: args.caseId,
      decisionId,
      platform: subject.platform,
      accountRef: draft.accountRef,
      statement: statementOf({
        input,
        subject,
        draft,
        source: args.source,
        now,
        say: await sayToAffectedUser(tx, subject),
      }),
    });
    const result = { decisionId, strikeId, activeStrikes, restrictions, noticeId: notice.id };
    await notify(ctx, subject.platform, 'decision.taken', {
      ...result,
      caseId: args.caseId,
      subject: { externalId: subject.externalId, kind: subject.kind },
      accountRef: draft.accountRef,
      outcome: input.outcome,
      warningScreen: input.warningScreen ?? false,
      policyId: input.policyId,
      sectionId: input.sectionId,
      policyVersion: draft.version,
      reviewOf: args.reviewOf,
      notice: { id: notice.id, recipientRef: draft.accountRef, statement: notice.statement },
    });
    return result;
  }

  /** The decision's row and its `decision.taken` event, which carries every column the row holds. */
  async function recordDecision(ctx: CommandContext, user: User, args: Applying, draft: Assessment): Promise<string> {
    const { tx, now, ids, record } = ctx;
    const { subject, input } = args;
    const { version, accountAction } = draft;
    const decisionId = ids.next();
    const territorialScope = draft.scope;
    const automation = input.automation ?? null;
    const illegalContent = input.illegalContent ?? null;
    const automatedDecision = automatedMeans(automation, input.automatedDecision ?? false) === 'fully';
    await tx.insert(decisions).values({
      id: decisionId,
      caseId: args.caseId,
      subjectId: subject.id,
      decidedBy: user.id,
      decidedAt: now,
      policyId: input.policyId,
      sectionId: input.sectionId,
      policyVersion: version,
      outcome: input.outcome,
      accountAction,
      facts: input.facts,
      automatedDetection: input.automatedDetection ?? false,
      automatedDecision,
      territorialScope,
      balancing: input.balancing ?? null,
      warningScreen: input.warningScreen ?? false,
      status: 'in_force',
      reviewOf: args.reviewOf,
      illegalContent,
      automation,
    });
    record('decision.taken', `case/${args.caseId}`, {
      decisionId,
      caseId: args.caseId,
      subjectId: subject.id,
      policyId: input.policyId,
      sectionId: input.sectionId,
      policyVersion: version,
      outcome: input.outcome,
      accountAction: accountAction as never,
      facts: input.facts,
      automatedDetection: input.automatedDetection ?? false,
      automatedDecision,
      territorialScope,
      balancing: input.balancing ?? null,
      reviewOf: args.reviewOf,
      warningScreen: input.warningScreen ?? false,
      decidedBy: user.id,
      illegalContent,
      automation,
    });
    return decisionId;
  }

  /** The strike the decision earns the account, if any; its id. */
  async function issueStrike(
    ctx: CommandContext,
    args: Applying,
    draft: Assessment,
    decisionId: string,
  ): Promise<string | null> {
    const { tx, now, ids, record } = ctx;
    const { accountRef, consequences } = draft;
    if (!accountRef || !consequences.strike) return null;
    const strikeId = ids.next();
    const expiresAt = strikeExpiry(now, rules);
    const platform = args.subject.platform;
    const policyId = args.input.policyId;
    await tx
      .insert(strikes)
      .values({ id: strikeId, platform, accountRef, decisionId, policyId, issuedAt: now, expiresAt });
    record('strike.issued', `case/${args.caseId}`, {
      strikeId,
      decisionId,
      platform,
      accountRef,
      policyId,
      expiresAt: expiresAt.toISOString(),
      activeStrikes: consequences.strike.activeStrikes,
    });
    return strikeId;
  }

  /** The account's restrictions: exactly the ones the preview showed, in its order. */
  async function imposeRestrictions(
    ctx: CommandContext,
    args: Applying,
    draft: Assessment,
    decisionId: string,
  ): Promise<DecisionResult['restrictions']> {
    const { tx, now, ids, record } = ctx;
    const { accountRef } = draft;
    const platform = args.subject.platform;
    const restrictions: DecisionResult['restrictions'] = [];
    if (!accountRef) return restrictions;
    for (const { kind, endsAt, reason } of draft.consequences.restrictions) {
      const id = ids.next();
      await tx
        .insert(accountRestrictions)
        .values({ id, platform, accountRef, kind, decisionId, reason, startsAt: now, endsAt });
      record('account.restricted', `case/${args.caseId}`, {
        restrictionId: id,
        decisionId,
        platform,
        accountRef,
        kind,
        endsAt: endsAt?.toISOString() ?? null,
        reason,
      });
      restrictions.push({ id, kind, endsAt: endsAt?.toISOString() ?? null });
    }
    return restrictions;
  }

  /**
   * Replaces an in-force decision: it is marked reversed, its strike and restrictions are undone, the platform is
   * told, and the replacement is recorded as a decision on review (with its own notice). Internal appeals and the
   * board's binding decisions both come through here; any other appeal still pending on the decision becomes moot.
   */
  async function replace(
    ctx: CommandContext,
    user: User,
    decisionId: string,
    replacement: DecisionInput,
    cause: ReversalCause,
    reason: string,
  ): Promise<DecisionResult> {
    const { tx, now, record } = ctx;
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update');
    if (!decision) throw new DocketError('not_found', `no decision ${decisionId}`);
    if (decision.status !== 'in_force') throw new DocketError('conflict', 'the decision was already reversed');
    await tx.update(decisions).set({ status: 'reversed' }).where(eq(decisions.id, decision.id));
    const ids = reversalIds(cause);
    record('decision.reversed', `case/${decision.caseId}`, { decisionId: decision.id, ...ids });
    for (const strike of await tx
      .update(strikes)
      .set({ reversedAt: now })
      .where(and(eq(strikes.decisionId, decision.id), isNull(strikes.reversedAt)))
      .returning({ id: strikes.id })) {
      record('strike.reversed', `case/${decision.caseId}`, { strikeId: strike.id, ...ids });
    }
    const why = reversalReason(cause);
    for (const lifted of await tx
      .update(accountRestrictions)
      .set({ liftedAt: now })
      .where(and(eq(accountRestrictions.decisionId, decision.id), isNull(accountRestrictions.liftedAt)))
      .returning({ id: accountRestrictions.id })) {
      record('account.restriction_lifted', `case/${decision.caseId}`, { restrictionId: lifted.id, reason: why });
    }
    const [subject] = await tx.select().from(subjects).where(eq(subjects.id, decision.subjectId));
    if (!subject) throw new DocketError('not_found', 'the decision has no subject');
    await notify(ctx, subject.platform, 'decision.reversed', { decisionId: decision.id, ...ids, reason });
    await closeMootAppeals(ctx, notify, { decision, platform: subject.platform, cause, why, userId: user.id });
    const [caseRow] = await tx.select().from(cases).where(eq(cases.id, decision.caseId));
    const review = await applyDecision(ctx, user, {
      caseId: decision.caseId,
      subject,
      input: replacement,
      source: caseRow?.strongestSource ?? null,
      reviewOf: decision.id,
    });
    await tx.update(cases).set({ lastDecisionId: review.decisionId }).where(eq(cases.id, decision.caseId));
    return review;
  }

  /**
   * Decides a subject outside the queue (the board's identical-content sweep): an open case is decided and closed;
   * otherwise a case is opened and closed with the decision, so every decision keeps its case and history.
   */
  async function decideSubject(
    ctx: CommandContext,
    user: User,
    subject: SubjectRow,
    input: DecisionInput,
    why: string,
  ): Promise<DecisionResult> {
    const { caseId, source } = await staffCaseOf(ctx, subject, input.policyId, why);
    const result = await applyDecision(ctx, user, { caseId, subject, input, source, reviewOf: null });
    await closeDecidedCase(ctx.tx, caseId, ctx.now, result.decisionId);
    return result;
  }

  async function issueNotice(
    ctx: CommandContext,
    args: {
      caseId: string;
      decisionId: string;
      platform: string;
      accountRef: string | null;
      statement: ReturnType<typeof statementOfReasons>;
    },
  ): Promise<{ id: string; statement: ReturnType<typeof statementOfReasons> }> {
    const { tx, now, ids, record } = ctx;
    const noticeId = ids.next();
    await tx.insert(notices).values({
      id: noticeId,
      decisionId: args.decisionId,
      platform: args.platform,
      recipientRef: args.accountRef,
      statement: args.statement,
      createdAt: now,
    });
    record('notice.issued', `case/${args.caseId}`, {
      noticeId,
      decisionId: args.decisionId,
      platform: args.platform,
      recipientRef: args.accountRef,
      statement: args.statement,
    });
    return { id: noticeId, statement: args.statement };
  }

  return { decide, preview, applyDecision, replace, decideSubject, notify };
}

export async function countActiveStrikes(tx: Db, now: Date, platform: string, accountRef: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(strikes)
    .where(
      and(
        eq(strikes.platform, platform),
        eq(strikes.accountRef, accountRef),
        isNull(strikes.reversedAt),
        gt(strikes.expiresAt, now),
      ),
    );
  return row?.count ?? 0;
}

/** The consequences as the API shows them: dates as ISO strings. */
export function viewOf(consequences: Consequences) {
  return {
    ...consequences,
    restrictions: consequences.restrictions.map((r) => ({ ...r, endsAt: r.endsAt?.toISOString() ?? null })),
  };
}

/**
 * The case a decision on a subject no report brought goes on: the subject's open case (locked), or a new one opened
 * at the policy level by staff, with why on it as its escalation note.
 */
async function staffCaseOf(
  ctx: CommandContext,
  subject: SubjectRow,
  policyId: string,
  why: string,
): Promise<{ caseId: string; source: ReportSource }> {
  const { tx, now, ids, record } = ctx;
  const [open] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.subjectId, subject.id), eq(cases.status, 'open')))
    .for('update');
  if (open) return { caseId: open.id, source: open.strongestSource };
  const caseId = ids.next();
  const opened = {
    subjectId: subject.id,
    level: 'policy' as const,
    country: subject.country,
    language: subject.language,
    policiesAlleged: [policyId],
    gravestPolicyId: policyId,
    strongestSource: 'staff' as const,
    escalationNote: why,
  };
  await tx.insert(cases).values({
    id: caseId,
    ...opened,
    status: 'open',
    openedAt: now,
    priorityBase: 0,
    rankKey: 0,
    priorityFactors: [],
    reportCount: 0,
  });
  record('case.opened', `case/${caseId}`, { caseId, ...opened });
  return { caseId, source: 'staff' };
}

/** A decided case closes: no one holds it any more, and it remembers its decision. */
async function closeDecidedCase(tx: Db, caseId: string, now: Date, decisionId: string): Promise<void> {
  await tx
    .update(cases)
    .set({ status: 'closed', closedAt: now, claimedBy: null, leaseExpiresAt: null, lastDecisionId: decisionId })
    .where(eq(cases.id, caseId));
}
