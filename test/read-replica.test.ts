import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocket, type Docket } from '../src/app.js';
import { ManualClock } from '../src/core/clock.js';
import { loadConfig } from '../src/core/config.js';
import type { SessionView } from '../src/access/contract.js';
import type { ReportAnswer } from '../src/moderation/contract.js';
import { DEFAULT_LIBRARY } from '../src/policy/library.js';
import type { EventsAnswer, PublicLogDocument } from '../src/transparency/public-log/contract.js';
import type { PublicSummary } from '../src/transparency/site/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { openStore } from '../src/store/database.js';
import { rowsOf } from '../src/store/migrate.js';
import { runDocket } from './cli-run.js';
import { pmVideo } from './moderation-fixtures.js';
import { adminQuery, newTestLocation, templateDatabase, testConfig, TEST_DATABASE_PREFIX } from './stores.js';

/**
 * With DATABASE_READ_URL, the public site, the public API and the statistics read from a streaming replica, and
 * everything else from the primary. Proved on a real replica (scripts/replica.sh starts one on 5433; CI runs it and
 * sets TEST_DATABASE_READ_URL): with the replica's replay paused, what is written is on the primary (the console
 * and the API's authenticated reads show it) and not yet on the public pages; once replay resumes, it is.
 * Without a replica the replica part is skipped, except in CI (CI=true or DOCKET_REQUIRE_REPLICA), where a
 * PostgreSQL run without one fails.
 */
const primaryUrl = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_DATABASE_READ_URL;
const required = process.env.CI === 'true' || Boolean(process.env.DOCKET_REQUIRE_REPLICA);
if (primaryUrl && !replicaUrl && required) {
  throw new Error(
    'the read-replica test is required here but TEST_DATABASE_READ_URL is not set (scripts/replica.sh starts a replica on 5433)',
  );
}
if (!replicaUrl)
  console.warn(
    'read-replica test skipped: set TEST_DATABASE_READ_URL to a streaming replica of TEST_DATABASE_URL (scripts/replica.sh)',
  );

describe('read replica configuration', () => {
  it('refuses a read URL without a PostgreSQL primary, and one that is not a connection string', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/docket' })).toThrow(
      /DATABASE_READ_URL names a read replica, which needs DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://primary/docket', DATABASE_READ_URL: 'replica:5433' })).toThrow(
      /DATABASE_READ_URL must be a postgres/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://primary/docket', DATABASE_READ_URL: ' postgres://replica/docket ' })
        .databaseReadUrl,
    ).toBe('postgres://replica/docket');
  });

  it('reads the public record from the primary when no replica is configured, and the embedded store takes none', async () => {
    await expect(openStore({ dataDir: 'memory', databaseReadUrl: 'postgres://replica/docket' })).rejects.toThrow(
      /read replica needs a PostgreSQL primary/,
    );
    const store = await openStore({ dataDir: 'memory' });
    try {
      expect(store.readDb).toBe(store.db);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe.skipIf(!primaryUrl)('a read replica that does not answer [postgres]', () => {
  it('stops the start with an error naming DATABASE_READ_URL and why', async () => {
    const closedPort = 'postgres://postgres@127.0.0.1:1/docket';
    await expect(openStore({ databaseUrl: primaryUrl, databaseReadUrl: closedPort })).rejects.toThrow(
      /the read replica DATABASE_READ_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/docket\) does not answer: connect ECONNREFUSED/,
    );
  });

  it('leaves the one-shot commands working: they read and write the primary only', async () => {
    const location = await newTestLocation('postgres');
    try {
      const verified = await runDocket(
        { DATABASE_URL: location.config.databaseUrl, DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:1/docket' },
        ['verify'],
      );
      expect(verified.stderr).toBe('');
      expect(verified.code).toBe(0);
    } finally {
      await location.dispose();
    }
  }, 120_000);
});

const withUrl = (url: string, database: string): string =>
  Object.assign(new URL(url), { pathname: `/${database}` }).toString();

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  const [{ lsn }] = (await query<{ lsn: string }>(
    primaryUrl as string,
    'select pg_current_wal_lsn()::text as lsn',
  )) as [{ lsn: string }];
  for (let tries = 0; tries < 300; tries++) {
    const [row] = await query<{ done: boolean }>(
      replicaUrl as string,
      'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done',
      [lsn],
    );
    if (row?.done) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the replica did not replay up to ${lsn} within 30 s`);
}

async function setReplay(state: 'paused' | 'running'): Promise<void> {
  await query(
    replicaUrl as string,
    state === 'paused' ? 'select pg_wal_replay_pause()' : 'select pg_wal_replay_resume()',
  );
  if (state === 'running') return;
  for (let tries = 0; tries < 100; tries++) {
    const [row] = await query<{ state: string }>(
      replicaUrl as string,
      'select pg_get_wal_replay_pause_state() as state',
    );
    if (row?.state === 'paused') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the replica did not pause its replay within 10 s');
}

describe.skipIf(!primaryUrl || !replicaUrl)('public reads from a streaming replica [postgres]', () => {
  const database = `${TEST_DATABASE_PREFIX}${inject('pgRunId')}_replica_${randomBytes(4).toString('hex')}`;
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  let docket: Docket;
  let app: App;
  let staff: (method: 'GET' | 'POST', url: string, body?: object) => Promise<LightMyRequestResponse>;
  let platform: (url: string, body: object) => Promise<LightMyRequestResponse>;
  const anonymous = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    const [recovery] = await query<{ replica: boolean }>(replicaUrl as string, 'select pg_is_in_recovery() as replica');
    if (!recovery?.replica)
      throw new Error(`TEST_DATABASE_READ_URL answers as a primary, not a replica of TEST_DATABASE_URL`);
    // A run killed while replay was paused left it so.
    await setReplay('running');
    await adminQuery(`create database ${database} template ${templateDatabase(inject('pgRunId'))}`);
    await replicaCaughtUp();
    docket = await createDocket({
      config: testConfig({
        databaseUrl: withUrl(primaryUrl as string, database),
        databaseReadUrl: withUrl(replicaUrl as string, database),
      }),
      clock,
    });
    app = await buildServer(docket, { logger: false });
    await app.ready();
    await docket.policies.ensureDefaultLibrary('system:test');
    await docket.access.createUser('system:test', {
      username: 'policy1',
      roles: ['policy'],
      password: 'policy1 password!',
    });
    const token = (
      await docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' })
    ).token;
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'policy1', password: 'policy1 password!' },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'docket_session')?.value ?? '';
    const csrf = signIn.json<SessionView>().csrfToken ?? '';
    staff = (method, url, body) =>
      app.inject({
        method,
        url,
        cookies: { docket_session: cookie },
        headers: { 'x-csrf-token': csrf },
        ...(body ? { payload: body } : {}),
      });
    platform = (url, body) =>
      app.inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${token}` } });
    await replicaCaughtUp();
  });

  afterAll(async () => {
    // Whatever failed, the replica must replay again: it serves every database of the cluster.
    if (replicaUrl) await setReplay('running');
    await app?.close();
    await docket?.close();
    if (primaryUrl) await adminQuery(`drop database if exists ${database} with (force)`);
  });

  it('opens a pool on each: the primary for writes, the replica for the public reads', async () => {
    expect(docket.store.readDb).not.toBe(docket.store.db);
    expect(docket.store.location).toContain('public reads from its replica');
    const [primary] = rowsOf<{ replica: boolean }>(
      await docket.store.db.execute(sql`select pg_is_in_recovery() as replica`),
    );
    const [replica] = rowsOf<{ replica: boolean }>(
      await docket.store.readDb.execute(sql`select pg_is_in_recovery() as replica`),
    );
    expect(primary?.replica).toBe(false);
    expect(replica?.replica).toBe(true);
  });

  it('shows the public what the replica has replayed, and staff what the primary holds', async () => {
    const day = { from: '2026-03-02', to: '2026-03-02' };
    const reportsCounted = async () =>
      (await anonymous(`/api/public/statistics?from=${day.from}&to=${day.to}`)).json<StatisticsAnswer>().totals.reports;
    const publicLogEntries = async () => (await anonymous('/public/log?limit=1')).json<PublicLogDocument>().head.seq;
    const before = {
      reports: await reportsCounted(),
      publicLog: await publicLogEntries(),
      summary: (await anonymous('/api/public/summary')).json<PublicSummary>(),
    };

    await setReplay('paused');
    // Writes go to the primary: on the replica, which is read-only, each would fail.
    const report = await platform('/api/reports', {
      subject: pmVideo,
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      source: 'user',
    });
    expect(report.statusCode).toBe(201);
    const caseId = report.json<ReportAnswer>().receipt.caseId;
    const published = await staff('POST', '/api/policies', {
      id: 'replica-check',
      ...DEFAULT_LIBRARY.spam,
      changeNote: 'Published while the replica was paused.',
    });
    expect(published.statusCode).toBe(201);

    // Authenticated reads are on the primary: staff see both at once.
    expect((await staff('GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    const events = (await staff('GET', '/api/events?type=policy.published&limit=1000')).json<EventsAnswer>();
    expect(events.entries.map((e) => e.stream)).toContain('policy/replica-check');

    // The public pages, the public API and the statistics are on the replica, which has not replayed them.
    expect((await anonymous('/policies/replica-check')).statusCode).toBe(404);
    expect(await reportsCounted()).toBe(before.reports);
    expect(await publicLogEntries()).toBe(before.publicLog);
    expect((await anonymous('/api/public/summary')).json<PublicSummary>().log.entries).toBe(before.summary.log.entries);

    await setReplay('running');
    await replicaCaughtUp();
    const page = await anonymous('/policies/replica-check');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(DEFAULT_LIBRARY.spam?.title);
    expect(await reportsCounted()).toBe(before.reports + 1);
    expect(await publicLogEntries()).toBeGreaterThan(before.publicLog);
    expect((await anonymous('/api/public/summary')).json<PublicSummary>().log.entries).toBeGreaterThan(
      before.summary.log.entries,
    );
  });

  it('closes both pools', async () => {
    const named = (url: string) => `${withUrl(url, database)}?application_name=docket_close_check`;
    const other = await createDocket({
      config: testConfig({ databaseUrl: named(primaryUrl as string), databaseReadUrl: named(replicaUrl as string) }),
      clock,
    });
    const connections = async (url: string) =>
      Number(
        (
          await query<{ n: string }>(
            url,
            "select count(*) as n from pg_stat_activity where application_name = 'docket_close_check'",
          )
        )[0]?.n,
      );
    expect(await connections(primaryUrl as string)).toBeGreaterThan(0);
    expect(await connections(replicaUrl as string)).toBeGreaterThan(0);
    await other.close();
    // A backend leaves pg_stat_activity a moment after its client hangs up.
    await expect.poll(() => connections(primaryUrl as string), { timeout: 5_000 }).toBe(0);
    await expect.poll(() => connections(replicaUrl as string), { timeout: 5_000 }).toBe(0);
  });
});
