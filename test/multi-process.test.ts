import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocket } from '../src/app.js';
import { ManualClock } from '../src/core/clock.js';
import { runDocket } from './cli-run.js';
import { ordinaryPost, START } from './moderation-fixtures.js';
import { loadPublicLog } from '../src/cli/verify-public.js';
import { verifyLog } from '../src/core/event-log.js';
import { openPostgres, type Store } from '../src/store/database.js';
import { verifyPublicLog } from '../src/transparency/public-log/verify.js';
import { push, signIn, startServer, type ServerProcess, type Session } from './server-process.js';
import { describeEachStore, newTestLocation, openTestDocket, testConfig } from './stores.js';

/**
 * Three `docket serve` processes on one fresh PostgreSQL database (one of them a primary with two workers), each on
 * its own port: they start together, take reports, claims and decisions at once, and all poll for due work. The
 * outcome must be what one process would have produced: one unforked chain, no case held twice, each due item
 * done once, each webhook sent once, and every count equal.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

const MODERATORS = 4;
const BATCH_SIZE = 20;
const FIRST_SINGLES = 30;
const FIRST_BATCHES = 2;
const SUBJECTS = FIRST_SINGLES + FIRST_BATCHES * BATCH_SIZE;
const MORE_SINGLES = 40;
const MORE_BATCHES = 3;
const ROUNDS = 4;
const DUE_RESTRICTIONS = 10;
const OVERDUE_REVIEWS = 5;

interface Claim {
  caseId: string;
  moderator: number;
}

onPostgres('many Docket processes on one PostgreSQL', () => {
  let location: Awaited<ReturnType<typeof newTestLocation>>;
  let databaseUrl: string;
  const servers: ServerProcess[] = [];
  let hook: { server: Server; url: string; deliveries: Map<string, number> };
  let token: string;
  let db: pg.Client;
  let store: Store;
  const query = async <T>(text: string): Promise<T[]> => (await db.query(text)).rows as T[];

  beforeAll(async () => {
    location = await newTestLocation('postgres');
    databaseUrl = location.config.databaseUrl as string;
    hook = await startWebhookReceiver();
    const env = {
      DATABASE_URL: databaseUrl,
      DOCKET_WEBHOOK_POLL_MS: '150',
      DOCKET_SCHEDULER_POLL_MS: '200',
      DOCKET_LIMIT_INGEST: '100000/1m',
      DOCKET_LIMIT_INGEST_BATCHES: '100000/1m',
    };
    // All three start at once on the unmigrated database: migrations and the first start happen once.
    servers.push(...(await Promise.all([startServer(env, ['--workers', '2']), startServer(env), startServer(env)])));
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    store = await openPostgres(databaseUrl, 2);

    const docket = await createDocket({ config: testConfig({ databaseUrl }) });
    try {
      for (let i = 0; i < MODERATORS; i++)
        await docket.access.createUser('system:test', {
          username: `mod${i}`,
          roles: ['moderator'],
          password: `mod${i} password!`,
        });
      token = (
        await docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' })
      ).token;
      await docket.webhooks.setEndpoint('system:test', 'lumen', hook.url);
    } finally {
      await docket.close();
    }
    // Restrictions already past their end, and reviews already past their grace: every process's scheduler sees them.
    await query(`insert into figure_restrictions (id, platform, account_ref, tier, context, status, reason, starts_at, ends_at, review_due_since)
      select gen_random_uuid(), 'lumen', 'acct-due-' || n, 1, 'chronic', case when n <= ${DUE_RESTRICTIONS} then 'active' else 'review_due' end,
             'test: due for review', now() - interval '400 days', now() - interval '1 day',
             case when n <= ${DUE_RESTRICTIONS} then null else now() - interval '30 days' end
      from generate_series(1, ${DUE_RESTRICTIONS + OVERDUE_REVIEWS}) n`);
  }, 150_000);

  afterAll(async () => {
    await db?.end();
    await store?.close();
    const codes = await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    hook?.server.close();
    await location?.dispose();
    // Stopped gracefully: every process, and the primary only once its workers had stopped.
    expect(codes).toEqual(servers.map(() => 0));
    if (servers[0]) expect(servers[0].output()).toContain('All workers stopped.');
  }, 60_000);

  it('started once: one migration history, one first administrator, one signing key', async () => {
    const admins =
      servers
        .map((s) => s.output())
        .join('\n')
        .match(/First start: created the user "admin"/g) ?? [];
    expect(admins).toHaveLength(1);
    expect(await query(`select count(*)::int as n from users where username = 'admin'`)).toEqual([{ n: 1 }]);
    const keys = new Set(servers.map((s) => /Public log signing key: Ed25519 (\w+)/.exec(s.output())?.[1]));
    expect(keys.size).toBe(1);
  });

  it('takes reports, claims and decisions on all processes at once, with the same outcome as one', async () => {
    const at = (i: number) => (servers[i % servers.length] as ServerProcess).url;
    let acknowledged = 0;
    const refusals: string[] = [];
    const send = async (n: number, path: string, body: unknown, reports: number) => {
      const answer = await push(at(n), token, path, body);
      if (answer.status === 201) acknowledged += reports;
      else refusals.push(`${answer.status} ${JSON.stringify(answer.body)}`);
    };
    const report = (n: number) => ({ policyId: 'spam', source: 'user' as const, reporterRef: `reporter-${n}` });
    // First wave: every request brings subjects no other request brings (see the report: two processes taking the
    // first report on one subject at once is a known failure of ingestion, not of serving).
    const introduce = (n: number) => ({ ...report(n), subject: ordinaryPost(n) });
    await Promise.all([
      ...Array.from({ length: FIRST_SINGLES }, (_, n) => send(n, '/api/reports', introduce(n), 1)),
      ...Array.from({ length: FIRST_BATCHES }, (_, b) => {
        const items = Array.from({ length: BATCH_SIZE }, (_, i) => introduce(FIRST_SINGLES + b * BATCH_SIZE + i));
        return send(b + 1, '/api/reports/batch', { items }, BATCH_SIZE);
      }),
    ]);
    // Second wave, while reviewers work the queue: more reports on those subjects at once, joining, reopening cases.
    const again = (n: number) => ({ ...report(n), subjectExternalId: `post-${n % SUBJECTS}` });
    const secondWave = [
      ...Array.from({ length: MORE_SINGLES }, (_, n) => send(n, '/api/reports', again(SUBJECTS + n), 1)),
      ...Array.from({ length: MORE_BATCHES }, (_, b) => {
        const items = Array.from({ length: BATCH_SIZE }, (_, i) => again(SUBJECTS + MORE_SINGLES + b * BATCH_SIZE + i));
        return send(b + 2, '/api/reports/batch', { items }, BATCH_SIZE);
      }),
    ];

    // Each reviewer signs in on a server of its own turn; after each claim a rival on another process tries to take
    // the same case.
    const sessions: Session[] = await Promise.all(
      Array.from({ length: MODERATORS }, (_, i) => signIn(at(i), `mod${i}`, `mod${i} password!`)),
    );
    const claims: Claim[] = [];
    const stolen: string[] = [];
    const work = sessions.map(async (session, moderator) => {
      const rival = sessions[(moderator + 1) % MODERATORS] as Session;
      for (let round = 0; round < ROUNDS; round++) {
        const claimed = await session.request('POST', '/api/queue/claim', {});
        if (claimed.status !== 200) continue;
        const caseId = (claimed.body as { case: { id: string } }).case.id;
        claims.push({ caseId, moderator });
        const theft = await rival.request('POST', `/api/cases/${caseId}/claim`);
        if (theft.status !== 409) stolen.push(`${caseId}: ${theft.status}`);
        const decided = await session.request('POST', `/api/cases/${caseId}/decision`, {
          policyId: 'spam',
          sectionId: 'commercial-spam',
          outcome: 'remove',
          facts: 'The same advert posted many times.',
        });
        expect(decided.status, JSON.stringify(decided.body)).toBe(201);
      }
    });
    await Promise.all([...secondWave, ...work]);

    const expected = SUBJECTS + MORE_SINGLES + MORE_BATCHES * BATCH_SIZE;
    // A refusal names the server's log line for its request id, which says what went wrong.
    const logged = servers
      .map((s) => s.output())
      .join('\n')
      .split('\n');
    expect(
      refusals.map((r) => logged.find((line) => line.includes(/"requestId":"([^"]+)"/.exec(r)?.[1] ?? '-')) ?? r),
    ).toEqual([]);
    expect(acknowledged).toBe(expected);
    expect(stolen).toEqual([]);
    expect(claims.length).toBeGreaterThan(MODERATORS);

    // Counts settle: every acknowledged report is stored, has its event, and is counted in the statistics.
    await settled(async () => {
      const [counts] = await query<{ reports: number; received: number; decisions: number; taken: number }>(`select
        (select count(*)::int from reports) as reports,
        (select count(*)::int from events where type = 'report.received') as received,
        (select count(*)::int from decisions) as decisions,
        (select count(*)::int from events where type = 'decision.taken') as taken`);
      expect(counts).toEqual({ reports: expected, received: expected, decisions: claims.length, taken: claims.length });
      const statistics = await fetch(`${at(0)}/api/public/statistics`).then(
        (r) => r.json() as Promise<{ totals: { reports: number } }>,
      );
      expect(statistics.totals.reports).toBe(expected);
    });
    // One open case per subject at most, and every report on a case of its own subject.
    expect(
      await query(`select subject_id from cases where status = 'open' group by subject_id having count(*) > 1`),
    ).toEqual([]);
    expect(
      await query(`select r.id from reports r join cases c on c.id = r.case_id where c.subject_id <> r.subject_id`),
    ).toEqual([]);

    // No case was held by two reviewers at once: replayed from the log, a claim only ever takes a free case, and
    // the case rows agree with the log's last word on each case.
    const history = await query<{ type: string; case_id: string; user_id: string | null }>(
      `select type, payload->>'caseId' as case_id, payload->>'userId' as user_id from events
       where type in ('case.claimed', 'case.released', 'case.escalated', 'decision.taken') order by seq`,
    );
    const holder = new Map<string, string | null>();
    const doubleHeld: string[] = [];
    for (const event of history) {
      const current = holder.get(event.case_id) ?? null;
      if (event.type === 'case.claimed') {
        if (current !== null && current !== event.user_id)
          doubleHeld.push(`${event.case_id}: ${current} and ${event.user_id}`);
        holder.set(event.case_id, event.user_id);
      } else holder.set(event.case_id, null);
    }
    expect(doubleHeld).toEqual([]);
    const rows = await query<{ id: string; claimed_by: string | null }>(
      `select id, claimed_by from cases where claimed_by is not null and status = 'open'`,
    );
    expect(rows.map((r) => [r.id, r.claimed_by])).toEqual(rows.map((r) => [r.id, holder.get(r.id) ?? null]));
    expect(
      history
        .filter((e) => e.type === 'decision.taken')
        .map((e) => e.case_id)
        .sort(),
    ).toEqual(claims.map((c) => c.caseId).sort());

    // Each webhook went out once, though four processes polled the outbox.
    await settled(async () => {
      const [outbox] = await query<{ total: number; pending: number }>(
        `select count(*)::int as total, count(*) filter (where delivered_at is null)::int as pending from outbox where platform = 'lumen'`,
      );
      expect(outbox).toEqual({ total: claims.length, pending: 0 });
      expect(hook.deliveries.size).toBe(claims.length);
    });
    expect([...hook.deliveries.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await query(`select outbox_id from webhook_deliveries group by outbox_id having count(*) > 1`)).toEqual([]);

    // Each due restriction was flagged once and each overdue review lapsed once, though every process's scheduler saw them.
    await settled(async () => {
      const flags = await query<{ type: string; id: string; n: number }>(
        `select type, payload->>'restrictionId' as id, count(*)::int as n from events where type in ('restriction.review_due', 'restriction.lapsed') group by 1, 2`,
      );
      expect(flags.filter((f) => f.type === 'restriction.review_due')).toHaveLength(DUE_RESTRICTIONS);
      expect(flags.filter((f) => f.type === 'restriction.lapsed')).toHaveLength(OVERDUE_REVIEWS);
      expect(flags.filter((f) => f.n !== 1)).toEqual([]);
    });
    // Each checkpoint was signed once: one signing event per checkpoint row.
    const [signed] = await query<{ rows: number; events: number }>(
      `select (select count(*)::int from public_log_checkpoints) as rows, (select count(*)::int from events where type = 'public_log.checkpoint_signed') as events`,
    );
    expect(signed?.events).toBe(signed?.rows);

    // One unforked chain without gaps, and a public log whose checkpoints (signed by several processes) verify.
    await settled(async () => {
      const verified = await verifyLog(store.db);
      const [log] = await query<{ n: number; last: number }>(
        `select count(*)::int as n, max(seq)::int as last from events`,
      );
      expect(verified).toMatchObject({ ok: true, checked: log?.n, head: { seq: log?.last } });
      expect(log?.last).toBe(log?.n);
    });
    const publicLog = verifyPublicLog(await loadPublicLog(`${at(1)}/public/log`));
    expect(publicLog, JSON.stringify(publicLog)).toMatchObject({ ok: true });
  }, 90_000);

  it('restarts a worker that dies, and keeps serving on its port', async () => {
    const primary = servers[0] as ServerProcess;
    const pid = Number(/Worker (\d+) is serving/.exec(primary.output())?.[1]);
    process.kill(pid, 'SIGKILL');
    await primary.waitFor(new RegExp(`Worker ${pid} died \\(killed by SIGKILL\\); starting another`), 10_000);
    await primary.waitFor(/(Worker \d+ is serving[\s\S]*){3}/, 30_000);
    expect((await fetch(`${primary.url}/api/public/statistics`)).status).toBe(200);
  }, 45_000);
});

/** Retries the checks until they pass or time runs out: some work (deliveries, scheduled flags) lands a moment later. */
async function settled(checks: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await checks();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A platform's receiver on loopback counting the deliveries of each message; it may hold the first one's answer. */
function startWebhookReceiver(
  holdFirstUntil?: Promise<void>,
): Promise<{ server: Server; url: string; deliveries: Map<string, number> }> {
  const deliveries = new Map<string, number>();
  let requests = 0;
  const server = createServer((request, response) => {
    const id = String(request.headers['x-docket-delivery']);
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    requests += 1;
    const wait = requests === 1 && holdFirstUntil ? holdFirstUntil : Promise.resolve();
    request.resume();
    request.on('end', () => void wait.then(() => response.writeHead(204).end()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, deliveries }),
    ),
  );
}

it('refuses several workers on the embedded store, which is one process’s database, and a number of workers out of range', async () => {
  const env = { DATABASE_URL: '', DOCKET_DATA_DIR: join(tmpdir(), `docket-workers-${process.pid}`) };
  const [embedded, none] = await Promise.all([
    runDocket(env, ['serve', '--workers', '2']),
    runDocket(env, ['serve', '--workers', '0']),
  ]);
  expect(embedded.code).toBe(2);
  expect(embedded.stderr).toContain('--workers 2: the embedded store is one process');
  expect(embedded.stdout).toBe('');
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('a number of workers is a whole number from 1 to 256');
}, 60_000);

describeEachStore('webhook deliveries claimed by one process', (kind) => {
  it('are not claimed again by another while the batch is still being sent to a slow endpoint', async () => {
    const clock = new ManualClock(START);
    const first = await openTestDocket(kind, { clock });
    const second = await createDocket({ config: testConfig(), store: await first.another(), clock });
    // The endpoint keeps the first delivery waiting until released; it answers every other one at once.
    let release: () => void = () => undefined;
    const endpoint = await startWebhookReceiver(new Promise<void>((resolve) => (release = resolve)));
    const received = endpoint.deliveries;
    try {
      await first.webhooks.setEndpoint('system:test', 'lumen', endpoint.url);
      await first.run('system:test', async (ctx) => {
        for (let n = 0; n < 10; n++) await first.webhooks.enqueue(ctx, 'lumen', 'test.ping', { n });
      });
      const sending = first.webhooks.deliverDue(10);
      await settled(async () => expect(received.size).toBe(1), 10_000);
      // As if the first messages had each waited out their timeout: the rest of the batch is still the first's.
      clock.advance(90_000);
      expect(await second.webhooks.deliverDue(10)).toEqual({ delivered: 0, retrying: 0, failed: 0, notSent: 0 });
      release();
      expect(await sending).toEqual({ delivered: 10, retrying: 0, failed: 0, notSent: 0 });
      expect([...received.values()]).toEqual(Array(10).fill(1));
    } finally {
      release();
      endpoint.server.close();
      await second.close();
      await first.close();
    }
  }, 60_000);
});
