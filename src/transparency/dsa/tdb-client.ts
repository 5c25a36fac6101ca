import type { DsaRecord } from './contract.js';
import type { TdbAnswer } from './submission-rules.js';

/** Where the EU DSA Transparency Database is and the platform's API token (DOCKET_DSA_TDB_URL, DOCKET_DSA_TDB_TOKEN). */
export interface TdbSettings {
  url: string;
  token: string;
}

/** The calls the submitter makes; `fetchImpl` lets a test stand between Docket and the database. */
export interface TdbClient {
  /** POST /api/v1/statements with 1 to 100 statements. */
  postStatements(statements: readonly DsaRecord[]): Promise<TdbAnswer>;
  /** POST /api/v1/statement with one statement, the body being the statement itself. */
  postStatement(statement: DsaRecord): Promise<TdbAnswer>;
  /** GET /api/v1/statement/existing-puid/{puid}. */
  existingPuid(puid: string): Promise<TdbAnswer>;
}

/** The database could not be reached, or did not answer in time: whatever was sent may or may not be stored. */
export class TdbUnreachable extends Error {}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A client of the database's API. Every request asks for JSON (`Accept: application/json`): without it Laravel
 * answers a validation failure with a redirect, not the 422 that names the fields.
 */
export function createTdbClient(
  settings: TdbSettings,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = REQUEST_TIMEOUT_MS,
): TdbClient {
  const base = settings.url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${settings.token}`, accept: 'application/json' };

  async function call(path: string, init: RequestInit): Promise<TdbAnswer> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        headers: { ...headers, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new TdbUnreachable(`the Transparency Database at ${base} could not be reached${cause ? `: ${cause}` : ''}`);
    }
    const raw = await response.text().catch(() => '');
    let body: unknown = raw;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = raw;
      }
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  return {
    postStatements: (statements) =>
      call('/api/v1/statements', { method: 'POST', body: JSON.stringify({ statements }) }),
    postStatement: (statement) => call('/api/v1/statement', { method: 'POST', body: JSON.stringify(statement) }),
    existingPuid: (puid) => call(`/api/v1/statement/existing-puid/${encodeURIComponent(puid)}`, { method: 'GET' }),
  };
}
