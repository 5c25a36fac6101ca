import { and, eq } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { figureRestrictions, publicFigureRoles, publicFigures } from './tables.js';

const entryOf = (platform: string, accountRef: string) =>
  and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef));

/**
 * The public-figure registry, its roles' history and the protocol's restrictions, from their events. A role change
 * written before issue 14 lacks its history rows' ids: it changes the entry's kind and writes no history; a
 * restriction written before it keeps the reason as recorded (without why the protocol applies).
 */
const handlers: ReplayHandlers = {
  'figure.verified': async (tx, p, e) => {
    const row = {
      platform: p.platform,
      accountRef: p.accountRef,
      kind: p.kind,
      name: p.name,
      country: p.country,
      note: p.note,
      verifiedBy: e.actor,
      verifiedAt: new Date(e.at),
    };
    await tx
      .insert(publicFigures)
      .values(row)
      .onConflictDoUpdate({ target: [publicFigures.platform, publicFigures.accountRef], set: row });
  },
  'figure.removed': async (tx, p) => {
    await tx.delete(publicFigures).where(entryOf(p.platform, p.accountRef));
  },
  'figure.role_changed': async (tx, p, e) => {
    const since = new Date(p.since);
    if (p.endedRoleAdded) {
      const [figure] = await tx.select().from(publicFigures).where(entryOf(p.platform, p.accountRef));
      if (figure)
        await tx.insert(publicFigureRoles).values({
          id: p.endedRoleId,
          platform: p.platform,
          accountRef: p.accountRef,
          kind: p.from,
          since: figure.verifiedAt,
          until: since,
          note: figure.note,
          recordedBy: figure.verifiedBy,
          recordedAt: figure.verifiedAt,
        });
    } else if (p.endedRoleId) {
      await setRow(tx, publicFigureRoles, p.endedRoleId, { until: since });
    }
    if (p.roleId)
      await tx.insert(publicFigureRoles).values({
        id: p.roleId,
        platform: p.platform,
        accountRef: p.accountRef,
        kind: p.to,
        since,
        until: null,
        note: p.note,
        recordedBy: e.actor,
        recordedAt: new Date(e.at),
      });
    await tx.update(publicFigures).set({ kind: p.to }).where(entryOf(p.platform, p.accountRef));
  },
  'restriction.imposed': async (tx, p, e) => {
    await tx.insert(figureRestrictions).values({
      id: p.restrictionId,
      platform: p.platform,
      accountRef: p.accountRef,
      tier: p.tier,
      context: p.context,
      status: 'active',
      reason: p.applies ? `${p.applies}: ${p.reason}` : p.reason,
      startsAt: new Date(e.at),
      endsAt: new Date(p.endsAt),
    });
  },
  'restriction.review_due': (tx, p, e) =>
    setRow(tx, figureRestrictions, p.restrictionId, { status: 'review_due', reviewDueSince: new Date(e.at) }),
  'restriction.extended': (tx, p) =>
    setRow(tx, figureRestrictions, p.restrictionId, {
      status: 'active',
      endsAt: new Date(p.until),
      reviewDueSince: null,
    }),
  'restriction.lifted': (tx, p, e) =>
    setRow(tx, figureRestrictions, p.restrictionId, { status: 'lifted', closedAt: new Date(e.at) }),
  'restriction.lapsed': (tx, p, e) =>
    setRow(tx, figureRestrictions, p.restrictionId, { status: 'lapsed', closedAt: new Date(e.at) }),
};

/** Applies entries, in log order, to the figures' tables. */
export async function replayFigures(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
