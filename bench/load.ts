import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Whose API the load speaks: Docket's, or the peer's (plain, or appending to its hash chain). */
export type Dialect = 'docket' | 'peer' | 'peer-chain';

/** Who a reviewing connection acts as: a Docket session (cookie and CSRF token), or a name the peer takes. */
export interface Reviewer {
  name: string;
  headers: Record<string, string>;
}

/**
 * One load run. `targets` are the servers' base URLs; connections (or reviewers) are dealt out over them in
 * turn. Every report carries a subject never sent before (its external id starts with `runId`).
 */
export type Load =
  | {
      kind: 'reports';
      dialect: Dialect;
      targets: string[];
      connections: number;
      seconds: number;
      token: string;
      runId: string;
      batch: number;
    }
  | { kind: 'reviews'; dialect: Dialect; targets: string[]; reviewers: Reviewer[]; seconds: number };

export interface Latency {
  count: number;
  /** Answers per second, summed over the connections (see bench/load-driver.ts). */
  perSecond: number;
  p50: number;
  p99: number;
}

/** What a run did: successful requests by kind (`report`, `batch`, `claim`, `decide`) with their latency in ms. */
export interface LoadResult {
  seconds: number;
  kinds: Record<string, Latency>;
  failures: number;
  firstFailure: string | null;
}

const DRIVER = fileURLToPath(new URL('./load-driver.ts', import.meta.url));

/**
 * Runs `load` from a process of its own (bench/load-driver.ts, autocannon inside), so generating the load does
 * not share an event loop with the servers or with this process. A run in which any request failed is an error.
 */
export function runLoad(load: Load): Promise<LoadResult> {
  const driver = fork(DRIVER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let answered = false;
    driver.once('message', (message: LoadResult | { error: string }) => {
      answered = true;
      if ('error' in message) reject(new Error(`the load driver failed: ${message.error}`));
      else if (message.failures > 0)
        reject(
          new Error(
            `${message.failures} requests failed (${load.kind}, ${load.dialect}); the first: ${message.firstFailure}`,
          ),
        );
      else resolve(message);
    });
    driver.once('exit', (code) => {
      if (!answered) reject(new Error(`the load driver exited (${code}) without a result`));
    });
    driver.send(load);
  });
}
