import { createHash } from 'node:crypto';
import { TlogFormatError } from './format-error.js';

/**
 * The public log's RFC 6962 / RFC 9162 Merkle tree, over a store of hashes that a table can back.
 *
 * Hashing (RFC 9162 section 2.1.1): a leaf is SHA-256(0x00 || entry), an interior node SHA-256(0x01 || left ||
 * right), the empty tree SHA-256 of nothing.
 *
 * Storage layout: the "stored hashes" order of Crosby and Wallach ("Efficient Data Structures for Tamper-Evident
 * Logging", section 3.3), the one Go's golang.org/x/mod/sumdb/tlog uses. Every complete subtree's hash, the hash at
 * (level, n) covering leaves [n * 2^level, (n + 1) * 2^level), gets one dense integer index; appending leaf n writes
 * its leaf hash and the hashes of the subtrees it completes at the end, so the store is append-only and a tree of
 * size s occupies exactly `storedHashCount(s)` slots (just under 2s). Any tree head, inclusion proof or consistency
 * proof is then a fold over O(log n) complete-subtree hashes, read in one batch; nothing is recomputed from leaves.
 * One integer key per hash (instead of a (level, n) pair) keeps the table a single append-only column and lets
 * hashes be read with one `= ANY(...)` query; `splitStoredHashIndex` gives back (level, n) when a tile needs it.
 */
export const HASH_SIZE = 32;

/**
 * Reads stored hashes by their `storedHashIndex`, answering in the order asked. One call per operation, with the
 * indexes in increasing order, so a table can answer with one query.
 */
export type HashReader = (indexes: readonly number[]) => Promise<readonly Uint8Array[]> | readonly Uint8Array[];

export const EMPTY_TREE_HASH: Buffer = createHash('sha256').digest();

export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x00)).update(entry).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.of(0x01)).update(left).update(right).digest();
}

// Tree sizes may pass 2^31, so the arithmetic below stays in doubles (exact up to 2^53) and never uses bit operators.
const half = (x: number) => Math.floor(x / 2);
const isOdd = (x: number) => x % 2 === 1;

function trailingZeros(x: number): number {
  let count = 0;
  for (let v = x; v > 0 && !isOdd(v); v = half(v)) count++;
  return count;
}

/** The largest power of two that is at most `x` (x >= 1), and its exponent. */
function powerAtMost(x: number): { k: number; level: number } {
  let k = 1;
  let level = 0;
  while (k * 2 <= x) {
    k *= 2;
    level++;
  }
  return { k, level };
}

/** The largest power of two strictly below `x` (x >= 2): the split point of RFC 9162's MTH. */
function splitPoint(x: number): number {
  return powerAtMost(x - 1).k;
}

function assertCount(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TlogFormatError('invalid_tree_range', `${name} must be a whole number of at least ${min}, not ${value}`);
  }
}

/** The dense storage index of the hash of complete subtree (level, n). */
export function storedHashIndex(level: number, n: number): number {
  assertCount('level', level);
  assertCount('n', n);
  // Level L's hash n is stored right after level L-1's hash 2n+1, so walk down to the leaf that completes it;
  // leaf m is stored at m + m/2 + m/4 + ... (the hashes its predecessors wrote), plus the levels above it.
  let m = n;
  for (let l = level; l > 0; l--) m = 2 * m + 1;
  let index = 0;
  for (let v = m; v > 0; v = half(v)) index += v;
  return index + level;
}

/** The inverse of `storedHashIndex`. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  assertCount('index', index);
  // Leaf m's slot is below 2m, so the leaf whose append wrote `index` is at least index/2 and a few past it.
  let m = half(index);
  let leafSlot = storedHashIndex(0, m);
  for (;;) {
    const next = leafSlot + 1 + trailingZeros(m + 1);
    if (next > index) break;
    m++;
    leafSlot = next;
  }
  const level = index - leafSlot;
  return { level, n: Math.floor(m / 2 ** level) };
}

/** How many hashes a tree of `size` leaves has stored. */
export function storedHashCount(size: number): number {
  assertCount('size', size);
  if (size === 0) return 0;
  let count = storedHashIndex(0, size - 1) + 1;
  for (let v = size - 1; isOdd(v); v = half(v)) count++;
  return count;
}

/** The stored hashes appending leaf `n` must read: the left siblings of the subtrees it completes, in index order. */
export function appendReads(n: number): number[] {
  assertCount('n', n);
  const completes = trailingZeros(n + 1);
  const indexes: number[] = [];
  for (let level = completes - 1; level >= 0; level--) {
    indexes.push(storedHashIndex(level, Math.floor(n / 2 ** level) - 1));
  }
  return indexes;
}

/**
 * The hashes to store, from index `storedHashIndex(0, n)` on, when leaf `n` with this leaf hash is appended:
 * the leaf hash, then each subtree it completes from the bottom up. `siblings` answers `appendReads(n)`.
 */
export function appendHashes(n: number, leaf: Uint8Array, siblings: readonly Uint8Array[]): Buffer[] {
  const reads = appendReads(n);
  checkAnswer(reads, siblings);
  const out: Buffer[] = [Buffer.from(leaf)];
  let h: Buffer = out[0] as Buffer;
  for (let level = 0; level < reads.length; level++) {
    h = nodeHash(siblings[reads.length - 1 - level] as Uint8Array, h);
    out.push(h);
  }
  return out;
}

export async function storedHashesForAppend(n: number, leaf: Uint8Array, read: HashReader): Promise<Buffer[]> {
  const reads = appendReads(n);
  return appendHashes(n, leaf, reads.length === 0 ? [] : await read(reads));
}

function checkAnswer(indexes: readonly number[], hashes: readonly Uint8Array[]): void {
  if (hashes.length !== indexes.length || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new Error(`hash store answered ${hashes.length} hashes for ${indexes.length} indexes, or a wrong size`);
  }
}

/** The stored indexes of the maximal complete subtrees that cover leaves [lo, hi), left to right. */
function coveringSubtrees(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let at = lo; at < hi;) {
    const { k, level } = powerAtMost(hi - at);
    if (at % k !== 0) throw new Error(`leaves [${lo}, ${hi}) do not split into aligned subtrees`);
    out.push(storedHashIndex(level, at / k));
    at += k;
  }
  return out;
}

/** MTH of a range from its covering subtrees: the rightmost ones join first, as RFC 9162's MTH splits. */
function foldCovering(hashes: readonly Uint8Array[]): Buffer {
  let h: Buffer = Buffer.from(hashes[hashes.length - 1] as Uint8Array);
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i] as Uint8Array, h);
  return h;
}

type Range = readonly [lo: number, hi: number];

/** Reads every range's covering subtrees in one batch and folds each range to its MTH. */
async function rangeHashes(ranges: readonly Range[], read: HashReader): Promise<Buffer[]> {
  const plan = ranges.map(([lo, hi]) => coveringSubtrees(lo, hi));
  const indexes = plan.flat();
  if (indexes.length === 0) return [];
  const hashes = await read(indexes);
  checkAnswer(indexes, hashes);
  let at = 0;
  return plan.map((part) => {
    const folded = foldCovering(hashes.slice(at, at + part.length));
    at += part.length;
    return folded;
  });
}

/** The root hash of the tree of the first `size` leaves. */
export async function treeHash(size: number, read: HashReader): Promise<Buffer> {
  assertCount('size', size);
  if (size === 0) return Buffer.from(EMPTY_TREE_HASH);
  return (await rangeHashes([[0, size]], read))[0] as Buffer;
}

/** RFC 9162 section 2.1.3.1 PATH(index, D[0:size]) as ranges, leaf side first. */
export function inclusionRanges(index: number, size: number): Range[] {
  assertCount('size', size, 1);
  assertCount('index', index);
  if (index >= size) {
    throw new TlogFormatError('invalid_tree_range', `entry ${index} is not in a tree of ${size} entries`);
  }
  const out: Range[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo += k;
    }
  }
  return out.reverse();
}

/** RFC 9162 section 2.1.4.1 PROOF(oldSize, D[0:newSize]) as ranges, in proof order. */
export function consistencyRanges(oldSize: number, newSize: number): Range[] {
  assertCount('old size', oldSize);
  assertCount('new size', newSize);
  if (oldSize > newSize) {
    throw new TlogFormatError('invalid_tree_range', `a tree of ${oldSize} entries cannot precede one of ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const out: Range[] = [];
  let m = oldSize;
  let lo = 0;
  let hi = newSize;
  let whole = true; // SUBPROOF's b: the old tree is still the whole left part of the range
  for (;;) {
    if (m === hi - lo) {
      if (!whole) out.push([lo, hi]);
      break;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      m -= k;
      lo += k;
      whole = false;
    }
  }
  return out.reverse();
}

/** The audit path proving leaf `index` is in the tree of `size` leaves. */
export async function inclusionProof(index: number, size: number, read: HashReader): Promise<Buffer[]> {
  return rangeHashes(inclusionRanges(index, size), read);
}

/** The proof that the tree of `oldSize` leaves is a prefix of the tree of `newSize` leaves. */
export async function consistencyProof(oldSize: number, newSize: number, read: HashReader): Promise<Buffer[]> {
  return rangeHashes(consistencyRanges(oldSize, newSize), read);
}

function wellFormed(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE);
}

/**
 * The walk both RFC 9162 verifiers share (sections 2.1.3.2 step 4 and 2.1.4.2 step 6): from position fn in a tree
 * whose last position is sn, fold the path upward. `root` follows every hash (the new tree's root, or the inclusion
 * proof's), `prefix` only the hashes on the left (the old tree's root). Both start as `start`.
 */
function walkPath(
  fn0: number,
  sn0: number,
  start: Uint8Array,
  path: readonly Uint8Array[],
): { prefix: Buffer; root: Buffer } | null {
  let fn = fn0;
  let sn = sn0;
  let prefix: Buffer = Buffer.from(start);
  let root: Buffer = prefix;
  for (const p of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      prefix = nodeHash(p, prefix);
      root = nodeHash(p, root);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      root = nodeHash(root, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { prefix, root } : null;
}

/** RFC 9162 section 2.1.3.2: true when `proof` proves the leaf hash at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== HASH_SIZE || root.length !== HASH_SIZE || !wellFormed(proof)) return false;
  const walked = walkPath(index, size - 1, leaf, proof);
  return walked !== null && walked.root.equals(root);
}

/** RFC 9162 section 2.1.4.2: true when `proof` shows the tree (oldSize, oldRoot) is a prefix of (newSize, newRoot). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    return false;
  }
  if (oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE || !wellFormed(proof)) return false;
  // Equal trees need no proof; the empty tree is a prefix of every tree.
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return proof.length === 0 && EMPTY_TREE_HASH.equals(oldRoot);
  if (proof.length === 0) return false;
  const path = oldSize === powerAtMost(oldSize).k ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const walked = walkPath(fn, sn, path[0] as Uint8Array, path.slice(1));
  return walked !== null && walked.prefix.equals(oldRoot) && walked.root.equals(newRoot);
}
