import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DocketError } from '../core/errors.js';
import type { StoreKind } from './database.js';

/**
 * A Docket backup is one file: a first line naming the format, a second line with the manifest (JSON), then the
 * store's own dump (the payload) byte for byte. The manifest says what the file holds (store, version, migrations,
 * the event log's head, every table's row count) and the payload's length and SHA-256, so a restore refuses a
 * truncated or altered file before it touches a store, and checks the restored store against it afterwards.
 */
export const BACKUP_MAGIC = 'docket-backup 1';

/** The embedded store's data folder as PGlite dumps it, or pg_dump's custom-format archive. */
export type PayloadEncoding = 'pglite-datadir-tgz' | 'pg_dump-custom';

export interface BackupManifest {
  store: StoreKind;
  docketVersion: string;
  createdAt: string;
  /** Migrations applied in the backed-up store, in order. */
  migrations: string[];
  head: { seq: number; hash: string };
  /** Rows per table at the moment of the backup. */
  tables: Record<string, number>;
  /** The tool that wrote the payload, e.g. `pg_dump (PostgreSQL) 15.14` or `PGlite 0.5.16`. */
  tool: string;
  payload: { encoding: PayloadEncoding; bytes: number; sha256: string };
}

export interface BackupFile {
  path: string;
  manifest: BackupManifest;
  /** Where the payload starts in the file. */
  payloadOffset: number;
}

/** The header never comes near this; a longer "first two lines" is not a Docket backup. */
const MAX_HEADER_BYTES = 1_048_576;

/**
 * Writes the file next to its final name and renames it into place once it is complete and flushed, so the path
 * holds either the previous file or a whole new backup, never half of one.
 */
export async function writeBackupFile(path: string, manifest: BackupManifest, payload: () => Readable): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  try {
    const out = createWriteStream(partial, { flags: 'wx' });
    out.write(`${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`);
    await pipeline(payload(), out);
    const written = await open(partial, 'r+');
    try {
      await written.sync();
    } finally {
      await written.close();
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Reads the header and checks the whole payload against the manifest's length and hash. */
export async function readBackupFile(path: string): Promise<BackupFile> {
  const size = await fileSize(path);
  const { manifest, payloadOffset } = parseHeader(path, await readHead(path, Math.min(size, MAX_HEADER_BYTES)));
  const found = size - payloadOffset;
  if (found !== manifest.payload.bytes) {
    throw corrupt(
      path,
      `it should hold ${manifest.payload.bytes} bytes of ${manifest.payload.encoding} but holds ${found}: the file is truncated or was appended to`,
    );
  }
  const hash = createHash('sha256');
  await pipeline(payloadStream({ path, manifest, payloadOffset }), hash);
  if (hash.digest('hex') !== manifest.payload.sha256)
    throw corrupt(path, 'its content does not match the checksum it was written with: the file is damaged');
  return { path, manifest, payloadOffset };
}

export function payloadStream(file: BackupFile): Readable {
  return createReadStream(file.path, { start: file.payloadOffset });
}

/** The payload's length and SHA-256, read from a file the dump tool wrote. */
export async function describePayload(path: string, encoding: PayloadEncoding): Promise<BackupManifest['payload']> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return { encoding, bytes: await fileSize(path), sha256: hash.digest('hex') };
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new DocketError('not_found', `no backup file ${path}`);
    throw error;
  }
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function parseHeader(path: string, head: Buffer): { manifest: BackupManifest; payloadOffset: number } {
  const firstEnd = head.indexOf(0x0a);
  if (firstEnd < 0 || head.subarray(0, firstEnd).toString('utf8') !== BACKUP_MAGIC) {
    throw corrupt(
      path,
      `it does not start with "${BACKUP_MAGIC}": not a Docket backup, or one this version cannot read`,
    );
  }
  const secondEnd = head.indexOf(0x0a, firstEnd + 1);
  if (secondEnd < 0) throw corrupt(path, 'its manifest is cut off: the file is truncated');
  let manifest: unknown;
  try {
    manifest = JSON.parse(head.subarray(firstEnd + 1, secondEnd).toString('utf8'));
  } catch {
    throw corrupt(path, 'its manifest is not valid JSON: the file is damaged');
  }
  if (!isManifest(manifest)) throw corrupt(path, 'its manifest lacks fields a Docket backup has: the file is damaged');
  return { manifest, payloadOffset: secondEnd + 1 };
}

function isManifest(value: unknown): value is BackupManifest {
  const m = value as Partial<BackupManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    (m.store === 'embedded' || m.store === 'postgres') &&
    typeof m.docketVersion === 'string' &&
    typeof m.createdAt === 'string' &&
    typeof m.tool === 'string' &&
    Array.isArray(m.migrations) &&
    m.migrations.every((tag) => typeof tag === 'string') &&
    typeof m.head?.seq === 'number' &&
    typeof m.head.hash === 'string' &&
    typeof m.tables === 'object' &&
    m.tables !== null &&
    Object.values(m.tables).every((n) => Number.isInteger(n)) &&
    (m.payload?.encoding === 'pglite-datadir-tgz' || m.payload?.encoding === 'pg_dump-custom') &&
    Number.isInteger(m.payload.bytes) &&
    typeof m.payload.sha256 === 'string'
  );
}

const corrupt = (path: string, why: string): DocketError =>
  new DocketError('validation_failed', `${path} cannot be restored: ${why}; nothing was changed`);
