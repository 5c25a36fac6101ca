import http from 'node:http';
import https from 'node:https';
import type { TdbAnswer } from './submission-rules.js';

/** Where the EU DSA Transparency Database is and the platform's API token (DOCKET_DSA_TDB_URL, DOCKET_DSA_TDB_TOKEN). */
export interface TdbSettings {
  url: string;
  token: string;
}

/**
 * The calls the submitter makes. A statement is passed as its JSON, as it was built and checked: the body is put
 * together from those texts, not serialised again.
 */
export interface TdbClient {
  /** POST /api/v1/statements with 1 to 100 statements. */
  postStatements(statements: readonly string[]): Promise<TdbAnswer>;
  /** POST /api/v1/statement with one statement, the body being the statement itself. */
  postStatement(statement: string): Promise<TdbAnswer>;
  /** GET /api/v1/statement/existing-puid/{puid}. */
  existingPuid(puid: string): Promise<TdbAnswer>;
}

/** One request to the database, as the client sends it. */
export interface TdbRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** The database's answer, as the client reads it. */
export interface TdbResponse {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * How a request reaches the database: `httpTransport` by default. A test stands between Docket and the database by
 * passing one that wraps it. It rejects when the database cannot be reached or does not answer in time.
 */
export type TdbTransport = (url: string, request: TdbRequest, timeoutMs: number) => Promise<TdbResponse>;

/** The database could not be reached, or did not answer in time: whatever was sent may or may not be stored. */
export class TdbUnreachable extends Error {}

const REQUEST_TIMEOUT_MS = 60_000;

// Connections are kept open between batches: a submitter sends one batch after another to the same host.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * A request over Node's own HTTP client, on a kept-alive connection. Node's `fetch` would do the same with about
 * twice the CPU per batch (its web streams), which a submitter sending thousands of statements a second feels.
 */
export const httpTransport: TdbTransport = (url, request, timeoutMs) =>
  new Promise<TdbResponse>((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const headers = request.body === undefined ? request.headers : { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = client.request(
      target,
      { method: request.method, headers, agent, timeout: timeoutMs },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('close', () => {
          if (!answer.complete) reject(new Error('the connection closed before the whole answer came'));
        });
        answer.on('end', () => {
          const headerValues: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(answer.headers))
            headerValues[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({
            status: answer.statusCode ?? 0,
            headers: headerValues,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });

/**
 * A client of the database's API. Every request asks for JSON (`Accept: application/json`): without it Laravel
 * answers a validation failure with a redirect, not the 422 that names the fields.
 */
export function createTdbClient(
  settings: TdbSettings,
  transport: TdbTransport = httpTransport,
  timeoutMs = REQUEST_TIMEOUT_MS,
): TdbClient {
  const base = settings.url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${settings.token}`, accept: 'application/json' };

  async function call(path: string, method: TdbRequest['method'], body?: string): Promise<TdbAnswer> {
    let response: TdbResponse;
    try {
      response = await transport(
        `${base}${path}`,
        body === undefined
          ? { method, headers }
          : { method, headers: { ...headers, 'content-type': 'application/json' }, body },
        timeoutMs,
      );
    } catch (error) {
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new TdbUnreachable(`the Transparency Database at ${base} could not be reached${cause ? `: ${cause}` : ''}`);
    }
    let parsed: unknown = response.body;
    if ((response.headers['content-type'] ?? '').includes('json')) {
      try {
        parsed = JSON.parse(response.body) as unknown;
      } catch {
        parsed = response.body;
      }
    }
    return { status: response.status, retryAfter: response.headers['retry-after'] ?? null, body: parsed };
  }

  return {
    postStatements: (statements) => call('/api/v1/statements', 'POST', `{"statements":[${statements.join(',')}]}`),
    postStatement: (statement) => call('/api/v1/statement', 'POST', statement),
    existingPuid: (puid) => call(`/api/v1/statement/existing-puid/${encodeURIComponent(puid)}`, 'GET'),
  };
}
