import { publicTracker, trackerChoices, type TrackerFilter } from '../../board/tracker-reads.js';
import type { Clock } from '../../core/clock.js';
import { publicDesignations } from '../../crisis/designation-reads.js';
import { publicRestrictions } from '../../figures/reads.js';
import type { Db } from '../../store/database.js';

/**
 * What the public site reads besides the board's own public reads: the board's recommendation tracker, the crisis
 * designations and the public figures' restrictions, each through its owner's reads. Only published things.
 */
export function createPublicRecords(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    tracker: (filter: TrackerFilter) => publicTracker(db, filter, clock.now()),
    trackerChoices: () => trackerChoices(db),
    designations: async () => ({ ...(await publicDesignations(db)), restrictions: await publicRestrictions(db) }),
  };
}

export type PublicRecords = ReturnType<typeof createPublicRecords>;
