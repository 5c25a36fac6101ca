import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { displayNamesOfActors } from '../access/reads.js';
import { countryLabel, countryName } from '../core/countries.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { ContextKind } from '../core/outcomes.js';
import { repriceOpenCases } from '../moderation/reads.js';
import type { ModerationRules } from '../moderation/contract.js';
import type { Db } from '../store/database.js';
import { checkMove, contextFrom, reviewDate, type DesignationKind } from './designation-rules.js';
import type { RepricedCase } from './events.js';
import { countryNames, crisisAssessments, designations } from './tables.js';
import type {
  Assessment,
  Designation,
  DesignationApproved,
  DesignationEnded,
  DesignationProposed,
  DesignationRejected,
  DesignationReviewed,
  DetectorEvidence,
  LatestAssessment,
} from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;
export type DesignationService = ReturnType<typeof createDesignationService>;

const CONTEXT_DETAIL: Record<ContextKind, string> = {
  none: 'country under no crisis designation',
  chronic: 'country under a chronic-risk designation',
  acute: 'country under an acute crisis designation',
};

export function createDesignationService(deps: { db: Db; run: CommandRunner; rules: ModerationRules }) {
  const { db, run, rules } = deps;

  /** The context each country's active designations give it (for case priority). */
  async function contextOf(tx: Db, countries: string[]): Promise<Map<string, ContextKind>> {
    if (countries.length === 0) return new Map();
    const rows = await tx
      .select({ iso3: designations.iso3, kind: designations.kind })
      .from(designations)
      .where(and(inArray(designations.iso3, countries), eq(designations.status, 'active')));
    const byCountry = new Map<string, DesignationKind[]>();
    for (const row of rows) byCountry.set(row.iso3, [...(byCountry.get(row.iso3) ?? []), row.kind]);
    return new Map([...byCountry].map(([iso3, kinds]) => [iso3, contextFrom(kinds)]));
  }

  async function propose(
    actor: string,
    input: {
      iso3: string;
      kind: DesignationKind;
      reasons: string;
      source: 'detector' | 'staff';
      evidence?: DetectorEvidence;
    },
  ): Promise<DesignationProposed> {
    return run(actor, async ({ tx, now, ids, record }) => {
      const [live] = await tx
        .select({ id: designations.id, status: designations.status })
        .from(designations)
        .where(
          and(
            eq(designations.iso3, input.iso3),
            eq(designations.kind, input.kind),
            inArray(designations.status, ['proposed', 'active']),
          ),
        );
      if (live)
        throw new DocketError(
          'conflict',
          `${input.iso3} already has a ${live.status} ${input.kind} designation (${live.id})`,
        );
      const id = ids.next();
      await tx.insert(designations).values({
        id,
        iso3: input.iso3,
        kind: input.kind,
        status: 'proposed',
        source: input.source,
        reasons: input.reasons,
        evidence: input.evidence ?? null,
        proposedBy: actor,
        proposedAt: now,
      });
      record('designation.proposed', `designation/${id}`, {
        designationId: id,
        iso3: input.iso3,
        kind: input.kind,
        source: input.source,
        reasons: input.reasons,
        evidence: input.evidence ?? null,
      });
      return { id, status: 'proposed' as const };
    });
  }

  async function approve(user: User, id: string, note: string): Promise<DesignationApproved> {
    return run(`user:${user.id}`, async (ctx) => {
      const row = await lock(ctx.tx, id);
      checkMove('approve', row.status);
      const reviewAt = reviewDate(row.kind, ctx.now);
      await ctx.tx
        .update(designations)
        .set({
          status: 'active',
          decidedBy: `user:${user.id}`,
          decidedAt: ctx.now,
          decisionNote: note,
          startsAt: ctx.now,
          reviewAt,
        })
        .where(eq(designations.id, id));
      const repriced = await reprice(ctx, row.iso3);
      const casesRepriced = repriced.length;
      ctx.record('designation.approved', `designation/${id}`, {
        designationId: id,
        iso3: row.iso3,
        kind: row.kind,
        note,
        reviewAt: reviewAt.toISOString(),
        casesRepriced,
        repriced,
      });
      return { id, status: 'active' as const, reviewAt: reviewAt.toISOString(), casesRepriced };
    });
  }

  async function reject(user: User, id: string, note: string): Promise<DesignationRejected> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lock(tx, id);
      checkMove('reject', row.status);
      await tx
        .update(designations)
        .set({ status: 'rejected', decidedBy: `user:${user.id}`, decidedAt: now, decisionNote: note })
        .where(eq(designations.id, id));
      record('designation.rejected', `designation/${id}`, { designationId: id, note });
      return { id, status: 'rejected' as const };
    });
  }

  /** A review keeps an active designation for another period (with reasons); ending it is `end`. */
  async function review(user: User, id: string, note: string): Promise<DesignationReviewed> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lock(tx, id);
      checkMove('review', row.status);
      const reviewAt = reviewDate(row.kind, now);
      await tx.update(designations).set({ reviewAt }).where(eq(designations.id, id));
      record('designation.reviewed', `designation/${id}`, {
        designationId: id,
        note,
        reviewAt: reviewAt.toISOString(),
      });
      return { id, status: 'active' as const, reviewAt: reviewAt.toISOString() };
    });
  }

  async function end(user: User, id: string, note: string): Promise<DesignationEnded> {
    return run(`user:${user.id}`, async (ctx) => {
      const row = await lock(ctx.tx, id);
      checkMove('end', row.status);
      await ctx.tx.update(designations).set({ status: 'ended', endedAt: ctx.now }).where(eq(designations.id, id));
      const repriced = await reprice(ctx, row.iso3);
      const casesRepriced = repriced.length;
      ctx.record('designation.ended', `designation/${id}`, {
        designationId: id,
        iso3: row.iso3,
        kind: row.kind,
        note,
        casesRepriced,
        repriced,
      });
      return { id, status: 'ended' as const, casesRepriced };
    });
  }

  /** Open cases in the country take the context factor of its designations now. */
  async function reprice(ctx: CommandContext, iso3: string): Promise<RepricedCase[]> {
    const context = (await contextOf(ctx.tx, [iso3])).get(iso3) ?? 'none';
    return repriceOpenCases(ctx.tx, iso3, rules.priority.contextFactors[context], CONTEXT_DETAIL[context]);
  }

  /** Designations, newest first, each with its country's name and the names of the people who proposed and decided it. */
  async function list(status?: string): Promise<Designation[]> {
    const rows = await db
      .select()
      .from(designations)
      .where(status ? eq(designations.status, status as 'active') : undefined)
      .orderBy(desc(designations.proposedAt));
    const people = await namesOfActors(rows.flatMap((row) => [row.proposedBy, row.decidedBy ?? '']));
    const known = await knownCountryNames(db);
    return rows.map((row) => ({
      ...row,
      evidence: row.evidence as DetectorEvidence | null,
      countryName: countryLabel(row.iso3, known),
      proposedByName: people.get(row.proposedBy) ?? null,
      decidedByName: row.decidedBy ? (people.get(row.decidedBy) ?? null) : null,
      proposedAt: row.proposedAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      startsAt: row.startsAt?.toISOString() ?? null,
      reviewAt: row.reviewAt?.toISOString() ?? null,
      endedAt: row.endedAt?.toISOString() ?? null,
    }));
  }

  /** Display names of the users among some actors (`user:<id>`); the detector and integrations have none. */
  const namesOfActors = (actors: string[]): Promise<Map<string, string>> => displayNamesOfActors(db, actors);

  /**
   * Keeps a detector run (with its weekly series) for the crisis screen, and learns from its events the names of
   * countries the standard does not name.
   */
  async function keepAssessment(actor: string, assessment: Assessment): Promise<void> {
    await run(actor, async ({ tx, now, ids }) => {
      await tx
        .insert(crisisAssessments)
        .values({ id: ids.next(), asOf: assessment.asOf, result: assessment, createdBy: actor, createdAt: now });
      const unnamed = assessment.countries.filter((c) => countryName(c.iso3) === null && c.name.trim() !== '');
      if (unnamed.length > 0) {
        await tx
          .insert(countryNames)
          .values(unnamed.map((c) => ({ iso3: c.iso3, name: c.name.trim(), updatedAt: now })))
          .onConflictDoUpdate({ target: countryNames.iso3, set: { name: sql`excluded.name`, updatedAt: now } });
      }
    });
  }

  async function latestAssessment(): Promise<LatestAssessment | null> {
    const [row] = await db.select().from(crisisAssessments).orderBy(desc(crisisAssessments.createdAt)).limit(1);
    return row ? { ...(row.result as Assessment), createdAt: row.createdAt.toISOString() } : null;
  }

  return {
    contextOf,
    propose,
    approve,
    reject,
    review,
    end,
    list,
    keepAssessment,
    latestAssessment,
    knownCountryNames: () => knownCountryNames(db),
  };
}

/** The names learnt for codes the standard does not name. */
export async function knownCountryNames(db: Db): Promise<Map<string, string>> {
  return new Map(
    (await db.select({ iso3: countryNames.iso3, name: countryNames.name }).from(countryNames)).map((r) => [
      r.iso3,
      r.name,
    ]),
  );
}

const lock = (tx: Db, id: string) => rowById(tx, designations, id, 'designation', { lock: true });
