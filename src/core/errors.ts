/**
 * The one closed list of error codes. Each code is mapped once to an HTTP status and once to a CLI exit code,
 * so the API and the CLI report the same failure the same way.
 */
export const errorCatalogue = {
  validation_failed: { status: 400, exit: 2, title: 'The request is not valid' },
  malformed_json: { status: 400, exit: 2, title: 'The body is not valid JSON' },
  unsupported_media_type: { status: 415, exit: 2, title: 'Unsupported content type' },
  body_too_large: { status: 413, exit: 2, title: 'The body is too large' },
  uri_too_long: { status: 414, exit: 2, title: 'The address is too long' },
  headers_too_large: { status: 431, exit: 2, title: 'The request headers are too large' },
  request_timeout: { status: 408, exit: 2, title: 'The request took too long to arrive' },
  unauthenticated: { status: 401, exit: 5, title: 'Authentication required' },
  invalid_credentials: { status: 401, exit: 5, title: 'Wrong username or password' },
  invalid_token: { status: 401, exit: 5, title: 'The bearer token is not valid' },
  too_many_attempts: { status: 429, exit: 5, title: 'Too many failed attempts' },
  rate_limited: { status: 429, exit: 4, title: 'Too many requests' },
  csrf_failed: { status: 403, exit: 5, title: 'Missing or wrong CSRF token' },
  password_change_required: { status: 403, exit: 5, title: 'The password must be changed first' },
  forbidden: { status: 403, exit: 5, title: 'Not allowed' },
  not_found: { status: 404, exit: 3, title: 'Not found' },
  method_not_allowed: { status: 405, exit: 2, title: 'Method not allowed' },
  conflict: { status: 409, exit: 4, title: 'Conflict with the current state' },
  already_exists: { status: 409, exit: 4, title: 'Already exists' },
  complaint_window_closed: { status: 409, exit: 4, title: 'The time to complain has ended' },
  link_expired: { status: 410, exit: 3, title: 'The link has expired' },
  suspended_for_misuse: { status: 403, exit: 5, title: 'Suspended for misuse (EU DSA Art. 23)' },
  store_locked: { status: 503, exit: 6, title: 'The embedded store is in use by another process' },
  unavailable: { status: 503, exit: 6, title: 'Service unavailable' },
  chain_broken: { status: 500, exit: 7, title: 'The event log does not verify' },
  internal: { status: 500, exit: 1, title: 'Internal error' },
} as const satisfies Record<string, { status: number; exit: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  /** JSON pointer of the offending value, e.g. `/roles/0`; empty for the whole input. */
  field: string;
  message: string;
}

/** An error the client can act on: a stable code, a human sentence and, where it applies, the fields at fault. */
export class DocketError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  /** For limits (429): when the client may try again; the API sends it as `Retry-After`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    fields: FieldError[] = [],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'DocketError';
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  get exitCode(): number {
    return errorCatalogue[this.code].exit;
  }
}

export function isDocketError(error: unknown): error is DocketError {
  return error instanceof DocketError;
}

export const invalid = (field: string, message: string): DocketError =>
  new DocketError('validation_failed', message, [{ field, message }]);
