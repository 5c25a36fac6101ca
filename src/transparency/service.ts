import type { Clock } from '../core/clock.js';
import type { Db } from '../store/database.js';
import { checkpoint, readPublicLog } from './public-log.js';
import type { KeyPair } from './signing.js';
import { countedDays, transparencyReport } from './statistics.js';

/** The public record's commands and queries: checkpoints over the public log, the log itself, the report. */
export function createTransparencyService(deps: { db: Db; clock: Clock; key: KeyPair }) {
  const { db, clock, key } = deps;
  return {
    key: key.published,
    /** Signs the public log's head if it moved since the last checkpoint (the scheduler calls this). */
    checkpoint: () => checkpoint(db, key, clock.now()),
    log: (options: { after: number; limit: number }) => readPublicLog(db, options),
    report: (period: { from: string; to: string }, country: string | null) => transparencyReport(db, period, country),
    countedDays: () => countedDays(db),
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
