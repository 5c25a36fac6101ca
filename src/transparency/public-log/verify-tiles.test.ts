import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainEntry } from '../../core/chain.js';
import { logKey, publicEntries, publishTiles, type LogKey } from '../../../test/tiled-log-fixture.js';
import { consistencyProof, inclusionProof } from './merkle.js';
import { decodeEntryBundle, encodeEntryBundle, tileHashReader, tilePath } from './tiles.js';
import { TiledLogMissing, verifyTiledLog, type TiledLogOptions } from './verify-tiles.js';

/**
 * The auditor's check of the tiled public log: a log of 700 entries has two full level-0 tiles, a partial one of
 * 188 hashes and a partial level-1 tile of 2; the root is computed from the partial tiles, so a full level-0 tile
 * is checked only against the tree the entry bundles make.
 */
const SIZE = 700;
let key: LogKey;
let entries: ChainEntry[];
let log: Map<string, Buffer>;

const readerOf = (files: ReadonlyMap<string, Buffer>) => ({ read: async (path: string) => files.get(path) ?? null });
const check = (files: ReadonlyMap<string, Buffer>, options: TiledLogOptions = {}) =>
  verifyTiledLog(readerOf(files), { view: async () => entries, ...options });
const altered = (path: string, change: (data: Buffer) => Buffer) => {
  const copy = new Map(log);
  copy.set(path, change(Buffer.from(log.get(path) as Buffer)));
  return copy;
};
const flipByte = (at: number) => (data: Buffer) => {
  data[at] = (data[at] as number) ^ 1;
  return data;
};
const problems = (report: { findings: { problem: string; path: string; seq: number | null }[] }) =>
  report.findings.map((f) => `${f.problem} ${f.path}${f.seq === null ? '' : ` #${f.seq}`}`);

beforeAll(async () => {
  key = logKey();
  entries = publicEntries(SIZE);
  log = await publishTiles(entries, key);
});

describe('an intact log', () => {
  it('verifies signature, root, every tile and entry, and the JSON view, naming the key it trusted', async () => {
    const report = await check(log, { key: { vkey: key.vkey } });
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      key: { vkey: key.vkey, from: 'given' },
      origin: key.origin,
      size: SIZE,
      view: { compared: SIZE, newer: 0 },
      checkpoint: log.get('checkpoint')?.toString(),
    });
  });

  it('trusts the served key when none is given, and a served key that has the pinned public key or key id', async () => {
    expect((await check(log)).key).toEqual({ vkey: key.vkey, from: 'served' });
    expect((await check(log, { key: { publicKey: key.x } })).key?.from).toBe('given');
    const other = logKey();
    const wrong = await check(log, { key: { publicKey: other.x } });
    expect(problems(wrong)).toEqual(['key_mismatch key']);
  });

  it('verifies the empty tree, which has no tiles', async () => {
    const empty = await publishTiles([], key);
    expect(await verifyTiledLog(readerOf(empty))).toMatchObject({ ok: true, size: 0, proofs: 0, findings: [] });
  });

  it('counts view entries the signed tree does not hold yet', async () => {
    const more = publicEntries(SIZE + 5);
    const report = await check(log, { view: async () => more });
    expect(report).toMatchObject({ ok: true, view: { compared: SIZE, newer: 5 } });
  });

  it('falls back to the full tile and bundle when a partial one is gone, as the spec allows', async () => {
    const older = await publishTiles(entries.slice(0, 300), key);
    const grown = new Map(log);
    grown.set('checkpoint', older.get('checkpoint') as Buffer);
    grown.set('tile/1/000.p/1', older.get('tile/1/000.p/1') as Buffer); // no full level-1 tile yet: still served
    expect(grown.has('tile/0/001.p/44')).toBe(false);
    const report = await check(grown, { view: async () => entries.slice(0, 300) });
    expect(report.findings).toEqual([]);
    expect(report.size).toBe(300);
  });
});

describe('a tampered log names what does not match', () => {
  it('a full level-0 tile, off the root path: the tile and the entry its hash is for', async () => {
    const report = await check(altered('tile/0/001', flipByte(32 * 17 + 3)));
    expect(report.ok).toBe(false);
    expect(problems(report)).toEqual(['tile_mismatch tile/0/001 #274']);
    expect(report.findings[0]?.message).toMatch(/hash 17 is not entry 274's leaf hash.*signed root confirms/);
  });

  it('a tile on the root path: the root and the tile', async () => {
    const report = await check(altered('tile/1/000.p/2', flipByte(40)));
    expect(problems(report)).toEqual([
      'root_mismatch tile/1/000.p/2, tile/0/002.p/188',
      'tile_mismatch tile/1/000.p/2',
    ]);
    expect(report.findings[1]?.message).toMatch(/hash 1 is not the root of tile\/0\/001/);
  });

  it('a truncated tile', async () => {
    const report = await check(altered('tile/0/000', (d) => d.subarray(0, 100)));
    expect(problems(report)).toEqual(['tile_mismatch tile/0/000']);
    expect(report.findings[0]?.message).toMatch(/is 100 bytes, not 8192/);
  });

  it('an entry in a bundle: the entry, the field the JSON view disagrees on, and the entries root', async () => {
    const changed = altered('tile/entries/001', (data) => {
      const leaves = decodeEntryBundle(data);
      const i = 17; // entry 274
      leaves[i] = Buffer.from((leaves[i] as Buffer).toString().replace('"actor":"board"', '"actor":"bored"'));
      return encodeEntryBundle(leaves);
    });
    const report = await check(changed);
    expect(problems(report)).toEqual([
      'view_mismatch public/log #274',
      'root_mismatch tile/entries',
      'entry_mismatch tile/entries/001 #274',
    ]);
    expect(report.findings[0]?.message).toMatch(/differs from the signed entry in its actor/);
  });

  it('an entry rewritten with its level-0 tile: the tile the signed tree no longer matches', async () => {
    const rewritten = entries.map((e) => (e.seq === 274 ? { ...e, actor: 'bored' } : e));
    const forged = await publishTiles(rewritten, key);
    const changed = new Map(log);
    for (const path of ['tile/entries/001', 'tile/0/001']) changed.set(path, forged.get(path) as Buffer);
    const report = await check(changed, { view: async () => rewritten });
    expect(problems(report)).toEqual([
      'view_mismatch public/log #274', // its hash no longer matches its content
      'root_mismatch tile/entries',
      'tile_mismatch tile/0/001',
    ]);
    expect(report.findings[2]?.message).toMatch(
      /tile\/0\/001 and the entries under it were rewritten.*hash 1 of tile\/1\/000\.p\/2/,
    );
  });

  it('a bundle that does not decode', async () => {
    const report = await check(altered('tile/entries/000', (d) => d.subarray(0, d.length - 3)));
    expect(problems(report)).toContain('entry_mismatch tile/entries/000 #1');
    expect(report.ok).toBe(false);
  });

  it("a payload changed in the JSON view: the entry's hash no longer matches", async () => {
    const view = entries.map((e) => (e.seq === 42 ? { ...e, payload: { n: 41, text: 'quietly edited' } } : e));
    const report = await check(log, { view: async () => view });
    expect(problems(report)).toEqual(['view_mismatch public/log #42']);
    expect(report.findings[0]?.message).toMatch(/payload no longer matches the signed hash/);
  });

  it('a JSON view that lacks signed entries', async () => {
    const report = await check(log, { view: async () => entries.slice(0, 650) });
    expect(problems(report)).toEqual(['view_mismatch public/log #651']);
  });

  it('a chain the site signed with a broken link', async () => {
    const broken = entries.map((e) => (e.seq === 10 ? { ...e, prev: 'f'.repeat(64) } : e));
    const report = await verifyTiledLog(readerOf(await publishTiles(broken, key)));
    expect(problems(report)).toEqual(['entry_mismatch tile/entries/000 #10']);
    expect(report.findings[0]?.message).toMatch(/does not link to entry 9/);
  });

  it('a checkpoint whose text or signature was changed', async () => {
    const text = altered('checkpoint', (d) => Buffer.from(d.toString().replace('\n700\n', '\n699\n')));
    expect(problems(await check(text, { key: { vkey: key.vkey } }))).toEqual(['bad_checkpoint checkpoint']);
    const signature = altered('checkpoint', (d) => {
      const at = d.length - 10; // inside the signature's base64, which stays valid base64
      d[at] = d[at] === 0x41 ? 0x42 : 0x41;
      return d;
    });
    const report = await check(signature, { key: { vkey: key.vkey } });
    expect(problems(report)).toEqual(['bad_checkpoint checkpoint']);
    expect(report.findings[0]?.message).toMatch(
      /does not carry a valid signature of docket\.example\/log\+[0-9a-f]{8}/,
    );
  });

  it('a checkpoint and key replaced by another key', async () => {
    const impostor = logKey(key.origin);
    const replaced = new Map(await publishTiles(entries, impostor));
    const report = await check(replaced, { key: { vkey: key.vkey } });
    expect(problems(report)).toEqual(['key_mismatch key', 'key_mismatch checkpoint']);
  });

  it('refuses to go on without a resource it needs', async () => {
    const gone = new Map(log);
    gone.delete('tile/0/002.p/188');
    await expect(check(gone)).rejects.toThrow(TiledLogMissing);
    await expect(check(gone)).rejects.toMatchObject({ path: 'tile/0/002.p/188' });
    const bundle = new Map(log);
    bundle.delete('tile/entries/001'); // fetched ahead while bundle 0 is checked
    await expect(check(bundle)).rejects.toMatchObject({ path: 'tile/entries/001' });
  });
});

describe('the proofs the log serves', () => {
  /** The log with proofs served as Docket serves them, computed from its own tiles. */
  async function withProofs(files: Map<string, Buffer>, size: number, from?: number) {
    const read = tileHashReader(size, async (tile) => files.get(tilePath(tile)) as Buffer);
    const json = (proof: Buffer[]) => Buffer.from(JSON.stringify({ proof: proof.map((h) => h.toString('base64')) }));
    const served = new Map(files);
    for (const seq of [1, Math.ceil(size / 2), size]) {
      served.set(`proof/inclusion?seq=${seq}&size=${size}`, json(await inclusionProof(seq - 1, size, read)));
    }
    if (from !== undefined) {
      served.set(`proof/consistency?from=${from}&to=${size}`, json(await consistencyProof(from, size, read)));
    }
    return served;
  }

  it('checks the served inclusion and consistency proofs, and names one that does not verify', async () => {
    const kept = (await publishTiles(entries.slice(0, 300), key)).get('checkpoint') as Buffer;
    const served = await withProofs(log, SIZE, 300);
    const good = await check(served, { against: kept });
    expect(good).toMatchObject({ ok: true, proofs: 4 });
    const bad = new Map(served);
    bad.set('proof/inclusion?seq=350&size=700', served.get('proof/inclusion?seq=1&size=700') as Buffer);
    bad.set('proof/consistency?from=300&to=700', Buffer.from('{"proof":["not base64"]}'));
    expect(problems(await check(bad, { against: kept }))).toEqual([
      'proof_mismatch proof/inclusion?seq=350&size=700 #350',
      'proof_mismatch proof/consistency?from=300&to=700',
    ]);
  });
});

describe('against a checkpoint kept earlier', () => {
  it('proves from the tiles that the log only grew', async () => {
    for (const size of [1, 256, 300, SIZE]) {
      const kept = (await publishTiles(entries.slice(0, size), key)).get('checkpoint') as Buffer;
      const report = await check(log, { against: kept });
      expect(report.findings, `kept size ${size}`).toEqual([]);
      expect(report.against?.size).toBe(size);
    }
  });

  it('finds a forked tree: an entry rewritten after the kept checkpoint and the log re-signed', async () => {
    const kept = (await publishTiles(entries.slice(0, 300), key)).get('checkpoint') as Buffer;
    const forked = publicEntries(SIZE, 'rewritten');
    const report = await verifyTiledLog(readerOf(await publishTiles(forked, key)), { against: kept });
    expect(problems(report)).toEqual(['not_consistent checkpoint']);
    expect(report.findings[0]?.message).toMatch(/tree of 300 entries you kept is not a prefix/);
  });

  it('finds a shrunk tree, another key and another log', async () => {
    const bigger = (await publishTiles(publicEntries(SIZE + 1), key)).get('checkpoint') as Buffer;
    expect(problems(await check(log, { against: bigger }))).toEqual(['not_consistent checkpoint']);
    const stranger = logKey(key.origin);
    const otherKey = (await publishTiles(entries.slice(0, 5), stranger)).get('checkpoint') as Buffer;
    expect(problems(await check(log, { against: otherKey }))).toEqual(['key_mismatch the kept checkpoint']);
  });
});
