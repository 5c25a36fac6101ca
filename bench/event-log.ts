import { systemClock } from '../src/core/clock.js';
import { createCommandRunner } from '../src/core/command.js';
import { verifyLog } from '../src/core/event-log.js';
import { createSequencer } from '../src/core/sequencer.js';
import { uuidv7Ids } from '../src/core/ids.js';
import { measure, type Row } from './measure.js';
import { BATCH, BODY } from './raw.js';
import type { BenchStore } from './stores.js';

const ACTOR = 'system:bench';

/**
 * The event log's append rate through the real command runner (each command one transaction, chained by the
 * sequencer before it answers): one ~1 KB event per command, sequentially and, on PostgreSQL, from 8 concurrent callers; then
 * 1,000 events per command. Then verifies the whole chain, which must hold exactly the events recorded.
 * Ratios are against `rawLimit`, the store's raw batched INSERT rate.
 */
export async function benchEventLog({ name, store }: BenchStore, seconds: number, rawLimit: number): Promise<Row[]> {
  const run = createCommandRunner(store.db, systemClock, uuidv7Ids, createSequencer(store.db, []));
  let recorded = 0;
  const row = (measurement: string, rate: number): Row => ({
    store: name,
    measurement,
    rate,
    unit: 'events/s',
    vsRaw: rate / rawLimit,
  });

  const singleCommand = async () => {
    await run(ACTOR, async ({ record }) =>
      record('demo.seeded', 'bench/single', { dataset: BODY, version: recorded++ }),
    );
    return 1;
  };
  const rows = [
    row('event log, single commands', await measure(`${name}: single commands`, singleCommand, { seconds })),
  ];

  if (name === 'postgres') {
    const concurrent = await measure(`${name}: single commands, 8 callers`, singleCommand, { seconds, workers: 8 });
    rows.push(row('event log, single commands, 8 callers', concurrent));
  }

  const batchCommand = async () => {
    await run(ACTOR, async ({ record }) => {
      for (let i = 0; i < BATCH; i++) record('demo.seeded', 'bench/batch', { dataset: BODY, version: recorded++ });
    });
    return BATCH;
  };
  rows.push(
    row('event log, 1,000-event commands', await measure(`${name}: 1,000-event commands`, batchCommand, { seconds })),
  );

  process.stderr.write(`  ${name}: verify the chain ... `);
  const start = process.hrtime.bigint();
  const report = await verifyLog(store.db);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (!report.ok)
    throw new Error(`the bench wrote a chain that does not verify: ${report.firstBreak?.message ?? 'unknown break'}`);
  if (report.checked !== recorded)
    throw new Error(`the chain holds ${report.checked} events, but the bench recorded ${recorded}`);
  process.stderr.write(`${report.checked.toLocaleString('en')} entries OK\n`);
  rows.push({
    store: name,
    measurement: `verify chain (${report.checked.toLocaleString('en')} entries)`,
    rate: report.checked / elapsed,
    unit: 'entries/s',
    vsRaw: null,
  });
  return rows;
}
