import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { NOT_REVIEWED } from './misuse-reads.js';
import { misuseMarks, misuseMeasures, misuseRules } from './misuse-tables.js';

/**
 * Measures against misuse rebuilt from their events: the rules, the marks, the measures with their appeal and
 * review. (A user's suspension is also an `account.restricted` event, which moderation's replay applies.)
 */
const handlers: ReplayHandlers = {
  'misuse.rules_changed': async (tx, p, e) => {
    const { party, ...rule } = p;
    const values = { ...rule, updatedAt: new Date(e.at), updatedBy: e.actor };
    await tx
      .insert(misuseRules)
      .values({ party, ...values })
      .onConflictDoUpdate({ target: misuseRules.party, set: values });
  },
  'misuse.marked': async (tx, p, e) => {
    const { markId, ...mark } = p;
    await tx.insert(misuseMarks).values({ id: markId, ...mark, markedBy: e.actor, markedAt: new Date(e.at) });
  },
  'misuse.measure_taken': async (tx, p) => {
    const { measureId, channels: _channels, startsAt, endsAt, ...measure } = p;
    await tx.insert(misuseMeasures).values({
      id: measureId,
      ...measure,
      startsAt: new Date(startsAt),
      endsAt: dateOf(endsAt),
      ...NOT_REVIEWED,
    });
  },
  'misuse.measure_appealed': async (tx, p, e) => {
    await setRow(tx, misuseMeasures, p.measureId, { appealStatement: p.statement, appealedAt: new Date(e.at) });
  },
  'misuse.measure_reviewed': async (tx, p, e) => {
    await setRow(tx, misuseMeasures, p.measureId, {
      reviewResult: p.result,
      reviewReason: p.reason,
      reviewedBy: e.actor,
      reviewedAt: new Date(e.at),
    });
  },
};

export async function replayMisuse(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
