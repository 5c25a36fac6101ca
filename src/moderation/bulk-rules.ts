import type { FieldError } from '../core/errors.js';

/**
 * Bulk actions on cases: one request names the action and the cases, and each case is then worked by the same
 * command as a reviewer working it alone, succeeding or failing on its own. These are the rules for the request and
 * for how its outcome is told.
 */
export type BulkActionName = 'release' | 'escalate' | 'decide';

/** The part of the request each action needs; the others must be absent, so a request means one thing. */
const PART_OF: Record<BulkActionName, 'escalation' | 'decision' | null> = {
  release: null,
  escalate: 'escalation',
  decide: 'decision',
};

/** Field problems of a bulk request's shape (empty when it is well formed), before any case is touched. */
export function bulkRequestProblems(input: {
  action: BulkActionName;
  escalation?: unknown;
  decision?: unknown;
}): FieldError[] {
  const needed = PART_OF[input.action];
  const problems: FieldError[] = [];
  if (needed && input[needed] === undefined)
    problems.push({ field: `/${needed}`, message: `is required to ${input.action}` });
  for (const part of ['escalation', 'decision'] as const) {
    if (part !== needed && input[part] !== undefined)
      problems.push({ field: `/${part}`, message: `does not go with ${input.action}` });
  }
  return problems;
}

export interface BulkCaseResult {
  caseId: string;
  ok: boolean;
  reason?: string | undefined;
}

const DONE: Record<BulkActionName, string> = { release: 'released', escalate: 'escalated', decide: 'decided' };

/**
 * The outcome in one sentence: "8 released, 1 refused: the case is closed". Refusals are grouped by reason, with
 * how many cases each reason stopped when it stopped more than one, so a long batch reads as a short list.
 */
export function bulkSummary(action: BulkActionName, results: readonly BulkCaseResult[]): string {
  const done = results.filter((r) => r.ok).length;
  const refusals = new Map<string, number>();
  for (const r of results)
    if (!r.ok) refusals.set(r.reason ?? 'refused', (refusals.get(r.reason ?? 'refused') ?? 0) + 1);
  const head = `${done} ${DONE[action]}`;
  if (refusals.size === 0) return head;
  const refused = results.length - done;
  const reasons = [...refusals]
    .map(([reason, count]) => (refusals.size > 1 || count > 1 ? `${reason} (${count})` : reason))
    .join('; ');
  return `${head}, ${refused} refused: ${reasons}`;
}
