import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_RULES as rules, retryDelaySeconds, signatureHeader, verifySignature } from './rules.js';

describe('webhook retries', () => {
  it('back off exponentially from 30 seconds up to 6 hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, rules))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20, rules)).toBe(6 * 3600);
  });
});

describe('webhook signatures', () => {
  const body = '{"type":"decision.taken"}';
  it('are HMAC-SHA256 over timestamp and body', () => {
    expect(signatureHeader('s3cret', 1_700_000_000, body)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });
  it('verify with the right secret, and fail with a wrong one, a changed body or a stale timestamp', () => {
    const header = signatureHeader('s3cret', 1_700_000_000, body);
    expect(verifySignature('s3cret', header, body, 1_700_000_010)).toBe(true);
    expect(verifySignature('other', header, body, 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', header, `${body} `, 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', header, body, 1_700_001_000)).toBe(false);
  });
});
