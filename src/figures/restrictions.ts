import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { Clock } from '../core/clock.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { ContextOf } from '../core/designations.js';
import type { Db } from '../store/database.js';
import {
  checkNoRunningRestriction,
  extensionUntil,
  planRestriction,
  protocolApplies,
  reviewRestriction,
  type RestrictionRules,
  type Tier,
} from './rules.js';
import type { Restriction, RestrictionImposed, RestrictionPreview, RestrictionReviewed } from './contract.js';
import { figureRestrictions, publicFigures, restrictedFigureEntry } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;
const DAY_MS = 86_400_000;
/** A review left undone this long after it fell due lets the restriction lapse: nothing stays open-ended. */
export const REVIEW_GRACE_DAYS = 7;

export type RestrictionService = ReturnType<typeof createRestrictionService>;

export function createRestrictionService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  rules: RestrictionRules;
  contextOf: ContextOf;
}) {
  const { db, run, clock, rules, contextOf } = deps;

  /**
   * What restricting the account would bring, worked out as the restriction itself is: refused the same way when
   * the protocol does not apply, otherwise the tier after repeat violations, its length, end and review date.
   */
  async function planFor(tx: Db, input: { platform: string; accountRef: string; severityTier: Tier }, now: Date) {
    const [figure] = await tx
      .select()
      .from(publicFigures)
      .where(and(eq(publicFigures.platform, input.platform), eq(publicFigures.accountRef, input.accountRef)));
    if (!figure)
      throw new DocketError(
        'conflict',
        `${input.platform}/${input.accountRef} is not a verified public figure: verify it in the registry first`,
        [{ field: '/accountRef', message: 'is not a verified public figure' }],
      );
    const context = figure.country ? ((await contextOf(tx, [figure.country])).get(figure.country) ?? 'none') : 'none';
    const applies = protocolApplies({ figure: figure.kind, incitesOrCelebratesViolence: true, context }, rules);
    if (!applies.applies || context === 'none')
      throw new DocketError('conflict', `the protocol does not apply: ${applies.reason}`);
    const account = and(
      eq(figureRestrictions.platform, input.platform),
      eq(figureRestrictions.accountRef, input.accountRef),
    );
    const [running] = await tx
      .select({ tier: figureRestrictions.tier, endsAt: figureRestrictions.endsAt, status: figureRestrictions.status })
      .from(figureRestrictions)
      .where(and(account, inArray(figureRestrictions.status, ['active', 'review_due'])))
      .limit(1);
    checkNoRunningRestriction(running as { tier: number; endsAt: Date; status: 'active' | 'review_due' } | undefined);
    const [earlier] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(figureRestrictions)
      .where(account);
    const plan = planRestriction(
      { severityTier: input.severityTier, earlierRestrictions: earlier?.count ?? 0, start: now },
      rules,
    );
    return { figure, context, applies: applies.reason, plan };
  }

  /** The preview of `impose`: records nothing. */
  async function preview(input: {
    platform: string;
    accountRef: string;
    severityTier: Tier;
  }): Promise<RestrictionPreview> {
    const now = clock.now();
    const { figure, context, applies, plan } = await planFor(db, input, now);
    return {
      figure: {
        platform: figure.platform,
        accountRef: figure.accountRef,
        name: figure.name,
        kind: figure.kind,
        country: figure.country,
      },
      context,
      applies,
      severityTier: plan.severityTier,
      earlierRestrictions: plan.earlierRestrictions,
      tier: plan.tier,
      months: plan.months,
      startsAt: now.toISOString(),
      endsAt: plan.endsAt.toISOString(),
      reviewAt: plan.reviewAt.toISOString(),
    };
  }

  /** Policy staff restrict a verified public figure's account under the protocol, for the tier's time. */
  async function impose(
    user: User,
    input: { platform: string; accountRef: string; severityTier: Tier; reason: string },
  ): Promise<RestrictionImposed> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const { context, applies, plan } = await planFor(tx, input, now);
      const { tier, endsAt } = plan;
      const id = ids.next();
      await tx.insert(figureRestrictions).values({
        id,
        platform: input.platform,
        accountRef: input.accountRef,
        tier,
        context,
        status: 'active',
        reason: `${applies}: ${input.reason}`,
        startsAt: now,
        endsAt,
      });
      record('restriction.imposed', `figure/${input.platform}/${input.accountRef}`, {
        restrictionId: id,
        platform: input.platform,
        accountRef: input.accountRef,
        tier,
        context,
        endsAt: endsAt.toISOString(),
        reason: input.reason,
        applies,
      });
      return { id, tier, context, endsAt: endsAt.toISOString() };
    });
  }

  /** At review, lift (the risk receded) or extend by the tier's length, with reasons. */
  async function review(
    user: User,
    id: string,
    input: { riskReceded: boolean; reasons: string },
  ): Promise<RestrictionReviewed> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await rowById(tx, figureRestrictions, id, 'restriction', { lock: true });
      if (row.status !== 'review_due')
        throw new DocketError(
          'conflict',
          `the restriction is ${row.status}; it is reviewed when it falls due (${row.endsAt.toISOString().slice(0, 10)})`,
        );
      if (input.reasons.trim().length < 20)
        throw new DocketError('validation_failed', 'record the reasons of the review (at least 20 characters)', [
          { field: '/reasons', message: 'too short' },
        ]);
      const outcome = reviewRestriction(
        { tier: row.tier as Tier, endsAt: row.endsAt, riskReceded: input.riskReceded, reasons: input.reasons },
        rules,
      );
      if (outcome.action === 'lift') {
        await tx
          .update(figureRestrictions)
          .set({ status: 'lifted', closedAt: now })
          .where(eq(figureRestrictions.id, id));
        record('restriction.lifted', `figure/${row.platform}/${row.accountRef}`, {
          restrictionId: id,
          reasons: input.reasons,
        });
        return { id, status: 'lifted' as const };
      }
      await tx
        .update(figureRestrictions)
        .set({ status: 'active', endsAt: outcome.until, reviewDueSince: null })
        .where(eq(figureRestrictions.id, id));
      record('restriction.extended', `figure/${row.platform}/${row.accountRef}`, {
        restrictionId: id,
        until: outcome.until.toISOString(),
        reasons: input.reasons,
      });
      return { id, status: 'active' as const, endsAt: outcome.until.toISOString() };
    });
  }

  /**
   * The scheduler's work: restrictions that reached their end fall due for review; reviews left undone past the
   * grace let the restriction lapse. Rows are claimed with SKIP LOCKED, so several processes may run this.
   */
  async function runDue(): Promise<{ reviewsDue: number; lapsed: number }> {
    const now = clock.now();
    return run('system:scheduler', async ({ tx, record }) => {
      const due = await tx
        .select()
        .from(figureRestrictions)
        .where(and(inArray(figureRestrictions.status, ['active', 'review_due']), lte(figureRestrictions.endsAt, now)))
        .for('update', { skipLocked: true });
      let reviewsDue = 0;
      let lapsed = 0;
      for (const row of due) {
        if (row.status === 'active') {
          await tx
            .update(figureRestrictions)
            .set({ status: 'review_due', reviewDueSince: now })
            .where(eq(figureRestrictions.id, row.id));
          record('restriction.review_due', `figure/${row.platform}/${row.accountRef}`, {
            restrictionId: row.id,
            endsAt: row.endsAt.toISOString(),
          });
          reviewsDue += 1;
        } else if (row.reviewDueSince && now.getTime() - row.reviewDueSince.getTime() >= REVIEW_GRACE_DAYS * DAY_MS) {
          await tx
            .update(figureRestrictions)
            .set({ status: 'lapsed', closedAt: now })
            .where(eq(figureRestrictions.id, row.id));
          record('restriction.lapsed', `figure/${row.platform}/${row.accountRef}`, {
            restrictionId: row.id,
            reason: `no review within ${REVIEW_GRACE_DAYS} days of the restriction's end`,
          });
          lapsed += 1;
        }
      }
      return { reviewsDue, lapsed };
    });
  }

  /**
   * Every restriction with its figure (name, role, country) and what its review may bring: an extension's end, and
   * for a review left undone, when the restriction lapses.
   */
  async function list(): Promise<Restriction[]> {
    const rows = await db
      .select({
        row: figureRestrictions,
        name: publicFigures.name,
        kind: publicFigures.kind,
        country: publicFigures.country,
      })
      .from(figureRestrictions)
      .leftJoin(publicFigures, restrictedFigureEntry)
      .orderBy(asc(figureRestrictions.startsAt));
    return rows.map(({ row, name, kind, country }) => {
      const open = row.status === 'active' || row.status === 'review_due';
      return {
        ...row,
        figure: { name, kind, country },
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
        reviewDueSince: row.reviewDueSince?.toISOString() ?? null,
        closedAt: row.closedAt?.toISOString() ?? null,
        extendsUntil: open ? extensionUntil(row.tier as Tier, row.endsAt, rules).toISOString() : null,
        lapsesAt:
          row.status === 'review_due' && row.reviewDueSince
            ? new Date(row.reviewDueSince.getTime() + REVIEW_GRACE_DAYS * DAY_MS).toISOString()
            : null,
      };
    });
  }

  return { preview, impose, review, runDue, list };
}
