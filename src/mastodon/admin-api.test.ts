import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from '../../test/fakes/mastodon-admin.js';
import { planDecision, type MastodonCall } from './actions.js';
import {
  classify,
  createMastodonAdminClient,
  instanceBase,
  retryAfterSeconds,
  worthRetrying,
  type CallResult,
} from './admin-api.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const call = (path: string, params: Record<string, string> = {}): MastodonCall => ({
  method: 'POST',
  path,
  params,
  purpose: 'test',
});
const WHAT = 'POST /api/v1/admin/accounts/1/action';
const kindOf = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  classify(status, JSON.stringify(body), new Headers(headers), NOW, WHAT).kind;

describe("classifying Mastodon's answers", () => {
  it('2xx is done, with the answer', () => {
    expect(classify(200, '{}', new Headers(), NOW, WHAT)).toEqual({ kind: 'done', status: 200, body: {} });
  });
  it("401 and 403 are the connector's configuration: the token, its scopes or its user's permissions", () => {
    expect(kindOf(401, { error: 'The access token is invalid' })).toBe('config');
    expect(kindOf(403, { error: 'This action is not allowed' })).toBe('config');
    const scopes = classify(403, '{"error":"This action is outside the authorized scopes"}', new Headers(), NOW, WHAT);
    expect(scopes).toMatchObject({ kind: 'config', message: expect.stringMatching(/needs admin:write/) });
  });
  it('404 "Record not found" is a record gone; 404 "Not Found" (or not JSON) is an endpoint the instance lacks', () => {
    expect(kindOf(404, { error: 'Record not found' })).toBe('not_found');
    expect(kindOf(404, { error: 'Not Found' })).toBe('missing_endpoint');
    expect(classify(404, '<html>nginx</html>', new Headers(), NOW, WHAT).kind).toBe('missing_endpoint');
  });
  it('400 and 422 are refusals of the call as made', () => {
    expect(kindOf(422, { error: 'Validation failed: Type is not included in the list' })).toBe('refused');
    expect(kindOf(400, { error: 'param is missing or the value is empty: type' })).toBe('refused');
  });
  it('408, 429 and 5xx are retried, after the rate limit resets when Mastodon says when', () => {
    expect(kindOf(503, { error: 'Service Unavailable' })).toBe('retry');
    expect(kindOf(500, null)).toBe('retry');
    expect(kindOf(408, null)).toBe('retry');
    const limited = classify(
      429,
      '{"error":"Too many requests"}',
      new Headers({ 'x-ratelimit-reset': '2026-12-01T12:05:00.000Z' }),
      NOW,
      WHAT,
    );
    expect(limited).toMatchObject({ kind: 'retry', status: 429, retryAfterSeconds: 300 });
    expect(retryAfterSeconds(new Headers({ 'retry-after': '7' }), NOW)).toBe(7);
    expect(retryAfterSeconds(new Headers(), NOW)).toBeNull();
  });
  it('a redirect is a wrong base URL: fetch would turn the POST into a GET', () => {
    expect(kindOf(301, null, { location: 'https://elsewhere.example/' })).toBe('config');
  });
  it('only failures that may pass, or that the admin can fix, are retried', () => {
    const results: CallResult[] = [
      { kind: 'done', status: 200, body: {} },
      { kind: 'config', status: 401, message: '' },
      { kind: 'not_found', status: 404, message: '' },
      { kind: 'missing_endpoint', status: 404, message: '' },
      { kind: 'refused', status: 422, message: '' },
      { kind: 'retry', status: 503, message: '', retryAfterSeconds: null },
    ];
    expect(results.filter(worthRetrying).map((r) => r.kind)).toEqual(['config', 'retry']);
  });
  it('takes an http(s) base URL, without its trailing slash', () => {
    expect(instanceBase('https://mastodon.example/')).toBe('https://mastodon.example');
    expect(() => instanceBase('ftp://mastodon.example')).toThrow(/not an http\(s\) URL/);
    expect(() => instanceBase('https://mastodon.example/?x=1')).toThrow(/query or fragment/);
  });
});

describe('the client, against a fake Mastodon on loopback', () => {
  let fake: FakeMastodon | null = null;
  let other: Server | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
    if (other) {
      other.closeAllConnections();
      await new Promise((done) => other?.close(done));
      other = null;
    }
  });

  async function mastodon(options: FakeMastodonOptions = {}) {
    fake = await startFakeMastodon(options);
    fake.addAccount({ id: '109' });
    fake.addAccount({ id: '110', domain: 'remote.example' });
    fake.addStatus({ id: '200', accountId: '109' });
    fake.addReport({ id: '300', targetAccountId: '109', statusIds: ['200'] });
    return { fake, client: createMastodonAdminClient({ baseUrl: `${fake.url}/`, accessToken: 'admin-token' }) };
  }

  it("sends a moderator's suspension as Mastodon's form: Bearer token, type=suspend, the report and the text", async () => {
    const { fake, client } = await mastodon();
    const plan = planDecision({
      outcome: 'no_violation',
      warningScreen: false,
      measures: [{ kind: 'suspend_account', endsAt: null }],
      summary: 'Your account is suspended under Harassment.',
      target: { statusId: null, accountId: '109', accountIsLocal: true, reportId: '300' },
    });
    const results = [];
    for (const planned of plan.calls) results.push(await client.send(planned));
    expect(results).toEqual([{ kind: 'done', status: 200, body: {} }]);
    expect(fake.calls).toEqual([
      {
        method: 'POST',
        path: '/api/v1/admin/accounts/109/action',
        token: 'admin-token',
        contentType: 'application/x-www-form-urlencoded',
        params: {
          type: 'suspend',
          report_id: '300',
          text: 'Your account is suspended under Harassment.',
          send_email_notification: 'true',
        },
        status: 200,
        answer: {},
      },
    ]);
    expect(fake.accounts.get('109')?.suspended).toBe(true);
    expect(fake.reports.get('300')?.actionTaken).toBe(true);
  });

  it('removes a post where the instance has the admin status action', async () => {
    const { fake, client } = await mastodon();
    const [remove] = planDecision({
      outcome: 'remove',
      warningScreen: false,
      measures: [{ kind: 'strike', endsAt: null }],
      summary: 'Removed.',
      target: { statusId: '200', accountId: '109', accountIsLocal: true, reportId: '300' },
    }).calls;
    expect(await client.send(remove as MastodonCall)).toMatchObject({ kind: 'done' });
    expect(fake.statuses.get('200')?.deleted).toBe(true);
  });

  it('says plainly that an older instance cannot remove a post, and does not retry', async () => {
    const { fake, client } = await mastodon({ statusActions: false });
    const result = await client.send(call('/api/v1/admin/statuses/200/action', { type: 'delete' }));
    expect(result).toMatchObject({ kind: 'missing_endpoint', status: 404 });
    expect(worthRetrying(result)).toBe(false);
    expect(fake.statuses.get('200')?.deleted).toBe(false);
  });

  it('classifies a wrong token, an unknown record and a refused type', async () => {
    const { fake } = await mastodon({ revokedTokens: ['revoked'] });
    const revoked = createMastodonAdminClient({ baseUrl: fake.url, accessToken: 'revoked' });
    expect(await revoked.send(call('/api/v1/admin/accounts/109/action', { type: 'none' }))).toMatchObject({
      kind: 'config',
      status: 401,
    });
    const unknown = createMastodonAdminClient({ baseUrl: fake.url, accessToken: 'not-a-token' });
    expect(await unknown.send(call('/api/v1/admin/accounts/109/action', { type: 'none' }))).toMatchObject({
      kind: 'config',
      status: 403,
    });
    const client = createMastodonAdminClient({ baseUrl: fake.url, accessToken: 'admin-token' });
    expect(await client.send(call('/api/v1/admin/accounts/999/action', { type: 'none' }))).toMatchObject({
      kind: 'not_found',
    });
    expect(await client.send(call('/api/v1/admin/accounts/109/action', { type: 'ban' }))).toMatchObject({
      kind: 'refused',
      status: 422,
      message: expect.stringContaining('Type is not included in the list'),
    });
    expect(fake.calls.map((c) => c.status)).toEqual([401, 403, 404, 422]);
  });

  it('retries through 503s: the call succeeds once Mastodon answers again', async () => {
    const { fake, client } = await mastodon({ failFirst: 2 });
    const suspend = call('/api/v1/admin/accounts/109/action', { type: 'suspend' });
    const first = await client.send(suspend);
    expect(first).toMatchObject({ kind: 'retry', status: 503 });
    expect(worthRetrying(first)).toBe(true);
    expect((await client.send(suspend)).kind).toBe('retry');
    expect((await client.send(suspend)).kind).toBe('done');
    expect(fake.accounts.get('109')?.suspended).toBe(true);
  });

  it('gives up on a silent instance after the timeout, and on one that is down, to retry later', async () => {
    other = createServer(() => undefined);
    await new Promise<void>((done) => other?.listen(0, '127.0.0.1', done));
    const { port } = other.address() as AddressInfo;
    const silent = createMastodonAdminClient({ baseUrl: `http://127.0.0.1:${port}`, accessToken: 't', timeoutMs: 200 });
    expect(await silent.send(call('/api/v1/admin/reports/1/resolve'))).toMatchObject({
      kind: 'retry',
      status: null,
      message: expect.stringMatching(/no answer .* within 0.2 s/),
    });
    const { fake: stopped } = await mastodon();
    await stopped.close();
    fake = null;
    const down = createMastodonAdminClient({ baseUrl: stopped.url, accessToken: 't' });
    expect(await down.send(call('/api/v1/admin/reports/1/resolve'))).toMatchObject({
      kind: 'retry',
      message: expect.stringMatching(/could not reach .*ECONNREFUSED/),
    });
  });
});
