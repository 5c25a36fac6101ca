import { TlogFormatError } from './format-error.js';
import { HASH_SIZE, leafHash, nodeHash, splitStoredHashIndex, storedHashIndex, type HashReader } from './merkle.js';

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree served as static tiles of 256 hashes. The n-th tile at
 * level l holds, for i in 0..255, MTH(D[(n * 256 + i) * 256^l : (n * 256 + i + 1) * 256^l]), i.e. the Merkle tree
 * hashes at tree level 8l with indexes n * 256 + i. A tile is partial (1..255 hashes, path suffix `.p/<W>`) at the
 * right edge of the tree; entry bundles (`tile/entries/<N>`) hold the entries of the level-0 tile with the same N.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
const MAX_LEVEL = 63;
const MAX_ENTRY_BYTES = 0xffff;

export interface TileRef {
  level: number;
  n: number;
  /** 1..256; below 256 the tile is partial. */
  width: number;
}

export type TilePath = ({ kind: 'hashes' } & TileRef) | { kind: 'entries'; n: number; width: number };

/** `<N>` as zero-padded 3-digit path elements, all but the last prefixed `x`: 1234067 is `x001/x234/067`. */
export function encodeTileIndex(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new TlogFormatError('malformed_tile_path', `bad tile index ${n}`);
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new TlogFormatError('malformed_tile_path', `a tile is 1 to ${TILE_WIDTH} wide, not ${width}`);
  }
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

export function tilePath(tile: TileRef): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_LEVEL) {
    throw new TlogFormatError('malformed_tile_path', `a tile level is 0 to ${MAX_LEVEL}, not ${tile.level}`);
  }
  return `tile/${tile.level}/${encodeTileIndex(tile.n)}${widthSuffix(tile.width)}`;
}

export function entryBundlePath(bundle: { n: number; width: number }): string {
  return `tile/entries/${encodeTileIndex(bundle.n)}${widthSuffix(bundle.width)}`;
}

const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/**
 * Parses a tile or entry bundle path (relative to the log prefix) strictly: only the one canonical spelling of
 * each tile is accepted, so one resource never has two names.
 */
export function parseTilePath(path: string): TilePath {
  const match = TILE_PATH.exec(path);
  const bad = (why: string) => new TlogFormatError('malformed_tile_path', `${JSON.stringify(path)} ${why}`);
  if (!match) throw bad('is not tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]');
  const [, levelText, indexText, widthText] = match as unknown as [string, string, string, string | undefined];
  const n = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(n) || encodeTileIndex(n) !== indexText) throw bad('does not spell its index canonically');
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) {
    throw bad(`has a partial width of ${width}; a partial tile is 1 to 255 wide`);
  }
  if (levelText === 'entries') return { kind: 'entries', n, width };
  const level = Number(levelText);
  if (level > MAX_LEVEL) throw bad(`has level ${level}; levels are 0 to ${MAX_LEVEL}`);
  return { kind: 'hashes', level, n, width };
}

/** 256^level, the number of entries one hash of a level-`level` tile covers. */
function span(level: number): number {
  return TILE_WIDTH ** level;
}

/**
 * The width of tile (level, n) in a tree of `size` entries: 256 when full, the partial width
 * floor(size / 256^level) mod 256 for the rightmost one, null when that tile does not exist (and MUST NOT be served).
 */
export function tileWidthAt(size: number, level: number, n: number): number | null {
  const hashes = Math.floor(size / span(level)); // complete hashes at this tile level
  const full = Math.floor(hashes / TILE_WIDTH);
  if (n < full) return TILE_WIDTH;
  const partial = hashes % TILE_WIDTH;
  return n === full && partial > 0 ? partial : null;
}

/** Every tile a tree of `size` entries is made of, level by level, left to right. */
export function tilesForSize(size: number): TileRef[] {
  const out: TileRef[] = [];
  for (let level = 0; Math.floor(size / span(level)) > 0; level++) {
    const hashes = Math.floor(size / span(level));
    const tiles = Math.ceil(hashes / TILE_WIDTH);
    for (let n = 0; n < tiles; n++) out.push({ level, n, width: tileWidthAt(size, level, n) as number });
  }
  return out;
}

/** The stored-hash indexes of a tile's hashes, in order: tree level 8 * level, indexes n * 256 .. + width - 1. */
export function tileHashIndexes(tile: TileRef): number[] {
  return Array.from({ length: tile.width }, (_, i) =>
    storedHashIndex(TILE_HEIGHT * tile.level, tile.n * TILE_WIDTH + i),
  );
}

/** A tile's bytes from the hash store: its hashes concatenated, 32 bytes each. */
export async function readTile(tile: TileRef, read: HashReader): Promise<Buffer> {
  const indexes = tileHashIndexes(tile);
  const hashes = await read(indexes);
  if (hashes.length !== indexes.length) throw new Error(`hash store answered ${hashes.length} of ${indexes.length}`);
  return Buffer.concat(hashes);
}

/**
 * Where the complete-subtree hash (level, n) lives in the tiles: tile level floor(level / 8), and the 2^(level mod 8)
 * consecutive tile hashes starting at `offset` whose perfect subtree it is. `width` is the narrowest tile that holds
 * them all.
 */
export function tileForHash(level: number, n: number): { tile: TileRef; offset: number; count: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level % TILE_HEIGHT);
  const first = n * count;
  const tileN = Math.floor(first / TILE_WIDTH);
  const offset = first - tileN * TILE_WIDTH;
  return { tile: { level: tileLevel, n: tileN, width: offset + count }, offset, count };
}

/** The hash (level, n) from the bytes of a tile that holds it (any width at least `tileForHash(...).tile.width`). */
export function hashFromTile(data: Uint8Array, level: number, n: number): Buffer {
  const { offset, count } = tileForHash(level, n);
  if (data.length % HASH_SIZE !== 0 || data.length < (offset + count) * HASH_SIZE) {
    throw new TlogFormatError(
      'malformed_tile_path',
      `a tile of ${data.length} bytes does not hold hash (${level}, ${n})`,
    );
  }
  let layer: Buffer[] = [];
  for (let i = offset; i < offset + count; i++) {
    layer.push(Buffer.from(data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
  }
  while (layer.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < layer.length; i += 2) up.push(nodeHash(layer[i] as Buffer, layer[i + 1] as Buffer));
    layer = up;
  }
  return layer[0] as Buffer;
}

/**
 * A HashReader over the tiles of a tree of `size` entries, for a client that has only the published tiles: each
 * stored hash is recomputed from the tile that holds it, fetching each tile once. The tiles are not trusted by this:
 * whatever is computed from them must be checked against a signed checkpoint (its root, or a proof verified
 * against it), which any altered tile fails.
 */
export function tileHashReader(size: number, fetchTile: (tile: TileRef) => Promise<Uint8Array>): HashReader {
  const cache = new Map<string, Promise<Uint8Array>>();
  const load = (tile: TileRef) => {
    const path = tilePath(tile);
    let pending = cache.get(path);
    if (!pending) {
      pending = fetchTile(tile);
      cache.set(path, pending);
    }
    return pending;
  };
  return (indexes) =>
    Promise.all(
      indexes.map(async (index) => {
        const { level, n } = splitStoredHashIndex(index);
        const { tile } = tileForHash(level, n);
        const width = tileWidthAt(size, tile.level, tile.n);
        if (width === null || width < tile.width) {
          throw new TlogFormatError('invalid_tree_range', `hash (${level}, ${n}) is not in a tree of ${size} entries`);
        }
        const data = await load({ ...tile, width });
        if (data.length !== width * HASH_SIZE) {
          throw new TlogFormatError('malformed_tile_path', `${tilePath({ ...tile, width })} is ${data.length} bytes`);
        }
        return hashFromTile(data, level, n);
      }),
    );
}

/** An entry bundle: each entry as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new TlogFormatError('malformed_entry_bundle', `a bundle holds 1 to ${TILE_WIDTH} entries`);
  }
  const parts: Buffer[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new TlogFormatError('malformed_entry_bundle', `entry ${i} is ${entry.length} bytes; at most 65535 fit`);
    }
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

/** Splits an entry bundle; with `width`, it must hold exactly that many entries. Nothing may trail the last. */
export function decodeEntryBundle(data: Uint8Array, width?: number): Buffer[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (out.length === TILE_WIDTH) throw new TlogFormatError('malformed_entry_bundle', 'more than 256 entries');
    if (at + 2 > bytes.length) throw new TlogFormatError('malformed_entry_bundle', `truncated length at byte ${at}`);
    const length = bytes.readUInt16BE(at);
    if (at + 2 + length > bytes.length) {
      throw new TlogFormatError('malformed_entry_bundle', `entry ${out.length} runs past the end of the bundle`);
    }
    out.push(Buffer.from(bytes.subarray(at + 2, at + 2 + length)));
    at += 2 + length;
  }
  if (width !== undefined && out.length !== width) {
    throw new TlogFormatError('malformed_entry_bundle', `the bundle holds ${out.length} entries, not ${width}`);
  }
  return out;
}

/** The level-0 tile an entry bundle must match: the leaf hash of each entry. */
export function leafTileOf(entries: readonly Uint8Array[]): Buffer {
  return Buffer.concat(entries.map(leafHash));
}
