import { describe, expect, it } from 'vitest';
import { planDecision, type MastodonCall } from './actions.js';
import type { CallResult } from './admin-api.js';
import { attemptOf, decisionOf, type DecisionTaken } from './delivery.js';
import { isLocalAcct } from './rules.js';

const taken: DecisionTaken = {
  strikeId: 'strike-1',
  restrictions: [{ kind: 'suspend_account', endsAt: '2026-12-08T12:00:00.000Z' }],
  subject: { externalId: '111', kind: 'content' },
  accountRef: '222',
  outcome: 'remove',
  notice: { statement: { summary: 'Removed, and the account suspended for 7 days.' } },
};
const facts = { reportId: '333', accountIsLocal: true, warningScreen: false };

describe('reading a decision.taken message for Mastodon', () => {
  it('a content subject is the status; its author the account; the strike and restrictions are the measures', () => {
    expect(decisionOf(taken, facts)).toEqual({
      outcome: 'remove',
      warningScreen: false,
      measures: [
        { kind: 'strike', endsAt: null },
        { kind: 'suspend_account', endsAt: '2026-12-08T12:00:00.000Z' },
      ],
      summary: 'Removed, and the account suspended for 7 days.',
      target: { statusId: '111', accountId: '222', accountIsLocal: true, reportId: '333' },
    });
  });

  it('an account subject is the account itself', () => {
    const decision = decisionOf(
      { ...taken, subject: { externalId: '222', kind: 'account' }, accountRef: '222' },
      facts,
    );
    expect(decision.target).toMatchObject({ statusId: null, accountId: '222' });
  });

  it('a measure the table does not know stops the plan, so nothing is sent half-understood', () => {
    expect(() => decisionOf({ ...taken, restrictions: [{ kind: 'shadow_ban', endsAt: null }] }, facts)).toThrow(
      /no Mastodon mapping for the measure\(s\) shadow_ban/,
    );
  });

  it('an acct with a domain is a remote account', () => {
    expect(isLocalAcct('alice')).toBe(true);
    expect(isLocalAcct('bob@remote.example')).toBe(false);
  });

  it('the message becomes the calls: delete the post, suspend the author with the report, lift at the end', () => {
    expect(planDecision(decisionOf(taken, facts)).calls.map((c) => [c.path, c.params.type, c.notBefore])).toEqual([
      ['/api/v1/admin/statuses/111/action', 'delete', undefined],
      ['/api/v1/admin/accounts/222/action', 'suspend', undefined],
      ['/api/v1/admin/accounts/222/unsuspend', undefined, '2026-12-08T12:00:00.000Z'],
    ]);
  });
});

describe("an attempt's outcome in the outbox", () => {
  const call: MastodonCall = {
    method: 'POST',
    path: '/api/v1/admin/statuses/111/action',
    params: { type: 'delete' },
    purpose: 'remove the post',
    ifMissing: 'this instance has no admin status action: the post was not removed',
  };
  const rules = { maxAttempts: 10, backoffSeconds: 30 };
  const at = (result: CallResult, attempt = 1) => attemptOf(result, call, attempt, rules);

  it('done is delivered', () => {
    expect(at({ kind: 'done', status: 200, body: {} })).toEqual({
      outcome: 'delivered',
      status: 200,
      error: null,
      retryInSeconds: null,
    });
  });
  it('a missing endpoint fails at once, and the log says what is left undone', () => {
    expect(at({ kind: 'missing_endpoint', status: 404, message: 'no route' })).toEqual({
      outcome: 'failed',
      status: 404,
      error: 'this instance has no admin status action: the post was not removed',
      retryInSeconds: null,
    });
  });
  it('a record gone or a refused call fails at once', () => {
    expect(at({ kind: 'not_found', status: 404, message: 'gone' }).outcome).toBe('failed');
    expect(at({ kind: 'refused', status: 422, message: 'no' }).outcome).toBe('failed');
  });
  it("5xx and the token's problems are retried with backoff, at least as long as the rate limit asks", () => {
    expect(at({ kind: 'retry', status: 503, message: 'down', retryAfterSeconds: null })).toMatchObject({
      outcome: 'retrying',
      retryInSeconds: 30,
    });
    expect(at({ kind: 'retry', status: 429, message: 'slow down', retryAfterSeconds: 300 }).retryInSeconds).toBe(300);
    expect(at({ kind: 'config', status: 401, message: 'bad token' }).outcome).toBe('retrying');
  });
  it('gives up when the attempts run out, and says so', () => {
    expect(at({ kind: 'retry', status: 503, message: 'down', retryAfterSeconds: null }, 10)).toMatchObject({
      outcome: 'failed',
      error: 'down (gave up after 10 attempts)',
    });
  });
});
