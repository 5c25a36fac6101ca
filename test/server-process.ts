import { spawn, type ChildProcess } from 'node:child_process';
import { docketArgs } from './cli-run.js';

/** A `docket serve` running as a process of its own (the built command when it is current: docketArgs). */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Waits until its output matches, or fails naming what it printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends the signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `docket serve` with these variables and arguments on a port the system picks (no race for a free one with
 * the other test files) and waits until it says where it is running. Like every test server, it checks each answer
 * against its route's contract (DOCKET_CHECK_RESPONSES, src/http/response-check.ts); `env` may turn that off.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, docketArgs('serve', '--port', '0', ...args), {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DOCKET_CHECK_RESPONSES: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const listeners = new Set<() => void>();
  const onOutput = (chunk: Buffer) => {
    printed += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  // 'close', not 'exit': by then everything it printed has arrived.
  let ending = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code, signal) => {
      ending = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve(code);
    }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const listener of listeners) listener();
  });

  const waitFor = (pattern: RegExp, ms = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(printed);
        if (match) done(() => resolve(match));
        else if (gone)
          done(() => reject(new Error(`the server exited (${ending}) before printing ${pattern}:\n${printed}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${printed}`))), ms);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  const [, url] = await waitFor(/Docket is running at (http:\/\/[\d.]+:\d+)/, timeoutMs);
  return {
    child,
    url: url as string,
    output: () => printed,
    waitFor,
    async stop(signal = 'SIGTERM') {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}

/** A signed-in console user talking to one server over HTTP. */
export interface Session {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function signIn(base: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = /docket_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    request: (method, path, body) => call(base, method, path, body, { cookie, 'x-csrf-token': csrfToken }),
  };
}

/** One request as the platform integration holding this bearer token. */
export const push = (base: string, token: string, path: string, body: unknown) =>
  call(base, 'POST', path, body, { authorization: `Bearer ${token}` });

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}
