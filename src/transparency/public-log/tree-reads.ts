import type { PublicLogOrigin } from '../../core/config-public-log.js';
import { DocketError } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import type { TlogFormatError } from './format-error.js';
import { consistencyProof, inclusionProof } from './merkle.js';
import type { KeyPair } from './signing.js';
import { encodeEntryBundle, parseTilePath, TILE_WIDTH, tileHashIndexes } from './tiles.js';
import { tlogLeaf } from './tlog.js';
import { latestTreeCheckpoint, logOrigin, logVerifierKey } from './tree-checkpoints.js';
import { leafEntries, storedHashes, tableHashReader } from './tree-store.js';

export interface ServedTile {
  bytes: Buffer;
  /** A full tile (256 wide) never changes; a partial one is replaced by wider ones as the log grows. */
  full: boolean;
}

/** A transparency-log format or range error as the API's problem: a path that names no tile is not found. */
export function tlogProblem(error: TlogFormatError, field: string): DocketError {
  const code =
    error.code === 'malformed_tile_path' || error.code === 'malformed_entry_bundle' ? 'not_found' : 'validation_failed';
  const message = `${error.message} (${error.code})`;
  return new DocketError(code, message, [{ field, message }]);
}

const base64 = (hashes: readonly Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('base64'));

/**
 * What the public log serves as a C2SP tlog-tiles log: the latest signed checkpoint, the note verifier key, hash
 * tiles and entry bundles, and inclusion and consistency proofs. Every answer is one or two indexed queries, the
 * same whatever the log's size.
 */
export function createTreeReads(deps: { db: Db; key: KeyPair; origin: PublicLogOrigin }) {
  const { db, key, origin } = deps;
  let fixedOrigin: string | null = null;
  const currentOrigin = async () => {
    if (fixedOrigin) return fixedOrigin;
    const found = await logOrigin(db, origin);
    // Once a checkpoint has recorded it, the origin never changes.
    if ((await latestTreeCheckpoint(db)) !== null) fixedOrigin = found;
    return found;
  };
  return {
    /** The latest C2SP checkpoint (a signed note), or null before the first is signed. */
    checkpoint: async () => (await latestTreeCheckpoint(db))?.note ?? null,
    verifierKey: async () => logVerifierKey(await currentOrigin(), key),

    /** The tile or entry bundle at `path` (relative to /public/log/), or null when the log does not have it yet. */
    async tile(path: string): Promise<ServedTile | null> {
      const tile = parseTilePath(path);
      const full = tile.width === TILE_WIDTH;
      if (tile.kind === 'entries') {
        const first = tile.n * TILE_WIDTH;
        const entries = await leafEntries(db, first, first + tile.width);
        if (entries.length < tile.width) return null;
        return { bytes: encodeEntryBundle(entries.map(tlogLeaf)), full };
      }
      const indexes = tileHashIndexes(tile);
      const found = await storedHashes(db, indexes);
      if (found.size < indexes.length) return null;
      return { bytes: Buffer.concat(indexes.map((index) => found.get(index) as Buffer)), full };
    },

    /** The audit path of the leaf at tree `index` (entry seq index + 1) in the tree of `size` leaves. */
    async inclusion(index: number, size: number) {
      return { index, seq: index + 1, size, proof: base64(await inclusionProof(index, size, tableHashReader(db))) };
    },

    /** The proof that the tree of `from` leaves is a prefix of the tree of `to` leaves. */
    async consistency(from: number, to: number) {
      return { from, to, proof: base64(await consistencyProof(from, to, tableHashReader(db))) };
    },
  };
}

export type TreeReads = ReturnType<typeof createTreeReads>;
