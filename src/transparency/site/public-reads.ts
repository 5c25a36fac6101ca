import { createBoardReads } from '../../board/reads.js';
import { decidedBoardCaseCount } from '../../board/record-reads.js';
import type { Clock } from '../../core/clock.js';
import { readHead } from '../../core/event-log.js';
import { knownCountryNames } from '../../crisis/record-reads.js';
import { disputeBodiesRegister } from '../../disputes/reads.js';
import { flaggerRegister } from '../../moderation/flagger-reads.js';
import { currentPolicies, policyHistory } from '../../policy/library-reads.js';
import type { Db } from '../../store/database.js';
import { entriesAbout, readPublicLog } from '../public-log/reads.js';
import { createPublicRecords } from './records.js';
import { countedCountries, countedDays, transparencyReport } from '../statistics/reads.js';

export type PublicReads = ReturnType<typeof createPublicReads>;

/**
 * Everything the public site, the public API and the statistics read, on one handle: the read replica's when
 * DATABASE_READ_URL names one, else the primary's. Reads only, of published things. The console's reads and every
 * command stay on the primary, so staff see their own changes at once; a public page may be behind the primary by
 * the replica's replay lag.
 */
export function createPublicReads(deps: {
  db: Db;
  clock: Clock;
  boardRules: Parameters<typeof createBoardReads>[0]['rules'];
}) {
  const { db, clock } = deps;
  const board = createBoardReads({ db, clock, rules: deps.boardRules });
  const records = createPublicRecords({ db, clock });
  return {
    /** The board's public docket and a case as the public sees it. */
    boardCase: board.publicCase,
    boardCases: board.publicCases,
    boardCaseCountries: board.publicCaseCountries,
    decidedBoardCases: () => decidedBoardCaseCount(db),
    tracker: records.tracker,
    trackerChoices: records.trackerChoices,
    designations: records.designations,
    policies: () => currentPolicies(db),
    policyHistory: (policyId: string) => policyHistory(db, policyId),
    countryNames: () => knownCountryNames(db),
    /** The event log's head: its size and hash, which the public summary shows (not its entries). */
    eventLogHead: () => readHead(db),
    publicLog: (options: { after: number; limit: number }) => readPublicLog(db, options),
    entriesAbout: (streams: readonly string[]) => entriesAbout(db, streams),
    report: (period: { from: string; to: string }, country: string | null) => transparencyReport(db, period, country),
    countedDays: () => countedDays(db),
    countedCountries: () => countedCountries(db),
    /** The register of certified out-of-court dispute settlement bodies (DSA Art. 21). */
    disputeBodies: () => disputeBodiesRegister(db, clock.now()),
    /** The register of trusted flaggers (DSA Art. 22). */
    trustedFlaggers: () => flaggerRegister(db),
  };
}
