import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { PERMISSIONS, ROLES, type Permission } from '../../src/core/roles.js';
import { readHead } from '../../src/core/event-log.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import type { App } from '../../src/http/types.js';
import type { Db } from '../../src/store/database.js';
import { rowsOf } from '../../src/store/migrate.js';
import type { TestDocket } from '../stores.js';
import {
  faultyRequests,
  operationName,
  operationsOf,
  type FaultFamily,
  type FuzzRequest,
  type KnownValues,
  type OpenApiDocument,
  type Operation,
} from './openapi-arbitraries.js';

/**
 * Runs generated faulty requests through the real server (app.inject) and checks each answer: a 4xx
 * problem+json with a code and a detail, and nothing written (the event log head after every request, the row
 * count of every table after every batch).
 */

export interface Failure {
  request: FuzzRequest;
  status: number;
  why: 'server error' | 'accepted' | 'not a problem' | "not the route's error form" | 'wrote';
  detail: string;
}

export interface Totals {
  requests: number;
  byStatus: Map<number, number>;
  byFamily: Map<FaultFamily, number>;
  byOperation: Map<string, Map<number, number>>;
  failures: Failure[];
}

export interface Fuzzer {
  operations: Operation[];
  /** A bearer token of a user holding every role. */
  userToken: string;
  /** Sends `runs` requests; those whose "operation family" matches `trace` are printed with their answers. */
  run(seed: number, runs: number, batchSize: number, trace?: RegExp): Promise<Totals>;
}

type Credential = { authorization: string } | Record<string, never>;

/** Real values for path parameters, read from the seeded store; the caller's own tokens stay out of it. */
const KNOWN_PATH_VALUES: [RegExp, string][] = [
  [/^\/api\/tokens\/\{id\}/, 'select id::text as v from api_tokens'],
  [/^\/api\/policies\/\{id\}/, 'select id::text as v from policies'],
  [/^\/api\/subjects\/\{id\}/, 'select id::text as v from subjects order by id limit 50'],
  [/^\/api\/cases\/\{id\}/, 'select id::text as v from cases order by id desc limit 50'],
  [/^\/api\/decisions\/\{id\}/, 'select id::text as v from decisions order by id desc limit 50'],
  [/^\/api\/appeals\/\{id\}/, 'select id::text as v from appeals order by id desc limit 50'],
  [/^\/api\/designations\/\{id\}/, 'select id::text as v from designations'],
  [/^\/api\/restrictions\/\{id\}/, 'select id::text as v from figure_restrictions'],
  [/^\/api\/board\/cases\/\{id\}/, 'select id::text as v from board_cases'],
  [/^\/api\/board\/comments\/\{id\}/, 'select id::text as v from public_comments'],
  [/^\/api\/board\/obligations\/\{id\}/, 'select id::text as v from implementation_obligations'],
  [/^\/api\/board\/recommendations\/\{id\}/, 'select id::text as v from recommendations'],
  [/^\/api\/public\/board\/cases\/\{ref\}/, 'select ref as v from board_cases'],
  [/^\/api\/figures\/\{platform\}\//, `select platform as v from public_figures`],
];

export async function knownValues(db: Db, operations: Operation[]): Promise<KnownValues> {
  const values = new Map<string, string[]>();
  for (const operation of operations) {
    for (const param of operation.pathParams) {
      const key = `${operation.path} ${param.name}`;
      if (values.has(key)) continue;
      const query =
        param.name === 'accountRef'
          ? 'select account_ref as v from public_figures'
          : KNOWN_PATH_VALUES.find(([path]) => path.test(operation.path))?.[1];
      const rows = query ? rowsOf<{ v: string }>(await db.execute(sql.raw(query))).map((r) => r.v) : [];
      values.set(key, param.name === 'platform' && rows.length === 0 ? [DEMO_PLATFORM] : rows);
    }
  }
  return { pathValues: (path, name) => values.get(`${path} ${name}`) ?? [] };
}

/** A fingerprint of everything stored: the log head and the row count of every table. */
export async function storedCounts(db: Db): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`),
  );
  const columns = tables.map(({ name }) => `(select count(*)::int from "${name}") as "${name}"`).join(', ');
  const [counts] = rowsOf<Record<string, number>>(await db.execute(sql.raw(`select ${columns}`)));
  return { ...counts, 'event log head': (await readHead(db)).seq };
}

export function changes(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys(after)
    .filter((table) => after[table] !== before[table])
    .map((table) => `${table} ${before[table]} -> ${after[table]}`)
    .join(', ');
}

/** The credentials that pass an operation's access rule: a user with every role, or a platform's integration token. */
function credentialFor(operation: Operation, tokens: { user: string; integration: string }): Credential {
  if (operation.access.kind === 'public') return {};
  if (operation.access.kind === 'authenticated') return { authorization: `Bearer ${tokens.user}` };
  const allowed: readonly string[] = PERMISSIONS[operation.access.permission as Permission] ?? [];
  const byPerson = allowed.some((who) => who !== 'integration');
  return { authorization: `Bearer ${byPerson ? tokens.user : tokens.integration}` };
}

/** Checks one answer of Docket's API: a 4xx problem+json with a code and a detail; returns why it fails, or null. */
export function judge(response: LightMyRequestResponse): Pick<Failure, 'why' | 'detail'> | null {
  const status = response.statusCode;
  const excerpt = response.body.slice(0, 300);
  if (status >= 500) return { why: 'server error', detail: excerpt };
  if (status < 400) return { why: 'accepted', detail: excerpt };
  if (!String(response.headers['content-type'] ?? '').startsWith('application/problem+json')) {
    return { why: 'not a problem', detail: `${String(response.headers['content-type'])}: ${excerpt}` };
  }
  try {
    const problem = JSON.parse(response.body) as { code?: unknown; detail?: unknown };
    if (typeof problem.code !== 'string' || typeof problem.detail !== 'string' || problem.detail.length === 0) {
      return { why: 'not a problem', detail: `no code or detail: ${excerpt}` };
    }
  } catch {
    return { why: 'not a problem', detail: `not JSON: ${excerpt}` };
  }
  return null;
}

export async function openFuzzer(docket: TestDocket, app: App): Promise<Fuzzer> {
  const db = docket.store.db;
  const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDocument;
  const operations = operationsOf(document);
  const known = await knownValues(db, operations);
  const actor = 'system:fuzz';
  // A platform liaison acts for one platform: the fuzzer's, so that routes for liaisons reach their checks.
  const everyRole = { username: 'fuzzer', roles: [...ROLES], password: 'fuzzer password 1', platform: DEMO_PLATFORM };
  await docket.access.createUser(actor, everyRole);
  const tokens = {
    user: (await docket.access.createToken(actor, { name: 'fuzz user', kind: 'user', username: 'fuzzer' })).token,
    integration: (
      await docket.access.createToken(actor, { name: 'fuzz platform', kind: 'integration', platform: DEMO_PLATFORM })
    ).token,
  };
  const credentials = new Map(operations.map((op) => [operationName(op), credentialFor(op, tokens)]));
  // An operation with inputs has more to fault than one without (which has only a wrong method), so more turns.
  const requests = fc.oneof(
    ...operations.map((op) => ({ arbitrary: faultyRequests(op, known), weight: inputsOf(op) })),
  );

  const send = (request: FuzzRequest) =>
    app.inject({
      method: request.method,
      url: request.url,
      headers: {
        ...credentials.get(request.operation),
        ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
      },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });

  const target: Target = { requests, send, judge: (_request, response) => judge(response) };
  const run = (seed: number, runs: number, batchSize: number, trace?: RegExp) =>
    runTarget(db, target, seed, runs, batchSize, trace);
  return { operations, userToken: tokens.user, run };
}

/** Requests of one kind, how they are sent, and what their answers must be. */
export interface Target<R extends FuzzRequest = FuzzRequest> {
  requests: fc.Arbitrary<R>;
  send(request: R): Promise<LightMyRequestResponse>;
  /** Why the answer fails the properties, or null. */
  judge(request: R, response: LightMyRequestResponse): Pick<Failure, 'why' | 'detail'> | null;
}

/**
 * Sends `runs` of the target's requests in batches and judges each answer; checks that nothing is written (the event
 * log head after every request, the row count of every table after every batch). Requests whose "operation family"
 * matches `trace` are printed with their answers.
 */
export async function runTarget<R extends FuzzRequest>(
  db: Db,
  target: Target<R>,
  seed: number,
  runs: number,
  batchSize: number,
  trace?: RegExp,
): Promise<Totals> {
  const totals: Totals = {
    requests: 0,
    byStatus: new Map(),
    byFamily: new Map(),
    byOperation: new Map(),
    failures: [],
  };
  let head = (await readHead(db)).seq;
  let counts = await storedCounts(db);
  for (let batch = 0; totals.requests < runs; batch++) {
    // Each batch is sampled from its own seed, so no more than a batch of requests (some ~1 MB) is held at once.
    const sample = fc.sample(target.requests, {
      seed: batchSeed(seed, batch),
      numRuns: Math.min(batchSize, runs - totals.requests),
    });
    let named = false;
    for (const request of sample) {
      const response = await target.send(request);
      tally(totals, request, response.statusCode);
      if (trace?.test(`${request.operation} ${request.family}`))
        console.log(
          `${response.statusCode} ${request.operation} [${request.fault}] ${request.method} ${request.url.slice(0, 300)} ${request.payload?.slice(0, 300) ?? ''} -> ${response.body.slice(0, 200)}`,
        );
      const failed = target.judge(request, response);
      if (failed) totals.failures.push({ request, status: response.statusCode, ...failed });
      const now = (await readHead(db)).seq;
      if (now !== head) {
        totals.failures.push({
          request,
          status: response.statusCode,
          why: 'wrote',
          detail: `event log head ${head} -> ${now}`,
        });
        head = now;
        named = true;
      }
    }
    const after = await storedCounts(db);
    if (changes(counts, after)) {
      // A write through a command moves the log too and is named already; any other write is found by replay.
      if (!named) totals.failures.push(...(await nameWriters(db, target, sample, counts, after)));
      counts = await storedCounts(db);
      head = (await readHead(db)).seq;
    }
  }
  return totals;
}

/** A batch moved a count without moving the log: replays it one request at a time to name who wrote. */
async function nameWriters<R extends FuzzRequest>(
  db: Db,
  target: Target<R>,
  sample: R[],
  before: Record<string, number>,
  after: Record<string, number>,
): Promise<Failure[]> {
  const found: Failure[] = [];
  let last = after;
  for (const request of sample) {
    const response = await target.send(request);
    const now = await storedCounts(db);
    const moved = changes(last, now);
    if (moved) found.push({ request, status: response.statusCode, why: 'wrote', detail: `on replay: ${moved}` });
    last = now;
  }
  if (found.length === 0) {
    found.push({
      request: sample[0] as FuzzRequest,
      status: 0,
      why: 'wrote',
      detail: `a batch moved ${changes(before, after)}; no single request did it again on replay`,
    });
  }
  return found;
}

/** A batch's seed, mixed from the run's so that runs with neighbouring seeds share no batches. */
const batchSeed = (seed: number, batch: number): number =>
  createHash('sha256').update(`${seed}/${batch}`).digest().readInt32LE(0);

const inputsOf = (op: Operation): number =>
  1 + op.pathParams.length + (op.query.length > 0 ? 1 : 0) + (op.body ? 2 : 0);

function tally(totals: Totals, request: FuzzRequest, status: number): void {
  totals.requests += 1;
  totals.byStatus.set(status, (totals.byStatus.get(status) ?? 0) + 1);
  totals.byFamily.set(request.family, (totals.byFamily.get(request.family) ?? 0) + 1);
  const byStatus = totals.byOperation.get(request.operation) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  totals.byOperation.set(request.operation, byStatus);
}

/** The totals as text: by status class and code, by fault family, and per route. */
export function describeTotals(label: string, seed: number, totals: Totals): string {
  const classes = new Map<string, number>();
  for (const [status, n] of totals.byStatus)
    classes.set(`${Math.floor(status / 100)}xx`, (classes.get(`${Math.floor(status / 100)}xx`) ?? 0) + n);
  const list = (map: Map<string | number, number>) =>
    [...map]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ');
  const routes = [...totals.byOperation]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, byStatus]) => `  ${op}  ${list(byStatus)}`);
  return [
    `fuzz ${label}: seed ${seed}, ${totals.requests} requests (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${totals.requests} npx vitest run test/fuzz.test.ts)`,
    `  by class: ${list(classes)}`,
    `  by status: ${list(totals.byStatus)}`,
    `  by fault: ${list(totals.byFamily)}`,
    `  failures: ${totals.failures.length}`,
    `  per route (${totals.byOperation.size}):`,
    ...routes,
  ].join('\n');
}

/** The failures grouped by route, fault family and why, one example each, for the assertion message. */
export function describeFailures(failures: Failure[]): string {
  const groups = new Map<string, { count: number; example: Failure }>();
  for (const failure of failures) {
    const key = `${failure.why} | ${failure.request.operation} | ${failure.request.family}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, example: failure });
  }
  return [...groups]
    .map(([key, { count, example }]) => {
      const { request } = example;
      const payload =
        request.payload === undefined
          ? ''
          : ` ${request.contentType ?? ''} ${request.payload.length > 200 ? `${request.payload.slice(0, 200)}… (${request.payload.length} chars)` : request.payload}`;
      const url =
        request.url.length > 200 ? `${request.url.slice(0, 200)}… (${request.url.length} chars)` : request.url;
      return `${count} × ${key}\n    ${request.fault}\n    ${request.method} ${url}${payload}\n    -> ${example.status} ${example.detail}`;
    })
    .join('\n');
}
