import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Store } from './database.js';
import { insertMany } from './insert-many.js';

const sample = pgTable('sample', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  tags: text('tags').array().notNull(),
  data: jsonb('data'),
  count: bigint('count', { mode: 'number' }).notNull().default(7),
  score: doublePrecision('score'),
  flag: boolean('flag').notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }),
});

describe('insertMany (unnest)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openEmbedded('memory');
    await store.db.execute(
      sql`create table sample (id uuid primary key, name text not null, tags text[] not null, data jsonb, count bigint not null default 7, score double precision, flag boolean not null, at timestamptz(3))`,
    );
  });
  afterAll(() => store.close());

  it('round-trips every column type, awkward strings, arrays, nulls and defaults', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    await insertMany(store.db, sample, [
      {
        id: '01a2107e-0000-7000-8000-000000000001',
        name: 'quote " backslash \\ comma, {brace}',
        tags: ['a "b"', 'c,d', '{e}', ''],
        data: { nested: ['x', 1, null] },
        score: 1.5,
        flag: true,
        at,
      },
      {
        id: '01a2107e-0000-7000-8000-000000000002',
        name: 'plain',
        tags: [],
        data: null,
        count: 3,
        score: null,
        flag: false,
        at: null,
      },
    ]);
    const rows = await store.db.select().from(sample).orderBy(sample.id);
    expect(rows).toEqual([
      {
        id: '01a2107e-0000-7000-8000-000000000001',
        name: 'quote " backslash \\ comma, {brace}',
        tags: ['a "b"', 'c,d', '{e}', ''],
        data: { nested: ['x', 1, null] },
        count: 7,
        score: 1.5,
        flag: true,
        at,
      },
      {
        id: '01a2107e-0000-7000-8000-000000000002',
        name: 'plain',
        tags: [],
        data: null,
        count: 3,
        score: null,
        flag: false,
        at: null,
      },
    ]);
  });
});
