/**
 * A fake EU DSA Transparency Database on loopback, for the tests of Docket's submission of statements of reasons.
 * It answers the submission API the way the database's public source does (github.com/digital-services-act/
 * transparency-database at commit 69e80a0bc8eb3cbfbe8246e898194c3bdf490a4b), refuses what its validation refuses
 * (src/transparency/dsa/tdb-rules.ts), keeps the statements by puid and records every request for the tests.
 *
 * What it answers as the database does, and where the database says so:
 * - routes/api_v1.php: POST /api/v1/statement, POST /api/v1/statements, GET /api/v1/statement/existing-puid/{puid},
 *   all behind `auth:sanctum`; any other path is 404, a known path with another method 405.
 * - No or an unknown bearer token: 401 `{"message":"Unauthenticated."}` (app/Http/Middleware/Authenticate.php
 *   answers JSON for every api/* path). A token whose user may not create statements: 403
 *   `{"message":"This action is unauthorized."}` (the routes' `->can(...)`).
 * - Rate limits (app/Providers/RouteServiceProvider.php, the `api` limiter): per user 200 a second and 12000 a
 *   minute; over one, 429 with the plain-text body "Limit Reached. Please do not overload the API" and Laravel's
 *   ThrottleRequests headers Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset; the other
 *   answers carry X-RateLimit-Limit and X-RateLimit-Remaining. Authentication runs before the limiter.
 * - POST /api/v1/statement (StatementAPIController::store, StatementStoreRequest): a refused statement gets 422
 *   `{"message": <first message>[ (and N more errors)], "errors": {field: [messages]}}`; a puid the platform already
 *   used gets 422 `{"message":"The identifier given is not unique within this platform.","errors":{"puid":[that]},
 *   "existing":{"puid":<puid>}}` (app/Exceptions/PuidNotUniqueSingleException.php: only the puid, not the
 *   statement the API documentation shows); a stored one 201 with the statement, its `uuid`, `id`, `created_at`,
 *   `platform_name`, `permalink` (<app url>/statement/<uuid>), `self` (<app url>/api/v1/statement/<uuid>) and `puid`.
 * - POST /api/v1/statements (StatementMultipleAPIController::store, GroupedSubmissionsService): the body must have
 *   `statements`, an array of 1 to 100 (else 422 as above); if any statement is refused, none is stored and the
 *   answer is 422 `{"errors": {"statement_<index>": {field: [messages]}}}` (no `message`); a puid repeated within
 *   the call, or one the platform already used, refuses the whole call with 422
 *   `{"message":"The platform identifier(s) are not all unique within this call.","errors":{"puid":[that],
 *   "existing_puids":[the puids]}}`; else 201 `{"statements": [each statement with uuid, created_at, platform_name,
 *   puid, self and permalink]}`. An item that is not an object is a PHP TypeError there: 500.
 * - GET /api/v1/statement/existing-puid/{puid} (StatementAPIController::existingPuid): 302 with the JSON body
 *   `{"message":"statement of reason found","puid":...}` and no Location header, or 404
 *   `{"message":"statement of reason not found","puid":...}`.
 * - A validation failure on a request that does not ask for JSON (Accept: application/json) is Laravel's redirect
 *   back, 302 to the Referer, not a 422, and a 403, 404, 405 or 5xx is an HTML page; the 401, the batch's
 *   per-statement errors and the puid answers are JSON regardless.
 * - Strings are trimmed and empty strings made null before anything (the global TrimStrings and
 *   ConvertEmptyStringsToNull middleware); a body that is not JSON (by its Content-Type) is read as a form.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  asReceived,
  tdbBatchProblems,
  tdbProblems,
  tdbSummary,
  tdbValidated,
  type TdbErrors,
} from '../../src/transparency/dsa/tdb-rules.js';

export interface TdbRecordedRequest {
  method: string;
  path: string;
  /** The bearer token as Laravel reads it, or null. */
  token: string | null;
  accept: string | null;
  contentType: string | null;
  /** The body as the database reads it: JSON when the Content-Type says so, else a form; {} when empty. */
  body: unknown;
  status: number;
  /** The answer's body: parsed JSON, or the text. */
  answer: unknown;
}

export interface FakeTdbStatement {
  uuid: string;
  id: number;
  puid: string;
  /** `API` for POST /statement, `API_MULTI` for POST /statements (Statement::METHOD_*). */
  method: 'API' | 'API_MULTI';
  createdAt: string;
  /** The fields the database kept (its validated data). */
  fields: Record<string, unknown>;
}

export interface FakeTdbOptions {
  /** The platform user's API token. */
  token?: string;
  /** Tokens of users the database knows who may not create statements: 403. */
  forbiddenTokens?: string[];
  platformName?: string;
  /** The database's APP_URL, the base of `permalink` and `self`; the fake's own URL by default. */
  appUrl?: string;
  /** The `api` rate limiter's limits per user; null turns them off. */
  limits?: { perSecond: number; perMinute: number } | null;
  now?: () => Date;
  /**
   * A rule the database has and Docket's copy of its rules does not (the database changed): errors for a statement
   * that passed the known rules, or null. Lets a test see a 422 for a statement Docket's check let through.
   */
  newRule?: (statement: Record<string, unknown>) => TdbErrors | null;
  /**
   * Milliseconds every answer waits before it leaves, for the benchmark: a stand-in for the network and the real
   * database's own work, which a fake on loopback answering at once leaves out. It changes no answer. 0 by default.
   */
  answerDelayMs?: number;
}

export interface FakeTdb {
  url: string;
  requests: TdbRecordedRequest[];
  /** The platform's statements by puid. */
  statements: Map<string, FakeTdbStatement>;
  /** A puid the platform already used (a statement sent before these tests). */
  addExisting(puid: string): void;
  /** The next this many authenticated requests answer 429 with this Retry-After. */
  throttleNext(times: number, retryAfterSeconds?: number): void;
  /** The next this many requests answer this 5xx. */
  failNext(times: number, status?: number): void;
  close(): Promise<void>;
}

const LIMIT_REACHED = 'Limit Reached. Please do not overload the API';
const NOT_UNIQUE_SINGLE = 'The identifier given is not unique within this platform.';
const NOT_UNIQUE_MULTIPLE = 'The platform identifier(s) are not all unique within this call.';
const SERVER_ERRORS: Record<number, string> = {
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
/** Fields GroupedSubmissionsService::buildOutputJsonResponse sets to [] or null when a statement left them out. */
const ARRAY_FIELDS = [
  'decision_visibility',
  'category_addition',
  'category_specification',
  'content_type',
  'territorial_scope',
];
const OPTIONAL_FIELDS = [
  'decision_visibility_other',
  'decision_monetary',
  'decision_monetary_other',
  'decision_provision',
  'decision_account',
  'account_type',
  'decision_ground_reference_url',
  'content_type_other',
  'category_specification_other',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'content_language',
  'end_date_account_restriction',
  'end_date_monetary_restriction',
  'end_date_service_restriction',
  'end_date_visibility_restriction',
  'source_type',
  'source_identity',
  'content_date',
  'illegal_content_explanation',
  'illegal_content_legal_ground',
];
const END_DATES = [
  'end_date_account_restriction',
  'end_date_monetary_restriction',
  'end_date_service_restriction',
  'end_date_visibility_restriction',
];

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
const json = (status: number, body: unknown): Answer => ({ status, body });

type Data = Record<string, unknown>;
const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Sorted and unique, as the model's array accessors (Statement::getRawKeys) give them. */
const sortedUnique = (value: unknown): unknown[] =>
  Array.isArray(value) ? [...new Set(value.map(String))].sort() : [];

export async function startFakeTdb(options: FakeTdbOptions = {}): Promise<FakeTdb> {
  const token = options.token ?? 'tdb-token';
  const forbidden = new Set(options.forbiddenTokens ?? []);
  const platformName = options.platformName ?? 'Docket Test Platform';
  const limits = options.limits === undefined ? { perSecond: 200, perMinute: 12000 } : options.limits;
  const now = options.now ?? (() => new Date());
  const answerDelayMs = options.answerDelayMs ?? 0;
  const requests: TdbRecordedRequest[] = [];
  const statements = new Map<string, FakeTdbStatement>();
  const usedPuids = new Set<string>();
  const windows = new Map<string, { startedAt: number; hits: number }>();
  let throttling = { times: 0, retryAfter: 1 };
  let failing = { times: 0, status: 500 };
  let nextId = 100000000000;
  let appUrl = options.appUrl ?? '';

  const timestamp = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

  /** Laravel's Request::bearerToken(): after the last "Bearer ", up to a comma. */
  function bearer(header: string | undefined): string | null {
    if (!header) return null;
    const at = header.toLowerCase().lastIndexOf('bearer ');
    if (at < 0) return null;
    const rest = header.slice(at + 7);
    return rest.includes(',') ? rest.slice(0, rest.indexOf(',')) : rest;
  }

  /** Laravel's expectsJson(): the first acceptable type is JSON, or an XMLHttpRequest that accepts anything. */
  function expectsJson(request: IncomingMessage): boolean {
    const first = (request.headers.accept ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
    const ajax = request.headers['x-requested-with'] === 'XMLHttpRequest';
    return /\/json|\+json/.test(first) || (ajax && (first === '' || first === '*/*'));
  }

  function readBody(request: IncomingMessage, raw: string): unknown {
    const type = request.headers['content-type'] ?? '';
    if (/\/json|\+json/.test(type)) {
      try {
        const parsed: unknown = JSON.parse(raw);
        return isObject(parsed) ? parsed : {};
      } catch {
        return {};
      }
    }
    return Object.fromEntries(new URLSearchParams(raw));
  }

  /** The `api` limiter: fixed windows that start at a user's first hit, checked before each hit. */
  function throttled(): Answer | null {
    if (throttling.times > 0) {
      throttling.times -= 1;
      return tooMany(limits?.perMinute ?? 12000, throttling.retryAfter);
    }
    if (!limits) return null;
    const at = now().getTime();
    const checks: [string, number, number][] = [
      ['second', limits.perSecond, 1],
      ['minute', limits.perMinute, 60],
    ];
    for (const [key, max, decay] of checks) {
      let window = windows.get(key);
      if (!window || at >= window.startedAt + decay * 1000) {
        window = { startedAt: at, hits: 0 };
        windows.set(key, window);
      }
      if (window.hits >= max) {
        return tooMany(max, Math.max(1, Math.ceil((window.startedAt + decay * 1000 - at) / 1000)));
      }
    }
    for (const [key] of checks) windows.get(key)!.hits += 1;
    return null;
  }

  function tooMany(limit: number, retryAfter: number): Answer {
    return {
      status: 429,
      body: LIMIT_REACHED,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'retry-after': String(retryAfter),
        'x-ratelimit-reset': String(Math.floor(now().getTime() / 1000) + retryAfter),
      },
    };
  }

  function rateHeaders(): Record<string, string> {
    if (!limits) return {};
    const minute = windows.get('minute');
    return {
      'x-ratelimit-limit': String(limits.perMinute),
      'x-ratelimit-remaining': String(Math.max(0, limits.perMinute - (minute?.hits ?? 0))),
    };
  }

  function withNewRule(statement: Data, errors: TdbErrors): TdbErrors {
    if (Object.keys(errors).length > 0 || !options.newRule) return errors;
    return options.newRule(statement) ?? errors;
  }

  /** A FormRequest or `$request->validate()` failure: 422 JSON, or a redirect back when JSON was not asked for. */
  function invalid(request: IncomingMessage, errors: TdbErrors): Answer {
    if (expectsJson(request)) return json(422, { message: tdbSummary(errors), errors });
    const back = request.headers.referer ?? `${appUrl}/`;
    return { status: 302, body: '', headers: { location: back } };
  }

  function store(
    puid: string,
    fields: Record<string, unknown>,
    method: FakeTdbStatement['method'],
    createdAt: Date,
  ): FakeTdbStatement {
    const stored: FakeTdbStatement = {
      uuid: randomUUID(),
      id: nextId++,
      puid,
      method,
      createdAt: timestamp(createdAt),
      fields,
    };
    statements.set(stored.puid, stored);
    usedPuids.add(stored.puid);
    return stored;
  }

  const links = (uuid: string) => ({
    permalink: `${appUrl}/statement/${uuid}`,
    self: `${appUrl}/api/v1/statement/${uuid}`,
  });

  /** POST /api/v1/statement: the statement as the model serialises it, then `id` and `puid`. */
  function storeOne(request: IncomingMessage, body: Data): Answer {
    const errors = withNewRule(body, tdbProblems(body, 'statement'));
    if (Object.keys(errors).length > 0) return invalid(request, errors);
    const fields = tdbValidated(body, 'statement');
    const puid = String(fields.puid);
    if (usedPuids.has(puid)) {
      return json(422, { message: NOT_UNIQUE_SINGLE, errors: { puid: [NOT_UNIQUE_SINGLE] }, existing: { puid } });
    }
    const out: Data = { ...fields };
    for (const field of ['application_date', 'content_date', ...END_DATES]) out[field] = fields[field] ?? null;
    for (const field of ['territorial_scope', 'content_type']) out[field] = sortedUnique(fields[field]);
    for (const field of ['decision_visibility', 'category_specification']) {
      if (field in fields) out[field] = sortedUnique(fields[field]);
    }
    if (Array.isArray(fields.category_addition)) {
      out.category_addition = sortedUnique(fields.category_addition.filter((item) => item !== fields.category));
    }
    const ean = isObject(fields.content_id) ? fields.content_id['EAN-13'] : undefined;
    if (fields.content_id_ean === undefined && ean !== undefined) out.content_id_ean = ean;
    delete out.puid;
    const stored = store(puid, out, 'API', now());
    return json(201, {
      ...out,
      uuid: stored.uuid,
      created_at: stored.createdAt,
      id: stored.id,
      platform_name: platformName,
      ...links(stored.uuid),
      puid,
    });
  }

  /** POST /api/v1/statements: all or nothing. */
  function storeMany(request: IncomingMessage, body: Data): Answer {
    const batchErrors = tdbBatchProblems(body);
    if (Object.keys(batchErrors).length > 0) return invalid(request, batchErrors);
    const items = Object.values(body.statements as Data);
    if (items.some((item) => typeof item !== 'object' || item === null)) return json(500, { message: 'Server Error' });
    const errors: Record<string, TdbErrors> = {};
    items.forEach((item, index) => {
      const problems = withNewRule(item as Data, tdbProblems(item, 'statements'));
      if (Object.keys(problems).length > 0) errors[`statement_${index}`] = problems;
    });
    if (Object.keys(errors).length > 0) return json(422, { errors });

    const kept = items.map((item) => tdbValidated(item, 'statements'));
    const puids = kept.map((fields) => String(fields.puid));
    const counts = new Map<string, number>();
    for (const puid of puids) counts.set(puid, (counts.get(puid) ?? 0) + 1);
    const repeated = [...counts].filter(([, count]) => count > 1).map(([puid]) => puid);
    const existing = repeated.length > 0 ? repeated : puids.filter((puid) => usedPuids.has(puid));
    if (existing.length > 0) {
      return json(422, {
        message: NOT_UNIQUE_MULTIPLE,
        errors: { puid: [NOT_UNIQUE_MULTIPLE], existing_puids: existing },
      });
    }

    const createdAt = now();
    const out = kept.map((fields, index) => {
      const scope = Array.isArray(fields.territorial_scope) ? fields.territorial_scope : [];
      const stored = store(
        puids[index]!,
        { ...fields, territorial_scope: sortedUnique(scope) },
        'API_MULTI',
        createdAt,
      );
      const answer: Data = { ...stored.fields, uuid: stored.uuid, created_at: stored.createdAt };
      const ean = isObject(fields.content_id) ? fields.content_id['EAN-13'] : undefined;
      answer.content_id_ean = ean ?? null;
      delete answer.content_id;
      for (const field of ARRAY_FIELDS) answer[field] ??= [];
      for (const field of OPTIONAL_FIELDS) answer[field] ??= null;
      return { ...answer, platform_name: platformName, ...links(stored.uuid) };
    });
    return json(201, { statements: out });
  }

  function existingPuid(puid: string): Answer {
    return usedPuids.has(puid)
      ? json(302, { message: 'statement of reason found', puid })
      : json(404, { message: 'statement of reason not found', puid });
  }

  const EXISTING = /^\/api\/v1\/statement\/existing-puid\/([^/]+)$/;

  function route(method: string, path: string): { methods: string[]; run?: (body: Data) => Answer } | null {
    const existing = EXISTING.exec(path);
    if (existing) {
      const puid = decodeURIComponent(existing[1]!);
      return { methods: ['GET', 'HEAD'], run: () => existingPuid(puid) };
    }
    if (path === '/api/v1/statement' || path === '/api/v1/statements') return { methods: ['POST'] };
    return null;
  }

  function answer(request: IncomingMessage, body: unknown): Answer {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (failing.times > 0) {
      failing.times -= 1;
      return json(failing.status, { message: SERVER_ERRORS[failing.status] ?? 'Server Error' });
    }
    const found = route(method, path);
    if (!found) return json(404, { message: `The route ${path.slice(1)} could not be found.` });
    if (!found.methods.includes(method)) {
      return json(405, {
        message: `The ${method} method is not supported for route ${path.slice(1)}. Supported methods: ${found.methods.join(', ')}.`,
      });
    }
    const sent = bearer(request.headers.authorization);
    if (sent === null || (sent !== token && !forbidden.has(sent))) return json(401, { message: 'Unauthenticated.' });
    const limited = throttled();
    if (limited) return limited;
    if (forbidden.has(sent)) return json(403, { message: 'This action is unauthorized.' });
    const data = asReceived(body) as Data;
    if (found.run) return found.run(data);
    return path === '/api/v1/statement' ? storeOne(request, data) : storeMany(request, data);
  }

  /** Laravel renders an HTTP exception (403, 404, 405, 5xx) as JSON only for a request that expects JSON. */
  function rendered(request: IncomingMessage, result: Answer): Answer {
    const isError = [403, 404, 405].includes(result.status) || result.status >= 500;
    if (!isError || expectsJson(request) || !isObject(result.body) || 'puid' in result.body) return result;
    return { ...result, body: `<!DOCTYPE html><title>${String(result.body.message)}</title>` };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = readBody(request, raw);
    const result = rendered(request, answer(request, body));
    const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    const type = typeof result.body === 'string' ? 'text/html; charset=UTF-8' : 'application/json';
    const headers = { 'content-type': type, ...(result.status === 429 ? {} : rateHeaders()), ...result.headers };
    requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      token: bearer(request.headers.authorization),
      accept: request.headers.accept ?? null,
      contentType: request.headers['content-type'] ?? null,
      body,
      status: result.status,
      answer: result.body,
    });
    if (answerDelayMs > 0) await new Promise((done) => setTimeout(done, answerDelayMs));
    response.writeHead(result.status, headers);
    response.end(request.method === 'HEAD' ? undefined : text);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  appUrl ||= url;

  return {
    url,
    requests,
    statements,
    addExisting: (puid) => void usedPuids.add(puid),
    throttleNext: (times, retryAfterSeconds = 1) => {
      throttling = { times, retryAfter: retryAfterSeconds };
    },
    failNext: (times, status = 500) => {
      failing = { times, status };
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
