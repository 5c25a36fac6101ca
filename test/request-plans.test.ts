import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MastodonWebhookAnswer } from '../src/mastodon/contract.js';
import type { AppealReceipt, CaseView, DecisionResult, ReportAnswer } from '../src/moderation/contract.js';
import { startFakeMastodon } from './fakes/mastodon-admin.js';
import { reportCreated, signed } from './mastodon-payloads.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { publishPolicyVersion } from './policy-versions.js';

/**
 * Nothing on a request path may grow with total data: every statement that the busy requests run must have an
 * index path on the tables that grow with use. The test records the statements each request sends to PostgreSQL,
 * then asks the planner for each with sequential scans disabled: a plan that still scans one of those tables
 * has no index to use, and would read the whole table once the table is large.
 */
const GROWING = new Set([
  'subjects',
  'cases',
  'reports',
  'decisions',
  'notices',
  'strikes',
  'account_restrictions',
  'appeals',
  'case_notes',
  'events',
  'pending_events',
  'public_log_entries',
  'public_log_tree_hashes',
  'public_log_tree_checkpoints',
  'statistics_counts',
  'statistics_monthly',
  'outbox',
  'webhook_deliveries',
  'idempotency_keys',
  'sessions',
  'rate_limit_counters',
  'api_tokens',
  'mastodon_report_subjects',
  'mastodon_accounts',
  'mastodon_reports',
]);

interface Statement {
  text: string;
  values: unknown[];
}

/** Records what the pool's clients send while `recording` is on (the store's pool uses pg.Client). */
function statementRecorder() {
  const seen = new Map<string, Statement>();
  let recording = false;
  const original = pg.Client.prototype.query;
  const patched = function (this: pg.Client, config: unknown, values?: unknown, ...rest: unknown[]) {
    if (recording) {
      const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
      const args = (
        Array.isArray(values) ? values : ((config as { values?: unknown[] } | null)?.values ?? [])
      ) as unknown[];
      if (text && /^\s*(select|insert|update|delete|with)\b/i.test(text)) seen.set(text, { text, values: args });
    }
    return (original as (...a: unknown[]) => unknown).call(this, config, values, ...rest);
  };
  pg.Client.prototype.query = patched as typeof original;
  return {
    seen,
    async during<T>(work: () => Promise<T>): Promise<T> {
      recording = true;
      try {
        return await work();
      } finally {
        recording = false;
      }
    },
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/**
 * The tables a plan reads whole: a sequential scan, or (with sequential scans disabled, the planner's way around
 * them) an index scan with no condition on the index that no LIMIT above it stops early.
 */
const wholeTableReads = (node: PlanNode, limited = false): string[] => {
  const table = node['Relation Name'];
  const scan = node['Node Type'];
  const whole = scan === 'Seq Scan' || (/^Index (Only )?Scan$/.test(scan) && !node['Index Cond'] && !limited);
  return [
    ...(table && whole ? [table] : []),
    ...(node.Plans ?? []).flatMap((child) => wholeTableReads(child, limited || scan === 'Limit')),
  ];
};

// Plans are PostgreSQL's: the embedded store is one process's data, and the test needs the planner's switches.
describe.runIf(process.env.TEST_DATABASE_URL)('request plans on PostgreSQL', () => {
  let rig: ModerationRig;
  const recorder = statementRecorder();
  beforeAll(async () => {
    rig = await openModerationRig('postgres');
    // Enough rows that the planner prices plans as it will in use (on a few rows any plan is as cheap as another).
    await rig.docket.store.db.execute(sql`
      insert into subjects (id, platform, external_id, kind, content_type, body, country, language, views, registered_at)
      select gen_random_uuid(), 'volume', 'v-' || g, 'content', 'text', 'post ' || g, 'KEN', 'en', g % 1000, now() from generate_series(1, 20000) g`);
    await rig.docket.store.db.execute(sql`
      insert into cases (id, subject_id, status, level, opened_at, closed_at, priority_base, rank_key, priority_factors, report_count,
                         policies_alleged, gravest_policy_id, strongest_source, country, language, claimed_by, lease_expires_at)
      select gen_random_uuid(), s.id, case when s.views % 4 = 0 then 'open' else 'closed' end, 'frontline', now() - interval '30 days',
             case when s.views % 4 = 0 then null else now() - interval '1 day' end, 1, null, '[]'::jsonb, 1, array['spam'], 'spam', 'user', 'KEN', 'en',
             case when s.views % 40 = 0 then gen_random_uuid() end, case when s.views % 40 = 0 then now() + interval '10 minutes' end
      from subjects s where s.platform = 'volume'`);
    await rig.docket.store.db.execute(sql`
      insert into reports (id, platform, subject_id, case_id, policy_id, source, received_at)
      select gen_random_uuid(), 'volume', c.subject_id, c.id, 'spam', 'user', c.opened_at from cases c`);
    await rig.docket.store.db.execute(sql`analyze`);
  }, 60_000);
  afterAll(async () => {
    recorder.restore();
    await rig.close();
  });

  /** The recorded statements that read a growing table whole, each with the tables it reads. */
  async function wholeReads(): Promise<string[]> {
    const store = await rig.docket.another();
    const client = await (store.db as unknown as { $client: pg.Pool }).$client.connect();
    const scans: string[] = [];
    try {
      await client.query('set enable_seqscan = off');
      for (const { text, values } of recorder.seen.values()) {
        const [row] = (
          await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${text}`, values)
        ).rows;
        const tables = wholeTableReads(row?.['QUERY PLAN'][0]?.Plan as PlanNode).filter((t) => GROWING.has(t));
        if (tables.length > 0) scans.push(`${tables.join(', ')}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    } finally {
      client.release();
      await store.close();
    }
    recorder.seen.clear();
    return scans;
  }

  it('reads no growing table whole on the busy paths: reports, claims, decisions, the public record', async () => {
    await recorder.during(async () => {
      const first = (
        await rig.push('/api/reports', { subject: ordinaryPost(1), policyId: 'spam', source: 'user' })
      ).json<ReportAnswer>().receipt;
      await rig.push('/api/reports', { subjectExternalId: 'post-1', policyId: 'hate-speech', source: 'user' });
      await rig.push('/api/reports/batch', {
        items: [2, 3].map((n) => ({ subject: ordinaryPost(n), policyId: 'spam', source: 'user' })),
      });
      const claimed = await rig.moderator.request('POST', '/api/queue/claim', {});
      expect(claimed.statusCode).toBe(200);
      const caseId = claimed.json<CaseView>().case.id;
      const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        policyId: 'spam',
        sectionId: 'commercial-spam',
        outcome: 'remove',
        facts: 'Links to a counterfeit shop, posted forty times.',
      });
      expect(decided.statusCode, decided.body).toBe(201);
      // A report on a decided subject is recorded on (or reopens) its closed case.
      await rig.push('/api/reports', {
        subjectExternalId: claimed.json<CaseView>().subject.externalId,
        policyId: 'spam',
        source: 'user',
      });
      expect((await rig.get(`/api/decisions/${decided.json<DecisionResult>().decisionId}`)).statusCode).toBe(200);
      expect((await rig.get('/api/decisions?limit=10')).statusCode).toBe(200);
      expect((await rig.moderator.request('GET', `/api/cases/${first.caseId}`)).statusCode).toBe(200);
      expect((await rig.app.inject({ url: '/api/public/statistics?from=2026-03-01&to=2026-03-31' })).statusCode).toBe(
        200,
      );
      expect((await rig.app.inject({ url: '/api/public/recommendations' })).statusCode).toBe(200);
      expect((await rig.app.inject({ url: '/api/public/summary' })).statusCode).toBe(200);
    });
    expect(recorder.seen.size).toBeGreaterThan(20);

    expect(await wholeReads()).toEqual([]);
  }, 60_000);

  it('reads no growing table whole when the public log grows, is signed and is served as a transparency log', async () => {
    for (let i = 0; i < 5; i++) await publishPolicyVersion(rig.docket, `plans ${i}`);
    await rig.docket.transparency.checkpoint();
    await recorder.during(async () => {
      await publishPolicyVersion(rig.docket, 'plans, recorded');
      await rig.docket.transparency.checkpoint();
      const size = (await rig.docket.transparency.log({ after: 0, limit: 1 })).head.seq;
      const width = size % 256;
      for (const url of [
        '/public/log/checkpoint',
        '/public/log/key',
        `/public/log/tile/0/000.p/${width}`,
        `/public/log/tile/entries/000.p/${width}`,
        `/public/log/proof/inclusion?seq=2&size=${size}`,
        `/public/log/proof/consistency?from=3&to=${size}`,
      ]) {
        const answer = await rig.app.inject({ url });
        expect(answer.statusCode, `${url}: ${answer.body}`).toBe(200);
      }
    });
    expect(await wholeReads()).toEqual([]);
  }, 60_000);

  it('reads no growing table whole when a Mastodon report is decided, carried out, appealed and reversed', async () => {
    const fake = await startFakeMastodon({ token: 'plans-token' });
    try {
      fake.addAccount({ id: '123454321', username: 'cheeseperson', domain: 'someothermastodonsite.com' });
      fake.addStatus({ id: '12345678987654321', accountId: '123454321' });
      fake.addReport({ id: '8437', targetAccountId: '123454321' });
      await rig.docket.mastodon.setConnector('system:test', 'lumen', {
        baseUrl: fake.url,
        accessToken: 'plans-token',
        webhookSecret: 'the webhook secret of lumen',
      });
      await recorder.during(async () => {
        const { body, signature } = signed(reportCreated(), 'the webhook secret of lumen');
        const delivered = await rig.app.inject({
          method: 'POST',
          url: '/api/connectors/mastodon/lumen/webhook',
          payload: body,
          headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
        });
        expect(delivered.statusCode, delivered.body).toBe(201);
        const caseId = delivered.json<MastodonWebhookAnswer>().caseIds[1] as string;
        await rig.moderator.request('POST', `/api/cases/${caseId}/claim`);
        const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
          policyId: 'bullying-harassment',
          sectionId: 'targeted-harassment',
          outcome: 'remove',
          facts: 'The post tells others where a named neighbour lives.',
          accountAction: { kind: 'suspend_account', days: 7 },
        });
        expect(decided.statusCode, decided.body).toBe(201);
        await rig.docket.webhooks.deliverDue();
        const appeal = await rig.push('/api/appeals', {
          decisionId: decided.json<DecisionResult>().decisionId,
          appellant: 'affected_user',
          statement: 'It is the address of a public meeting.',
        });
        expect(appeal.statusCode, appeal.body).toBe(201);
        const reversed = await rig.moderator2.request(
          'POST',
          `/api/appeals/${appeal.json<AppealReceipt>().appealId}/decision`,
          { result: 'reversed', reason: 'A public meeting place, not a home address.' },
        );
        expect(reversed.statusCode, reversed.body).toBe(200);
        await rig.docket.webhooks.deliverDue();
      });
      expect(fake.calls.map((c) => c.path)).toContain('/api/v1/admin/accounts/123454321/unsuspend');
      expect(await wholeReads()).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
