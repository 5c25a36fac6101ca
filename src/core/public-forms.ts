import { createHash } from 'node:crypto';
import { DocketError } from './errors.js';

/**
 * The spam defences every public form shares (board comments, notices of content): a field people never see,
 * which bots fill in; and a per-sender allowance, counted by a one-way hash of the sender's address and the day
 * (enough to limit how often one sender writes, without keeping the address). The request limit per address
 * (`limit` on the route, src/http/rate-limits.ts) comes first.
 */

/** The form's field people never see (hidden by the stylesheet): bots fill it in. */
export const HONEYPOT_FIELD = 'website';

/** The one-hour window of a per-sender allowance. */
export const SENDER_WINDOW_MS = 3_600_000;

/** The sender of a public form as a hash of their address, the day and the form (`public-comment`, `notice`). */
export function senderHashOf(form: string, address: string, now: Date): string {
  return createHash('sha256')
    .update(`docket-${form}|${now.toISOString().slice(0, 10)}|${address}`)
    .digest('hex');
}

/** A filled-in hidden field refuses the submission, naming the field. */
export function checkHoneypot(value: string | undefined, what: string): void {
  if (value)
    throw new DocketError('validation_failed', `the ${what} was refused`, [
      { field: `/${HONEYPOT_FIELD}`, message: 'leave this field empty' },
    ]);
}

/**
 * At most `perHour` submissions from one sender in the window: `recent` counts theirs in it and `oldestRecentAt`,
 * the first of them, says when a place frees up, which the refusal passes on as Retry-After.
 */
export function checkSenderAllowance(input: {
  recent: number;
  oldestRecentAt?: Date | null | undefined;
  now: Date;
  perHour: number;
  what: string;
}): void {
  if (input.recent < input.perHour) return;
  const freesAt = (input.oldestRecentAt?.getTime() ?? input.now.getTime()) + SENDER_WINDOW_MS;
  throw new DocketError(
    'rate_limited',
    `at most ${input.perHour} ${input.what} an hour from one sender; try again later`,
    [],
    { retryAfterSeconds: (freesAt - input.now.getTime()) / 1000 },
  );
}
