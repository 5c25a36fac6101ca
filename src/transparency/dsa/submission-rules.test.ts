import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  batchOutcome,
  existingPuidOutcome,
  retryAfterSeconds,
  singleOutcome,
  tokenFingerprint,
  type TdbAnswer,
} from './submission-rules.js';

const now = new Date('2026-01-05T10:00:00Z');
const answer = (status: number, body: unknown, retryAfter: string | null = null): TdbAnswer => ({
  status,
  body,
  retryAfter,
});

describe('reading the database’s answer to a batch', () => {
  it('201: each statement’s uuid and permalink, by puid', () => {
    const outcome = batchOutcome(
      answer(201, {
        statements: [{ puid: 'a', uuid: 'u-a', permalink: 'https://tdb/statement/u-a' }, { uuid: 'u-b' }],
      }),
      ['a', 'b'],
      now,
    );
    expect(outcome).toEqual({
      kind: 'stored',
      stored: new Map([
        ['a', { uuid: 'u-a', permalink: 'https://tdb/statement/u-a' }],
        ['b', { uuid: 'u-b', permalink: null }],
      ]),
    });
  });

  it('201 that leaves out a statement sent: not known to be stored', () => {
    expect(batchOutcome(answer(201, { statements: [{ puid: 'a' }] }), ['a', 'b'], now).kind).toBe('unknown');
  });

  it('422 statement_<i>: the errors go to the i-th statement sent', () => {
    const errors = { category: ['The selected category is invalid.'] };
    expect(batchOutcome(answer(422, { errors: { statement_1: errors } }), ['a', 'b', 'c'], now)).toEqual({
      kind: 'refused',
      refused: new Map([['b', errors]]),
    });
  });

  it('422 existing_puids: duplicates, whatever else the errors say', () => {
    const body = { message: 'x', errors: { puid: ['x'], existing_puids: ['b'] } };
    expect(batchOutcome(answer(422, body), ['a', 'b'], now)).toEqual({ kind: 'duplicates', puids: ['b'] });
  });

  it('422 about the batch itself, and a redirect (JSON not asked for), are not understood', () => {
    expect(batchOutcome(answer(422, { errors: { statements: ['required'] } }), ['a'], now).kind).toBe('unknown');
    expect(batchOutcome(answer(302, ''), ['a'], now).kind).toBe('unknown');
  });

  it('401 and 403 refuse the token, naming what to do', () => {
    expect(batchOutcome(answer(401, { message: 'Unauthenticated.' }), ['a'], now)).toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('DOCKET_DSA_TDB_TOKEN'),
    });
    expect(batchOutcome(answer(403, '<html>'), ['a'], now).kind).toBe('unauthorized');
  });

  it('429 with Retry-After in seconds or as a date; 5xx is unknown', () => {
    expect(batchOutcome(answer(429, 'Limit Reached', '30'), ['a'], now)).toMatchObject({
      kind: 'throttled',
      retryAfterSeconds: 30,
    });
    expect(batchOutcome(answer(503, '<!DOCTYPE html>'), ['a'], now)).toMatchObject({ kind: 'unknown' });
  });
});

describe('existing-puid', () => {
  it('302 is found, 404 with the puid is absent, a 404 page is not an answer', () => {
    expect(existingPuidOutcome(answer(302, { message: 'statement of reason found', puid: 'a' }), now)).toEqual({
      kind: 'found',
    });
    expect(existingPuidOutcome(answer(404, { message: 'statement of reason not found', puid: 'a' }), now)).toEqual({
      kind: 'absent',
    });
    expect(existingPuidOutcome(answer(404, '<!DOCTYPE html>'), now).kind).toBe('unknown');
    expect(existingPuidOutcome(answer(401, { message: 'Unauthenticated.' }), now).kind).toBe('unauthorized');
  });
});

describe('waiting', () => {
  it('Retry-After: seconds, an HTTP date from now, or nothing', () => {
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds('Mon, 05 Jan 2026 10:01:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds('soon', now)).toBeNull();
    expect(retryAfterSeconds(null, now)).toBeNull();
  });

  it('doubles from 2 s with each failure in a row, up to 15 min; a Retry-After wins, within the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, null))).toEqual([2, 4, 8, 16]);
    expect(backoffSeconds(40, null)).toBe(900);
    expect(backoffSeconds(5, 7)).toBe(7);
    expect(backoffSeconds(1, 86_400)).toBe(900);
  });

  it('keeps a stop with a fingerprint of the token, never the token', () => {
    expect(tokenFingerprint('secret')).toMatch(/^[0-9a-f]{16}$/);
    expect(tokenFingerprint('secret')).not.toBe(tokenFingerprint('other'));
  });
});

describe('reading the database’s answer to one statement (POST /api/v1/statement)', () => {
  const unique = 'The identifier given is not unique within this platform.';

  it('201: the statement’s uuid and permalink; a 201 for another puid or without a uuid is not known to be stored', () => {
    expect(
      singleOutcome(answer(201, { puid: 'a', uuid: 'u-a', permalink: 'https://tdb/statement/u-a' }), 'a', now),
    ).toEqual({
      kind: 'stored',
      stored: new Map([['a', { uuid: 'u-a', permalink: 'https://tdb/statement/u-a' }]]),
    });
    expect(singleOutcome(answer(201, { puid: 'b', uuid: 'u-b' }), 'a', now).kind).toBe('unknown');
    expect(singleOutcome(answer(201, { puid: 'a' }), 'a', now).kind).toBe('unknown');
  });

  it('422 with existing.puid: already there; 422 with field errors: refused with them', () => {
    const duplicate = answer(422, { message: unique, errors: { puid: [unique] }, existing: { puid: 'a' } });
    expect(singleOutcome(duplicate, 'a', now)).toEqual({ kind: 'duplicates', puids: ['a'] });
    const refused = answer(422, { message: 'm', errors: { decision_facts: ['too long'], category: 'bad' } });
    expect(singleOutcome(refused, 'a', now)).toEqual({
      kind: 'refused',
      refused: new Map([['a', { decision_facts: ['too long'], category: ['bad'] }]]),
    });
    expect(singleOutcome(answer(422, 'not json'), 'a', now).kind).toBe('unknown');
  });

  it('401, 429 and 5xx read as for a batch', () => {
    expect(singleOutcome(answer(401, { message: 'Unauthenticated.' }), 'a', now).kind).toBe('unauthorized');
    expect(singleOutcome(answer(429, 'Limit Reached', '3'), 'a', now)).toMatchObject({
      kind: 'throttled',
      retryAfterSeconds: 3,
    });
    expect(singleOutcome(answer(503, { message: 'Service Unavailable' }), 'a', now).kind).toBe('unknown');
  });
});
