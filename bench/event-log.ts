import { sql } from 'drizzle-orm';
import { systemClock } from '../src/core/clock.js';
import { createCommandRunner } from '../src/core/command.js';
import { verifyLog } from '../src/core/event-log.js';
import { uuidv7Ids } from '../src/core/ids.js';
import { ratePerSecond, type Row } from './measure.js';
import type { BenchStore } from './stores.js';

const KB = 'x'.repeat(1_000);
const BATCH = 1_000;

/**
 * The raw limit of the store (plain multi-row INSERTs of 1 KB rows, one transaction per 1,000 rows; and one row
 * per transaction, the floor for anything transactional) beside the event log's append rate through the real
 * command runner: one event per command, and 1,000 per command. Ratios are against the batched raw limit.
 */
export async function benchEventLog({ name, store }: BenchStore, seconds: number): Promise<Row[]> {
  const { db } = store;
  await db.execute(sql`create table bench_raw (id bigint primary key, body text not null)`);
  let nextId = 0;
  const raw = await ratePerSecond(async () => {
    const values = Array.from({ length: BATCH }, () => sql`(${nextId++}, ${KB})`);
    await db.transaction((tx) => tx.execute(sql`insert into bench_raw (id, body) values ${sql.join(values, sql`, `)}`));
    return BATCH;
  }, seconds);

  const rawSingle = await ratePerSecond(async () => {
    await db.transaction((tx) => tx.execute(sql`insert into bench_raw (id, body) values (${nextId++}, ${KB})`));
    return 1;
  }, seconds);

  const run = createCommandRunner(db, systemClock, uuidv7Ids);
  let version = 0;
  const oneEventCommand = async () => {
    await run('system:bench', async ({ record }) => record('demo.seeded', 'bench/single', { dataset: KB, version: version++ }));
    return 1;
  };
  const single = await ratePerSecond(oneEventCommand, seconds);

  const rows: Row[] = [
    { store: name, measurement: 'raw batched INSERT, 1 KB rows, 1,000/tx', rate: raw, unit: 'rows/s', vsRaw: 1 },
    { store: name, measurement: 'raw INSERT, 1 KB row, 1 row/tx', rate: rawSingle, unit: 'rows/s', vsRaw: rawSingle / raw },
    { store: name, measurement: 'event log: 1 event per command', rate: single, unit: 'events/s', vsRaw: single / raw },
  ];

  if (name === 'postgres') {
    const concurrent = await ratePerSecond(async () => {
      const counts = await Promise.all(Array.from({ length: 8 }, oneEventCommand));
      return counts.length;
    }, seconds);
    rows.push({ store: name, measurement: 'event log: 1 event per command, 8 callers', rate: concurrent, unit: 'events/s', vsRaw: concurrent / raw });
  }

  const batched = await ratePerSecond(async () => {
    await run('system:bench', async ({ record }) => {
      for (let i = 0; i < BATCH; i++) record('demo.seeded', 'bench/batch', { dataset: KB, version: version++ });
    });
    return BATCH;
  }, seconds);
  rows.push({ store: name, measurement: 'event log: 1,000 events per command', rate: batched, unit: 'events/s', vsRaw: batched / raw });

  const start = process.hrtime.bigint();
  const report = await verifyLog(db);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (!report.ok) throw new Error(`the bench wrote a chain that does not verify: ${report.firstBreak?.message}`);
  rows.push({ store: name, measurement: `verify the chain (${report.checked.toLocaleString('en')} entries)`, rate: report.checked / elapsed, unit: 'entries/s', vsRaw: null });
  return rows;
}
