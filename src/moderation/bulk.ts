import type { Principal } from '../core/roles.js';
import { DocketError } from '../core/errors.js';
import { bulkRequestProblems } from './bulk-rules.js';
import type { createDecisions } from './decisions.js';
import type { createQueue } from './queue.js';
import type { BulkInput, BulkResult } from './contract.js';

type User = Extract<Principal, { kind: 'user' }>;
type CaseResult = BulkResult['results'][number];

/**
 * Bulk actions on cases chosen in the queue. There is no bulk event: each case is worked by the command a reviewer
 * working it alone would run, in its own transaction, and succeeds or is refused on its own. A refusal is the
 * single-case action's own problem, so one case held by someone else does not stop the rest.
 */
export function createBulkActions(deps: {
  queue: ReturnType<typeof createQueue>;
  decisions: ReturnType<typeof createDecisions>;
}) {
  const { queue, decisions } = deps;

  async function act(user: User, input: BulkInput): Promise<BulkResult> {
    const problems = bulkRequestProblems(input);
    if (problems.length > 0)
      throw new DocketError('validation_failed', `the request does not fit the action ${input.action}`, problems);
    const results: CaseResult[] = [];
    for (const caseId of input.caseIds) results.push(await refusedAsResult(caseId, () => one(user, input, caseId)));
    const done = results.filter((r) => r.ok).length;
    return { action: input.action, done, refused: results.length - done, results };
  }

  async function one(user: User, input: BulkInput, caseId: string): Promise<CaseResult> {
    if (input.action === 'release') {
      await queue.release(user, caseId);
      return { caseId, ok: true };
    }
    if (input.action === 'escalate' && input.escalation) {
      const { to, note } = input.escalation;
      await inHand(user, caseId, () => queue.escalate(user, caseId, to, note));
      return { caseId, ok: true };
    }
    if (input.action === 'decide' && input.decision) {
      const decision = input.decision;
      const result = await inHand(user, caseId, () => decisions.decide(user, caseId, decision));
      return { caseId, ok: true, decisionId: result.decisionId };
    }
    throw new DocketError('validation_failed', `the request does not fit the action ${input.action}`);
  }

  /**
   * Escalating and deciding need the case in hand: a case nobody holds is claimed first (the reviewer keeps the
   * cases they hold), exactly as claiming it would, and is given back if the action is then refused.
   */
  async function inHand<T>(user: User, caseId: string, action: () => Promise<T>): Promise<T> {
    const took = await queue.takeInHand(user, caseId);
    try {
      return await action();
    } catch (problem) {
      if (took) await queue.release(user, caseId);
      throw problem;
    }
  }

  return { act };
}

/** A case the action refused is a result like any other; an unexpected failure still fails the request. */
async function refusedAsResult(caseId: string, work: () => Promise<CaseResult>): Promise<CaseResult> {
  try {
    return await work();
  } catch (problem) {
    if (problem instanceof DocketError) return { caseId, ok: false, code: problem.code, reason: problem.message };
    throw problem;
  }
}
