import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { fillQueue } from './claims.js';
import { runLoad, type Dialect, type LoadResult, type Reviewer } from './load.js';
import { compareWithPeer, type Row } from './measure.js';
import { memoryOf, setUpPeer, startDocket, startPeer, type ServerProcess } from './servers.js';
import { freshDatabase, postgresBenchStore, runDatabaseName, type Skipped } from './stores.js';

const run = promisify(execFile);
const CONNECTIONS = [1, 8, 32];
const BATCH_CONNECTIONS = [1, 8];
const BATCH = 500;
const REVIEWERS = 32;
const PASSWORD = 'bench reviewer password';

/** The three servers measured: Docket, and the peer (bench/peer.ts) without and with its hash chain. */
type Contender = 'docket' | 'peer' | 'peer+chain';

/**
 * HTTP load from a separate process (autocannon, bench/load-driver.ts) against Docket started as real `docket
 * serve` processes on PostgreSQL, and against a plain Fastify + pg peer in the same run: single reports at 1, 8
 * and 32 connections, batches of 500, claim-then-decide cycles with 1, 8 and 32 reviewers, then single reports
 * and reviews spread over 3 server processes on the one database; and each server's memory. Docket's figures
 * carry their ratio to the peer's (plain, and with the hash chain). `queueCases` open cases wait in each queue.
 */
export async function benchHttp(postgresUrl: string, seconds: number, queueCases: number): Promise<Row[] | Skipped> {
  process.stderr.write('  http: npm run build:server (the bench serves the built server) ... ');
  await run('npm', ['run', 'build:server']);
  process.stderr.write('done\n');
  const bench = await postgresBenchStore(postgresUrl);
  if ('skipped' in bench) return bench;
  const peerDatabase = await freshDatabase(postgresUrl, runDatabaseName('bench_peer'));
  if ('skipped' in peerDatabase) {
    await bench.dispose();
    return peerDatabase;
  }
  try {
    process.stderr.write(`  http: filling both queues with ${queueCases.toLocaleString('en')} open cases ... `);
    const docket = await createDocket({
      config: loadConfig({}, { logLevel: 'silent', demo: false }),
      store: bench.store,
    });
    await docket.policies.ensureDefaultLibrary('system:bench');
    const { token } = await docket.access.createToken('system:bench', {
      name: 'bench',
      kind: 'integration',
      platform: 'bench',
    });
    for (let i = 0; i < REVIEWERS; i++)
      await docket.access.createUser('system:bench', {
        username: `reviewer${i}`,
        roles: ['moderator'],
        password: PASSWORD,
      });
    await fillQueue(bench.store.db, queueCases);
    await setUpPeer(peerDatabase.url, queueCases);
    process.stderr.write('done\n');

    const rows: Row[] = [];
    const docketUrl = bench.databaseUrl as string;
    rows.push(
      ...(await measureContenders(['docket'], 1, () => startDocket(docketUrl), { seconds, token }, signInReviewers)),
    );
    rows.push(
      ...(await measureContenders(
        ['peer', 'peer+chain'],
        1,
        () => startPeer(peerDatabase.url),
        { seconds, token },
        peerReviewers,
      )),
    );
    rows.push(
      ...(await measureContenders(['docket'], 3, () => startDocket(docketUrl), { seconds, token }, signInReviewers)),
    );
    rows.push(
      ...(await measureContenders(
        ['peer', 'peer+chain'],
        3,
        () => startPeer(peerDatabase.url),
        { seconds, token },
        peerReviewers,
      )),
    );
    return compareWithPeer(rows);
  } finally {
    await bench.dispose();
    await peerDatabase.drop();
  }
}

const DIALECT: Record<Contender, Dialect> = { docket: 'docket', peer: 'peer', 'peer+chain': 'peer-chain' };
let runs = 0;

/**
 * Starts `processes` servers, then measures each contender they serve: with one process, every figure; with
 * three, single reports and reviews at 32 connections dealt out over them. Then the servers' memory.
 */
async function measureContenders(
  contenders: Contender[],
  processes: number,
  start: () => Promise<ServerProcess>,
  { seconds, token }: { seconds: number; token: string },
  reviewersOf: (url: string) => Promise<Reviewer[]>,
): Promise<Row[]> {
  const servers = await Promise.all(Array.from({ length: processes }, start));
  const targets = servers.map((server) => server.url);
  const where = processes === 1 ? '' : `, ${processes} processes`;
  const rows: Row[] = [];
  try {
    const reviewers = await reviewersOf(targets[0] as string);
    for (const contender of contenders) {
      const dialect = DIALECT[contender];
      const row = (measurement: string, rate: number, unit: string): Row => ({
        store: contender,
        measurement: `HTTP ${measurement}${where}`,
        rate,
        unit,
        vsRaw: null,
      });
      const reports = (connections: number, batch: number, time = seconds) =>
        runLoad({
          kind: 'reports',
          dialect,
          targets,
          connections,
          seconds: time,
          token,
          runId: `run${process.pid}-${runs++}`,
          batch,
        });
      const say = (what: string, result: LoadResult, kind: string, units = 1) => {
        const { perSecond, p50, p99 } = result.kinds[kind] ?? { perSecond: 0, p50: NaN, p99: NaN };
        process.stderr.write(
          `  http: ${contender}${where}, ${what}: ${Math.round(perSecond * units).toLocaleString('en')}/s, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms\n`,
        );
        return { rate: perSecond, p50, p99 };
      };
      // Warm-up, not counted: the servers' JIT, pools and caches, on both paths.
      await reports(8, 1, Math.min(seconds, 3));
      await runLoad({
        kind: 'reviews',
        dialect,
        targets,
        reviewers: reviewers.slice(0, 8),
        seconds: Math.min(seconds, 3),
      });
      for (const connections of processes === 1 ? CONNECTIONS : [32]) {
        const label = `single report, ${connections} connection${connections === 1 ? '' : 's'}`;
        const { rate, p50, p99 } = say(label, await reports(connections, 1), 'report');
        rows.push(row(label, rate, 'req/s'), row(`${label}, p50`, p50, 'ms'), row(`${label}, p99`, p99, 'ms'));
      }
      for (const connections of processes === 1 ? BATCH_CONNECTIONS : []) {
        const label = `batches of ${BATCH}, ${connections} connection${connections === 1 ? '' : 's'}`;
        const { rate } = say(label, await reports(connections, BATCH), 'batch', BATCH);
        rows.push(row(label, rate * BATCH, 'reports/s'));
      }
      for (const count of processes === 1 ? [1, 8, REVIEWERS] : [REVIEWERS]) {
        const label = `claim + decide, ${count} reviewer${count === 1 ? '' : 's'}`;
        const result = await runLoad({
          kind: 'reviews',
          dialect,
          targets,
          reviewers: reviewers.slice(0, count),
          seconds,
        });
        const claim = say(`${label}, claims`, result, 'claim');
        const decide = say(`${label}, decisions`, result, 'decide');
        rows.push(
          row(label, decide.rate, 'decisions/s'),
          row(`${label}, claim p50`, claim.p50, 'ms'),
          row(`${label}, claim p99`, claim.p99, 'ms'),
          row(`${label}, decide p50`, decide.p50, 'ms'),
          row(`${label}, decide p99`, decide.p99, 'ms'),
        );
      }
    }
    // The peer's two variants are one process: its memory is reported once, as the plain peer's.
    const memory = servers.map((server) => memoryOf(server.pid));
    const named = contenders[0] as Contender;
    rows.push({
      store: named,
      measurement: `HTTP server memory at peak (VmHWM, largest process)${where}`,
      rate: Math.max(...memory.map((m) => m.peak)),
      unit: 'MB',
      vsRaw: null,
    });
    rows.push({
      store: named,
      measurement: `HTTP server memory after the load (VmRSS, largest process)${where}`,
      rate: Math.max(...memory.map((m) => m.rss)),
      unit: 'MB',
      vsRaw: null,
    });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  return rows;
}

/** Each bench reviewer signed in to Docket at `url`: the session cookie and CSRF token their requests carry. */
async function signInReviewers(url: string): Promise<Reviewer[]> {
  return Promise.all(
    Array.from({ length: REVIEWERS }, async (_, i) => {
      const name = `reviewer${i}`;
      const response = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: name, password: PASSWORD }),
      });
      if (response.status !== 200)
        throw new Error(`${name} could not sign in: ${response.status} ${await response.text()}`);
      const session = /docket_session=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      if (!session) throw new Error(`${name}'s sign-in set no session cookie`);
      return { name, headers: { cookie: `docket_session=${session}`, 'x-csrf-token': csrfToken } };
    }),
  );
}

/** The peer takes the reviewer's name in the request: there is nothing to sign in to. */
const peerReviewers = async (): Promise<Reviewer[]> =>
  Array.from({ length: REVIEWERS }, (_, i) => ({ name: `reviewer${i}`, headers: {} }));
