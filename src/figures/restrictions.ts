import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Principal } from '../access/roles.js';
import type { Clock } from '../core/clock.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { rowById } from '../store/rows.js';
import type { ContextOf } from '../moderation/ingestion.js';
import type { Db } from '../store/database.js';
import { protocolApplies, restrictionPeriod, reviewRestriction, tierFor, type RestrictionRules, type Tier } from './rules.js';
import { figureRestrictions, publicFigures } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;
const DAY_MS = 86_400_000;
/** A review left undone this long after it fell due lets the restriction lapse: nothing stays open-ended. */
export const REVIEW_GRACE_DAYS = 7;

export type RestrictionService = ReturnType<typeof createRestrictionService>;

export function createRestrictionService(deps: { db: Db; run: CommandRunner; clock: Clock; rules: RestrictionRules; contextOf: ContextOf }) {
  const { db, run, clock, rules, contextOf } = deps;

  /** Policy staff restrict a verified public figure's account under the protocol, for the tier's time. */
  async function impose(user: User, input: { platform: string; accountRef: string; severityTier: Tier; reason: string }) {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const [figure] = await tx.select().from(publicFigures).where(and(eq(publicFigures.platform, input.platform), eq(publicFigures.accountRef, input.accountRef)));
      if (!figure) throw new DocketError('conflict', `${input.platform}/${input.accountRef} is not a verified public figure: verify it in the registry first`);
      const context = figure.country ? ((await contextOf(tx, [figure.country])).get(figure.country) ?? 'none') : 'none';
      const applies = protocolApplies({ figure: figure.kind, incitesOrCelebratesViolence: true, context }, rules);
      if (!applies.applies || context === 'none') throw new DocketError('conflict', `the protocol does not apply: ${applies.reason}`);
      const [earlier] = await tx.select({ count: sql<number>`count(*)::int` }).from(figureRestrictions).where(and(eq(figureRestrictions.platform, input.platform), eq(figureRestrictions.accountRef, input.accountRef)));
      const tier = tierFor(input.severityTier, earlier?.count ?? 0);
      const { endsAt } = restrictionPeriod(tier, now, rules);
      const id = ids.next();
      await tx.insert(figureRestrictions).values({ id, platform: input.platform, accountRef: input.accountRef, tier, context, status: 'active', reason: `${applies.reason}: ${input.reason}`, startsAt: now, endsAt });
      record('restriction.imposed', `figure/${input.platform}/${input.accountRef}`, { restrictionId: id, platform: input.platform, accountRef: input.accountRef, tier, context, endsAt: endsAt.toISOString(), reason: input.reason });
      return { id, tier, context, endsAt: endsAt.toISOString() };
    });
  }

  /** At review, lift (the risk receded) or extend by the tier's length, with reasons. */
  async function review(user: User, id: string, input: { riskReceded: boolean; reasons: string }) {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await rowById(tx, figureRestrictions, id, 'restriction', { lock: true });
      if (row.status !== 'review_due') throw new DocketError('conflict', `the restriction is ${row.status}; it is reviewed when it falls due (${row.endsAt.toISOString().slice(0, 10)})`);
      if (input.reasons.trim().length < 20) throw new DocketError('validation_failed', 'record the reasons of the review (at least 20 characters)', [{ field: '/reasons', message: 'too short' }]);
      const outcome = reviewRestriction({ tier: row.tier as Tier, endsAt: row.endsAt, riskReceded: input.riskReceded, reasons: input.reasons }, rules);
      if (outcome.action === 'lift') {
        await tx.update(figureRestrictions).set({ status: 'lifted', closedAt: now }).where(eq(figureRestrictions.id, id));
        record('restriction.lifted', `figure/${row.platform}/${row.accountRef}`, { restrictionId: id, reasons: input.reasons });
        return { id, status: 'lifted' as const };
      }
      await tx.update(figureRestrictions).set({ status: 'active', endsAt: outcome.until, reviewDueSince: null }).where(eq(figureRestrictions.id, id));
      record('restriction.extended', `figure/${row.platform}/${row.accountRef}`, { restrictionId: id, until: outcome.until.toISOString(), reasons: input.reasons });
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
          await tx.update(figureRestrictions).set({ status: 'review_due', reviewDueSince: now }).where(eq(figureRestrictions.id, row.id));
          record('restriction.review_due', `figure/${row.platform}/${row.accountRef}`, { restrictionId: row.id, endsAt: row.endsAt.toISOString() });
          reviewsDue += 1;
        } else if (row.reviewDueSince && now.getTime() - row.reviewDueSince.getTime() >= REVIEW_GRACE_DAYS * DAY_MS) {
          await tx.update(figureRestrictions).set({ status: 'lapsed', closedAt: now }).where(eq(figureRestrictions.id, row.id));
          record('restriction.lapsed', `figure/${row.platform}/${row.accountRef}`, { restrictionId: row.id, reason: `no review within ${REVIEW_GRACE_DAYS} days of the restriction's end` });
          lapsed += 1;
        }
      }
      return { reviewsDue, lapsed };
    });
  }

  async function list() {
    const rows = await db.select().from(figureRestrictions).orderBy(asc(figureRestrictions.startsAt));
    return rows.map((row) => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), reviewDueSince: row.reviewDueSince?.toISOString() ?? null, closedAt: row.closedAt?.toISOString() ?? null }));
  }

  return { impose, review, runDue, list };
}
