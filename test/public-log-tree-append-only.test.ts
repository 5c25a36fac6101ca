import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/store/migrate.js';
import { publishPolicyVersion } from './policy-versions.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

/**
 * The public log's Merkle tree, its C2SP checkpoints and the witnesses' cosignatures only grow, as the entries they
 * cover do: the database itself refuses to change, delete or empty them (migration 0041), whoever asks.
 */
describeEachStore('the public log’s tree, checkpoints and cosignatures in the database', (kind) => {
  let docket: TestDocket;
  const count = async (table: string) =>
    rowsOf<{ n: number }>(await docket.store.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  beforeAll(async () => {
    docket = await openTestDocket(kind, { demo: true });
    await docket.transparency.checkpoint();
    // A witness's cosignature on the latest checkpoint, as the witnessing worker inserts it.
    await docket.tamper(`
      insert into public_log_cosignatures (witness, size, timestamp, line, collected_at)
      select 'witness.example+0a1b2c3d', max(size), 1796190000, '— witness.example CgsMDQ==', now()
      from public_log_tree_checkpoints`);
  });
  afterAll(() => docket?.close());

  it('takes new rows: a published entry grows the tree and its next checkpoint', async () => {
    const hashes = await count('public_log_tree_hashes');
    const checkpoints = await count('public_log_tree_checkpoints');
    expect(hashes).toBeGreaterThan(0);
    expect(checkpoints).toBeGreaterThan(0);
    expect(await count('public_log_cosignatures')).toBe(1);
    await publishPolicyVersion(docket, 'a version after the guard');
    await docket.transparency.checkpoint();
    expect(await count('public_log_tree_hashes')).toBeGreaterThan(hashes);
    expect(await count('public_log_tree_checkpoints')).toBe(checkpoints + 1);
  });

  const changes: Record<string, { update: string; delete: string; truncate: string }> = {
    public_log_tree_hashes: {
      update: `update public_log_tree_hashes set hash = decode(repeat('00', 32), 'hex') where idx = 0`,
      delete: 'delete from public_log_tree_hashes where idx = (select max(idx) from public_log_tree_hashes)',
      truncate: 'truncate public_log_tree_hashes',
    },
    public_log_tree_checkpoints: {
      update: `update public_log_tree_checkpoints set note = 'rewritten' where size = (select min(size) from public_log_tree_checkpoints)`,
      delete: 'delete from public_log_tree_checkpoints',
      truncate: 'truncate public_log_tree_checkpoints',
    },
    public_log_cosignatures: {
      update: `update public_log_cosignatures set line = 'a line the witness never sent'`,
      delete: 'delete from public_log_cosignatures',
      truncate: 'truncate public_log_cosignatures',
    },
  };

  it.each(Object.entries(changes))('refuses to update, delete or empty %s', async (table, statements) => {
    const before = rowsOf(await docket.store.db.execute(sql.raw(`select * from ${table} order by 1, 2`)));
    expect(before.length).toBeGreaterThan(0);
    // Through Docket's own connection (Drizzle wraps the driver's error: the database's refusal is its cause)...
    const refusal = (statement: string) =>
      docket.store.db.execute(sql.raw(statement)).then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(statements.update)).toBe(`${table} is append-only: UPDATE is not allowed`);
    expect(await refusal(statements.delete)).toBe(`${table} is append-only: DELETE is not allowed`);
    // ... and through another one, as someone with the database's address would.
    await expect(docket.tamper(statements.update)).rejects.toThrow(`${table} is append-only: UPDATE`);
    await expect(docket.tamper(statements.delete)).rejects.toThrow(`${table} is append-only: DELETE`);
    await expect(docket.tamper(statements.truncate)).rejects.toThrow(`${table} is append-only: TRUNCATE`);
    expect(rowsOf(await docket.store.db.execute(sql.raw(`select * from ${table} order by 1, 2`)))).toEqual(before);
  });

  it('leaves the witnesses’ own state, which each attempt updates, open to change', async () => {
    await docket.tamper(
      `insert into public_log_witnesses (witness, vkey, cosigned_size) values ('witness.example+0a1b2c3d', 'witness.example+0a1b2c3d+AAAA', 1)`,
    );
    await docket.tamper(`update public_log_witnesses set cosigned_size = 2, last_error = null`);
    await docket.tamper(`delete from public_log_witnesses`);
    expect(await count('public_log_witnesses')).toBe(0);
  });
});
