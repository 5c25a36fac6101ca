import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MastodonWebhookAnswer } from '../src/mastodon/contract.js';
import type { AppealDecision, AppealReceipt, DecisionResult } from '../src/moderation/contract.js';
import type { Delivery, DeliveryList } from '../src/webhooks/contract.js';
import { startFakeMastodon, type FakeMastodon } from './fakes/mastodon-admin.js';
import type { Client } from './http.js';
import { reportCreated, signed } from './mastodon-payloads.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const SECRET = 'the webhook secret of social';
const TOKEN = 'mastodon-admin-token-xyz';
/** The documentation's report: report 8437 on a remote account and one of its posts. */
const REPORT = '8437';
const ACCOUNT = '123454321';
const STATUS = '12345678987654321';

describeEachStore('Mastodon connector: decisions out', (kind) => {
  let rig: ModerationRig;
  let admin: Client;
  let social: FakeMastodon;
  let upstream: FakeMastodon;
  let socialToken: string;

  /** Posts the documentation's report.created to a platform's webhook, signed as Mastodon signs it. */
  const deliverReport = async (platform: string, reportId = REPORT, statusId = STATUS) => {
    const payload = reportCreated();
    payload.object.id = reportId;
    (payload.object.statuses as { id: string }[])[0]!.id = statusId;
    const { body, signature } = signed(payload, SECRET);
    const answer = await rig.app.inject({
      method: 'POST',
      url: `/api/connectors/mastodon/${platform}/webhook`,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json<MastodonWebhookAnswer>().caseIds;
  };

  /** The case of the reported post, among the report's cases. */
  const postCase = async (caseIds: string[]) => {
    for (const id of caseIds) {
      const got = await rig.moderator.request('GET', `/api/cases/${id}`);
      expect(got.statusCode, got.body).toBe(200);
      const view = got.json<{ subject: { kind: string } }>();
      if (view.subject.kind === 'content') return id;
    }
    throw new Error('no case of the reported post');
  };

  const decide = async (caseId: string, body: Record<string, unknown>) => {
    await rig.moderator.request('POST', `/api/cases/${caseId}/claim`);
    const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'bullying-harassment',
      sectionId: 'targeted-harassment',
      facts: 'The post names a neighbour and tells others to go to her house.',
      ...body,
    });
    expect(decided.statusCode, decided.body).toBe(201);
    return decided.json<DecisionResult>();
  };

  const log = async (platform: string): Promise<Delivery[]> =>
    (await admin.request('GET', `/api/webhooks/deliveries?platform=${platform}`)).json<DeliveryList>().deliveries;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin'],
      password: 'admin password 1',
    });
    admin = await rig.signIn('root', 'admin password 1');
    socialToken = (
      await rig.docket.access.createToken('system:test', { name: 'Social', kind: 'integration', platform: 'social' })
    ).token;
    social = await startFakeMastodon({ token: TOKEN });
    // Upstream Mastodon: no admin API for one post.
    upstream = await startFakeMastodon({ token: TOKEN, statusActions: false });
    for (const fake of [social, upstream]) {
      fake.addAccount({ id: ACCOUNT, username: 'cheeseperson', domain: 'someothermastodonsite.com' });
      fake.addStatus({ id: STATUS, accountId: ACCOUNT });
      fake.addReport({ id: REPORT, targetAccountId: ACCOUNT });
    }
    for (const [platform, fake] of [
      ['social', social],
      ['upstream', upstream],
    ] as const) {
      const set = await admin.request('PUT', `/api/connectors/mastodon/${platform}`, {
        baseUrl: fake.url,
        accessToken: TOKEN,
        webhookSecret: SECRET,
      });
      expect(set.statusCode, set.body).toBe(200);
    }
  });
  afterAll(async () => {
    await rig.close();
    await social.close();
    await upstream.close();
  });

  let decisionId = '';
  let accountCase = '';

  it("carries a moderator's suspension out on the instance: the post deleted, the account suspended, with the report", async () => {
    const caseIds = await deliverReport('social');
    const caseId = await postCase(caseIds);
    accountCase = caseIds.find((id) => id !== caseId) ?? '';
    const decided = await decide(caseId, { outcome: 'remove', accountAction: { kind: 'suspend_account', days: 7 } });
    decisionId = decided.decisionId;
    expect(social.calls).toHaveLength(0); // nothing is sent inside the decision's transaction

    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 2, retrying: 0, failed: 0, notSent: 0 });
    const sent = social.calls.map((c) => [c.method, c.path, c.params.type, c.params.report_id, c.token]);
    expect(sent).toEqual([
      ['POST', `/api/v1/admin/statuses/${STATUS}/action`, 'delete', REPORT, TOKEN],
      ['POST', `/api/v1/admin/accounts/${ACCOUNT}/action`, 'suspend', REPORT, TOKEN],
    ]);
    expect(social.calls[1]?.params.text).toMatch(/\S/); // the statement of reasons' summary
    expect(social.accounts.get(ACCOUNT)).toMatchObject({ suspended: true });
    expect(social.statuses.get(STATUS)).toMatchObject({ deleted: true });
    expect(social.reports.get(REPORT)?.actionTaken).toBe(true);

    // The delivery log says what went, in words.
    const entries = await log('social');
    expect(entries.map((d) => [d.transport, d.type, d.state, d.purpose])).toEqual(
      expect.arrayContaining([
        ['mastodon', 'mastodon.status.action', 'delivered', 'remove the post'],
        ['mastodon', 'mastodon.account.action', 'delivered', 'account action "suspend" (suspend_account)'],
      ]),
    );

    // The suspension's end is lifted when it comes, not before.
    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0, notSent: 0 });
  });

  it('undoes it when an appeal reverses the decision: the pending lift is withdrawn and the account unsuspended now', async () => {
    const appeal = await rig.app.inject({
      method: 'POST',
      url: '/api/appeals',
      payload: { decisionId, appellant: 'affected_user', statement: 'I only said where the meeting is.' },
      headers: { authorization: `Bearer ${socialToken}` },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const { appealId } = appeal.json<AppealReceipt>();
    const decided = await rig.moderator2.request('POST', `/api/appeals/${appealId}/decision`, {
      result: 'reversed',
      reason: 'The post gives the address of a public meeting, not of a person.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json<AppealDecision>().result).toBe('reversed');

    social.calls.length = 0;
    expect((await rig.docket.webhooks.deliverDue()).failed).toBe(0);
    expect(social.calls.map((c) => c.path)).toContain(`/api/v1/admin/accounts/${ACCOUNT}/unsuspend`);
    expect(social.accounts.get(ACCOUNT)).toMatchObject({ suspended: false });
    const entries = await log('social');
    const errors = entries.filter((d) => d.state === 'not_sent').map((d) => d.error ?? '');
    expect(errors.some((e) => e.startsWith('withdrawn: the decision was reversed'))).toBe(true);
    expect(errors.some((e) => e.includes('deleted on Mastodon and cannot be restored'))).toBe(true);
  });

  it('keeps a call while the instance is down, retried and visible, until it answers', async () => {
    social.addReport({ id: '8438', targetAccountId: ACCOUNT });
    social.addStatus({ id: '12345678987654322', accountId: ACCOUNT });
    const caseId = await postCase(await deliverReport('social', '8438', '12345678987654322'));
    social.calls.length = 0;
    social.failNext(1);
    await decide(caseId, { outcome: 'warning_screen' });
    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0, notSent: 0 });
    const retrying = (await log('social')).find((d) => d.state === 'retrying');
    expect(retrying).toMatchObject({ transport: 'mastodon', status: 503, type: 'mastodon.status.action' });
    expect(retrying?.nextAttemptAt).not.toBeNull();
    rig.clock.advance(60_000);
    expect((await rig.docket.webhooks.deliverDue()).delivered).toBe(1);
    expect(social.calls.at(-1)).toMatchObject({ path: '/api/v1/admin/statuses/12345678987654322/action' });
    expect(social.calls.at(-1)?.params.type).toBe('sensitive');
    // What Mastodon cannot do of it is in the log too, as not sent, never as done.
    const notPossible = (await log('social')).filter((d) => d.type === 'mastodon.not_possible');
    expect(notPossible.map((d) => d.error).join('\n')).toMatch(/marks only posts with media or a link preview/);
    expect(notPossible.every((d) => d.attempt === 0 && d.state === 'not_sent')).toBe(true);
  });

  it('says so when upstream Mastodon has no admin action for one post, and pretends nothing', async () => {
    const caseId = await postCase(await deliverReport('upstream'));
    await decide(caseId, { outcome: 'remove' });
    const tally = await rig.docket.webhooks.deliverDue();
    expect(tally.failed).toBe(1);
    expect(upstream.statuses.get(STATUS)?.deleted).toBe(false);
    const failed = (await log('upstream')).find((d) => d.state === 'failed');
    expect(failed?.status).toBe(404);
    expect(failed?.error).toMatch(/no admin status action .* the post was not removed/);
  });

  it('does not lift a measure at its end while another decision in force still holds it', async () => {
    social.addReport({ id: '8439', targetAccountId: ACCOUNT });
    social.addStatus({ id: '12345678987654323', accountId: ACCOUNT });
    const caseId = await postCase(await deliverReport('social', '8439', '12345678987654323'));
    await decide(caseId, { outcome: 'remove', accountAction: { kind: 'suspend_account', days: 7 } });
    // Meanwhile the account itself is suspended for 30 days, on the first report's account case.
    await decide(accountCase, { outcome: 'remove', accountAction: { kind: 'suspend_account', days: 30 } });
    await rig.docket.webhooks.deliverDue();
    expect(social.accounts.get(ACCOUNT)).toMatchObject({ suspended: true });

    social.calls.length = 0;
    rig.clock.advance(8 * 24 * 3600 * 1000);
    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0, notSent: 1 });
    expect(social.calls).toHaveLength(0);
    expect(social.accounts.get(ACCOUNT)).toMatchObject({ suspended: true });
    const held = (await rig.docket.webhooks.deliveries('social', 50)).find(
      (d) => d.type === 'mastodon.account.unsuspend',
    );
    expect(held).toMatchObject({ state: 'not_sent', attempt: 0, transport: 'mastodon' });
    expect(held?.error).toMatch(/still under "suspend" by another decision in force/);
  });
});
