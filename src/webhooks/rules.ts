import { createHmac, timingSafeEqual } from 'node:crypto';

/** Webhook delivery rules, as pure functions. */
export interface DeliveryRules {
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_DELIVERY_RULES: DeliveryRules = {
  maxAttempts: 10,
  baseDelaySeconds: 30,
  maxDelaySeconds: 6 * 3600,
};

/** After the n-th failed attempt (n >= 1), wait base × 2^(n−1), at most the maximum: 30 s, 1 min, 2 min, … 6 h. */
export function retryDelaySeconds(failedAttempts: number, rules: DeliveryRules): number {
  return Math.min(rules.maxDelaySeconds, rules.baseDelaySeconds * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * The signature a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's
 * secret>`. Signing the timestamp with the body lets receivers refuse old replays.
 */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiving platform does: recompute and compare in constant time, and refuse stale timestamps. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHeader(secret, t, body).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2] as string, 'hex'));
}
