/**
 * The two pure pieces between Docket's outbox and Mastodon's admin API: reading a `decision.taken` message into the
 * decision the Mastodon plan is made from (actions.ts), and turning the client's answer to one call (admin-api.ts)
 * into the outbox's attempt: delivered, retrying (when), or failed with what the delivery log says.
 */
import type { ContentOutcome } from '../core/outcomes.js';
import type { SendResult } from '../core/outbox.js';
import { ACCOUNT_MEASURE_MAP, type DocketMeasure, type MastodonCall, type MastodonDecision } from './actions.js';
import type { CallResult } from './admin-api.js';

/** The fields of moderation's `decision.taken` message that the plan reads. */
export interface DecisionTaken {
  strikeId: string | null;
  restrictions: { kind: string; endsAt: string | null }[];
  subject: { externalId: string; kind: 'content' | 'account' };
  accountRef: string | null;
  outcome: ContentOutcome;
  notice: { statement: { summary: string } };
}

/** What the message does not carry and the connector knows: the Mastodon report, the account's home, the screen. */
export interface MastodonFacts {
  reportId: string | null;
  accountIsLocal: boolean;
  warningScreen: boolean;
}

/** Whether a restriction kind is one of the measures the Mastodon table maps. */
export function isMeasure(kind: string): kind is DocketMeasure {
  return Object.hasOwn(ACCOUNT_MEASURE_MAP, kind);
}

/**
 * The decision as the Mastodon plan reads it. A content subject's external id is the status id and its author the
 * account id; an account subject's external id is the account id (the connector's subjects, rules.ts). A measure
 * the table does not know stops the plan: nothing is sent half-understood.
 */
export function decisionOf(taken: DecisionTaken, facts: MastodonFacts): MastodonDecision {
  const unknown = taken.restrictions.map((r) => r.kind).filter((kind) => !isMeasure(kind));
  if (unknown.length > 0)
    throw new Error(`no Mastodon mapping for the measure(s) ${unknown.join(', ')}: nothing was sent`);
  const measures: MastodonDecision['measures'] = [
    ...(taken.strikeId !== null ? [{ kind: 'strike' as const, endsAt: null }] : []),
    ...taken.restrictions.map((r) => ({ kind: r.kind as DocketMeasure, endsAt: r.endsAt })),
  ];
  const content = taken.subject.kind === 'content';
  return {
    outcome: taken.outcome,
    warningScreen: facts.warningScreen,
    measures,
    summary: taken.notice.statement.summary,
    target: {
      statusId: content ? taken.subject.externalId : null,
      accountId: content ? taken.accountRef : taken.subject.externalId,
      accountIsLocal: facts.accountIsLocal,
      reportId: facts.reportId,
    },
  };
}

/** One attempt as the outbox records it (retryInSeconds: at least the backoff and what Mastodon's rate limit asks). */
export type Attempt = SendResult;

/**
 * One call's attempt, for the outbox. A failure that may pass (5xx, 429, a timeout) or that the admin can fix (the
 * token: 401, 403) is retried with backoff until the attempts run out, staying visible in the delivery log; an
 * answer that no retry changes (the record is gone, the instance lacks the endpoint, Mastodon refuses the call)
 * fails at once, and the log says why: for a missing endpoint, what that leaves undone.
 */
export function attemptOf(
  result: CallResult,
  call: MastodonCall,
  attempt: number,
  rules: { maxAttempts: number; backoffSeconds: number },
): Attempt {
  if (result.kind === 'done') return { outcome: 'delivered', status: result.status, error: null, retryInSeconds: null };
  if (result.kind === 'missing_endpoint')
    return { outcome: 'failed', status: result.status, error: call.ifMissing ?? result.message, retryInSeconds: null };
  if (result.kind === 'not_found' || result.kind === 'refused')
    return { outcome: 'failed', status: result.status, error: result.message, retryInSeconds: null };
  if (attempt >= rules.maxAttempts)
    return {
      outcome: 'failed',
      status: result.status,
      error: `${result.message} (gave up after ${attempt} attempts)`,
      retryInSeconds: null,
    };
  const asked = result.kind === 'retry' ? (result.retryAfterSeconds ?? 0) : 0;
  return {
    outcome: 'retrying',
    status: result.status,
    error: result.message,
    retryInSeconds: Math.max(rules.backoffSeconds, asked),
  };
}
