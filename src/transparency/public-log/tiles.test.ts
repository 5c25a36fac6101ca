import { beforeAll, describe, expect, it } from 'vitest';
import { buildStore, referenceRoot } from '../../../test/tlog-reference.js';
import { inclusionProof, leafHash, treeHash, verifyInclusion, type HashReader } from './merkle.js';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  hashFromTile,
  leafTileOf,
  parseTilePath,
  readTile,
  tileHashReader,
  tilePath,
  tilesForSize,
  tileWidthAt,
  type TileRef,
} from './tiles.js';

describe('tile paths', () => {
  it('encodes the index in 3-digit groups as the tlog-tiles spec shows', () => {
    // c2sp.org/tlog-tiles, "Merkle Tree": index 1234067 is encoded as x001/x234/067.
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    // The index spellings of Go's golang.org/x/mod/sumdb/tlog tlog_test.go tilePaths (whose paths also carry H).
    expect(encodeTileIndex(123456078)).toBe('x123/x456/078');
    expect(encodeTileIndex(3057500)).toBe('x003/x057/500');
    expect(encodeTileIndex(1)).toBe('001');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(1000)).toBe('x001/000');
  });

  it('names full and partial tiles and entry bundles, and parses them back', () => {
    const cases: [string, ReturnType<typeof parseTilePath>][] = [
      ['tile/0/000', { kind: 'hashes', level: 0, n: 0, width: 256 }],
      ['tile/0/x001/x234/067.p/8', { kind: 'hashes', level: 0, n: 1234067, width: 8 }],
      ['tile/2/001.p/255', { kind: 'hashes', level: 2, n: 1, width: 255 }],
      ['tile/63/000.p/1', { kind: 'hashes', level: 63, n: 0, width: 1 }],
      ['tile/entries/x003/x057/500', { kind: 'entries', n: 3057500, width: 256 }],
      ['tile/entries/272.p/112', { kind: 'entries', n: 272, width: 112 }],
    ];
    for (const [path, parsed] of cases) {
      expect(parseTilePath(path)).toEqual(parsed);
      expect(parsed.kind === 'entries' ? entryBundlePath(parsed) : tilePath(parsed)).toBe(path);
    }
  });

  it('refuses every other spelling', () => {
    for (const path of [
      'tile/0/1', // not 3 digits
      'tile/0/123/456', // a group without its x
      'tile/0/x000/001', // a leading zero group: not how 1 is spelt
      'tile/0/001.p/256', // a partial tile is narrower than 256
      'tile/0/001.p/0',
      'tile/0/001.p/07',
      'tile/00/001',
      'tile/64/001',
      'tile/-1/001',
      'tile/data/001',
      '/tile/0/001',
      'tile/0/001/',
      'tile/0/x001',
    ]) {
      expect(() => parseTilePath(path), path).toThrow(expect.objectContaining({ code: 'malformed_tile_path' }));
    }
    expect(() => tilePath({ level: 0, n: 0, width: 0 })).toThrow(/1 to 256/);
  });
});

describe('which tiles a tree has', () => {
  it('matches the spec example of a tree of 70,000 entries and of 256 entries', () => {
    // c2sp.org/tlog-tiles, "Partial Tiles": 273 full level 0 tiles, a partial level 0 tile of width 112, one full
    // level 1 tile, a partial level 1 tile of width 17 and a partial level 2 tile of width 1.
    const tiles = tilesForSize(70_000);
    const summary = (level: number) => tiles.filter((t) => t.level === level).map((t) => t.width);
    expect(summary(0)).toEqual([...Array<number>(273).fill(256), 112]);
    expect(summary(1)).toEqual([256, 17]);
    expect(summary(2)).toEqual([1]);
    expect(tiles).toHaveLength(277);
    // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1."
    expect(tilesForSize(256)).toEqual([
      { level: 0, n: 0, width: 256 },
      { level: 1, n: 0, width: 1 },
    ]);
    expect(tilesForSize(0)).toEqual([]);
    expect(tileWidthAt(70_000, 0, 274)).toBeNull();
    expect(tileWidthAt(70_000, 3, 0)).toBeNull();
    expect(tileWidthAt(65_536, 1, 1)).toBeNull(); // "Empty tiles MUST NOT be served."
  });
});

describe('tile contents', () => {
  const size = 70_000;
  const entries = Array.from({ length: size }, (_, i) => Buffer.from(`public log entry ${i}`));
  const leaves = entries.map(leafHash);
  let read: HashReader;
  beforeAll(async () => {
    ({ read } = await buildStore(entries));
  });

  it('holds, in each tile, the Merkle tree hashes of the subtrees the spec says', async () => {
    // MTH(D[(n * 256 + i) * 256^l : (n * 256 + i + 1) * 256^l]) for each of the tile's hashes.
    for (const tile of tilesForSize(size).filter((t) => t.level > 0 || t.n % 50 === 0 || t.width < 256)) {
      const data = await readTile(tile, read);
      expect(data.length).toBe(tile.width * 32);
      for (let i = 0; i < tile.width; i++) {
        const lo = (tile.n * 256 + i) * 256 ** tile.level;
        const claimed = data.subarray(i * 32, (i + 1) * 32);
        expect(Buffer.from(claimed).equals(referenceRoot(leaves, lo, lo + 256 ** tile.level)), tilePath(tile)).toBe(
          true,
        );
      }
    }
  });

  it('matches each entry bundle to its level-0 tile', async () => {
    const bundle = encodeEntryBundle(entries.slice(69_888, 70_000));
    const decoded = decodeEntryBundle(bundle, 112);
    expect(decoded).toEqual(entries.slice(69_888, 70_000));
    expect(leafTileOf(decoded)).toEqual(await readTile({ level: 0, n: 273, width: 112 }, read));
  });

  it('gives back every stored hash from the published tiles, so a reader can prove and check with tiles only', async () => {
    const fetched: string[] = [];
    const fromTiles = tileHashReader(size, async (tile: TileRef) => {
      fetched.push(tilePath(tile));
      return readTile(tile, read);
    });
    const root = await treeHash(size, read);
    expect(await treeHash(size, fromTiles)).toEqual(root);
    for (const index of [0, 255, 256, 65_535, 65_536, 69_999, 12_345]) {
      const proof = await inclusionProof(index, size, fromTiles);
      expect(proof).toEqual(await inclusionProof(index, size, read));
      expect(verifyInclusion(index, size, leaves[index] as Buffer, proof, root)).toBe(true);
    }
    expect(new Set(fetched).size).toBe(fetched.length); // each tile fetched once
    // A hash above a tile level is rebuilt from the 2^k tile hashes under it: (9, 1) from level-1 tile 0, 2 hashes.
    const level1 = await readTile({ level: 1, n: 0, width: 256 }, read);
    expect(hashFromTile(level1, 9, 1)).toEqual(referenceRoot(leaves, 512, 1024));
  });

  it('fails the root check when a tile is altered', async () => {
    const root = await treeHash(size, read);
    const tampered = tileHashReader(size, async (tile: TileRef) => {
      const data = Buffer.from(await readTile(tile, read));
      if (tile.level === 1 && tile.n === 1) data[5] = (data[5] as number) ^ 1;
      return data;
    });
    expect(await treeHash(size, tampered)).not.toEqual(root);
    const proof = await inclusionProof(69_000, size, tampered);
    expect(verifyInclusion(69_000, size, leaves[69_000] as Buffer, proof, root)).toBe(false);
  });

  it('refuses a tile of the wrong length and a hash outside the tree', async () => {
    const short = tileHashReader(size, async () => Buffer.alloc(32));
    await expect(treeHash(size, short)).rejects.toMatchObject({ code: 'malformed_tile_path' });
    const small = tileHashReader(10, (tile: TileRef) => readTile(tile, read));
    await expect(inclusionProof(20, 30, small)).rejects.toMatchObject({ code: 'invalid_tree_range' });
  });
});

describe('entry bundles', () => {
  it('encodes each entry as a big-endian uint16 length and its bytes', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(bundle.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x02, 0x61, 0x62]));
    expect(bundle.subarray(4, 8)).toEqual(Buffer.from([0x00, 0x00, 0x01, 0x2c]));
    expect(bundle.length).toBe(4 + 2 + 2 + 300);
    expect(decodeEntryBundle(bundle)).toEqual([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
  });

  it('refuses truncated, overlong and oversized bundles', () => {
    const bundle = encodeEntryBundle([Buffer.from('abc'), Buffer.from('de')]);
    const malformed = expect.objectContaining({ code: 'malformed_entry_bundle' });
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1))).toThrow(malformed);
    expect(() => decodeEntryBundle(Buffer.concat([bundle, Buffer.of(0)]))).toThrow(malformed);
    expect(() => decodeEntryBundle(bundle, 3)).toThrow(malformed);
    expect(() => encodeEntryBundle([Buffer.alloc(65_536)])).toThrow(malformed);
    expect(() => encodeEntryBundle([])).toThrow(malformed);
    const full = encodeEntryBundle(Array<Buffer>(256).fill(Buffer.of(1)));
    expect(() => decodeEntryBundle(Buffer.concat([full, encodeEntryBundle([Buffer.of(1)])]))).toThrow(malformed);
  });
});
