import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchEventLog } from './event-log.js';
import { printRows, type Row } from './measure.js';
import { embeddedBenchStore, postgresBenchStore, type BenchStore } from './stores.js';

/**
 * `npm run bench`: each store's raw insert limit beside what Docket achieves on it.
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server; skipped if unreachable.
 * BENCH_SECONDS sets how long each measurement runs (default 3).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

console.log(`Docket bench: node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}, ${seconds}s per measurement\n`);

const rows: Row[] = [];
const stores: (() => Promise<BenchStore | { skipped: string }>)[] = [embeddedBenchStore, () => postgresBenchStore(postgresUrl)];
for (const open of stores) {
  const opened = await open();
  if ('skipped' in opened) {
    console.log(`skipped: ${opened.skipped}`);
    continue;
  }
  try {
    rows.push(...(await benchEventLog(opened, seconds)));
  } finally {
    await opened.dispose();
  }
}

printRows(rows);
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/latest.json', `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
console.log('\nwritten to .bench/latest.json');
