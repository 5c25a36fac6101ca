import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocket } from '../src/app.js';
import { verifyLog } from '../src/core/event-log.js';
import { rowsOf } from '../src/store/migrate.js';
import { push, startServer, type ServerProcess } from './server-process.js';
import { describeEachStore, newTestLocation, testConfig } from './stores.js';

/**
 * A server killed (SIGKILL) while platforms push reports, single and batched, then started again on the same
 * store: every report it acknowledged is there, and nothing is half-written — each stored report has its case and
 * its event, each event its report, and the chain verifies. On the embedded store this also proves its lock file
 * lets a restart in after the owner was killed.
 */
describeEachStore('a server killed mid-ingestion', (kind) => {
  let location: Awaited<ReturnType<typeof newTestLocation>>;
  let env: NodeJS.ProcessEnv;
  let token: string;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    location = await newTestLocation(kind);
    env =
      kind === 'embedded'
        ? { DOCKET_DATA_DIR: location.config.dataDir }
        : { DATABASE_URL: location.config.databaseUrl };
    const docket = await createDocket({ config: testConfig(location.config) });
    try {
      token = (
        await docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' })
      ).token;
    } finally {
      await docket.close();
    }
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await location?.dispose();
  });

  it('keeps every acknowledged report and nothing half-written', async () => {
    const limits = { DOCKET_LIMIT_INGEST: '100000/1m', DOCKET_LIMIT_INGEST_BATCHES: '100000/1m' };
    server = await startServer({ ...env, ...limits });
    const acknowledged: string[] = [];
    const refused: string[] = [];
    const driving = drive(server.url, token, acknowledged, refused);
    await until(() => acknowledged.length >= 60, 20_000);
    expect(await server.stop('SIGKILL')).toBeNull();
    const attempted = await driving;
    expect(attempted).toBeGreaterThan(0);
    expect(refused).toEqual([]);

    server = await startServer({ ...env, ...limits });
    const after = await push(server.url, token, '/api/reports', report(1_000_000));
    expect(after.status).toBe(201);
    acknowledged.push((after.body as { receipt: { reportId: string } }).receipt.reportId);
    expect(await server.stop('SIGTERM')).toBe(0);
    server = null;

    const docket = await createDocket({ config: testConfig(location.config) });
    try {
      const ids = async (query: ReturnType<typeof sql>) =>
        rowsOf<{ id: string }>(await docket.store.db.execute(query))
          .map((r) => r.id)
          .sort();
      const stored = await ids(sql`select id from reports`);
      expect(acknowledged.filter((id) => !stored.includes(id))).toEqual([]);
      expect(await ids(sql`select payload->>'reportId' as id from events where type = 'report.received'`)).toEqual(
        stored,
      );
      expect(
        await ids(sql`select r.id from reports r left join cases c on c.id = r.case_id where c.id is null`),
      ).toEqual([]);
      expect(await ids(sql`select payload->>'subjectId' as id from events where type = 'subject.registered'`)).toEqual(
        await ids(sql`select id from subjects`),
      );
      const [counted] = rowsOf<{ n: number }>(
        await docket.store.db.execute(
          sql`select coalesce(sum(count), 0)::int as n from statistics_counts where metric = 'reports.source'`,
        ),
      );
      expect(counted?.n).toBe(stored.length);

      const verified = await verifyLog(docket.store.db);
      const [log] = rowsOf<{ n: number }>(await docket.store.db.execute(sql`select count(*)::int as n from events`));
      expect(verified).toMatchObject({ ok: true, checked: log?.n, head: { seq: log?.n } });
    } finally {
      await docket.close();
    }
  }, 150_000);
});

const report = (n: number) => ({
  subject: { externalId: `crash-${n}`, kind: 'content', body: `A post pushed as the server died, number ${n}` },
  policyId: 'spam',
  source: 'user',
});

/**
 * Six platforms' pushers, each alternating single reports and batches of ten (every subject new, so no two pushes
 * race to register one), until the server stops answering. Collects the ids of the reports it acknowledged and
 * any answer that was not a success; resolves with the number of pushes tried.
 */
async function drive(base: string, token: string, acknowledged: string[], refused: string[]): Promise<number> {
  let next = 0;
  let attempted = 0;
  const pusher = async (lane: number) => {
    for (let turn = 0; ; turn++) {
      attempted += 1;
      try {
        if ((turn + lane) % 3 === 0) {
          const items = Array.from({ length: 10 }, () => report(next++));
          const answer = await push(base, token, '/api/reports/batch', { items });
          if (answer.status === 201)
            acknowledged.push(...(answer.body as { receipts: { reportId: string }[] }).receipts.map((r) => r.reportId));
          else refused.push(`${answer.status} ${JSON.stringify(answer.body)}`);
        } else {
          const answer = await push(base, token, '/api/reports', report(next++));
          if (answer.status === 201)
            acknowledged.push((answer.body as { receipt: { reportId: string } }).receipt.reportId);
          else refused.push(`${answer.status} ${JSON.stringify(answer.body)}`);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, (_, lane) => pusher(lane)));
  return attempted;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
