import { asc, desc } from 'drizzle-orm';
import type { PublicLogOrigin } from '../../core/config-public-log.js';
import { DocketError } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import { signCheckpoint } from './checkpoint.js';
import { treeHash } from './merkle.js';
import { ed25519PublicKeyOf, ed25519Signer, ed25519VerifierKey } from './note.js';
import type { KeyPair } from './signing.js';
import { publicLogTreeCheckpoints } from './tables.js';
import { tableHashReader } from './tree-store.js';

export interface TreeCheckpoint {
  size: number;
  origin: string;
  /** The C2SP signed note, as served. */
  note: string;
  at: Date;
}

/**
 * The log's origin line. It is the log's identity, named in every checkpoint and in its verifier key, so it never
 * changes: the first checkpoint fixes it, and an explicit DOCKET_PUBLIC_LOG_ORIGIN that names another one is refused
 * (a default that would differ, say on a new host, gives way to the recorded one).
 */
export async function logOrigin(db: Db, setting: PublicLogOrigin): Promise<string> {
  const [first] = await db
    .select({ origin: publicLogTreeCheckpoints.origin })
    .from(publicLogTreeCheckpoints)
    .orderBy(asc(publicLogTreeCheckpoints.size))
    .limit(1);
  if (!first) return setting.origin;
  if (setting.explicit && first.origin !== setting.origin) {
    throw new DocketError(
      'conflict',
      `configuration DOCKET_PUBLIC_LOG_ORIGIN is ${JSON.stringify(setting.origin)}, but this public log's checkpoints are signed as ${JSON.stringify(first.origin)}: a log's origin is its identity and cannot change; set it back or unset it`,
      [{ field: 'DOCKET_PUBLIC_LOG_ORIGIN', message: `must be ${first.origin}` }],
    );
  }
  return first.origin;
}

/** The note verifier key anyone needs to check the log's checkpoints: `<origin>+<key ID>+<base64 key>`. */
export function logVerifierKey(origin: string, key: KeyPair): string {
  return ed25519VerifierKey(origin, ed25519PublicKeyOf(key.privateKey));
}

export async function latestTreeCheckpoint(db: Db): Promise<TreeCheckpoint | null> {
  const [row] = await db.select().from(publicLogTreeCheckpoints).orderBy(desc(publicLogTreeCheckpoints.size)).limit(1);
  return row ?? null;
}

/**
 * Signs a C2SP checkpoint of the tree of `size` leaves (call it holding the public log head's lock, with the tree
 * caught up to `size`), unless the latest one already covers it. The root is folded from O(log n) stored hashes.
 */
export async function signTreeCheckpoint(
  tx: Db,
  options: { size: number; key: KeyPair; setting: PublicLogOrigin; now: Date },
): Promise<TreeCheckpoint | null> {
  const latest = await latestTreeCheckpoint(tx);
  if (options.size === 0 || (latest && latest.size >= options.size)) return null;
  const origin = await logOrigin(tx, options.setting);
  const rootHash = await treeHash(options.size, tableHashReader(tx));
  const note = signCheckpoint({ origin, size: options.size, rootHash, extensions: [] }, [
    ed25519Signer(origin, options.key.privateKey),
  ]);
  const made = { size: options.size, origin, note, at: options.now };
  await tx.insert(publicLogTreeCheckpoints).values(made);
  return made;
}
