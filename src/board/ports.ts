import type { CommandContext } from '../core/command.js';
import type { Principal } from '../core/roles.js';
import type { DecisionInput, DecisionResult, ReversalCause } from '../moderation/contract.js';
import type { SubjectRecord } from '../moderation/reads.js';

type User = Extract<Principal, { kind: 'user' }>;

/**
 * What the board asks of moderation, inside the board's own command: a decision the board overturned (or the
 * platform reversed once the board selected its case) is replaced, and content identical to it is decided the same
 * way. Moderation's decisions service is this port; app.ts hands it in.
 */
export interface DecisionPort {
  replace(
    ctx: CommandContext,
    user: User,
    decisionId: string,
    replacement: DecisionInput,
    cause: ReversalCause,
    reason: string,
  ): Promise<DecisionResult>;
  decideSubject(
    ctx: CommandContext,
    user: User,
    subject: SubjectRecord,
    input: DecisionInput,
    why: string,
  ): Promise<DecisionResult>;
}
