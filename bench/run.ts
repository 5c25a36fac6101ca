import { benchDsaSubmissions } from './dsa-submissions.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchClaims } from './claims.js';
import { benchConnectors } from './connectors.js';
import { benchCrisis } from './crisis.js';
import { benchEventLog } from './event-log.js';
import { benchHttp } from './http.js';
import { benchIngestion } from './ingestion.js';
import { printRows, type Row } from './measure.js';
import { benchRaw } from './raw.js';
import { benchScale } from './scale.js';
import { benchStatistics } from './statistics.js';
import { benchTlog } from './tlog.js';
import { embeddedBenchStore, postgresBenchStore, type BenchStore, type Skipped } from './stores.js';

/**
 * `npm run bench`: each store's raw INSERT limit beside the event log's append rates on it; the table goes to
 * stdout, the same figures to bench/results/latest.json.
 * Embedded: PGlite on disk, in a temporary folder. PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * the local server; a `docket_bench_<pid>` database is created there and dropped; skipped if unreachable.
 * HTTP: load from a separate process against `docket serve` processes and a plain Fastify + pg peer (bench/http.ts),
 * on that PostgreSQL server, in `docket_bench_<pid>` and `bench_peer_<pid>`, each queue filled with
 * BENCH_HTTP_QUEUE_CASES open cases (default 100,000).
 * Scale: `docket demo --scale` fills a database with BENCH_SCALES decided reports (default 100,000, comma-separated
 * sizes for several) and times the request paths at each size, printing how each grows (bench/scale.ts).
 * Connectors: on each store, fresh, single reports through a Docket HTTP server on loopback: Docket's own POST
 * /api/reports beside a Mastodon signed webhook and an atproto createReport, each at 1 and 8 connections, the
 * connectors' figures with their ratio to the plain path's ('vs peer'); and their transactions per request
 * (bench/connectors.ts).
 * Tlog: an inclusion proof over HTTP for a random entry of a public log of BENCH_TLOG_ENTRIES entries (default
 * 10,000,000; its Merkle tree built in SQL, not by appending), on PostgreSQL (bench/tlog.ts).
 * DSA: BENCH_DSA_REPORTS decided reports (default 100,000) written by `docket demo --scale`, their statements of
 * reasons submitted to the fake DSA Transparency Database on loopback, Docket's time per batch beside the fake's, on
 * PostgreSQL (bench/dsa-submissions.ts); first BENCH_DSA_SINGLE (default 500) of them one claim at a time
 * (POST /api/v1/statement) beside a bare POST to the same fake. The database is analyzed after it is filled
 * (BENCH_DSA_NO_ANALYZE=1 leaves it without statistics, as it was before). Then up to 20,000 of them again to a fake
 * that waits before each answer, a stand-in for a database across a network, with the plain peer against the same
 * fake: once per wait in BENCH_DSA_ANSWER_MS (milliseconds, comma-separated, default 25,100).
 * BENCH_SECONDS sets how long each measurement runs (default 3). BENCH_ONLY picks parts, comma-separated, from
 * stores, crisis, http, scale, connectors, tlog and dsa (default all: `BENCH_ONLY=http npm run bench` runs the HTTP part
 * alone).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
if (!(seconds > 0)) throw new Error(`BENCH_SECONDS must be a positive number, not ${process.env.BENCH_SECONDS}`);
const postgresUrl =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const queueCases = Number(process.env.BENCH_QUEUE_CASES ?? 1_000_000);
const httpQueueCases = Number(process.env.BENCH_HTTP_QUEUE_CASES ?? 100_000);
const PARTS = ['stores', 'crisis', 'http', 'scale', 'connectors', 'tlog', 'dsa'] as const;
const only = (process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((part) => part.trim());
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0)
  throw new Error(`BENCH_ONLY takes ${PARTS.join(', ')} (comma-separated), not ${unknown.join(', ')}`);
const parts = PARTS.filter((part) => only.includes(part));
const at = new Date().toISOString();
const cores = cpus().length;

console.log(
  `Docket bench — node ${process.version}, ${cores} cores, ${at}, ${seconds}s per measurement; ${parts.join(', ')}\n`,
);

const rows: Row[] = [];
const skipped: string[] = [];
const stores: (() => Promise<BenchStore | Skipped>)[] = parts.includes('stores')
  ? [embeddedBenchStore, () => postgresBenchStore(postgresUrl)]
  : [];
for (const open of stores) {
  const opened = await open();
  if ('skipped' in opened) {
    skipped.push(opened.skipped);
    continue;
  }
  try {
    const raw = await benchRaw(opened, seconds);
    rows.push(...raw.rows, ...(await benchEventLog(opened, seconds, raw.limit)));
    rows.push(...(await benchIngestion(opened, seconds, raw.limit)));
    rows.push(...(await benchStatistics(opened)));
    if (opened.name === 'postgres') rows.push(...(await benchClaims(opened, queueCases, 500)));
  } finally {
    await opened.dispose();
  }
}

if (parts.includes('crisis')) rows.push(...(await benchCrisis(Number(process.env.BENCH_CRISIS_EVENTS ?? 1_000_000))));

if (parts.includes('http')) {
  const http = await benchHttp(postgresUrl, seconds, httpQueueCases);
  if ('skipped' in http) skipped.push(http.skipped);
  else rows.push(...http);
}

if (parts.includes('scale')) {
  const sizes = (process.env.BENCH_SCALES ?? '100000').split(',').map(Number);
  if (sizes.some((n) => !(Number.isInteger(n) && n > 0)))
    throw new Error(`BENCH_SCALES takes positive whole numbers, comma-separated, not ${process.env.BENCH_SCALES}`);
  rows.push(...(await benchScale(postgresUrl, sizes)));
}

if (parts.includes('connectors'))
  for (const open of [embeddedBenchStore, () => postgresBenchStore(postgresUrl)]) {
    const opened = await open();
    if ('skipped' in opened) {
      skipped.push(`connectors: ${opened.skipped}`);
      continue;
    }
    try {
      rows.push(...(await benchConnectors(opened, seconds)));
    } finally {
      await opened.dispose();
    }
  }

if (parts.includes('tlog')) {
  const entries = Number(process.env.BENCH_TLOG_ENTRIES ?? 10_000_000);
  if (!(Number.isInteger(entries) && entries >= 2))
    throw new Error(`BENCH_TLOG_ENTRIES takes a whole number of at least 2, not ${process.env.BENCH_TLOG_ENTRIES}`);
  const tlog = await benchTlog(postgresUrl, entries);
  if ('skipped' in tlog) skipped.push(`tlog: ${tlog.skipped}`);
  else rows.push(...tlog);
}

if (parts.includes('dsa')) {
  const reports = Number(process.env.BENCH_DSA_REPORTS ?? 100_000);
  if (!(Number.isInteger(reports) && reports >= 1))
    throw new Error(`BENCH_DSA_REPORTS takes a positive whole number, not ${process.env.BENCH_DSA_REPORTS}`);
  const single = Number(process.env.BENCH_DSA_SINGLE ?? 500);
  if (!(Number.isInteger(single) && single >= 1))
    throw new Error(`BENCH_DSA_SINGLE takes a positive whole number, not ${process.env.BENCH_DSA_SINGLE}`);
  const answerMs = (process.env.BENCH_DSA_ANSWER_MS ?? '25,100').split(',').map(Number);
  if (answerMs.some((ms) => !Number.isInteger(ms) || ms < 0))
    throw new Error(
      `BENCH_DSA_ANSWER_MS takes whole numbers of milliseconds, separated by commas, not ${process.env.BENCH_DSA_ANSWER_MS}`,
    );
  const dsa = await benchDsaSubmissions(postgresUrl, reports, single, answerMs);
  if ('skipped' in dsa) skipped.push(`dsa: ${dsa.skipped}`);
  else rows.push(...dsa);
}

console.log();
printRows(rows);
if (parts.includes('connectors'))
  console.log(
    "\nconnectors: 'vs peer' is the ratio to Docket's plain POST /api/reports on the same store and connections",
  );
for (const reason of skipped) console.log(`\nskipped: ${reason}`);

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const resultsFile = `${resultsDir}latest.json`;
writeFileSync(
  resultsFile,
  `${JSON.stringify({ at, node: process.version, cores, secondsPerMeasurement: seconds, parts, skipped, rows }, null, 2)}\n`,
);
console.log(`\nwritten to ${resultsFile}`);
