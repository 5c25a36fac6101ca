import { asc, desc, eq } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError, type FieldError } from '../core/errors.js';
import type { Principal } from '../core/roles.js';
import type { DecisionInput, DecisionResult, ReversalCause } from '../moderation/contract.js';
import { decisionById, subjectById } from '../moderation/reads.js';
import type { Db } from '../store/database.js';
import { rowById } from '../store/rows.js';
import type {
  Dispute,
  DisputeBody,
  DisputeBodyBody,
  DisputeFiling,
  DisputeImplemented,
  DisputeOutcomeBody,
  ImplementBody,
} from './contract.js';
import {
  amountInCents,
  bodyProblems,
  centsAsAmount,
  conclusionProblems,
  feeBearer,
  filingProblems,
  implementationDueAt,
  requiredDecision,
  type DisputeRules,
} from './rules.js';
import { bodyView } from './reads.js';
import { disputeBodies, disputes } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;

/** What disputes ask of moderation: the disputed decision replaced, as an upheld appeal or the board replaces one. */
export interface DecisionReplacement {
  replace(
    ctx: CommandContext,
    user: User,
    decisionId: string,
    replacement: DecisionInput,
    cause: ReversalCause,
    reason: string,
  ): Promise<DecisionResult>;
}

export type DisputeService = ReturnType<typeof createDisputeService>;

const refused = (problems: FieldError[]): DocketError =>
  new DocketError('validation_failed', problems.map((p) => `${p.field.slice(1)} ${p.message}`).join('; '), problems);

/**
 * Out-of-court dispute settlement (DSA Art. 21): the register of certified bodies, disputes on decisions with their
 * outcome and fees, and an outcome that changes the decision carried out through moderation's replace, the path the
 * oversight board's binding decisions take.
 */
export function createDisputeService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  rules: DisputeRules;
  decisions: DecisionReplacement;
}) {
  const { db, run, clock, rules } = deps;

  async function registerBody(user: User, input: DisputeBodyBody): Promise<DisputeBody> {
    const entry = checkedBody(input);
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const id = ids.next();
      await tx.insert(disputeBodies).values({ id, ...entry, registeredAt: now, updatedAt: now });
      record('dispute_body.registered', `dispute-body/${id}`, { bodyId: id, ...entry });
      return bodyView({ id, ...entry, registeredAt: now, updatedAt: now }, now);
    });
  }

  async function updateBody(user: User, id: string, input: DisputeBodyBody): Promise<DisputeBody> {
    const entry = checkedBody(input);
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await rowById(tx, disputeBodies, id, 'dispute settlement body', { lock: true });
      await tx
        .update(disputeBodies)
        .set({ ...entry, updatedAt: now })
        .where(eq(disputeBodies.id, id));
      record('dispute_body.updated', `dispute-body/${id}`, { bodyId: id, ...entry });
      return bodyView({ ...row, ...entry, updatedAt: now }, now);
    });
  }

  async function listBodies(): Promise<DisputeBody[]> {
    const now = clock.now();
    return (await db.select().from(disputeBodies).orderBy(asc(disputeBodies.name))).map((row) => bodyView(row, now));
  }

  async function file(user: User, input: DisputeFiling): Promise<Dispute> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const decision = await decisionById(tx, input.decisionId);
      if (!decision)
        throw new DocketError('not_found', `no decision ${input.decisionId}`, [
          { field: '/decisionId', message: 'is no decision' },
        ]);
      const subject = await subjectById(tx, decision.subjectId);
      if (!subject) throw new DocketError('not_found', 'the decision has no subject');
      const [body] = await tx.select().from(disputeBodies).where(eq(disputeBodies.id, input.bodyId));
      const filedAt = input.filedAt ? new Date(input.filedAt) : now;
      const problems = filingProblems({ body: body ?? null, filedAt, decidedAt: decision.decidedAt, now });
      if (problems.length) throw refused(problems);
      const open = await tx
        .select({ id: disputes.id, complainant: disputes.complainant, status: disputes.status })
        .from(disputes)
        .where(eq(disputes.decisionId, decision.id));
      if (open.some((d) => d.status === 'filed' && d.complainant === input.complainant))
        throw new DocketError(
          'conflict',
          `a dispute by the ${input.complainant.replace('_', ' ')} on this decision is already before a body`,
        );
      const id = ids.next();
      const row = {
        id,
        decisionId: decision.id,
        caseId: decision.caseId,
        platform: subject.platform,
        decisionOutcome: decision.outcome,
        bodyId: input.bodyId,
        complainant: input.complainant,
        bodyReference: input.bodyReference?.trim() || null,
        filedAt,
        recordedAt: now,
        recordedBy: `user:${user.id}`,
        status: 'filed' as const,
        implementation: 'not_required' as const,
      };
      await tx.insert(disputes).values(row);
      record('dispute.filed', `dispute/${id}`, {
        disputeId: id,
        decisionId: row.decisionId,
        caseId: row.caseId,
        platform: row.platform,
        decisionOutcome: row.decisionOutcome,
        bodyId: row.bodyId,
        complainant: row.complainant,
        bodyReference: row.bodyReference,
        filedAt: filedAt.toISOString(),
      });
      return disputeById(tx, id, now);
    });
  }

  async function conclude(user: User, id: string, input: DisputeOutcomeBody): Promise<Dispute> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const dispute = await rowById(tx, disputes, id, 'dispute', { lock: true });
      const decision = await decisionById(tx, dispute.decisionId);
      if (!decision) throw new DocketError('not_found', 'the disputed decision is gone');
      const concludedAt = input.concludedAt ? new Date(input.concludedAt) : now;
      const agreed = input.feesBorneBy ?? null;
      const badFaith = input.badFaith ?? false;
      const { conflict, problems } = conclusionProblems({
        status: dispute.status,
        complainant: dispute.complainant,
        outcome: input.outcome,
        filedAt: dispute.filedAt,
        concludedAt,
        now,
        badFaith,
        agreedFeeBearer: agreed,
        requiredOutcome: input.requiredOutcome ?? null,
        decisionOutcome: decision.outcome,
      });
      if (conflict) throw new DocketError('conflict', conflict);
      const cents = input.fees ? amountInCents(input.fees.amount) : null;
      if (input.fees && cents === null) problems.push({ field: '/fees/amount', message: 'is no amount' });
      if (problems.length) throw refused(problems);
      const required = requiredDecision(input.outcome, dispute.complainant, input.requiredOutcome ?? null);
      const dueAt = required ? implementationDueAt(concludedAt, rules) : null;
      const borneBy = feeBearer(input.outcome, { badFaith, agreed });
      const fees = input.fees && cents !== null ? { cents, currency: input.fees.currency } : null;
      await tx
        .update(disputes)
        .set({
          status: 'concluded',
          outcome: input.outcome,
          summary: input.summary,
          concludedAt,
          feeCents: fees?.cents ?? null,
          feeCurrency: fees?.currency ?? null,
          feesBorneBy: borneBy,
          badFaith,
          requiredOutcome: required,
          implementation: required ? 'open' : 'not_required',
          implementationDueAt: dueAt,
        })
        .where(eq(disputes.id, id));
      record('dispute.concluded', `dispute/${id}`, {
        disputeId: id,
        decisionId: dispute.decisionId,
        outcome: input.outcome,
        summary: input.summary,
        filedAt: dispute.filedAt.toISOString(),
        concludedAt: concludedAt.toISOString(),
        fees,
        feesBorneBy: borneBy,
        badFaith,
        requiredOutcome: required,
        implementationDueAt: dueAt?.toISOString() ?? null,
      });
      return disputeById(tx, id, now);
    });
  }

  /**
   * Carries out an outcome that changes the decision: the required decision runs through moderation's replace
   * (reversal, strike and restrictions undone, the new decision with its notice, events and webhook), as the board's
   * binding decisions do.
   */
  async function implement(user: User, id: string, input: ImplementBody): Promise<DisputeImplemented> {
    return run(`user:${user.id}`, async (ctx) => {
      const { tx, now, record } = ctx;
      const dispute = await rowById(tx, disputes, id, 'dispute', { lock: true });
      if (dispute.implementation === 'implemented')
        throw new DocketError('conflict', 'the outcome is already implemented');
      if (dispute.implementation !== 'open' || !dispute.requiredOutcome)
        throw new DocketError('conflict', 'the outcome does not require the decision to change');
      const decision = await decisionById(tx, dispute.decisionId);
      if (!decision) throw new DocketError('not_found', 'the disputed decision is gone');
      if (decision.status !== 'in_force')
        throw new DocketError(
          'conflict',
          'the disputed decision was already reversed; nothing left to implement on it',
        );
      const [body] = await tx
        .select({ name: disputeBodies.name })
        .from(disputeBodies)
        .where(eq(disputeBodies.id, dispute.bodyId));
      const bodyName = body?.name ?? 'a certified dispute settlement body';
      const action = await deps.decisions.replace(
        ctx,
        user,
        decision.id,
        {
          policyId: decision.policyId,
          sectionId: decision.sectionId,
          outcome: dispute.requiredOutcome,
          facts: `Implementing the outcome of an out-of-court dispute before ${bodyName}: ${input.note}`,
        },
        { disputeId: id, body: bodyName },
        input.note,
      );
      const onTime = dispute.implementationDueAt === null || now.getTime() <= dispute.implementationDueAt.getTime();
      await tx
        .update(disputes)
        .set({
          implementation: 'implemented',
          actionDecisionId: action.decisionId,
          implementationNote: input.note,
          implementedAt: now,
          implementedBy: `user:${user.id}`,
        })
        .where(eq(disputes.id, id));
      record('dispute.implemented', `dispute/${id}`, {
        disputeId: id,
        decisionId: decision.id,
        actionDecisionId: action.decisionId,
        note: input.note,
        onTime,
      });
      return { disputeId: id, actionDecisionId: action.decisionId, onTime };
    });
  }

  async function list(filter: { decisionId?: string | undefined }): Promise<Dispute[]> {
    const now = clock.now();
    const rows = await joined(db)
      .where(filter.decisionId ? eq(disputes.decisionId, filter.decisionId) : undefined)
      .orderBy(desc(disputes.filedAt))
      .limit(500);
    return rows.map((row) => disputeView(row, now));
  }

  async function get(id: string): Promise<Dispute> {
    return disputeById(db, id, clock.now());
  }

  return { registerBody, updateBody, listBodies, file, conclude, implement, list, get };
}

function checkedBody(input: DisputeBodyBody): DisputeBodyBody {
  const entry = {
    ...input,
    name: input.name.trim(),
    coordinator: input.coordinator.trim(),
    website: input.website.trim(),
    areas: input.areas.map((a) => a.trim()),
  };
  const problems = bodyProblems(entry);
  if (problems.length) throw refused(problems);
  return entry;
}

const joined = (db: Db) =>
  db
    .select({
      dispute: disputes,
      body: { id: disputeBodies.id, name: disputeBodies.name, memberState: disputeBodies.memberState },
    })
    .from(disputes)
    .innerJoin(disputeBodies, eq(disputeBodies.id, disputes.bodyId));

async function disputeById(db: Db, id: string, now: Date): Promise<Dispute> {
  const [row] = await joined(db).where(eq(disputes.id, id));
  if (!row) throw new DocketError('not_found', `no dispute ${id}`);
  return disputeView(row, now);
}

function disputeView(
  row: { dispute: typeof disputes.$inferSelect; body: { id: string; name: string; memberState: string } },
  now: Date,
): Dispute {
  const d = row.dispute;
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: d.id,
    decisionId: d.decisionId,
    caseId: d.caseId,
    platform: d.platform,
    decisionOutcome: d.decisionOutcome,
    body: row.body,
    complainant: d.complainant,
    bodyReference: d.bodyReference,
    filedAt: d.filedAt.toISOString(),
    status: d.status,
    outcome: d.outcome,
    summary: d.summary,
    concludedAt: iso(d.concludedAt),
    fees:
      d.feeCents === null || d.feeCurrency === null
        ? null
        : { amount: centsAsAmount(d.feeCents), currency: d.feeCurrency },
    feesBorneBy: d.feesBorneBy,
    badFaith: d.badFaith,
    requiredOutcome: d.requiredOutcome,
    implementation: {
      status: d.implementation,
      dueAt: iso(d.implementationDueAt),
      overdue: d.implementation === 'open' && d.implementationDueAt !== null && d.implementationDueAt < now,
      actionDecisionId: d.actionDecisionId,
      note: d.implementationNote,
      implementedAt: iso(d.implementedAt),
    },
  };
}
