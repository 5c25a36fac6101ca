import { generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH, linkEntries, type ChainEntry } from '../src/core/chain.js';
import { signCheckpoint } from '../src/transparency/public-log/checkpoint.js';
import { treeHash } from '../src/transparency/public-log/merkle.js';
import {
  ed25519PublicKeyOf,
  ed25519Signer,
  ed25519VerifierKey,
  type NoteSigner,
} from '../src/transparency/public-log/note.js';
import {
  encodeEntryBundle,
  entryBundlePath,
  readTile,
  tilePath,
  tilesForSize,
  TILE_WIDTH,
} from '../src/transparency/public-log/tiles.js';
import { tlogLeaf } from '../src/transparency/public-log/tlog.js';
import { buildStore } from './tlog-reference.js';

/**
 * A public log published as C2SP tlog-tiles, in memory: `checkpoint`, `key`, every tile and entry bundle by its path,
 * written with Docket's own tiles.ts the way the site serves them, for the verifier's tests to read and tamper with.
 */
export interface LogKey {
  origin: string;
  vkey: string;
  /** The raw public key, base64url (as the JSON view publishes it). */
  x: string;
  signer: NoteSigner;
}

export function logKey(origin = 'docket.example/log'): LogKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = ed25519PublicKeyOf(privateKey);
  return {
    origin,
    vkey: ed25519VerifierKey(origin, publicKey),
    x: publicKey.toString('base64url'),
    signer: ed25519Signer(origin, privateKey),
  };
}

/** `count` public entries with small payloads, chained from the genesis hash. */
export function publicEntries(count: number, tag = 'published'): ChainEntry[] {
  return linkEntries(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: count }, (_, i) => ({
      stream: `BC-2026-${String(i % 40).padStart(3, '0')}`,
      type: i % 3 === 0 ? 'board.decision' : 'board.response',
      actor: 'board',
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      payload: { n: i, text: `${tag} ${i}` },
    })),
  );
}

/** Every resource of the log of these entries, signed by `key`. */
export async function publishTiles(entries: readonly ChainEntry[], key: LogKey): Promise<Map<string, Buffer>> {
  const leaves = entries.map(tlogLeaf);
  const { read } = await buildStore(leaves);
  const files = new Map<string, Buffer>();
  for (const tile of tilesForSize(leaves.length)) {
    files.set(tilePath(tile), await readTile(tile, read));
    if (tile.level === 0) {
      const start = tile.n * TILE_WIDTH;
      files.set(entryBundlePath(tile), encodeEntryBundle(leaves.slice(start, start + tile.width)));
    }
  }
  const head = {
    origin: key.origin,
    size: leaves.length,
    rootHash: await treeHash(leaves.length, read),
    extensions: [],
  };
  files.set('checkpoint', Buffer.from(signCheckpoint(head, [key.signer])));
  files.set('key', Buffer.from(`${key.vkey}\n`));
  return files;
}
