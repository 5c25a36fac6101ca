import { afterEach, describe, expect, it } from 'vitest';
import { toolFailure, toolVersion } from './postgres-backup.js';

describe("PostgreSQL's backup tools", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('names a missing tool and how to install it (exit 6)', async () => {
    process.env.PATH = '/nonexistent';
    const error = await toolVersion('pg_dump').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'unavailable',
      exitCode: 6,
      message: expect.stringContaining('pg_dump was not found on PATH'),
    });
  });

  it('tells a tool older than the server or the archive from other failures', () => {
    const tooOld = toolFailure(
      'pg_dump',
      'pg_dump: error: aborting because of server version mismatch\npg_dump: detail: server version: 16.4; pg_dump version: 15.20\n',
    );
    expect(tooOld.message).toMatch(
      /^pg_dump is older than the PostgreSQL server.*\n {2}pg_dump: error: aborting because of server version mismatch/s,
    );
    const archiveNewer = toolFailure('pg_restore', 'pg_restore: error: unsupported version (1.16) in file header\n');
    expect(archiveNewer.message).toContain('pg_restore is older than the pg_dump that wrote the backup');
    const other = toolFailure('pg_restore', 'pg_restore: error: could not execute query: ERROR:  permission denied\n');
    expect(other).toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('so the database is as it was'),
    });
  });
});
