import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { DocketError } from '../core/errors.js';
import { describeContents, eventCount, tableNames, type StoreContents } from './contents.js';
import { redactUrl, type Db } from './database.js';
import * as schema from './schema.js';

/**
 * PostgreSQL is backed up by its own tools, run as child processes (no shell): `pg_dump --format=custom` and
 * `pg_restore`. They must be on PATH and as new as the server (pg_dump refuses a newer server; pg_restore cannot
 * read an archive from a newer pg_dump). The password never appears on a command line: it goes in PGPASSWORD.
 */
type Tool = 'pg_dump' | 'pg_restore';

export interface PostgresDump {
  contents: StoreContents;
  tool: string;
}

/**
 * Dumps the database to `payloadPath`. The manifest's counts and pg_dump's archive read one snapshot: a
 * repeatable-read transaction exports it and stays open until pg_dump is done, so other Docket processes may
 * keep writing and the backup still agrees with itself.
 */
export async function dumpPostgres(url: string, payloadPath: string): Promise<PostgresDump> {
  return withClient(url, async (client, db) => {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    if ((await eventCount(db)) === null)
      throw new DocketError('not_found', `${redactUrl(url)} holds no Docket data to back up`);
    const contents = await describeContents(db);
    const tool = await toolVersion('pg_dump');
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-password', `--snapshot=${snapshot}`, `--file=${payloadPath}`],
      url,
    );
    await client.query('commit');
    return { contents, tool };
  });
}

export interface PostgresTarget {
  /** Events in the target's log; null when it has no Docket schema. */
  events: number | null;
  tables: string[];
}

export async function inspectPostgres(url: string): Promise<PostgresTarget> {
  return withClient(url, async (_client, db) => ({ events: await eventCount(db), tables: await tableNames(db) }));
}

/**
 * Restores an archive in ONE transaction, so a failure changes nothing. `clean` drops the archive's objects first
 * (a restore over an existing Docket schema).
 */
export async function restorePostgres(url: string, archive: Readable, clean: boolean): Promise<void> {
  const options = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', '--no-password'];
  await runTool('pg_restore', [...options, ...(clean ? ['--clean', '--if-exists'] : [])], url, archive);
}

/** Runs `work` on a single connection to the database (closed after). */
export async function withPostgresDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  return withClient(url, (_client, db) => work(db));
}

/** The tool's version line, e.g. `pg_dump (PostgreSQL) 15.20`; also finds out early that it is missing. */
export async function toolVersion(tool: Tool): Promise<string> {
  return (await runTool(tool, ['--version'])).trim();
}

async function withClient<T>(url: string, work: (client: pg.Client, db: Db) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new DocketError('unavailable', `cannot connect to ${redactUrl(url)}: ${(error as Error).message}`);
  }
  try {
    return await work(client, drizzle(client, { schema }) as unknown as Db);
  } finally {
    await client.end();
  }
}

/** libpq takes the URL without its password as --dbname, and the password from the environment. */
function connection(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    args: [`--dbname=${parsed.toString()}`],
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

function runTool(tool: Tool, args: string[], url?: string, input?: Readable): Promise<string> {
  const target = url ? connection(url) : { args: [], env: process.env };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, ...target.args], {
      env: target.env,
      stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingTool(tool) : error));
    if (input && child.stdin) {
      // The tool may stop reading early (it failed); its exit status says why, not the broken pipe.
      child.stdin.on('error', () => undefined);
      input.on('error', (error) => {
        child.kill();
        reject(error);
      });
      input.pipe(child.stdin);
    }
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(toolFailure(tool, Buffer.concat(stderr).toString('utf8')));
    });
  });
}

const missingTool = (tool: Tool): DocketError =>
  new DocketError(
    'unavailable',
    `${tool} was not found on PATH: install PostgreSQL's client tools of the server's major version or newer (on Debian: apt-get install postgresql-client-15 or the version of your server)`,
  );

export function toolFailure(tool: Tool, stderr: string): DocketError {
  const said = stderr.trim().split('\n').slice(0, 5).join('\n  ');
  if (/server version mismatch/i.test(stderr)) {
    return new DocketError(
      'unavailable',
      `${tool} is older than the PostgreSQL server, so it cannot dump it; install the client tools of the server's version:\n  ${said}`,
    );
  }
  if (/unsupported version .* in file header/i.test(stderr)) {
    return new DocketError(
      'unavailable',
      `${tool} is older than the pg_dump that wrote the backup; install newer client tools:\n  ${said}`,
    );
  }
  const outcome =
    tool === 'pg_restore' ? 'it ran in one transaction, so the database is as it was' : 'no backup was written';
  return new DocketError('unavailable', `${tool} failed (${outcome}):\n  ${said}`);
}
