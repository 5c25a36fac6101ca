import { afterEach, describe, expect, it } from 'vitest';
import { TDB_REQUIRED_FIELDS } from './fixtures/dsa-tdb-payloads.js';
import { startFakeTdb, type FakeTdb, type FakeTdbOptions } from './fakes/dsa-tdb.js';

/** The feature tests' `$required_fields`, with a territorial scope to sort and deduplicate. */
const STATEMENT = { ...TDB_REQUIRED_FIELDS, territorial_scope: ['FR', 'BE', 'DE', 'BE'] };
const TOKEN = 'tdb-token';

let fake: FakeTdb | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeTdbOptions = {}): Promise<FakeTdb> {
  fake = await startFakeTdb({ token: TOKEN, ...options });
  return fake;
}

interface Sent {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  { token = TOKEN, accept = 'application/json' }: { token?: string | null; accept?: string | null } = {},
): Promise<Sent> {
  const response = await fetch(`${fake?.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(accept ? { accept } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: parsed };
}

const post = (path: string, body: unknown, options?: Parameters<typeof call>[3]) => call('POST', path, body, options);
const batch = (n: number, from = 0) =>
  Array.from({ length: n }, (_, index) => ({ ...STATEMENT, puid: `sor-${from + index}` }));

describe('the fake DSA Transparency Database answers as the real one does', () => {
  it('POST /api/v1/statement stores a statement: 201 with uuid, id, permalink, self and puid', async () => {
    const tdb = await start();
    const { status, body } = await post('/api/v1/statement', STATEMENT);
    expect(status).toBe(201);
    const answer = body as Record<string, unknown>;
    const uuid = answer.uuid as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer).toMatchObject({
      puid: 'TK421',
      platform_name: 'Docket Test Platform',
      permalink: `${tdb.url}/statement/${uuid}`,
      self: `${tdb.url}/api/v1/statement/${uuid}`,
      territorial_scope: ['BE', 'DE', 'FR'],
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED', 'DECISION_VISIBILITY_CONTENT_DISABLED'],
      end_date_account_restriction: null,
    });
    expect(answer.id).toBeTypeOf('number');
    expect(answer.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(tdb.statements.get('TK421')).toMatchObject({ uuid, method: 'API' });
  });

  it('a refused statement: 422 with the first message, "(and N more errors)", and errors by field', async () => {
    const tdb = await start();
    const bad = { ...STATEMENT, category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', puid: 'a b' };
    expect(await post('/api/v1/statement', bad)).toMatchObject({
      status: 422,
      body: {
        message: 'The selected category is invalid. (and 1 more error)',
        errors: { category: ['The selected category is invalid.'], puid: ['The puid format is invalid.'] },
      },
    });
    expect(tdb.statements.size).toBe(0);
  });

  it('a refused statement without Accept: application/json is redirected back (302), as Laravel does', async () => {
    await start();
    const sent = await post('/api/v1/statement', { ...STATEMENT, puid: null }, { accept: null });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toBe(`${fake?.url}/`);
  });

  it('a puid the platform already used: 422 with the puid error and `existing: {puid}`', async () => {
    const tdb = await start();
    expect((await post('/api/v1/statement', STATEMENT)).status).toBe(201);
    expect(await post('/api/v1/statement', STATEMENT)).toEqual(
      expect.objectContaining({
        status: 422,
        body: {
          message: 'The identifier given is not unique within this platform.',
          errors: { puid: ['The identifier given is not unique within this platform.'] },
          existing: { puid: 'TK421' },
        },
      }),
    );
    expect(tdb.statements.size).toBe(1);
  });

  it('POST /api/v1/statements stores a batch: 201 with each statement, its uuid, permalink and self', async () => {
    const tdb = await start();
    const { status, body } = await post('/api/v1/statements', { statements: batch(3) });
    expect(status).toBe(201);
    const stored = (body as { statements: Record<string, unknown>[] }).statements;
    expect(stored.map((statement) => statement.puid)).toEqual(['sor-0', 'sor-1', 'sor-2']);
    for (const statement of stored) {
      expect(statement.permalink).toBe(`${tdb.url}/statement/${statement.uuid as string}`);
      expect(statement.self).toBe(`${tdb.url}/api/v1/statement/${statement.uuid as string}`);
      expect(statement).toMatchObject({ territorial_scope: ['BE', 'DE', 'FR'], content_id_ean: null });
    }
    expect([...tdb.statements.values()].map((statement) => statement.method)).toEqual([
      'API_MULTI',
      'API_MULTI',
      'API_MULTI',
    ]);
  });

  it('a batch with one bad statement is refused whole: 422 with errors keyed statement_<index>, no message', async () => {
    const tdb = await start();
    const statements = batch(5);
    statements[3] = { ...statements[3]!, content_language: 'XX' } as (typeof statements)[number];
    expect(await post('/api/v1/statements', { statements })).toMatchObject({
      status: 422,
      body: { errors: { statement_3: { content_language: ['The selected content language is invalid.'] } } },
    });
    expect(Object.keys((await post('/api/v1/statements', { statements })).body as object)).toEqual(['errors']);
    expect(tdb.statements.size).toBe(0);
  });

  it('a batch must hold 1 to 100 statements', async () => {
    await start();
    expect((await post('/api/v1/statements', { statements: batch(100) })).status).toBe(201);
    expect(await post('/api/v1/statements', { statements: batch(101, 100) })).toMatchObject({
      status: 422,
      body: {
        message: 'The statements field must have between 1 and 100 items.',
        errors: { statements: ['The statements field must have between 1 and 100 items.'] },
      },
    });
    expect(await post('/api/v1/statements', { statements: [] })).toMatchObject({
      status: 422,
      body: { errors: { statements: ['The statements field is required.'] } },
    });
  });

  it('a batch with a used puid, or one repeated within it, is refused whole and names them in existing_puids', async () => {
    const tdb = await start();
    tdb.addExisting('sor-1');
    const duplicate = {
      message: 'The platform identifier(s) are not all unique within this call.',
      errors: { puid: ['The platform identifier(s) are not all unique within this call.'] },
    };
    expect(await post('/api/v1/statements', { statements: batch(3) })).toMatchObject({
      status: 422,
      body: { ...duplicate, errors: { ...duplicate.errors, existing_puids: ['sor-1'] } },
    });
    expect(await post('/api/v1/statements', { statements: [...batch(2, 5), ...batch(1, 5)] })).toMatchObject({
      status: 422,
      body: { errors: { existing_puids: ['sor-5'] } },
    });
    expect(tdb.statements.size).toBe(0);
  });

  it('GET existing-puid: 302 with a JSON body and no Location when found, 404 when not', async () => {
    await start();
    await post('/api/v1/statement', STATEMENT);
    const found = await call('GET', '/api/v1/statement/existing-puid/TK421');
    expect(found).toMatchObject({ status: 302, body: { message: 'statement of reason found', puid: 'TK421' } });
    expect(found.headers.get('location')).toBeNull();
    expect(await call('GET', '/api/v1/statement/existing-puid/nope')).toMatchObject({
      status: 404,
      body: { message: 'statement of reason not found', puid: 'nope' },
    });
  });

  it('no token or a wrong one: 401 {"message":"Unauthenticated."}; a user who may not submit: 403', async () => {
    const tdb = await start({ forbiddenTokens: ['reader'] });
    for (const token of [null, 'wrong']) {
      expect(await post('/api/v1/statements', { statements: batch(1) }, { token })).toMatchObject({
        status: 401,
        body: { message: 'Unauthenticated.' },
      });
    }
    expect(await post('/api/v1/statement', STATEMENT, { token: 'reader' })).toMatchObject({
      status: 403,
      body: { message: 'This action is unauthorized.' },
    });
    const page = await post('/api/v1/statement', STATEMENT, { token: 'reader', accept: null });
    expect(page.status).toBe(403);
    expect(page.body).toContain('<title>This action is unauthorized.</title>');
    expect(await post('/api/v1/statement', STATEMENT, { token: null, accept: null })).toMatchObject({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
    expect(tdb.statements.size).toBe(0);
  });

  it('429 when told to, in plain text with Retry-After and the X-RateLimit headers', async () => {
    const tdb = await start();
    tdb.throttleNext(1, 7);
    const limited = await post('/api/v1/statements', { statements: batch(1) });
    expect(limited).toMatchObject({ status: 429, body: 'Limit Reached. Please do not overload the API' });
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const next = await post('/api/v1/statements', { statements: batch(1) });
    expect(next.status).toBe(201);
    expect(next.headers.get('x-ratelimit-limit')).toBe('12000');
  });

  it('429 from its own limits: over the per-second limit until the second is over', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    await start({ limits: { perSecond: 2, perMinute: 100 }, now: () => new Date(clock) });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await call('GET', `/api/v1/statement/existing-puid/p${index}`)).status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    clock += 1000;
    expect((await call('GET', '/api/v1/statement/existing-puid/p9')).status).toBe(404);
  });

  it('5xx when told to, and every request recorded with its token, body and answer', async () => {
    const tdb = await start();
    tdb.failNext(1, 503);
    expect(await post('/api/v1/statements', { statements: batch(1) })).toMatchObject({
      status: 503,
      body: { message: 'Service Unavailable' },
    });
    await post('/api/v1/statements', { statements: batch(1) });
    expect(tdb.requests.map((request) => [request.method, request.path, request.token, request.status])).toEqual([
      ['POST', '/api/v1/statements', TOKEN, 503],
      ['POST', '/api/v1/statements', TOKEN, 201],
    ]);
    expect(tdb.requests[1]?.body).toEqual({ statements: batch(1) });
  });

  it('an unknown path is 404 and a known path with another method 405', async () => {
    await start();
    expect((await call('GET', '/api/v1/nothing')).status).toBe(404);
    expect((await call('GET', '/api/v1/statements')).status).toBe(405);
  });
});
