import { createHash } from 'node:crypto';
import type { TdbErrors } from './tdb-rules.js';

/**
 * How Docket reads the EU DSA Transparency Database's answers to a submission, and how long it waits before the
 * next try, as pure functions. The answers are the ones its public source gives (see test/fakes/dsa-tdb.ts for
 * where each comes from): POST /api/v1/statements is all or nothing.
 */

/** The largest batch POST /api/v1/statements takes (`statements: between:1,100`). */
export const TDB_BATCH_SIZE = 100;

/** An answer as it arrived: status, the Retry-After header, and the body (parsed JSON, or the text). */
export interface TdbAnswer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

export interface StoredStatement {
  uuid: string | null;
  permalink: string | null;
}

/**
 * What an answer to a batch means for its statements:
 * - `stored`: every one is in the database, with its uuid and permalink;
 * - `refused`: none is stored; these (by puid) were refused with the database's errors, the others may go again;
 * - `duplicates`: none is stored; these puids are already there (or repeated), the others may go again;
 * - `unauthorized`: the token was refused (401) or may not create statements (403): nothing is stored;
 * - `throttled`: 429, nothing is stored; wait `retryAfterSeconds` when given;
 * - `unknown`: a server error or an answer Docket cannot read: the statements may or may not be stored.
 */
export type BatchOutcome =
  | { kind: 'stored'; stored: Map<string, StoredStatement> }
  | { kind: 'refused'; refused: Map<string, TdbErrors> }
  | { kind: 'duplicates'; puids: string[] }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'throttled'; retryAfterSeconds: number | null; message: string }
  | { kind: 'unknown'; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Reads the answer to POST /api/v1/statements for the statements sent, in the order they were sent. */
export function batchOutcome(answer: TdbAnswer, puids: readonly string[], now: Date): BatchOutcome {
  const { status, body } = answer;
  if (status === 201 && isObject(body) && Array.isArray(body.statements)) {
    const stored = new Map<string, StoredStatement>();
    body.statements.forEach((item: unknown, index) => {
      const one = isObject(item) ? item : {};
      const puid = text(one.puid) ?? puids[index];
      if (puid !== undefined) stored.set(puid, { uuid: text(one.uuid), permalink: text(one.permalink) });
    });
    const missing = puids.filter((puid) => !stored.has(puid));
    if (missing.length === 0) return { kind: 'stored', stored };
    return { kind: 'unknown', message: `201 without ${missing.length} of the statements sent` };
  }
  if (status === 401 || status === 403) {
    const said = isObject(body) ? text(body.message) : null;
    return {
      kind: 'unauthorized',
      message:
        status === 401
          ? `the Transparency Database refused the token (401 ${said ?? 'Unauthenticated.'}): check DOCKET_DSA_TDB_TOKEN`
          : `the token may not create statements (403 ${said ?? 'This action is unauthorized.'}): ask the database's team for the right to submit`,
    };
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter, now);
    return {
      kind: 'throttled',
      retryAfterSeconds: seconds,
      message: `429 ${typeof body === 'string' ? body.slice(0, 200) : 'Too Many Requests'}`,
    };
  }
  if (status === 422 && isObject(body) && isObject(body.errors)) {
    const errors = body.errors;
    if (Array.isArray(errors.existing_puids)) {
      const puids = errors.existing_puids.filter((puid): puid is string => typeof puid === 'string');
      if (puids.length > 0) return { kind: 'duplicates', puids };
    }
    const refused = new Map<string, TdbErrors>();
    for (const [key, value] of Object.entries(errors)) {
      const index = /^statement_(\d+)$/.exec(key);
      const puid = index ? puids[Number(index[1])] : undefined;
      if (puid !== undefined && isObject(value)) refused.set(puid, asErrors(value));
    }
    if (refused.size > 0) return { kind: 'refused', refused };
    return { kind: 'unknown', message: `422 for the batch itself: ${JSON.stringify(errors).slice(0, 500)}` };
  }
  const said = isObject(body) ? text(body.message) : typeof body === 'string' ? body.slice(0, 200) : null;
  return { kind: 'unknown', message: `${status}${said ? ` ${said}` : ''}` };
}

/**
 * Reads the answer to POST /api/v1/statement for the one statement sent (StatementAPIController::store): 201 with
 * the statement, its `uuid` and `permalink`; 422 with `existing: {puid}` for a puid the platform already used
 * (PuidNotUniqueSingleException); 422 with `errors: {field: [messages]}` for a refused statement (its
 * StatementStoreRequest); the token, throttling and server answers as for a batch.
 */
export function singleOutcome(answer: TdbAnswer, puid: string, now: Date): BatchOutcome {
  const { status, body } = answer;
  if (status === 201 && isObject(body)) {
    const said = text(body.puid);
    if (said !== null && said !== puid) return { kind: 'unknown', message: `201 for puid ${said}, not ${puid}` };
    const uuid = text(body.uuid);
    if (uuid === null) return { kind: 'unknown', message: '201 without the statement’s uuid' };
    return { kind: 'stored', stored: new Map([[puid, { uuid, permalink: text(body.permalink) }]]) };
  }
  if (status === 422 && isObject(body)) {
    if (isObject(body.existing) && text(body.existing.puid) === puid) return { kind: 'duplicates', puids: [puid] };
    if (isObject(body.errors) && Object.keys(body.errors).length > 0) {
      return { kind: 'refused', refused: new Map([[puid, asErrors(body.errors)]]) };
    }
  }
  return batchOutcome(status === 201 || status === 422 ? { ...answer, body: null } : answer, [puid], now);
}

/** An answer to existing-puid that is not one: the token refused, a 429, or something else. */
export type ExistingFailure = Extract<BatchOutcome, { kind: 'unauthorized' | 'throttled' | 'unknown' }>;

/** What GET /api/v1/statement/existing-puid/{puid} says: 302 found, 404 not found; anything else is not an answer. */
export function existingPuidOutcome(
  answer: TdbAnswer,
  now: Date,
): { kind: 'found' } | { kind: 'absent' } | ExistingFailure {
  if (answer.status === 302 || answer.status === 200) return { kind: 'found' };
  if (answer.status === 404 && isObject(answer.body) && 'puid' in answer.body) return { kind: 'absent' };
  const outcome = batchOutcome(answer, [], now);
  if (outcome.kind === 'unauthorized' || outcome.kind === 'throttled') return outcome;
  return { kind: 'unknown', message: outcome.kind === 'unknown' ? outcome.message : String(answer.status) };
}

function asErrors(value: Record<string, unknown>): TdbErrors {
  const errors: TdbErrors = {};
  for (const [field, messages] of Object.entries(value)) {
    errors[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return errors;
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export interface BackoffRules {
  /** The first wait after a failure, in seconds; each failure in a row doubles it. */
  firstSeconds: number;
  /** The longest wait. */
  capSeconds: number;
}

export const DEFAULT_BACKOFF: BackoffRules = { firstSeconds: 2, capSeconds: 900 };

/** How long to wait after the `failures`-th failure in a row: the database's Retry-After when it gave one. */
export function backoffSeconds(failures: number, retryAfter: number | null, rules = DEFAULT_BACKOFF): number {
  if (retryAfter !== null) return Math.min(retryAfter, rules.capSeconds);
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(rules.capSeconds, rules.firstSeconds * 2 ** exponent);
}

/** A token's fingerprint, kept with a stop so that a new token resumes and the token itself is never stored. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
