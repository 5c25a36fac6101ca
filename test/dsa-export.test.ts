import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import { problemOf, type Client, openTestServerFor, type TestServer } from './http.js';
import { describeEachStore, openTestDocket } from './stores.js';
import type { SorAnswer } from '../src/transparency/dsa/contract.js';
import { exportStatements } from '../src/transparency/dsa/exports.js';
import { tdbProblems } from '../src/transparency/dsa/tdb-rules.js';

const schema = JSON.parse(
  readFileSync(new URL('./fixtures/dsa-statement.schema.json', import.meta.url), 'utf8'),
) as object;

describeEachStore('DSA statement-of-reasons export', (kind) => {
  let server: TestServer;
  let policy: Client;
  let docket: Awaited<ReturnType<typeof openTestDocket>>;
  beforeAll(async () => {
    docket = await openTestDocket(kind, { demo: true });
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    server = openTestServerFor(docket, app);
    policy = await server.signIn('policy', 'policy-demo-pass');
  });
  afterAll(() => server?.close());

  it('exports every restricting decision of the period, each record valid against the database’s format', async () => {
    const answer = await policy.request('GET', '/api/transparency/sor?from=2023-01-01&to=2099-12-31');
    const { statements } = answer.json<SorAnswer>();
    expect(statements.length).toBeGreaterThan(50);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const record of statements)
      expect(validate(record) ? [] : validate.errors, `record ${String(record.puid)}`).toEqual([]);
    // The reference case: the video's removal on 2023-06-29, the day the board's decision was published.
    expect(statements.find((s) => s.application_date === '2023-06-29')).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      category: 'STATEMENT_CATEGORY_VIOLENCE',
    });
    const csv = await policy.request('GET', '/api/transparency/sor?from=2023-01-01&to=2099-12-31&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(statements.length + 1);
    expect(JSON.stringify(statements)).not.toContain('lumen-user-');
  });

  it('exports every statement of the seeded demo as the Transparency Database’s own validation takes it', async () => {
    const statements = await exportStatements(docket.store.db, '2000-01-01', '2099-12-31');
    expect(statements.length).toBeGreaterThan(50);
    for (const statement of statements) {
      expect(tdbProblems(statement, 'statement'), `statement ${statement.puid}`).toEqual({});
      expect(tdbProblems(statement, 'statements'), `statement ${statement.puid} in a batch`).toEqual({});
    }
    // What the policies' and the accounts' data add: keywords, and the account type where the platform gave it.
    expect(statements.every((s) => (s.category_specification ?? []).length > 0)).toBe(true);
    expect(statements.some((s) => s.category_specification_other !== undefined)).toBe(true);
    const accountTypes = new Set(statements.map((s) => s.account_type ?? 'unknown'));
    expect([...accountTypes].sort()).toEqual(['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE', 'unknown']);
  });

  it('refuses a malformed or reversed period, and anyone without transparency access', async () => {
    expect(problemOf(await policy.request('GET', '/api/transparency/sor?from=2023-13-01&to=2023-12-31')).code).toBe(
      'validation_failed',
    );
    expect(
      problemOf(await policy.request('GET', '/api/transparency/sor?from=2023-12-31&to=2023-01-01')).detail,
    ).toContain('ends');
    const moderator = await server.signIn('moderator', 'moderator-demo-pass');
    expect(problemOf(await moderator.request('GET', '/api/transparency/sor?from=2023-01-01&to=2023-12-31')).code).toBe(
      'forbidden',
    );
  });
});
