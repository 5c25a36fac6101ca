import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MastodonConnector, MastodonWebhookAnswer } from '../src/mastodon/contract.js';
import type { CaseView, QueuePage } from '../src/moderation/contract.js';
import { problemOf, type Client } from './http.js';
import {
  accountUpdated,
  anotherStatus,
  reportChanged,
  reportCreated,
  reportReopened,
  reportResolved,
  signed,
  statusCreated,
} from './mastodon-payloads.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const SECRET = 'the webhook secret of social';
const TOKEN = 'mastodon-admin-token-xyz';
const HOOK = '/api/connectors/mastodon/social/webhook';

describeEachStore('Mastodon connector: reports in', (kind) => {
  let rig: ModerationRig;
  let admin: Client;

  /** Posts as Mastodon's delivery worker does: the JSON body and its X-Hub-Signature. */
  const deliver = (payload: unknown, options: { secret?: string; signature?: string | null; url?: string } = {}) => {
    const { body, signature } = signed(payload, options.secret ?? SECRET);
    const sent = options.signature === undefined ? signature : options.signature;
    return rig.app.inject({
      method: 'POST',
      url: options.url ?? HOOK,
      payload: body,
      headers: { 'content-type': 'application/json', ...(sent === null ? {} : { 'x-hub-signature': sent }) },
    });
  };

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin'],
      password: 'admin password 1',
    });
    admin = await rig.signIn('root', 'admin password 1');
  });
  afterAll(async () => rig.close());

  it('lets only an admin connect an instance, and never shows its secrets again', async () => {
    const body = { baseUrl: 'https://mastodonwebsite/', accessToken: TOKEN, webhookSecret: SECRET };
    expect(problemOf(await rig.moderator.request('PUT', '/api/connectors/mastodon/social', body)).code).toBe(
      'forbidden',
    );
    expect(
      problemOf(await admin.request('PUT', '/api/connectors/mastodon/social', { ...body, webhookSecret: 'short' }))
        .code,
    ).toBe('validation_failed');
    const set = await admin.request('PUT', '/api/connectors/mastodon/social', body);
    expect(set.statusCode).toBe(200);
    expect(set.json<MastodonConnector>()).toMatchObject({
      platform: 'social',
      baseUrl: 'https://mastodonwebsite',
      policyMap: {},
      webhookPath: HOOK,
      hasAccessToken: true,
      hasWebhookSecret: true,
    });
    const shown = await admin.request('GET', '/api/connectors/mastodon/social');
    expect(shown.json<MastodonConnector>().baseUrl).toBe('https://mastodonwebsite');
    for (const answer of [set.body, shown.body]) {
      expect(answer).not.toContain(TOKEN);
      expect(answer).not.toContain(SECRET);
    }
  });

  it('refuses a wrong or missing signature with 401 and writes nothing', async () => {
    const before = await rig.written();
    const wrong = await deliver(reportCreated(), { secret: 'not the secret at all' });
    expect(wrong.statusCode).toBe(401);
    expect(problemOf(wrong).code).toBe('unauthenticated');
    expect((await deliver(reportCreated(), { signature: null })).statusCode).toBe(401);
    // A body changed after signing: the signature is of the raw bytes.
    const { signature } = signed(reportCreated(), SECRET);
    const tampered = await rig.app.inject({
      method: 'POST',
      url: HOOK,
      payload: JSON.stringify(reportCreated(), null, 1),
      headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
    });
    expect(tampered.statusCode).toBe(401);
    expect(await rig.written()).toBe(before);
  });

  it('answers 404 for a platform with no connected instance', async () => {
    const before = await rig.written();
    const answer = await deliver(reportCreated(), { url: '/api/connectors/mastodon/elsewhere/webhook' });
    expect(answer.statusCode).toBe(404);
    expect(problemOf(answer).code).toBe('not_found');
    expect(await rig.written()).toBe(before);
  });

  let caseIds: string[] = [];

  it("turns the documentation's signed report.created into cases in the queue", async () => {
    const answer = await deliver(reportCreated());
    expect(answer.statusCode).toBe(201);
    const result = answer.json<MastodonWebhookAnswer>();
    expect(result).toMatchObject({ event: 'report.created', handled: 'reports', replayed: false, reportId: '8437' });
    caseIds = result.caseIds;
    expect(caseIds).toHaveLength(2);
    const queue = (await rig.moderator.request('GET', '/api/queue')).json<QueuePage>().cases;
    const queued = queue.filter((c) => caseIds.includes(c.id));
    expect(queued.map((c) => c.subject.kind).sort()).toEqual(['account', 'content']);
    const view = (await rig.moderator.request('GET', `/api/cases/${caseIds[1]}`)).json<CaseView>();
    expect(view.subject).toMatchObject({ externalId: '12345678987654321', platform: 'social', language: 'de' });
    expect(view.reports[0]).toMatchObject({ policyId: 'bullying-harassment', source: 'user' });
    expect(view.reports[0]?.text).toContain('Forwarded by another server');
  });

  it('creates nothing when the same delivery comes again', async () => {
    const before = await rig.written();
    const again = await deliver(reportCreated());
    expect(again.statusCode).toBe(200);
    expect(again.json<MastodonWebhookAnswer>()).toMatchObject({ replayed: true, caseIds });
    expect(await rig.written()).toBe(before);
  });

  it('refuses a signed payload that is not shaped as Mastodon sends it, writing nothing', async () => {
    const before = await rig.written();
    const payload = reportCreated();
    delete payload.object.target_account;
    const answer = await deliver(payload);
    expect(answer.statusCode).toBe(400);
    expect(problemOf(answer).errors?.map((f) => f.field)).toContain('/object/target_account');
    expect(await rig.written()).toBe(before);
  });

  it('marks the cases resolved upstream, with who, when Mastodon resolves the report', async () => {
    const answer = await deliver(reportResolved());
    expect(answer.statusCode).toBe(200);
    expect(answer.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'resolved_upstream', replayed: false });
    expect([...answer.json<MastodonWebhookAnswer>().caseIds].sort()).toEqual([...caseIds].sort());
    const view = (await rig.moderator.request('GET', `/api/cases/${caseIds[0]}`)).json<CaseView>();
    const entry = view.history.find((e) => e.type === 'mastodon.report_resolved_upstream');
    expect(entry?.payload).toMatchObject({ reportId: '8437', actionTakenBy: { id: '109999', username: 'moddy' } });
    const before = await rig.written();
    expect((await deliver(reportResolved())).json<MastodonWebhookAnswer>().replayed).toBe(true);
    expect(await rig.written()).toBe(before);
  });

  it('updates subjects from account and status events, and ignores events it does not act on', async () => {
    const account = await deliver(accountUpdated());
    expect(account.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'subjects', replayed: false });
    const view = (await rig.moderator.request('GET', `/api/cases/${caseIds[1]}`)).json<CaseView>();
    expect(view.author?.body).toBe('Cheese & more cheese');
    expect((await deliver(statusCreated())).json<MastodonWebhookAnswer>().handled).toBe('subjects');
    const before = await rig.written();
    const other = await deliver({ event: 'account.deleted', created_at: '2023-10-27T08:00:00Z', object: { id: '1' } });
    expect(other.statusCode).toBe(200);
    expect(other.json<MastodonWebhookAnswer>().handled).toBe('ignored');
    expect(await rig.written()).toBe(before);
  });

  const historyOf = async (caseId: string) =>
    (await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<CaseView>().history;

  it('says on the cases that Mastodon reopened the report, after it was resolved there; once', async () => {
    const answer = await deliver(reportReopened());
    expect(answer.statusCode).toBe(200);
    const result = answer.json<MastodonWebhookAnswer>();
    expect(result).toMatchObject({ handled: 'reopened_upstream', replayed: false, reportId: '8437' });
    expect([...result.caseIds].sort()).toEqual([...caseIds].sort());
    for (const caseId of caseIds) {
      const types = (await historyOf(caseId)).map((e) => e.type);
      const [resolved, reopened] = [
        types.indexOf('mastodon.report_resolved_upstream'),
        types.indexOf('mastodon.report_reopened_upstream'),
      ];
      expect(resolved).toBeGreaterThanOrEqual(0);
      expect(reopened).toBeGreaterThan(resolved);
    }
    const entry = (await historyOf(caseIds[0] as string)).find((e) => e.type === 'mastodon.report_reopened_upstream');
    expect(entry?.payload).toMatchObject({
      reportId: '8437',
      assignedAccount: { id: '109999', username: 'moddy' },
      updatedAt: '2023-10-27T09:15:00.400Z',
    });

    const before = await rig.written();
    const again = await deliver(reportReopened());
    expect(again.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'reopened_upstream', replayed: true });
    expect(await rig.written()).toBe(before);
  });

  it('ignores a report.updated of an open report in which nothing Docket keeps changed', async () => {
    // Unassigned inside Mastodon: a newer version, still open, same category, rules and statuses.
    const unassigned = reportChanged(reportReopened(), '2023-10-27T09:20:00.000Z', { assigned_account: null });
    const answer = await deliver(unassigned);
    expect(answer.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'ignored', caseIds: [] });
    for (const caseId of caseIds)
      expect((await historyOf(caseId)).filter((e) => e.type === 'mastodon.report_reopened_upstream')).toHaveLength(1);
  });

  const withAdded = () =>
    reportChanged(reportReopened(), '2023-10-27T10:00:00.000Z', {
      statuses: [
        ...(reportCreated().object.statuses as Record<string, unknown>[]),
        anotherStatus('111301099999999999'),
      ],
    });

  it('files a status a moderator added to the open report as a report on its subject; a replay files nothing', async () => {
    const answer = await deliver(withAdded());
    expect(answer.statusCode).toBe(201);
    const result = answer.json<MastodonWebhookAnswer>();
    expect(result).toMatchObject({ handled: 'changed_upstream', replayed: false });
    const added = result.caseIds.filter((id) => !caseIds.includes(id));
    expect(added).toHaveLength(1);
    const view = (await rig.moderator.request('GET', `/api/cases/${added[0]}`)).json<CaseView>();
    expect(view.subject).toMatchObject({ externalId: '111301099999999999', kind: 'content' });
    expect(view.reports).toHaveLength(1);
    expect(view.reports[0]).toMatchObject({ policyId: 'bullying-harassment', source: 'user' });
    const change = (await historyOf(caseIds[0] as string)).find((e) => e.type === 'mastodon.report_changed_upstream');
    expect(change?.payload).toMatchObject({ statusesAdded: ['111301099999999999'], from: null, to: null });

    const before = await rig.written();
    const again = await deliver(withAdded());
    expect(again.statusCode).toBe(200);
    expect(again.json<MastodonWebhookAnswer>()).toMatchObject({ replayed: true, handled: 'changed_upstream' });
    expect(await rig.written()).toBe(before);
  });

  it('records a changed category on the cases as old and new policy, filing no report again', async () => {
    const reportsBefore = await Promise.all(
      caseIds.map(
        async (id) => (await rig.moderator.request('GET', `/api/cases/${id}`)).json<CaseView>().reports.length,
      ),
    );
    const spam = reportChanged(withAdded(), '2023-10-27T11:00:00.000Z', { category: 'spam', rules: [] });
    const answer = await deliver(spam);
    expect(answer.statusCode).toBe(200);
    expect(answer.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'changed_upstream', replayed: false });
    const entries = (await historyOf(caseIds[1] as string)).filter(
      (e) => e.type === 'mastodon.report_changed_upstream',
    );
    expect(entries.at(-1)?.payload).toMatchObject({
      from: {
        category: 'violation',
        ruleIds: ['2'],
        policy: { policyId: 'bullying-harassment', sectionId: 'targeted-harassment' },
      },
      to: { category: 'spam', ruleIds: [], policy: { policyId: 'spam', sectionId: 'commercial-spam' } },
      statusesAdded: [],
    });
    const reportsAfter = await Promise.all(
      caseIds.map(
        async (id) => (await rig.moderator.request('GET', `/api/cases/${id}`)).json<CaseView>().reports.length,
      ),
    );
    expect(reportsAfter).toEqual(reportsBefore);
  });

  it('changes nothing for an older version of the report delivered late', async () => {
    const before = await rig.written();
    const late = reportChanged(reportReopened(), '2023-10-27T09:30:00.000Z', { category: 'legal' });
    const answer = await deliver(late);
    expect(answer.statusCode).toBe(200);
    expect(answer.json<MastodonWebhookAnswer>()).toMatchObject({ handled: 'ignored', caseIds: [] });
    expect(await rig.written()).toBe(before);
  });

  it('refuses a report.updated with a wrong signature with 401, writing nothing', async () => {
    const before = await rig.written();
    const payload = reportChanged(withAdded(), '2023-10-27T12:00:00.000Z', { category: 'legal' });
    const answer = await deliver(payload, { secret: 'a wrong secret, not social' });
    expect(answer.statusCode).toBe(401);
    expect(problemOf(answer).code).toBe('unauthenticated');
    expect(await rig.written()).toBe(before);
  });
});
