import { sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocket } from '../src/app.js';
import { verifyLog } from '../src/core/event-log.js';
import type { DocketError } from '../src/core/errors.js';
import { BACKUP_MAGIC, type BackupManifest } from '../src/store/backup-file.js';
import { backupStore, restoreStore, storeLocation, type StoreLocation } from '../src/store/backup.js';
import { describeContents, type StoreContents } from '../src/store/contents.js';
import { openStore, type StoreKind } from '../src/store/database.js';
import { runDocket } from './cli-run.js';
import { describeEachStore, newTestLocation, testConfig } from './stores.js';

const folder = mkdtempSync(join(tmpdir(), 'docket-backups-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Location = Awaited<ReturnType<typeof newTestLocation>>;
const locationOf = (place: Location): StoreLocation => storeLocation(testConfig(place.config));

/** A store with data written through the real services: the default policies, people, a token, reports and cases. */
async function seed(place: Location): Promise<void> {
  const docket = await createDocket({ config: testConfig(place.config) });
  try {
    await docket.policies.ensureDefaultLibrary('system:test');
    await docket.access.createUser('system:test', {
      username: 'mod1',
      roles: ['moderator'],
      password: 'mod1 password!',
    });
    await docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' });
    const reports = [1, 2, 3].map((n) => ({
      subject: {
        externalId: `post-${n}`,
        kind: 'content' as const,
        body: `post ${n}`,
        country: 'KEN',
        views: n * 1_000,
      },
      policyId: 'spam',
      source: 'user' as const,
    }));
    await docket.moderation.ingestReports('system:test', 'lumen', reports, null);
    // A request counter, as a limited request leaves: its table is unlogged, so a restore may find it empty.
    await docket.store.db.execute(
      sql`insert into rate_limit_counters (key, window_ends_at, hits) values ('read:10.0.0.1', now() + interval '1 minute', 3)`,
    );
  } finally {
    await docket.close();
  }
}

/** What the store at a place holds, read without Docket's start-up (which would write to it). */
async function contentsAt(place: Location): Promise<StoreContents & { verifies: boolean }> {
  const store = await openStore({ databaseUrl: place.config.databaseUrl, dataDir: place.config.dataDir });
  try {
    return { ...(await describeContents(store.db)), verifies: (await verifyLog(store.db)).ok };
  } finally {
    await store.close();
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: DocketError) => ({ code: error.code, message: error.message }),
  );

describeEachStore('backup and restore', (kind: StoreKind) => {
  let source: Location;
  let target: Location;
  const file = join(folder, `${kind}.backup`);

  beforeAll(async () => {
    [source, target] = await Promise.all([newTestLocation(kind), newTestLocation(kind)]);
    await seed(source);
  });
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
  });

  it('restores a backup into an empty store: the chain verifies and every table holds as many rows', async () => {
    const original = await contentsAt(source);
    const manifest = await backupStore(locationOf(source), file, new Date('2026-12-01T10:00:00Z'));
    expect(manifest).toMatchObject({
      store: kind,
      createdAt: '2026-12-01T10:00:00.000Z',
      head: original.head,
      tables: original.tables,
    });
    expect(manifest.tables.reports).toBe(3);
    expect(manifest.tables).not.toHaveProperty('rate_limit_counters');

    expect(
      await refusal(backupStore(locationOf(source), join(folder, 'no-such-folder', 'x.backup'), new Date())),
    ).toMatchObject({ code: 'not_found' });
    const report = await restoreStore(locationOf(target), file, { force: false });
    expect(report).toMatchObject({ replacedEvents: null, verified: original.head.seq, pendingMigrations: [] });
    expect(await contentsAt(target)).toEqual(original);
  });

  it('refuses to restore over a store that holds data unless forced, then replaces it', async () => {
    const refused = await refusal(restoreStore(locationOf(target), file, { force: false }));
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringContaining('needs --force') });
    const forced = await restoreStore(locationOf(target), file, { force: true });
    expect(forced.replacedEvents).toBe(forced.manifest.head.seq);
    expect((await contentsAt(target)).verifies).toBe(true);
  });

  it('refuses a truncated, altered or foreign file and changes nothing', async () => {
    const bytes = readFileSync(file);
    const before = await contentsAt(target);
    const truncated = join(folder, `${kind}-truncated.backup`);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const altered = join(folder, `${kind}-altered.backup`);
    writeFileSync(
      altered,
      Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes[bytes.length - 1]! ^ 0xff])]),
    );
    const notOne = join(folder, 'not-a-backup');
    writeFileSync(notOne, 'hello\n');
    for (const [path, why] of [
      [truncated, 'truncated'],
      [altered, 'damaged'],
      [notOne, 'not a Docket backup'],
    ] as const) {
      expect(await refusal(restoreStore(locationOf(target), path, { force: true }))).toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining(why),
      });
    }
    expect(await contentsAt(target)).toEqual(before);
  });

  it('refuses a backup of the other store, naming both', async () => {
    const other = kind === 'embedded' ? 'postgres' : 'embedded';
    const foreign = join(folder, `${kind}-as-${other}.backup`);
    writeFileSync(
      foreign,
      withManifest(readFileSync(file), (m) => ({ ...m, store: other })),
    );
    const refused = await refusal(restoreStore(locationOf(target), foreign, { force: true }));
    expect(refused).toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(
        /^this is a backup of (PostgreSQL|the embedded store), and Docket is configured for/,
      ),
    });
  });
});

describe('an interrupted restore of the embedded store', () => {
  it('is named when the store is opened, instead of starting an empty store in its place', async () => {
    const place = await newTestLocation('embedded');
    try {
      // What a restore killed between its renames leaves: the checked copy beside, no store.
      mkdirSync(join(String(place.config.dataDir), 'pglite.restored'));
      const opened = await refusal(openStore({ dataDir: place.config.dataDir }));
      expect(opened).toMatchObject({ code: 'unavailable', message: expect.stringContaining('a restore into') });
      expect(opened?.message).toContain('rename it to pglite');
    } finally {
      await place.dispose();
    }
  });
});

/** The same file with its manifest rewritten (the payload and its checksum untouched). */
function withManifest(bytes: Buffer, change: (manifest: BackupManifest) => BackupManifest): Buffer {
  const [magic, manifest] = bytes
    .subarray(0, bytes.indexOf('\n', BACKUP_MAGIC.length + 1))
    .toString('utf8')
    .split('\n');
  const header = `${magic}\n${JSON.stringify(change(JSON.parse(manifest ?? '{}') as BackupManifest))}`;
  return Buffer.concat([Buffer.from(header), bytes.subarray(bytes.indexOf('\n', BACKUP_MAGIC.length + 1))]);
}

/** The `docket` command on an embedded store in `dataDir`. */
const docket = (dataDir: string, ...args: string[]) =>
  runDocket({ DOCKET_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, args);

describe('docket backup and docket restore', () => {
  let source: Location;
  let target: Location;
  beforeAll(async () => {
    [source, target] = await Promise.all([newTestLocation('embedded'), newTestLocation('embedded')]);
    await seed(source);
  });
  afterAll(async () => {
    await source.dispose();
    await target.dispose();
  });

  it('backs up, then restores into an empty data folder, printing what it holds', async () => {
    const [from, to] = [String(source.config.dataDir), String(target.config.dataDir)];
    const file = join(folder, 'cli.backup');
    const backedUp = await docket(from, 'backup', file);
    expect(backedUp.code).toBe(0);
    expect(backedUp.stdout).toMatch(
      /^backed up the embedded store to .*cli\.backup \([\d.]+ MB\)\n {2}event log head \d+ [0-9a-f]{64}; \d+ tables, \d+ rows;/,
    );
    const restored = await docket(to, 'restore', file);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /^restored .*cli\.backup into the embedded store: the backup of \S+ by Docket \S+\n.*\n {2}the event log verifies: \d+ entries, every table holds the rows the backup recorded\n$/,
    );
  }, 60_000); // two CLI processes, each starting Node, tsx and PGlite: slow on a busy machine

  it('is refused with exit code 6 while another process (a running server) holds the embedded store', async () => {
    const dataDir = String(source.config.dataDir);
    // This test's process stands in for the server: the lock names a process that is running.
    writeFileSync(join(dataDir, 'docket.lock'), String(process.pid));
    try {
      const locked = await docket(dataDir, 'backup', join(folder, 'locked.backup'));
      expect(locked.code).toBe(6);
      expect(locked.stderr).toContain('[store_locked]');
    } finally {
      rmSync(join(dataDir, 'docket.lock'), { force: true });
    }
  });
});
