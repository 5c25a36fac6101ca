import { expect } from 'vitest';
import {
  EMPTY_TREE_HASH,
  leafHash,
  nodeHash,
  storedHashCount,
  storedHashesForAppend,
  storedHashIndex,
  type HashReader,
} from '../src/transparency/public-log/merkle.js';

/**
 * Test helpers for the public log's Merkle tree: an in-memory append-only hash store written the way a table will be
 * (one append per leaf), and RFC 9162's MTH straight from its recursive definition, the reference the store's
 * answers must match.
 */
export async function buildStore(leaves: readonly Uint8Array[]): Promise<{ stored: Buffer[]; read: HashReader }> {
  const stored: Buffer[] = [];
  const read: HashReader = (indexes) =>
    indexes.map((i) => {
      const h = stored[i];
      if (!h) throw new Error(`no stored hash ${i}`);
      return h;
    });
  for (const [n, leaf] of leaves.entries()) {
    expect(stored.length).toBe(storedHashIndex(0, n));
    stored.push(...(await storedHashesForAppend(n, leafHash(leaf), read)));
    expect(stored.length).toBe(storedHashCount(n + 1));
  }
  return { stored, read };
}

/** MTH(D[lo:hi]) over leaf hashes, as RFC 9162 section 2.1.1 defines it. */
export function referenceRoot(leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer {
  if (hi === lo) return EMPTY_TREE_HASH;
  if (hi - lo === 1) return leaves[lo] as Buffer;
  let k = 1;
  while (k * 2 < hi - lo) k *= 2;
  return nodeHash(referenceRoot(leaves, lo, lo + k), referenceRoot(leaves, lo + k, hi));
}
