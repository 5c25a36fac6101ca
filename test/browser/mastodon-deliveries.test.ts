import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionView } from '../../src/access/contract.js';
import { demoPassword } from '../../src/demo/seed.js';
import type { MastodonWebhookAnswer } from '../../src/mastodon/contract.js';
import type { Delivery, DeliveryList } from '../../src/webhooks/contract.js';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon-admin.js';
import { reportCreated, signed } from '../mastodon-payloads.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

const SECRET = 'the webhook secret of upstream';
const TOKEN = 'mastodon-admin-token-upstream';
/** The documentation's report: report 8437 on a remote account and one of its posts. */
const REPORT = '8437';
const ACCOUNT = '123454321';
const STATUS = '12345678987654321';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** Signs a demo user in through the API, as the console does, and returns a caller with their session. */
async function apiAs(rig: BrowserRig, username: string): Promise<Call> {
  const login = await fetch(`${rig.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword(username) }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as SessionView;
  return async (method, path, body) => {
    const answer = await fetch(`${rig.baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken ?? '',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

describeInBrowser("the admin's view of what Docket sent a Mastodon instance", () => {
  let rig: BrowserRig;
  let upstream: FakeMastodon;
  beforeAll(async () => {
    rig = await openBrowserRig();
    // Upstream Mastodon: it has no admin API for one post.
    upstream = await startFakeMastodon({ token: TOKEN, statusActions: false });
    upstream.addAccount({ id: ACCOUNT, username: 'cheeseperson', domain: 'someothermastodonsite.com' });
  });
  afterAll(async () => {
    await rig?.close();
    await upstream?.close();
  });

  it('lists the calls in words: the account action delivered, the removal upstream cannot do as failed, and why', async () => {
    const admin = await apiAs(rig, 'admin');
    const connected = await admin('PUT', '/api/connectors/mastodon/upstream', {
      baseUrl: upstream.url,
      accessToken: TOKEN,
      webhookSecret: SECRET,
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(200);

    const moderator = await apiAs(rig, 'moderator');
    /** The documentation's report.created arrives, signed as Mastodon signs it, and a moderator decides its post. */
    const reportAndDecide = async (reportId: string, statusId: string, decision: Record<string, unknown>) => {
      upstream.addStatus({ id: statusId, accountId: ACCOUNT });
      upstream.addReport({ id: reportId, targetAccountId: ACCOUNT });
      const payload = reportCreated();
      payload.object.id = reportId;
      (payload.object.statuses as { id: string }[])[0]!.id = statusId;
      const { body, signature } = signed(payload, SECRET);
      const received = await fetch(`${rig.baseUrl}/api/connectors/mastodon/upstream/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
        body,
      });
      expect(received.status).toBe(201);
      const { caseIds } = (await received.json()) as MastodonWebhookAnswer;
      let postCase = '';
      for (const id of caseIds) {
        const got = await moderator('GET', `/api/cases/${id}`);
        if ((got.body as { subject: { kind: string } }).subject.kind === 'content') postCase = id;
      }
      expect(postCase).not.toBe('');
      expect((await moderator('POST', `/api/cases/${postCase}/claim`)).status).toBeLessThan(300);
      const decided = await moderator('POST', `/api/cases/${postCase}/decision`, {
        policyId: 'bullying-harassment',
        sectionId: 'targeted-harassment',
        facts: 'The post names a neighbour and tells others to go to her house.',
        ...decision,
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    };
    // The post removed and its author suspended for a week; then another post of theirs given less reach.
    await reportAndDecide(REPORT, STATUS, { outcome: 'remove', accountAction: { kind: 'suspend_account', days: 7 } });
    await reportAndDecide('8438', '12345678987654322', { outcome: 'restrict_visibility' });

    // The outbox runs in the test's server process: its sender is called here, as `docket serve` calls it.
    await rig.docket.webhooks.deliverDue();
    const logged = async () =>
      ((await admin('GET', '/api/webhooks/deliveries?platform=upstream')).body as DeliveryList).deliveries;
    await expect
      .poll(async () => (await logged()).map((d: Delivery) => [d.type, d.state]))
      .toEqual(
        expect.arrayContaining([
          ['mastodon.status.action', 'failed'],
          ['mastodon.account.action', 'delivered'],
          ['mastodon.not_possible', 'not_sent'],
        ]),
      );
    expect(upstream.statuses.get(STATUS)?.deleted).toBe(false);
    expect(upstream.accounts.get(ACCOUNT)).toMatchObject({ suspended: true });

    const page = await signIn(rig, 'admin');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();
    const table = page.getByRole('table', { name: 'Webhook deliveries' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'upstream', exact: true }) });
    const shown = async () =>
      Promise.all((await rows.all()).map(async (row) => (await row.getByRole('cell').allInnerTexts()).slice(1)));
    await expect.poll(shown).toEqual(
      expect.arrayContaining([
        [
          'upstream',
          'account action "suspend" (suspend_account) (mastodon.account.action)',
          '1',
          expect.stringMatching(/^200 in \d+ ms$/),
          'delivered',
        ],
        [
          'upstream',
          'remove the post (mastodon.status.action)',
          '1',
          expect.stringMatching(
            /^404 \(.*no admin status action .*: the post was not removed, and the report stays open\)/,
          ),
          'failed',
        ],
        [
          'upstream',
          'what Mastodon cannot do of the decision (mastodon.not_possible)',
          'none',
          expect.stringMatching(/cannot lower one post's reach/),
          'not sent',
        ],
      ]),
    );
    await page.getByRole('heading', { name: 'Deliveries: webhooks and connector calls' }).waitFor();
    await table.screenshot({ path: 'test-results/console-admin-mastodon-deliveries.png' });
    await page.close();
  });
});
