import type { Clock } from '../core/clock.js';
import type { CommandRunner, Notify } from '../core/command.js';
import type { Db } from '../store/database.js';
import { createDeliberation } from './deliberation.js';
import { createFollowUp } from './followup.js';
import { createIntake } from './intake.js';
import type { DecisionPort } from './ports.js';
import { createBoardReads } from './reads.js';
import type { BoardRules } from './rules.js';

export type BoardService = ReturnType<typeof createBoardService>;

/** The oversight board's case life: intake and selection, deliberation and decision, and what the platform owes after. */
export function createBoardService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  rules: BoardRules;
  decisions: DecisionPort;
  notify: Notify;
}) {
  return {
    rules: deps.rules,
    intake: createIntake(deps),
    deliberation: createDeliberation(deps),
    followUp: createFollowUp(deps),
    reads: createBoardReads(deps),
  };
}
