import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A server the bench started as a process of its own, and where to reach it. */
export interface ServerProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/** Memory of a process, from /proc/<pid>/status, in MB: now (VmRSS) and at its peak so far (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const running = new Set<ChildProcess>();
// A bench stopped with Ctrl-C or killed by an error must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `node <args>` and waits for the line `ready` matches on its stdout, whose first group is the port.
 * Its stderr is kept to explain a failure.
 */
function startProcess(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  return new Promise((resolve, reject) => {
    const failed = (why: string) => reject(new Error(`${args.join(' ')} ${why}:\n${output.slice(-2_000)}`));
    const tooLate = setTimeout(() => {
      void stop();
      failed('was not ready within 120 s');
    }, 120_000);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = ready.exec(output)?.[1];
      if (port && child.pid !== undefined) {
        clearTimeout(tooLate);
        resolve({ pid: child.pid, url: `http://127.0.0.1:${port}`, stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(tooLate);
      failed(`exited (${signal ?? code}) before it was ready`);
    });
  });
}

/**
 * `docket serve` from the built server (dist/; `npm run build:server` first) on `databaseUrl`, on a free port.
 * The request limits are off: the bench measures throughput, not the flood guard.
 */
export function startDocket(databaseUrl: string): Promise<ServerProcess> {
  return startProcess(
    ['dist/src/cli/main.js', 'serve', '--port', '0'],
    {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      DOCKET_LIMIT_INGEST: 'off',
      DOCKET_LIMIT_INGEST_BATCHES: 'off',
      DOCKET_LIMIT_SIGN_IN: 'off',
      DOCKET_LIMIT_READS: 'off',
    },
    /Docket is running at http:\/\/[^:]+:(\d+)/,
  );
}

/**
 * bench/peer.ts compiled on its own to plain JavaScript, so the peer runs as Docket does (no TypeScript loader in
 * its memory). Written under dist/bench/, where it finds fastify and pg in node_modules.
 */
function compiledPeer(): string {
  const source = readFileSync(`${ROOT}bench/peer.ts`, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(`${ROOT}dist/bench`, { recursive: true });
  const file = `${ROOT}dist/bench/peer.js`;
  writeFileSync(file, outputText);
  return file;
}

/** Makes the peer's tables in `databaseUrl` and fills its queue with `queueCases` open cases. */
export async function setUpPeer(databaseUrl: string, queueCases: number): Promise<void> {
  const child = spawn(process.execPath, [compiledPeer(), 'setup', String(queueCases)], {
    cwd: ROOT,
    env: { ...process.env, PEER_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the peer's setup failed (exit ${code})`);
}

/** The peer server (set up first) on `databaseUrl`, on a free port. */
export function startPeer(databaseUrl: string): Promise<ServerProcess> {
  return startProcess([compiledPeer()], { PEER_DATABASE_URL: databaseUrl, PORT: '0' }, /listening on (\d+)/);
}
