/**
 * A small client for Mastodon's admin API: it sends the calls of a decision's plan (actions.ts) with the instance's
 * access token and says what came of each, so the outbox knows whether to retry.
 *
 * Mastodon's controllers read their params from Rails' `params`, which takes a form body; the documentation gives
 * these methods "form data parameters", so the client sends `application/x-www-form-urlencoded`. The answers it
 * classifies are Mastodon's own (app/controllers/api/base_controller.rb, application_controller.rb):
 * - 200 with `{}` (`render_empty`) or the changed record: done;
 * - 401 `{"error":"The access token is invalid"}` (a revoked or expired token) and 403 `{"error":"This action is
 *   not allowed"}` (no token Mastodon knows, a user without the permission, or a target its policy protects) or
 *   `{"error":"This action is outside the authorized scopes"}`: the connector's configuration;
 * - 404 `{"error":"Record not found"}` (the account, post or report is gone) and 404 `{"error":"Not Found"}` (no
 *   such route: an older instance, or a base URL that is not Mastodon's);
 * - 400 and 422 (`{"error":"Validation failed: ..."}`): Mastodon refuses the call as made;
 * - 408, 429 (its rate limit, with `X-RateLimit-Reset`), 5xx, a timeout or no connection: try again later.
 */
import { packageVersion } from '../core/version.js';
import type { MastodonCall } from './actions.js';

export type CallResult =
  | { kind: 'done'; status: number; body: unknown }
  | { kind: 'config'; status: number; message: string }
  | { kind: 'not_found'; status: 404; message: string }
  | { kind: 'missing_endpoint'; status: 404; message: string }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'retry'; status: number | null; message: string; retryAfterSeconds: number | null };

/** Whether the outbox should try the call again: after a failure that may pass, or once the admin fixes the token. */
export function worthRetrying(result: CallResult): boolean {
  return result.kind === 'retry' || result.kind === 'config';
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** More of an answer than this is not read: Mastodon's answers to these calls are small. */
const MAX_ANSWER_CHARS = 64_000;
/** Rails' routing error, rendered by ApplicationController#respond_with_error(404). */
const NO_ROUTE = 'Not Found';

export interface MastodonAdminClient {
  send(call: MastodonCall): Promise<CallResult>;
}

export interface MastodonAdminOptions {
  baseUrl: string;
  accessToken: string;
  timeoutMs?: number;
  now?: () => Date;
}

/** The instance's base URL, checked: http(s), no query or fragment; the trailing slash dropped. */
export function instanceBase(baseUrl: string): string {
  const parsed = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    throw new Error(`"${baseUrl}" is not an http(s) URL of a Mastodon instance`);
  if (parsed.search || parsed.hash) throw new Error(`the instance URL "${baseUrl}" has a query or fragment`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

export function createMastodonAdminClient(options: MastodonAdminOptions): MastodonAdminClient {
  const base = instanceBase(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  async function send(call: MastodonCall): Promise<CallResult> {
    const url = `${base}${call.path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: {
          authorization: `Bearer ${options.accessToken}`,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': `Docket/${packageVersion()}`,
        },
        body: new URLSearchParams(call.params).toString(),
        // A redirect would turn the POST into a GET: the base URL is then wrong, and the admin must fix it.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (failure) {
      const error = failure as Error;
      const message =
        error.name === 'TimeoutError'
          ? `no answer from ${base} within ${timeoutMs / 1000} s`
          : `could not reach ${base}: ${causeOf(error)}`;
      return { kind: 'retry', status: null, message, retryAfterSeconds: null };
    }
    const text = (await response.text()).slice(0, MAX_ANSWER_CHARS);
    return classify(response.status, text, response.headers, now(), `${call.method} ${call.path}`);
  }

  return { send };
}

function causeOf(error: Error): string {
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Mastodon's `{"error": "..."}`, or null when the answer is not one. */
export function mastodonError(body: unknown): string | null {
  if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  return null;
}

/** Seconds until Mastodon's rate limit resets (`X-RateLimit-Reset`, ISO 8601), or the standard `Retry-After`. */
export function retryAfterSeconds(headers: Headers, now: Date): number | null {
  const reset = headers.get('x-ratelimit-reset');
  if (reset && !Number.isNaN(Date.parse(reset)))
    return Math.max(0, Math.ceil((Date.parse(reset) - now.getTime()) / 1000));
  const after = headers.get('retry-after');
  if (after && /^\d+$/.test(after.trim())) return Number(after.trim());
  if (after && !Number.isNaN(Date.parse(after)))
    return Math.max(0, Math.ceil((Date.parse(after) - now.getTime()) / 1000));
  return null;
}

/** What a Mastodon answer means for the call `what` (e.g. "POST /api/v1/admin/accounts/1/action"). */
export function classify(status: number, text: string, headers: Headers, now: Date, what: string): CallResult {
  const body = parse(text);
  const error = mastodonError(body);
  const said = error ? `: "${error}"` : '';
  if (status >= 200 && status < 300) return { kind: 'done', status, body };
  if (status >= 300 && status < 400)
    return {
      kind: 'config',
      status,
      message: `${what} was redirected (${status}${headers.get('location') ? ` to ${headers.get('location')}` : ''}): the instance's base URL is not the one its API answers at`,
    };
  if (status === 401)
    return {
      kind: 'config',
      status,
      message: `Mastodon refused the access token (401${said}): give the connector a valid token`,
    };
  if (status === 403)
    return {
      kind: 'config',
      status,
      message:
        error === 'This action is outside the authorized scopes'
          ? `the access token lacks the scope for ${what} (403${said}): it needs admin:write (or admin:write:accounts, admin:write:reports, admin:write:statuses)`
          : `Mastodon does not allow ${what} (403${said}): the token is unknown to it, its user lacks the permission, or Mastodon protects the account (staff, or a suspension not made on this instance)`,
    };
  if (status === 404)
    return error === NO_ROUTE || error === null
      ? {
          kind: 'missing_endpoint',
          status: 404,
          message: `the instance has no ${what} (404${said}): an older or different Mastodon, or a wrong base URL`,
        }
      : { kind: 'not_found', status: 404, message: `Mastodon no longer has the record for ${what} (404${said})` };
  if (status === 408 || status === 429 || status >= 500)
    return {
      kind: 'retry',
      status,
      message: `${status === 429 ? 'rate-limited by Mastodon' : 'Mastodon failed'} (${status}${said}): will try again`,
      retryAfterSeconds: retryAfterSeconds(headers, now),
    };
  return { kind: 'refused', status, message: `Mastodon refused ${what} (${status}${said})` };
}
