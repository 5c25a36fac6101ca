import { createReadStream, existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createHash } from 'node:crypto';
import type { Config } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import { verifyLog } from '../core/event-log.js';
import { packageVersion } from '../core/version.js';
import {
  payloadStream,
  readBackupFile,
  writeBackupFile,
  describePayload,
  type BackupFile,
  type BackupManifest,
} from './backup-file.js';
import { contentDifferences, describeContents, type StoreContents } from './contents.js';
import type { Db, StoreKind } from './database.js';
import { dumpEmbedded, embeddedEventCount, loadEmbedded } from './embedded-backup.js';
import { lockEmbeddedStore } from './embedded-lock.js';
import { migrationTags } from './migrate.js';
import { dumpPostgres, inspectPostgres, restorePostgres, withPostgresDb } from './postgres-backup.js';

/** Where a store lives, as a backup or restore reaches it (not an open connection: the tools need the address). */
export type StoreLocation = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

export function storeLocation(config: Config): StoreLocation {
  if (config.databaseUrl) return { kind: 'postgres', url: config.databaseUrl };
  if (config.dataDir === 'memory')
    throw new DocketError('validation_failed', 'an in-memory store has nothing to back up or restore into');
  return { kind: 'embedded', dataDir: config.dataDir };
}

/**
 * Writes a backup of the store to `file` (atomically: the file appears complete or not at all). The embedded
 * store is locked meanwhile, so a running server makes this fail with `store_locked`; PostgreSQL is dumped from
 * one snapshot while other processes go on.
 */
export async function backupStore(location: StoreLocation, file: string, now: Date): Promise<BackupManifest> {
  if (!existsSync(dirname(resolve(file))))
    throw new DocketError('not_found', `no folder ${dirname(resolve(file))} to write the backup in`);
  if (location.kind === 'embedded') {
    const unlock = lockEmbeddedStore(location.dataDir);
    try {
      const dump = await dumpEmbedded(location.dataDir);
      const sha256 = createHash('sha256').update(dump.tarball).digest('hex');
      const manifest = manifestOf('embedded', dump.contents, dump.tool, now, {
        encoding: 'pglite-datadir-tgz',
        bytes: dump.tarball.length,
        sha256,
      });
      await writeBackupFile(file, manifest, () => Readable.from([dump.tarball]));
      return manifest;
    } finally {
      unlock();
    }
  }
  // pg_dump writes its archive beside the backup first: the manifest needs the archive's length and hash.
  const archive = join(dirname(file), `.${basename(file)}.pg_dump-${process.pid}`);
  try {
    const dump = await dumpPostgres(location.url, archive);
    const manifest = manifestOf(
      'postgres',
      dump.contents,
      dump.tool,
      now,
      await describePayload(archive, 'pg_dump-custom'),
    );
    await writeBackupFile(file, manifest, () => createReadStream(archive));
    return manifest;
  } finally {
    await rm(archive, { force: true });
  }
}

function manifestOf(
  store: StoreKind,
  contents: StoreContents,
  tool: string,
  now: Date,
  payload: BackupManifest['payload'],
): BackupManifest {
  return { store, docketVersion: packageVersion(), createdAt: now.toISOString(), ...contents, tool, payload };
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Events in the store the restore replaced (with --force); null when there was none. */
  replacedEvents: number | null;
  /** Entries of the restored event log whose hashes were checked. */
  verified: number;
  /** Migrations this version has that the backup's store had not applied yet: the next start applies them. */
  pendingMigrations: string[];
}

/**
 * Restores a backup into the configured store. The file is checked whole before anything is touched; a store
 * holding events is only replaced with `force`. After restoring, the event log's chain must verify and every
 * table must hold the rows the backup recorded. The embedded store is checked in a copy before it replaces the
 * store; PostgreSQL is restored in one transaction and checked after it.
 */
export async function restoreStore(
  location: StoreLocation,
  file: string,
  options: { force: boolean },
): Promise<RestoreReport> {
  const backup = await readBackupFile(file);
  const pendingMigrations = checkRestorable(backup.manifest, location.kind);
  const restored =
    location.kind === 'embedded'
      ? await restoreEmbedded(location.dataDir, backup, options.force)
      : await restoreIntoPostgres(location.url, backup, options.force);
  return { manifest: backup.manifest, ...restored, pendingMigrations };
}

async function restoreEmbedded(
  dataDir: string,
  backup: BackupFile,
  force: boolean,
): Promise<{ replacedEvents: number | null; verified: number }> {
  const unlock = lockEmbeddedStore(dataDir);
  try {
    const replacedEvents = await embeddedEventCount(dataDir);
    refuseOverData(replacedEvents, force);
    let verified = 0;
    await loadEmbedded(dataDir, await buffer(payloadStream(backup)), async (db) => {
      verified = await checkRestored(db, backup.manifest, 'nothing was changed');
    });
    return { replacedEvents, verified };
  } finally {
    unlock();
  }
}

async function restoreIntoPostgres(
  url: string,
  backup: BackupFile,
  force: boolean,
): Promise<{ replacedEvents: number | null; verified: number }> {
  const target = await inspectPostgres(url);
  refuseOverData(target.events, force);
  // pg_restore --clean drops only what the archive holds; a table it does not know would outlive the restore.
  const unknown = target.tables.filter((table) => !(table in backup.manifest.tables));
  if (unknown.length > 0) {
    throw new DocketError(
      'conflict',
      `the database holds tables the backup does not (${unknown.join(', ')}); restore into an empty database instead`,
    );
  }
  await restorePostgres(url, payloadStream(backup), target.tables.length > 0);
  const verified = await withPostgresDb(url, (db) =>
    checkRestored(
      db,
      backup.manifest,
      'pg_restore had committed, so the database holds this restore: investigate before using it',
    ),
  );
  return { replacedEvents: target.events, verified };
}

/** The file must be of this store's kind and made by this version of Docket or an earlier one. */
function checkRestorable(manifest: BackupManifest, kind: StoreKind): string[] {
  if (manifest.store !== kind) {
    const [made, here] = [storeName(manifest.store), storeName(kind)];
    throw new DocketError(
      'validation_failed',
      `this is a backup of ${made}, and Docket is configured for ${here}; restore it into ${made} (${manifest.store === 'postgres' ? 'set DATABASE_URL' : 'unset DATABASE_URL'})`,
    );
  }
  const known = migrationTags();
  const unknown = manifest.migrations.filter((tag) => !known.includes(tag));
  if (unknown.length > 0) {
    throw new DocketError(
      'validation_failed',
      `the backup was made by Docket ${manifest.docketVersion} with migrations this version does not have (${unknown.join(', ')}); restore it with that version or a newer one`,
    );
  }
  return known.filter((tag) => !manifest.migrations.includes(tag));
}

const storeName = (kind: StoreKind): string => (kind === 'embedded' ? 'the embedded store' : 'PostgreSQL');

function refuseOverData(events: number | null, force: boolean): void {
  if (events && !force) {
    throw new DocketError(
      'conflict',
      `the store already holds ${events} events; a restore replaces everything in it, so it needs --force`,
    );
  }
}

/** The restored log must verify and every table must hold what the backup recorded; returns the entries verified. */
async function checkRestored(db: Db, manifest: BackupManifest, outcome: string): Promise<number> {
  const log = await verifyLog(db);
  if (!log.ok) {
    throw new DocketError(
      'chain_broken',
      `the restored event log does not verify from entry ${log.firstBreak?.seq} (${log.firstBreak?.message}); ${outcome}`,
    );
  }
  const differences = contentDifferences(manifest, await describeContents(db));
  if (differences.length > 0)
    throw new DocketError(
      'internal',
      `the restored store differs from the backup (${differences.join('; ')}); ${outcome}`,
    );
  return log.checked;
}
