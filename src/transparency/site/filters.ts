import { ASSESSMENTS, RESPONSE_CATEGORIES, type ResponseState } from '../../board/contract.js';
import { dayProblem } from '../../core/days.js';
import { DocketError, type FieldError } from '../../core/errors.js';
import { BOARD_OUTCOMES } from './labels.js';
import type { PublicCaseFilter } from '../../board/reads.js';
import type { TrackerFilter } from '../../board/tracker-reads.js';

/**
 * The public site's search forms, read from a query string. A form sends every field, empty ones as "", so an empty
 * value means "any". A value that is present and wrong is refused with what is wrong, never ignored: a shared link
 * must not silently show something else than it says.
 */

export type Query = Record<string, unknown>;
export type Parsed<T> = { ok: true; filter: T } | { ok: false; errors: FieldError[]; filter: Partial<T> };

/** The /decisions form: the public docket's search (see `PublicCaseFilter`), on a given page. */
export type DecisionFilter = Omit<PublicCaseFilter, 'page' | 'pageSize'> & { page: number };

export const RESPONSE_STATES = [
  'awaiting',
  'overdue',
  'answered',
  'answered_late',
] as const satisfies readonly ResponseState[];

export const PAGE_SIZE = 50;
const COUNTRY = /^[A-Za-z]{3}$/;
const POLICY = /^[a-z0-9][a-z0-9-]{0,59}$/;
const CASE_REF = /^BC-\d{4}-\d{3,6}$/i;
const MAX_TEXT = 200;

/** Reads one form field: the text, or undefined when absent or empty; an error when sent twice. */
class FormReader {
  readonly errors: FieldError[] = [];
  constructor(private readonly query: Query) {}

  text(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.errors.push({ field: name, message: `give "${name}" once` });
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  pattern(name: string, pattern: RegExp, what: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!pattern.test(value)) {
      this.errors.push({ field: name, message: `"${clip(value)}" is not ${what}` });
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.errors.push({ field: name, message: `"${clip(value)}" is not one of: ${allowed.join(', ')}` });
      return undefined;
    }
    return value as T;
  }

  day(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const problem = dayProblem(value);
    if (problem) {
      this.errors.push({ field: name, message: `"${clip(value)}" ${problem}` });
      return undefined;
    }
    return value;
  }

  country(name: string): string | undefined {
    return this.pattern(name, COUNTRY, 'a three-letter country code (ISO 3166-1 alpha-3, e.g. NLD)')?.toUpperCase();
  }
}

const clip = (value: string): string => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

function finish<T>(reader: FormReader, filter: T): Parsed<T> {
  return reader.errors.length === 0 ? { ok: true, filter } : { ok: false, errors: reader.errors, filter };
}

/** The board decisions search: country, policy, outcome, a publication date range, words of the title, the page. */
export function decisionFilter(query: Query): Parsed<DecisionFilter> {
  const form = new FormReader(query);
  const q = form.text('q');
  if (q !== undefined && q.length > MAX_TEXT)
    form.errors.push({ field: 'q', message: `search for at most ${MAX_TEXT} characters` });
  const pageText = form.pattern('page', /^\d{1,6}$/, 'a page number');
  const page = pageText === undefined ? 1 : Number(pageText);
  if (page < 1) form.errors.push({ field: 'page', message: 'pages are numbered from 1' });
  const filter: DecisionFilter = {
    country: form.country('country'),
    policy: form.pattern('policy', POLICY, 'a policy of the library'),
    outcome: form.oneOf('outcome', BOARD_OUTCOMES),
    from: form.day('from'),
    to: form.day('to'),
    q: q !== undefined && q.length <= MAX_TEXT ? q : undefined,
    page: Math.max(1, page),
  };
  if (filter.from && filter.to && filter.from > filter.to)
    form.errors.push({
      field: 'to',
      message: `the end of the range (${filter.to}) is before its start (${filter.from})`,
    });
  return finish(form, dropEmpty(filter));
}

/** The recommendation tracker's filters: the response's state and category, the board's assessment, a case, a country. */
export function trackerFilter(query: Query): Parsed<TrackerFilter> {
  const form = new FormReader(query);
  const filter: TrackerFilter = {
    state: form.oneOf('state', RESPONSE_STATES),
    category: form.oneOf('category', [...RESPONSE_CATEGORIES, 'none'] as const),
    assessment: form.oneOf('assessment', [...ASSESSMENTS, 'none'] as const),
    case: form.pattern('case', CASE_REF, 'a case reference like BC-2023-001')?.toUpperCase(),
    country: form.country('country'),
  };
  return finish(form, dropEmpty(filter));
}

/** A filter as a query string ("" when empty), so a search, a count or a page is a link. */
export function queryString(filter: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || (name === 'page' && value === 1)) continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The API answers a wrong filter as problem+json, naming each parameter at fault. */
export function filterProblem(errors: readonly FieldError[]): DocketError {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new DocketError(
    'validation_failed',
    `the search is not valid: ${detail}`,
    errors.map((e) => ({ field: `/${e.field}`, message: e.message })),
  );
}

function dropEmpty<T extends object>(filter: T): T {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as T;
}
