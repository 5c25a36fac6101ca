import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueStatements } from '../src/transparency/dsa/submissions.js';
import { openTestStore, type TestStore } from './stores.js';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

// The planner's choice is PostgreSQL's; the embedded store runs the same query on one process's data.
describe.runIf(process.env.TEST_DATABASE_URL)('the DSA submitter’s claim on a long backlog (PostgreSQL)', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('postgres');
    // A backlog of 60,000 pending statements all due at once (a first start with submission just turned on), and
    // as many already submitted.
    await store.store.db.execute(sql`
      insert into dsa_submissions (decision_id, decided_at, state, next_attempt_at, updated_at)
      select gen_random_uuid(), now() - (g || ' seconds')::interval, case when g % 2 = 0 then 'submitted' else 'pending' end,
             '2026-01-01', now()
      from generate_series(1, 120000) g`);
    await store.store.db.execute(sql`analyze dsa_submissions`);
  }, 120_000);
  afterAll(() => store.dispose());

  it('reads one batch in due order from its index, sorting nothing, however many are pending', async () => {
    const query = dueStatements(store.store.db, new Date(), undefined, 100).toSQL();
    const result = await store.store.db.execute(sql.raw(`explain (format json) ${inline(query.sql, query.params)}`));
    const plan = (result as unknown as { rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] }).rows[0]?.['QUERY PLAN'][0]
      ?.Plan as PlanNode;
    const kinds = nodes(plan).map((n) => n['Node Type']);
    expect(kinds).not.toContain('Sort');
    expect(kinds).not.toContain('Seq Scan');
    expect(nodes(plan).map((n) => n['Index Name'])).toContain('dsa_submissions_pending_idx');
    expect(await dueStatements(store.store.db, new Date(), undefined, 100)).toHaveLength(100);
  });
});

/** The query with its parameters written in, for EXPLAIN (which takes no bind parameters through sql.raw). */
function inline(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const value = params[Number(i) - 1];
    if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
