import type { FieldError } from '../core/errors.js';
import { DocketError } from '../core/errors.js';
import type { App } from './types.js';

/**
 * What the stores cannot keep, refused before any route runs. PostgreSQL's text and jsonb hold no NUL character,
 * and UTF-8 has no encoding for half of a surrogate pair; a number beyond 2^53 cannot be read back into
 * JavaScript exactly (and 1e400 parses as Infinity). Such input used to reach the database and answer 500. The
 * schemas say what each field means; this says what any field can hold, on every route, in the body, the query
 * and the path, whatever schema the route declares (or none).
 */
const MAX_DEPTH = 32;
const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode: it contains half of a surrogate pair';
  return null;
}

function numberProblem(value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
    return `must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
  return null;
}

const pointer = (path: string, key: string): string => `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The first value in `input` that no store can keep, as a field error with its JSON pointer; null when all can be. */
export function unstorableInput(input: unknown): FieldError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: path, message: problem };
    } else if (typeof value === 'number') {
      const problem = numberProblem(value);
      if (problem) return { field: path, message: problem };
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return { field: path, message: `is nested more than ${MAX_DEPTH} levels deep` };
      for (const [key, child] of Object.entries(value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { field: pointer(path, clipKey(key)), message: `has a field name that ${keyProblem}` };
        pending.push({ value: child, path: pointer(path, key), depth: depth + 1 });
      }
    }
  }
  return null;
}

const clipKey = (key: string): string => (key.length > 40 ? `${key.slice(0, 40)}…` : key);

/**
 * Checks every request's path parameters, query and body after its schema has validated (and coerced) them, and
 * before its handler runs: a value no store can keep is a 400 naming the field, and nothing is written.
 */
export function installInputChecks(app: App): void {
  app.addHook('preHandler', async (request) => {
    const badQuery = undecodableQuery(request.raw.url ?? '');
    if (badQuery)
      throw new DocketError('validation_failed', `the query is not valid: ${badQuery.field} ${badQuery.message}`, [
        badQuery,
      ]);
    for (const [part, value] of [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const problem = unstorableInput(value);
      if (problem)
        throw new DocketError(
          'validation_failed',
          `the ${part} is not valid: ${problem.field || part} ${problem.message}`,
          [problem],
        );
    }
  });
}

/**
 * A query parameter whose percent-encoding is not UTF-8 (`%zz`, a cut sequence, `%ED%BF%BF` for half of a surrogate
 * pair). The query parser would hand such a value on as it stands or with replacement characters, and a search
 * would answer 200 for what no one could have typed; it is refused, naming the parameter.
 */
export function undecodableQuery(url: string): FieldError | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const pair of url.slice(start + 1).split('&')) {
    const [key = '', value = ''] = pair.split(/=(.*)/s);
    for (const part of [key, value]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return { field: `/${safeName(key)}`, message: 'is not valid percent-encoded UTF-8' };
      }
    }
  }
  return null;
}

/** A parameter's name for the message: decoded where it can be, else as sent, and never longer than 40 characters. */
function safeName(key: string): string {
  let name = key;
  try {
    name = decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    // the name itself is what is badly encoded: show it as sent
  }
  return clipKey(name);
}
