import { measure, type Row } from './measure.js';
import type { BenchStore } from './stores.js';

export const BODY = 'x'.repeat(1_000);
export const BATCH = 1_000;

/** `insert into bench_raw (id, body) values ($1, $2), ($3, $4), ...` for `rows` rows. */
const insertStatement = (rows: number): string =>
  `insert into bench_raw (id, body) values ${Array.from({ length: rows }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}`;

/**
 * The store's raw limit, straight through the driver: plain multi-row INSERTs of 1 KB rows, 1,000 rows per
 * statement, each statement its own (autocommit) transaction. Also one row per transaction: the commit rate that
 * bounds anything transactional, one-event commands included.
 */
export async function benchRaw({ name, raw }: BenchStore, seconds: number): Promise<{ rows: Row[]; limit: number }> {
  await raw.query('create table bench_raw (id bigint primary key, body text not null)');
  let nextId = 0;
  const batchStatement = insertStatement(BATCH);
  const oneStatement = insertStatement(1);

  const limit = await measure(
    `${name}: raw batched INSERT`,
    async () => {
      const params = Array.from({ length: BATCH }, () => [nextId++, BODY]).flat();
      await raw.query(batchStatement, params);
      return BATCH;
    },
    { seconds },
  );

  const single = await measure(
    `${name}: raw INSERT, 1 row per transaction`,
    async () => {
      await raw.query(oneStatement, [nextId++, BODY]);
      return 1;
    },
    { seconds },
  );

  return {
    limit,
    rows: [
      { store: name, measurement: 'raw batched INSERT (1 KB rows, 1,000/tx)', rate: limit, unit: 'rows/s', vsRaw: 1 },
      {
        store: name,
        measurement: 'raw INSERT (1 KB row, 1 row/tx)',
        rate: single,
        unit: 'rows/s',
        vsRaw: single / limit,
      },
    ],
  };
}
