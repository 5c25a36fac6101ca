import { sql } from 'drizzle-orm';
import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import {
  inclusionProof,
  leafHash,
  storedHashCount,
  treeHash,
  verifyInclusion,
} from '../src/transparency/public-log/merkle.js';
import type { InclusionAnswer } from '../src/transparency/public-log/tree-contract.js';
import { tableHashReader } from '../src/transparency/public-log/tree-store.js';
import { rowsOf } from '../src/store/migrate.js';
import type { Row } from './measure.js';
import { postgresBenchStore, type Skipped } from './stores.js';

/** storedHashIndex(level, n) in SQL: leaf m's slot is 2m - popcount(m), and level L's hash n follows leaf (n+1)2^L - 1. */
const storedIndex = (level: number, n: string) =>
  `(2 * (((${n} + 1) << ${level}) - 1) - bit_count(((((${n} + 1) << ${level}) - 1))::bit(64)) + ${level})`;

const leafBytes = (n: number) => Buffer.from(`bench entry ${n}`, 'utf8');

/**
 * An inclusion proof for an entry of a public log of `entries` entries (default 10,000,000), served by Docket over
 * HTTP on loopback from PostgreSQL. The public log's stored-hash table is filled in SQL with a real RFC 6962 tree of
 * that size (leaf n = SHA-256(0x00 || "bench entry n"), each level's hashes from the one below, as Docket stores
 * them), not by appending that many entries, which would take hours; the proofs are checked against the root.
 * Median and 99th percentile of 300 requests for random entries, in milliseconds.
 */
export async function benchTlog(url: string, entries: number): Promise<Row[] | Skipped> {
  const opened = await postgresBenchStore(url);
  if ('skipped' in opened) return opened;
  try {
    const db = opened.store.db;
    const filled = process.hrtime.bigint();
    process.stderr.write(
      `  postgres: tlog: building a Merkle tree of ${entries.toLocaleString('en')} entries in SQL ... `,
    );
    await db.execute(
      sql.raw(`insert into public_log_tree_hashes (idx, hash)
        select ${storedIndex(0, 'n')}, sha256('\\x00'::bytea || convert_to('bench entry ' || n, 'UTF8'))
        from generate_series(0::bigint, ${entries - 1}) n`),
    );
    for (let level = 1; 2 ** level <= entries; level++) {
      const count = Math.floor(entries / 2 ** level);
      await db.execute(
        sql.raw(`insert into public_log_tree_hashes (idx, hash)
          select ${storedIndex(level, 'n')}, sha256('\\x01'::bytea || l.hash || r.hash)
          from generate_series(0::bigint, ${count - 1}) n
          join public_log_tree_hashes l on l.idx = ${storedIndex(level - 1, '2 * n')}
          join public_log_tree_hashes r on r.idx = ${storedIndex(level - 1, '2 * n + 1')}`),
      );
    }
    await db.execute(sql`analyze public_log_tree_hashes`);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public_log_tree_hashes`));
    const stored = row?.n ?? 0;
    const seconds = Number(process.hrtime.bigint() - filled) / 1e9;
    process.stderr.write(`${stored.toLocaleString('en')} hashes in ${seconds.toFixed(0)} s\n`);
    if (stored !== storedHashCount(entries)) {
      throw new Error(`the bench tree has ${stored} stored hashes, not ${storedHashCount(entries)}`);
    }
    const root = await treeHash(entries, tableHashReader(db));

    const random = () => Math.floor(Math.random() * entries);
    const check = (index: number, proof: readonly Uint8Array[]) => {
      if (!verifyInclusion(index, entries, leafHash(leafBytes(index)), proof, root)) {
        throw new Error(`the inclusion proof of entry ${index} does not verify`);
      }
    };
    const size = `${(entries / 1e6).toLocaleString('en')}M-entry log (tree built in SQL)`;
    const rows: Row[] = [];
    const record = (label: string, runs: number[]) => {
      runs.sort((a, b) => a - b);
      const median = runs[Math.floor(runs.length / 2)] as number;
      const p99 = runs[Math.floor(runs.length * 0.99)] as number;
      process.stderr.write(`  postgres: tlog: ${label}: median ${median.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms\n`);
      for (const [which, ms] of [
        ['median', median],
        ['p99', p99],
      ] as const)
        rows.push({ store: 'postgres', measurement: `${label}, ${size}, ${which}`, rate: ms, unit: 'ms', vsRaw: null });
    };

    // The proof as the route reads it: O(log n) stored hashes in one query.
    const reads: number[] = [];
    for (let i = 0; i < 320; i++) {
      const index = random();
      const started = process.hrtime.bigint();
      const proof = await inclusionProof(index, entries, tableHashReader(db));
      if (i >= 20) reads.push(Number(process.hrtime.bigint() - started) / 1e6);
      check(index, proof);
    }
    record('inclusion proof read from the store', reads);

    // Served over HTTP on loopback, with the read limit off, then counted as production counts anonymous reads (a
    // counter row in the database per request).
    for (const [label, limit] of [
      ['inclusion proof over HTTP, read limit off', 'off'],
      ['inclusion proof over HTTP, read limit counted', '1000000/1m'],
    ] as const) {
      const docket = await createDocket({
        config: loadConfig({ DOCKET_LIMIT_READS: limit }, { logLevel: 'silent', demo: false }),
        store: opened.store,
      });
      const app = await buildServer(docket, { logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      try {
        /** The time to the whole answer; the proof is checked after the clock stops. */
        const prove = async (index: number): Promise<number> => {
          const started = process.hrtime.bigint();
          const answer = await fetch(`${base}/public/log/proof/inclusion?index=${index}&size=${entries}`);
          const body = await answer.text();
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (answer.status !== 200) throw new Error(`inclusion proof of ${index}: ${answer.status} ${body}`);
          check(
            index,
            (JSON.parse(body) as InclusionAnswer).proof.map((h) => Buffer.from(h, 'base64')),
          );
          return ms;
        };
        for (let i = 0; i < 20; i++) await prove(random()); // warm-up
        const runs: number[] = [];
        for (let i = 0; i < 300; i++) runs.push(await prove(random()));
        record(label, runs);
      } finally {
        await app.close();
      }
    }
    return rows;
  } finally {
    await opened.dispose();
  }
}
