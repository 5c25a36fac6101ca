import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchClaims } from './claims.js';
import { benchCrisis } from './crisis.js';
import { benchEventLog } from './event-log.js';
import { benchIngestion } from './ingestion.js';
import { printRows, type Row } from './measure.js';
import { benchRaw } from './raw.js';
import { benchStatistics } from './statistics.js';
import { embeddedBenchStore, postgresBenchStore, type BenchStore, type Skipped } from './stores.js';

/**
 * `npm run bench`: each store's raw INSERT limit beside the event log's append rates on it; the table goes to
 * stdout, the same figures to bench/results/latest.json.
 * Embedded: PGlite on disk, in a temporary folder. PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * the local server; a `docket_bench` database is created there and dropped; skipped if unreachable.
 * BENCH_SECONDS sets how long each measurement runs (default 3).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
if (!(seconds > 0)) throw new Error(`BENCH_SECONDS must be a positive number, not ${process.env.BENCH_SECONDS}`);
const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const queueCases = Number(process.env.BENCH_QUEUE_CASES ?? 1_000_000);
const at = new Date().toISOString();
const cores = cpus().length;

console.log(`Docket bench — node ${process.version}, ${cores} cores, ${at}, ${seconds}s per measurement\n`);

const rows: Row[] = [];
const skipped: string[] = [];
const stores: (() => Promise<BenchStore | Skipped>)[] = [embeddedBenchStore, () => postgresBenchStore(postgresUrl)];
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

rows.push(...(await benchCrisis(Number(process.env.BENCH_CRISIS_EVENTS ?? 1_000_000))));

console.log();
printRows(rows);
for (const reason of skipped) console.log(`\nskipped: ${reason}`);

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const resultsFile = `${resultsDir}latest.json`;
writeFileSync(resultsFile, `${JSON.stringify({ at, node: process.version, cores, secondsPerMeasurement: seconds, skipped, rows }, null, 2)}\n`);
console.log(`\nwritten to ${resultsFile}`);
