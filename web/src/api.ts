/**
 * The console's API client. The answers' types are the server's contracts (`src/<capability>/contract.ts`), imported
 * where they are used.
 */
/** An error answer (application/problem+json): `detail` is written for people, `code` for programs. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    /** Per-field problems: `field` is a JSON pointer into the request (`/note`), `message` a phrase after the field's name. */
    readonly fields: readonly { field: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token goes with every change the console makes. */
export const rememberCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = payload as { code?: string; detail?: string; errors?: { field: string; message: string }[] } | null;
    throw new ApiProblem(
      response.status,
      problem?.code ?? 'unknown',
      problem?.detail ?? `the server answered ${response.status}`,
      problem?.errors ?? [],
    );
  }
  return payload as T;
}
