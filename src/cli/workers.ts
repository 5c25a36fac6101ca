import cluster from 'node:cluster';
import type { Say } from './first-start.js';

/**
 * What a primary sends a worker to stop it gracefully. Not a signal: a worker treats a second SIGINT as "exit now",
 * and Ctrl-C in a terminal already signals every process of the group, workers included.
 */
export const STOP_MESSAGE = 'docket:stop';

/** A worker that dies sooner than this after starting probably fails at start: the next one waits longer. */
const QUICK_DEATH_MS = 10_000;
const LONGEST_RESTART_PAUSE_MS = 30_000;
/** How long workers have to finish the requests in flight once asked to stop. */
const STOP_GRACE_MS = 30_000;

/**
 * The primary of `docket serve --workers N`: forks N workers that share one port (node:cluster hands out the
 * connections), starts another when one dies, and on SIGTERM or SIGINT asks every worker to finish its requests
 * in flight, then exits. Resolves with the port once the first worker listens.
 */
export function superviseWorkers(count: number, say: Say): Promise<number> {
  let stopping = false;
  let restartPause = 0;
  const startedAt = new Map<number, number>();

  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (startedAt.size === 0) {
        say('All workers stopped.');
        process.exit(0);
      }
      return;
    }
    // Restart at once after a long life; a worker dying right after its start doubles the pause, so a start that
    // cannot succeed (the database is down) does not spin.
    restartPause = lived < QUICK_DEATH_MS ? Math.min(LONGEST_RESTART_PAUSE_MS, Math.max(1_000, restartPause * 2)) : 0;
    const how = signal ? `killed by ${signal}` : `exit code ${code}`;
    say(
      `Worker ${worker.process.pid ?? '?'} died (${how}); starting another${restartPause > 0 ? ` in ${restartPause / 1000} s` : ''}.`,
    );
    setTimeout(fork, restartPause);
  });

  const stop = (signal: string) => {
    const workers = Object.values(cluster.workers ?? {});
    if (stopping) {
      say(`${signal} again: stopping the workers now`);
      for (const worker of workers) worker?.process.kill('SIGKILL');
      process.exit(130);
    }
    stopping = true;
    say(`${signal}: the workers finish requests in flight, then stop`);
    if (startedAt.size === 0) process.exit(0);
    for (const worker of workers) worker?.send(STOP_MESSAGE);
    setTimeout(() => {
      say(`Workers still running after ${STOP_GRACE_MS / 1000} s: stopping them now.`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const listening = new Promise<number>((resolve) => {
    cluster.on('listening', (worker, address) => {
      say(`Worker ${worker.process.pid ?? '?'} is serving.`);
      resolve(address.port);
    });
  });
  for (let i = 0; i < count; i++) fork();
  return listening;
}
