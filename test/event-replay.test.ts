import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChainEntry } from '../src/core/chain.js';
import { readEvents } from '../src/core/event-log.js';
import { replayAccess } from '../src/access/replay.js';
import * as access from '../src/access/tables.js';
import { replayBoard } from '../src/board/replay.js';
import * as board from '../src/board/tables.js';
import { replayCrisis } from '../src/crisis/replay.js';
import * as crisis from '../src/crisis/tables.js';
import { replayFigures } from '../src/figures/replay.js';
import * as figures from '../src/figures/tables.js';
import { replayModeration } from '../src/moderation/replay.js';
import { replayNotices } from '../src/moderation/notice-replay.js';
import { replayTrustedFlaggers } from '../src/moderation/flagger-replay.js';
import * as flaggers from '../src/moderation/flagger-tables.js';
import { replayMisuse } from '../src/moderation/misuse-replay.js';
import * as misuse from '../src/moderation/misuse-tables.js';
import { misuseMeasures } from './misuse-commands.js';
import { replayMessageTemplates } from '../src/moderation/message-replay.js';
import * as messages from '../src/moderation/message-tables.js';
import * as notices from '../src/moderation/notice-tables.js';
import * as moderation from '../src/moderation/tables.js';
import { replayPolicy } from '../src/policy/replay.js';
import * as policy from '../src/policy/tables.js';
import * as schema from '../src/store/schema.js';
import type { Db } from '../src/store/database.js';
import { replayWebhooks } from '../src/webhooks/replay.js';
import { replayMastodon } from '../src/mastodon/replay.js';
import { replayDisputes } from '../src/disputes/replay.js';
import * as disputes from '../src/disputes/tables.js';
import * as mastodon from '../src/mastodon/tables.js';
import { readMastodonReport } from '../src/mastodon/rules.js';
import { reportCreated, reportResolved } from './mastodon-payloads.js';
import * as webhooks from '../src/webhooks/tables.js';
import { openDemoServer, type Client, type TestServer } from './http.js';
import { groundAndToolDecisions } from './decision-grounds-commands.js';
import { linkComplaints } from './complaint-commands.js';
import { replayComplaints } from '../src/moderation/complaint-replay.js';
import * as complaints from '../src/moderation/complaint-tables.js';
import { describeEachStore, openTestStore, type TestStore } from './stores.js';

/**
 * The event log is the record: each capability's read model must be rebuilt from its events alone. After the demo
 * (and a few commands the demo does not send), every event is replayed, in log order, into the empty tables of a
 * freshly migrated store, and each table is compared with the one the commands wrote, row by row and column by
 * column.
 *
 * Some columns are deliberately NOT on the immutable log; each is listed here with the reason. The replay leaves
 * them empty (or at their default) and the comparison passes over them. (Entries in the shapes written before
 * fields were added to their events: test/event-replay-old-entries.test.ts.)
 */
const NOT_ON_THE_LOG: Record<string, string> = {
  'reports.reporter_ref':
    "the reporter's identity is personal data the platform must be able to erase; the log records only the source",
  'appeals.appellant_ref':
    "the appellant's identity (a reporter's, when a reporter appeals) is personal data that must stay erasable",
  'public_comments.name': "a commenter's name: personal data, withheld on request and erasable",
  'public_comments.organisation': "a commenter's organisation, with the name above",
  'public_comments.email': "a commenter's e-mail: personal data, never published, erasable",
  'public_comments.body':
    'what a commenter wrote: published only once approved, and erasable (a comment never approved)',
  'public_comments.sender_hash':
    "a hash of the sender's address for the comment rate limit: operational state tied to a person, not a read model",
  'users.password_hash':
    'a secret, never on the log: the replay writes a hash no password matches, so a rebuilt account waits for ' +
    "an administrator's password reset (access/replay.ts)",
  'api_tokens.token_hash':
    "a secret's hash, never on the log: the replay writes one no secret matches, so a rebuilt token opens nothing " +
    'until it is rotated (access/replay.ts)',
  'webhook_endpoints.secret':
    "a platform's signing secret, never on the log: a rebuilt endpoint needs a new one before its platform can " +
    'check what it receives (webhooks/replay.ts)',
  'mastodon_connectors.access_token':
    "a Mastodon instance's admin token, never on the log: a rebuilt connector needs it set again (mastodon/replay.ts)",
  'mastodon_connectors.webhook_secret':
    'the secret a Mastodon instance signs its webhooks with, never on the log: set again after a rebuild',
  'content_notices.notifier_name':
    "a notifier's name: personal data, erasable; the log says only whether contact was given",
  'content_notices.notifier_email': "a notifier's e-mail: personal data, never published, erasable",
  'content_notices.sender_hash':
    "a hash of the sender's address for the notice allowance: operational state tied to a person, not a read model",
  'notice_links.token_hash':
    "a capability link's hash, never on the log: the replay writes one no link matches, so a rebuilt notice's " +
    'status link must be issued anew (moderation/notice-replay.ts)',
  'trusted_flaggers.key_hash':
    "a trusted flagger's key hash, never on the log: the replay writes one no key matches, so a rebuilt flagger " +
    'needs a new key (moderation/flagger-replay.ts)',
  'complaint_links.token_hash':
    "a capability link's hash, never on the log: the replay writes one no link matches, so a rebuilt complaint " +
    'link must be issued anew (moderation/complaint-replay.ts)',
  'cases.rank_key':
    "the queue's index key: derived from priority_base and opened_at (queue-order.ts), and nulled by the aging " +
    'sweep (settleAgedCases) on the clock, not by a command',
};

/**
 * Tables that are not read models of the log, so not rebuilt from it, with the reason. (Stores of other kinds than
 * a capability's read model: the log itself and its projections, which have their own rebuild (core/projection.ts).)
 */
export const NOT_READ_MODELS: Record<string, string> = {
  crisis_assessments:
    "the crisis detector's runs, kept whole for the crisis screen: a cache of what the detector computes from the " +
    'imported signals, not a command; the designations it proposes are on the log',
  country_names: 'names learnt from the detector runs above, for codes the standard does not name',
  events: 'the log itself',
  pending_events: "the log's entries committed and not yet chained (empty once the sequencer has run)",
  event_log_head: "the log's head",
  projection_cursors: 'how far each projection has read the log (core/projection.ts)',
  public_log_entries: 'a projection of the log with its own rebuild (the public log, transparency/public-log)',
  public_log_head: "the public log's head",
  public_log_checkpoints: 'signed checkpoints of the public log: signatures made at a time, not derived from events',
  public_log_tree_hashes:
    "the public log's Merkle tree: hashes of its entries, written with them (transparency/public-log/tree-store.ts)",
  public_log_tree_checkpoints: 'signed C2SP checkpoints of the public log: signatures made at a time',
  public_log_cosignatures: "witnesses' cosignatures on the public log's checkpoints, as they answered",
  public_log_witnesses: 'operational: what each configured witness last answered',
  dsa_submissions:
    'what the EU DSA Transparency Database answered for each statement of reasons (a projection adds them pending): ' +
    "an outside system's state, like the outbox",
  dsa_submitter: "operational: the DSA submitter's shared back-off and stop",
  signing_keys: "the installation's signing key: a secret",
  statistics_counts: 'a projection of the log with its own rebuild (transparency/statistics)',
  statistics_monthly: 'a projection of the log with its own rebuild (transparency/statistics)',
  sessions: 'sign-in sessions: operational state holding token hashes, not a read model',
  sign_in_attempts: 'operational: failed sign-in counters and lockouts',
  rate_limit_counters: 'operational: request counters',
  idempotency_keys: 'operational: the first answer to a retried request, kept for a while',
  outbox: "webhook messages waiting for delivery: delivery state, each one's content built from a command",
  webhook_deliveries: 'the record of delivery attempts: operational state',
};

interface Capability {
  name: string;
  replay(tx: Db, entries: readonly ChainEntry[]): Promise<void>;
  tables: PgTable[];
}

const CAPABILITIES: Capability[] = [
  { name: 'access', replay: replayAccess, tables: [access.users, access.apiTokens] },
  { name: 'policy', replay: replayPolicy, tables: [policy.policies, policy.policyVersions] },
  {
    name: 'moderation',
    replay: replayModeration,
    tables: [
      moderation.subjects,
      moderation.reports,
      moderation.cases,
      moderation.decisions,
      moderation.strikes,
      moderation.accountRestrictions,
      moderation.notices,
      moderation.appeals,
      moderation.caseNotes,
      moderation.noticeTemplates,
      moderation.accountOwnerEvents,
    ],
  },
  { name: 'notices', replay: replayNotices, tables: [notices.contentNotices, notices.noticeLinks] },
  { name: 'complaints', replay: replayComplaints, tables: [complaints.complaintLinks] },
  { name: 'trusted flaggers', replay: replayTrustedFlaggers, tables: [flaggers.trustedFlaggers] },
  { name: 'misuse', replay: replayMisuse, tables: [misuse.misuseRules, misuse.misuseMarks, misuse.misuseMeasures] },
  { name: 'message templates', replay: replayMessageTemplates, tables: [messages.messageTemplates] },
  {
    name: 'figures',
    replay: replayFigures,
    tables: [figures.publicFigures, figures.publicFigureRoles, figures.figureRestrictions],
  },
  {
    name: 'board',
    replay: replayBoard,
    tables: [
      board.boardMembers,
      board.boardCases,
      board.panelSeats,
      board.publicComments,
      board.boardDrafts,
      board.boardVotes,
      board.implementationObligations,
      board.recommendations,
      board.recommendationResponses,
      board.recommendationAssessments,
    ],
  },
  // Crisis designations also reprice open cases: moderation's replay applies that, compared with its cases.
  { name: 'crisis', replay: replayCrisis, tables: [crisis.designations] },
  { name: 'webhooks', replay: replayWebhooks, tables: [webhooks.webhookEndpoints] },
  {
    name: 'mastodon',
    replay: replayMastodon,
    tables: [
      mastodon.mastodonConnectors,
      mastodon.mastodonReportSubjects,
      mastodon.mastodonAccounts,
      mastodon.mastodonReports,
    ],
  },
  { name: 'disputes', replay: replayDisputes, tables: [disputes.disputeBodies, disputes.disputes] },
];

/** A column's value in a form two stores agree on: times as ISO strings, JSON with its keys sorted. */
function comparable(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, inner]) => inner !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, inner]) => [k, sorted(inner)]),
      );
    return v ?? null;
  };
  return JSON.stringify(sorted(value));
}

/** Every difference between the live table and its replay, each naming the table, the column and the row. */
async function differences(live: Db, replayed: Db, table: PgTable): Promise<string[]> {
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table));
  const keyOf = (row: Record<string, unknown>) =>
    'id' in row
      ? String(row.id)
      : columns
          .filter(([, c]) => c.primary)
          .map(([k]) => String(row[k]))
          .join('/');
  const read = async (db: Db) =>
    new Map(((await db.select().from(table)) as Record<string, unknown>[]).map((row) => [keyOf(row), row]));
  const [expected, actual] = [await read(live), await read(replayed)];
  const found: string[] = [];
  for (const [id, row] of expected) {
    const rebuilt = actual.get(id);
    if (!rebuilt) {
      found.push(`${name}: row ${id} is missing from the replay`);
      continue;
    }
    for (const [key, column] of columns) {
      if (NOT_ON_THE_LOG[`${name}.${column.name}`]) continue;
      const [want, got] = [comparable(row[key]), comparable(rebuilt[key])];
      if (want !== got) found.push(`${name}.${column.name}, row ${id}: stored ${want}, replayed ${got}`);
    }
  }
  for (const id of actual.keys()) if (!expected.has(id)) found.push(`${name}: row ${id} exists only in the replay`);
  return found;
}

it('accounts for every table: rebuilt from the log and compared, or not a read model, with the reason', () => {
  const compared = new Set(CAPABILITIES.flatMap((c) => c.tables.map(getTableName)));
  const unaccounted = (Object.values(schema) as unknown[])
    .filter((table): table is PgTable => is(table, PgTable))
    .map((table) => getTableName(table))
    .filter((name) => !compared.has(name) && !NOT_READ_MODELS[name]);
  expect(unaccounted).toEqual([]);
});

describeEachStore('event replay: the log rebuilds every read-model column', (kind) => {
  let rig: TestServer;
  let fresh: TestStore;

  beforeAll(async () => {
    rig = await openDemoServer(kind);
    await extraCommands(rig);
    await rig.docket.sequencer.caughtUp();

    const entries: ChainEntry[] = [];
    for (let after = 0; ;) {
      const page = await readEvents(rig.docket.store.db, { after, limit: 5_000 });
      entries.push(...page.entries);
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    fresh = await openTestStore(kind);
    // One entry at a time through every capability, so rows another capability's rows refer to exist first.
    await fresh.store.db.transaction(async (tx) => {
      for (const entry of entries) for (const capability of CAPABILITIES) await capability.replay(tx, [entry]);
    });
  }, 120_000);
  afterAll(async () => {
    await fresh?.dispose();
    await rig?.close();
  });

  for (const capability of CAPABILITIES) {
    it(`rebuilds ${capability.name}: ${capability.tables.map(getTableName).join(', ')}`, async () => {
      const found: string[] = [];
      for (const table of capability.tables) {
        if ((await rig.docket.store.db.select().from(table)).length === 0)
          found.push(`${getTableName(table)}: empty after the demo, nothing to compare`);
        found.push(...(await differences(rig.docket.store.db, fresh.store.db, table)));
      }
      expect(found.slice(0, 40), `${found.length} differences`).toEqual([]);
    });
  }
});

/**
 * What the demo does not do, through the API: a decision that keeps content behind a warning screen, decisions on
 * illegal content and by a tool (decision-grounds-commands.ts), a case note,
 * a notice template written, changed and retired, an account owner's own event; and through the services, an
 * account's life (details, roles, a reset, disabled with its token, enabled), a token rotated and one revoked, a
 * webhook endpoint set and moved.
 */
async function extraCommands(rig: TestServer): Promise<void> {
  const { token } = await rig.docket.access.createToken('system:test', {
    name: 'Replay test',
    kind: 'integration',
    platform: 'lumen',
  });
  const pushed = await rig.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      subject: {
        externalId: 'replay-post-1',
        kind: 'content',
        contentType: 'text',
        body: 'A graphic but lawful post',
        url: 'https://lumen.example/replay/1',
      },
      policyId: 'violence-incitement',
      source: 'user',
      reporterRef: 'replay-reporter-1',
      text: 'This is upsetting to see in my feed',
    },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  const { caseId } = (pushed.json() as { receipt: { caseId: string } }).receipt;
  // A notice from anyone on the same content: its notifier is told the decision below.
  const noticed = await rig.app.inject({
    method: 'POST',
    url: '/api/public/notices',
    payload: {
      location: 'https://lumen.example/replay/1',
      explanation: 'A graphic scene that frightens children who see it.',
      policyId: 'violence-incitement',
      name: 'Replay Notifier',
      email: 'notifier@example.org',
      goodFaith: true,
    },
  });
  expect(noticed.statusCode, noticed.body).toBe(201);
  // A trusted flagger registered, changed, suspended and reinstated, with a new key, files a notice on it too.
  const register = rig.docket.flaggers;
  const { flagger } = await register.register('system:test', {
    name: 'Replay Watch',
    memberState: 'FR',
    areas: ['STATEMENT_CATEGORY_VIOLENCE'],
    contactEmail: 'watch@example.org',
    awardedOn: '2025-03-01',
  });
  await register.changeDetails('system:test', flagger.id, {
    name: 'Replay Watch e.V.',
    memberState: 'DE',
    areas: ['STATEMENT_CATEGORY_VIOLENCE', 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'],
    contactEmail: 'watch@example.org',
    website: 'https://watch.example.org',
    awardedOn: '2025-03-01',
  });
  await register.changeStatus('system:test', flagger.id, { status: 'suspended', reason: 'Coordinator inquiry' });
  await register.changeStatus('system:test', flagger.id, { status: 'active', reason: 'Inquiry closed' });
  const { key } = await register.issueKey('system:test', flagger.id);
  const flagged = await rig.app.inject({
    method: 'POST',
    url: '/api/public/notices',
    headers: { 'x-flagger-key': key },
    payload: {
      location: 'https://lumen.example/replay/1',
      explanation: 'Depicts violence in a way likely to harm minors who see it.',
      policyId: 'violence-incitement',
      goodFaith: true,
    },
  });
  expect(flagged.statusCode, flagged.body).toBe(201);
  // Policy staff save two message templates, then revert one to its default and save the other again.
  const templates = rig.docket.messages;
  await templates.save('system:test', 'redress.court.title', 'fr', 'Tribunal');
  await templates.save('system:test', 'notifier.outcome.subject', 'de', 'Meldung {ref}: entschieden');
  await templates.revert('system:test', 'redress.court.title', 'fr');
  await templates.save('system:test', 'notifier.outcome.subject', 'de', 'Ihre Meldung {ref}: entschieden');
  const moderator = await rig.signIn('moderator', 'moderator-demo-pass');
  const claimed = await moderator.request('POST', `/api/cases/${caseId}/claim`);
  expect(claimed.statusCode, claimed.body).toBe(200);
  const decided = await moderator.request('POST', `/api/cases/${caseId}/decision`, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'no_violation',
    warningScreen: true,
    facts: 'Graphic, but no threat: kept behind a warning screen.',
  });
  expect(decided.statusCode, decided.body).toBe(201);
  await misuseMeasures(
    rig,
    token,
    { moderator, policy: await rig.signIn('policy', 'policy-demo-pass') },
    (noticed.json() as { ref: string }).ref,
  );

  const steps: [Client, 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [];
  const policy = await rig.signIn('policy', 'policy-demo-pass');
  const noted = await moderator.request('POST', `/api/cases/${caseId}/notes`, { text: 'Checked the wider thread.' });
  expect(noted.statusCode, noted.body).toBe(201);
  const template = await policy.request('POST', '/api/notice-templates', {
    policyId: 'spam',
    sectionId: 'commercial-spam',
    title: 'Counterfeit shop links',
    text: 'Repeated links to a shop selling counterfeit goods.',
  });
  expect(template.statusCode, template.body).toBe(201);
  const templateId = (template.json() as { id: string }).id;
  steps.push(
    [policy, 'PATCH', `/api/notice-templates/${templateId}`, { text: 'Links to a shop selling counterfeits.' }],
    [policy, 'DELETE', `/api/notice-templates/${templateId}`],
  );
  for (const [client, method, url, body] of steps) {
    const response = await client.request(method, url, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const platform = { authorization: `Bearer ${token}` };
  const account = await rig.app.inject({
    method: 'POST',
    url: '/api/subjects',
    headers: platform,
    payload: { externalId: 'replay-account-1', kind: 'account', title: 'A page', followers: 120 },
  });
  expect(account.statusCode, account.body).toBeLessThan(300);
  const owner = await rig.app.inject({
    method: 'POST',
    url: '/api/accounts/replay-account-1/owner-events',
    headers: platform,
    payload: { kind: 'deleted_by_owner', occurredAt: new Date(Date.now() - 60_000).toISOString(), note: 'Closed it' },
  });
  expect(owner.statusCode, owner.body).toBe(201);
  await groundAndToolDecisions(rig, token, moderator);
  await linkComplaints(rig, token, moderator);
  await disputeCommands(policy, decided.json<{ decisionId: string }>().decisionId);
  await accessAndWebhookCommands(rig);
}

/** A body registered and its entry changed; the notifier's dispute on the decision to keep, won and carried out. */
async function disputeCommands(policy: Client, decisionId: string): Promise<void> {
  const entry = {
    name: 'Appeals Centre Europe',
    memberState: 'IE',
    coordinator: 'Coimisiún na Meán',
    website: 'https://www.appealscentre.eu',
    areas: ['violence'],
    languages: ['en'],
    status: 'certified',
    certifiedOn: '2024-09-26',
    certifiedUntil: null,
  };
  const body = await policy.request('POST', '/api/dispute-bodies', entry);
  expect(body.statusCode, body.body).toBe(201);
  const bodyId = (body.json() as { id: string }).id;
  const changed = await policy.request('PUT', `/api/dispute-bodies/${bodyId}`, { ...entry, languages: ['en', 'ga'] });
  expect(changed.statusCode, changed.body).toBe(200);
  const filed = await policy.request('POST', '/api/disputes', { decisionId, bodyId, complainant: 'notifier' });
  expect(filed.statusCode, filed.body).toBe(201);
  const disputeId = (filed.json() as { id: string }).id;
  const won = await policy.request('POST', `/api/disputes/${disputeId}/outcome`, {
    outcome: 'complainant_favour',
    summary: 'The graphic post is to be kept behind a warning screen and its reach restricted.',
    requiredOutcome: 'restrict_visibility',
    fees: { amount: '75', currency: 'EUR' },
  });
  expect(won.statusCode, won.body).toBe(200);
  const done = await policy.request('POST', `/api/disputes/${disputeId}/implement`, { note: 'Reach restricted.' });
  expect(done.statusCode, done.body).toBe(200);
}

async function accessAndWebhookCommands(rig: TestServer): Promise<void> {
  const { access, webhooks } = rig.docket;
  const actor = 'system:test';
  const { user } = await access.createUser(actor, {
    username: 'replay-liaison',
    roles: ['platform_liaison'],
    platform: 'lumen',
  });
  await access.updateUser(actor, user.id, { displayName: 'Rae Liaison', region: 'EUR' });
  await access.updateUser(actor, user.id, { roles: ['moderator'] });
  await access.resetPassword(actor, user.id);
  const own = await access.createToken(actor, { name: 'Replay user token', kind: 'user', username: 'replay-liaison' });
  await access.updateUser(actor, user.id, { disabled: true });
  await access.updateUser(actor, user.id, { disabled: false });
  expect((await access.listTokens()).find((t) => t.id === own.record.id)?.revokedAt).not.toBeNull();
  const rotated = await access.createToken(actor, { name: 'Replay rotated', kind: 'integration', platform: 'lumen' });
  await access.rotateToken(actor, rotated.record.id);
  const revoked = await access.createToken(actor, { name: 'Replay revoked', kind: 'integration', platform: 'lumen' });
  await access.revokeToken(actor, revoked.record.id);
  await webhooks.setEndpoint(actor, 'lumen', 'https://lumen.example/hooks/docket');
  await webhooks.setEndpoint(actor, 'lumen', 'https://lumen.example/hooks/docket-v2', 'a chosen secret');
  await webhooks.setEndpoint(actor, 'orbit', 'https://orbit.example/hook');
  const secrets = { accessToken: 'replay-token', webhookSecret: 'replay webhook secret' };
  await rig.docket.mastodon.setConnector(actor, 'social', { baseUrl: 'https://social.example/', ...secrets });
  await rig.docket.mastodon.setConnector(actor, 'social', {
    baseUrl: 'https://social.example',
    ...secrets,
    policyMap: { categories: { legal: { policyId: 'hate-speech' } } },
  });
  // What the instance's webhooks named: a report's records, and accounts (one whose acct changed home).
  await rig.docket.mastodon.noteRecords('social', {
    report: { id: '8437', externalIds: ['123454321', '12345678987654321'] },
    accounts: [{ accountId: '123454321', acct: 'cheese@elsewhere.example', local: false }],
  });
  // What Docket keeps of the report between its webhooks: the version received, then a newer one resolved.
  for (const payload of [reportCreated(), reportResolved()]) {
    const report = readMastodonReport(payload.object);
    if (!report.ok) throw new Error(JSON.stringify(report.problems));
    await rig.docket.mastodon.keepReport('social', report.value);
  }
  await rig.docket.mastodon.noteRecords('social', {
    report: null,
    accounts: [
      { accountId: '123454321', acct: 'cheese', local: true },
      { accountId: '777', acct: 'moddy', local: true },
    ],
  });
}
