import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from './mastodon-admin.js';

let fake: FakeMastodon | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  fake = await startFakeMastodon(options);
  fake.addAccount({ id: '1' });
  fake.addAccount({ id: '2', domain: 'remote.example' });
  fake.addAccount({ id: '3', staff: true });
  fake.addStatus({ id: '10', accountId: '1' });
  fake.addReport({ id: '20', targetAccountId: '1', statusIds: ['10'] });
  return fake;
}

async function post(path: string, form: Record<string, string> = {}, token: string | null = 'admin-token') {
  const response = await fetch(`${fake?.url}${path}`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the fake Mastodon admin API answers as Mastodon does', () => {
  it('an account action answers {} and applies the measure, records a strike and resolves the open reports', async () => {
    const mastodon = await start();
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'suspend', report_id: '20', text: 'why' })).toEqual({
      status: 200,
      body: {},
    });
    expect(mastodon.accounts.get('1')).toMatchObject({ suspended: true, suspensionOrigin: 'local' });
    expect(mastodon.accounts.get('1')?.strikes).toEqual([{ action: 'suspend', text: 'why', reportId: '20' }]);
    expect(mastodon.reports.get('20')?.actionTaken).toBe(true);
    expect(mastodon.calls[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/admin/accounts/1/action',
      token: 'admin-token',
      contentType: 'application/x-www-form-urlencoded',
      params: { type: 'suspend', report_id: '20', text: 'why' },
      status: 200,
    });
  });

  it('refuses a missing or unknown type with 422 and changes nothing', async () => {
    const mastodon = await start();
    expect(await post('/api/v1/admin/accounts/1/action', {})).toEqual({
      status: 422,
      body: { error: "Validation failed: Type can't be blank, Type is not included in the list" },
    });
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'ban' })).toEqual({
      status: 422,
      body: { error: 'Validation failed: Type is not included in the list' },
    });
    expect(mastodon.accounts.get('1')?.strikes).toEqual([]);
  });

  it('answers 404 "Record not found" for an unknown account or report, and rolls the action back', async () => {
    const mastodon = await start();
    expect(await post('/api/v1/admin/accounts/99/action', { type: 'silence' })).toEqual({
      status: 404,
      body: { error: 'Record not found' },
    });
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'silence', report_id: '99' })).toEqual({
      status: 404,
      body: { error: 'Record not found' },
    });
    expect(mastodon.accounts.get('1')?.silenced).toBe(false);
  });

  it('answers 403 with no token or one it does not know, 401 for a revoked one, 403 for a missing scope', async () => {
    await start({ revokedTokens: ['old'] });
    const notAllowed = { status: 403, body: { error: 'This action is not allowed' } };
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'none' }, null)).toEqual(notAllowed);
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'none' }, 'unknown')).toEqual(notAllowed);
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'none' }, 'old')).toEqual({
      status: 401,
      body: { error: 'The access token was revoked' },
    });
    await fake?.close();
    await start({ scopes: ['admin:read'] });
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'none' })).toEqual({
      status: 403,
      body: { error: 'This action is outside the authorized scopes' },
    });
  });

  it("refuses measures on a staff account with 403, as Mastodon's policy does", async () => {
    await start();
    expect((await post('/api/v1/admin/accounts/3/action', { type: 'silence' })).status).toBe(403);
  });

  it('lifts measures and answers the account; enable is for local accounts, unsuspend for local suspensions', async () => {
    const mastodon = await start();
    await post('/api/v1/admin/accounts/1/action', { type: 'silence' });
    const lifted = await post('/api/v1/admin/accounts/1/unsilence');
    expect(lifted).toMatchObject({ status: 200, body: { id: '1', silenced: false } });
    expect((await post('/api/v1/admin/accounts/2/enable')).status).toBe(403);
    expect((await post('/api/v1/admin/accounts/1/unsuspend')).status).toBe(403);
    await post('/api/v1/admin/accounts/2/action', { type: 'suspend' });
    expect(await post('/api/v1/admin/accounts/2/unsuspend')).toMatchObject({ status: 200, body: { suspended: false } });
    expect(mastodon.accounts.get('2')?.suspended).toBe(false);
  });

  it('resolves a report and answers it', async () => {
    await start();
    expect(await post('/api/v1/admin/reports/20/resolve')).toMatchObject({
      status: 200,
      body: { id: '20', action_taken: true },
    });
  });

  it('deletes a post or marks it sensitive through the admin status action, which records a strike', async () => {
    const mastodon = await start();
    expect(await post('/api/v1/admin/statuses/10/action', { type: 'sensitive' })).toEqual({ status: 200, body: {} });
    expect(mastodon.statuses.get('10')?.sensitive).toBe(true);
    expect(await post('/api/v1/admin/statuses/10/action', { type: 'delete', report_id: '20' })).toEqual({
      status: 200,
      body: {},
    });
    expect(mastodon.statuses.get('10')?.deleted).toBe(true);
    expect(mastodon.reports.get('20')?.actionTaken).toBe(true);
    expect(mastodon.accounts.get('1')?.strikes.map((s) => s.action)).toEqual([
      'mark_statuses_as_sensitive',
      'delete_statuses',
    ]);
    expect(await post('/api/v1/admin/statuses/10/action', { type: 'delete' })).toEqual({
      status: 404,
      body: { error: 'Record not found' },
    });
  });

  it('as an older instance, has no admin status API: 404 "Not Found" from its router', async () => {
    const mastodon = await start({ statusActions: false });
    expect(await post('/api/v1/admin/statuses/10/action', { type: 'delete' })).toEqual({
      status: 404,
      body: { error: 'Not Found' },
    });
    expect(mastodon.statuses.get('10')?.deleted).toBe(false);
  });

  it('fails the first calls with 503 when asked to, changing nothing, then answers', async () => {
    const mastodon = await start({ failFirst: 2 });
    const unavailable = {
      status: 503,
      body: { error: 'There was a temporary problem serving your request, please try again' },
    };
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'silence' })).toEqual(unavailable);
    expect(await post('/api/v1/admin/accounts/1/action', { type: 'silence' })).toEqual(unavailable);
    expect(mastodon.accounts.get('1')?.silenced).toBe(false);
    expect((await post('/api/v1/admin/accounts/1/action', { type: 'silence' })).status).toBe(200);
    mastodon.failNext(1);
    expect((await post('/api/v1/admin/reports/20/resolve')).status).toBe(503);
    expect(mastodon.calls.map((c) => c.status)).toEqual([503, 503, 200, 503]);
  });

  it('reads a JSON body too, as Rails does', async () => {
    const mastodon = await start();
    const response = await fetch(`${mastodon.url}/api/v1/admin/accounts/1/action`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'sensitive' }),
    });
    expect(response.status).toBe(200);
    expect(mastodon.accounts.get('1')?.sensitized).toBe(true);
  });
});
