import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChainEntry } from '../src/core/chain.js';
import { rowsOf } from '../src/store/migrate.js';
import { openCheckpoint, type TreeHead } from '../src/transparency/public-log/checkpoint.js';
import type { PublicLogCopy } from '../src/transparency/public-log/verify.js';
import { leafHash, treeHash, verifyConsistency, verifyInclusion } from '../src/transparency/public-log/merkle.js';
import { parseVerifierKey } from '../src/transparency/public-log/note.js';
import {
  decodeEntryBundle,
  entryBundlePath,
  leafTileOf,
  tileHashReader,
  tilePath,
  tilesForSize,
  type TileRef,
} from '../src/transparency/public-log/tiles.js';
import { tlogLeaf } from '../src/transparency/public-log/tlog.js';
import type { ConsistencyAnswer, InclusionAnswer } from '../src/transparency/public-log/tree-contract.js';
import { openDemoServer, problemOf, type TestServer } from './http.js';
import { publishPolicyVersion } from './policy-versions.js';
import { describeEachStore } from './stores.js';

const b64 = (hashes: readonly string[]) => hashes.map((h) => Buffer.from(h, 'base64'));

describeEachStore('the public log as a C2SP transparency log', (kind) => {
  let rig: TestServer;
  const get = (url: string) => rig.app.inject({ method: 'GET', url });

  /** What a reader holding nothing but the verifier key gets: the checkpoint, opened and checked. */
  async function published(): Promise<{ head: TreeHead; key: string; note: string }> {
    const keyAnswer = await get('/public/log/key');
    expect(keyAnswer.statusCode).toBe(200);
    expect(keyAnswer.headers['content-type']).toBe('text/plain; charset=utf-8');
    const key = keyAnswer.body.trim();
    const verifier = parseVerifierKey(key);
    const answer = await get('/public/log/checkpoint');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    return { head: openCheckpoint(answer.body, verifier.name, [verifier]).head, key, note: answer.body };
  }

  const fetchTile = async (tile: TileRef): Promise<Buffer> => {
    const answer = await get(`/public/log/${tilePath(tile)}`);
    expect(answer.statusCode, tilePath(tile)).toBe(200);
    expect(answer.headers['content-type']).toBe('application/octet-stream');
    expect(answer.headers['cache-control']).toBe(
      tile.width === 256 ? 'public, max-age=31536000, immutable' : 'public, max-age=10',
    );
    return answer.rawPayload;
  };

  const entries = async (): Promise<ChainEntry[]> =>
    (await get('/public/log?limit=5000')).json<PublicLogCopy>().entries;

  beforeAll(async () => {
    rig = await openDemoServer(kind);
  });
  afterAll(() => rig.close());

  it('serves a signed checkpoint whose root the tiles give back, entry bundles of the log entries, and inclusion proofs', async () => {
    await rig.docket.transparency.checkpoint();
    const log = await entries();
    const { head, key } = await published();
    expect(head.origin).toBe(rig.docket.config.publicLogOrigin.origin);
    expect(key.startsWith(`${head.origin}+`)).toBe(true);
    expect(head.size).toBe(log.length);
    expect(await treeHash(head.size, tileHashReader(head.size, fetchTile))).toEqual(head.rootHash);
    for (const tile of tilesForSize(head.size).filter((t) => t.level === 0)) {
      const bundle = await get(`/public/log/${entryBundlePath(tile)}`);
      expect(bundle.statusCode).toBe(200);
      const leaves = decodeEntryBundle(bundle.rawPayload, tile.width);
      const expected = log.slice(tile.n * 256, tile.n * 256 + tile.width).map((e) => Buffer.from(tlogLeaf(e)));
      expect(leaves).toEqual(expected);
      expect(leafTileOf(leaves)).toEqual(await fetchTile(tile));
    }
    // Any entry, by seq or by index, proves against the checkpoint's root.
    for (const entry of [log[0], log[Math.floor(log.length / 2)], log[log.length - 1]] as ChainEntry[]) {
      const bySeq = await get(`/public/log/proof/inclusion?seq=${entry.seq}&size=${head.size}`);
      expect(bySeq.statusCode).toBe(200);
      const proof = bySeq.json<InclusionAnswer>();
      expect(proof).toMatchObject({ index: entry.seq - 1, seq: entry.seq, size: head.size });
      expect(
        verifyInclusion(entry.seq - 1, head.size, leafHash(tlogLeaf(entry)), b64(proof.proof), head.rootHash),
      ).toBe(true);
      const byIndex = await get(`/public/log/proof/inclusion?index=${entry.seq - 1}&size=${head.size}`);
      expect(byIndex.json<InclusionAnswer>()).toEqual(proof);
      // A changed entry does not prove.
      const changed = tlogLeaf({ ...entry, actor: 'someone else' });
      expect(verifyInclusion(entry.seq - 1, head.size, leafHash(changed), b64(proof.proof), head.rootHash)).toBe(false);
    }
    // The /log page publishes the verifier key.
    expect((await get('/log')).body).toContain(`<pre><code>${key}</code></pre>`);
  });

  it('signs a new checkpoint only when the log grew, keeps the old one, and proves the new tree extends it', async () => {
    const old = await published();
    expect(await rig.docket.transparency.checkpoint()).toBeNull();
    expect((await published()).note).toBe(old.note);
    await publishPolicyVersion(rig.docket, 'tlog growth');
    await rig.docket.transparency.checkpoint();
    const now = await published();
    expect(now.head.size).toBe(old.head.size + 1);
    const answer = await get(`/public/log/proof/consistency?from=${old.head.size}&to=${now.head.size}`);
    expect(answer.statusCode).toBe(200);
    const proof = answer.json<ConsistencyAnswer>();
    expect(proof).toMatchObject({ from: old.head.size, to: now.head.size });
    expect(
      verifyConsistency(old.head.size, now.head.size, old.head.rootHash, now.head.rootHash, b64(proof.proof)),
    ).toBe(true);
    // The old checkpoint's tree is still provable: an older root against the new one, from a smaller size.
    const early = await get(`/public/log/proof/consistency?from=3&to=${now.head.size}`);
    const earlyRoot = await treeHash(3, tileHashReader(now.head.size, fetchTile));
    expect(
      verifyConsistency(3, now.head.size, earlyRoot, now.head.rootHash, b64(early.json<ConsistencyAnswer>().proof)),
    ).toBe(true);
    // The signing is on the event log.
    await rig.docket.sequencer.caughtUp();
    const events = rowsOf<{ payload: { size: number; note: string } }>(
      await rig.docket.store.db.execute(
        sql`select payload from events where type = 'public_log.tree_checkpoint_signed' order by seq`,
      ),
    );
    expect(events.map((r) => r.payload.size)).toEqual([old.head.size, now.head.size]);
    expect(events[1]?.payload.note).toBe(now.note);
  });

  it('hashes the entries of a log that had them before it had a tree, to the same root', async () => {
    const before = await published();
    // A log from before its tree: the tree's tables are append-only, so only their owner can empty them.
    await rig.docket.tamper(`
      alter table public_log_tree_hashes disable trigger public_log_tree_hashes_append_only;
      alter table public_log_tree_checkpoints disable trigger public_log_tree_checkpoints_append_only;
      delete from public_log_tree_hashes;
      delete from public_log_tree_checkpoints;
      alter table public_log_tree_hashes enable trigger public_log_tree_hashes_append_only;
      alter table public_log_tree_checkpoints enable trigger public_log_tree_checkpoints_append_only;`);
    expect((await get('/public/log/checkpoint')).statusCode).toBe(404);
    expect((await get('/public/log/tile/0/000.p/1')).statusCode).toBe(404);
    await rig.docket.transparency.checkpoint();
    const after = await published();
    expect(after.head).toEqual(before.head);
    // An append after that continues the same tree.
    await publishPolicyVersion(rig.docket, 'after the backfill');
    await rig.docket.transparency.checkpoint();
    const grown = await published();
    const proof = (
      await get(`/public/log/proof/consistency?from=${before.head.size}&to=${grown.head.size}`)
    ).json<ConsistencyAnswer>();
    expect(
      verifyConsistency(before.head.size, grown.head.size, before.head.rootHash, grown.head.rootHash, b64(proof.proof)),
    ).toBe(true);
  });

  it('answers a path that names no tile, and a range the tree does not have, with a 4xx and a code', async () => {
    const { head } = await published();
    const cases: [string, number, string][] = [
      ['/public/log/tile/0/1', 404, 'not_found'], // not the canonical 3-digit spelling
      ['/public/log/tile/0/000.p/256', 404, 'not_found'], // 256 wide is the full tile, without .p/
      ['/public/log/tile/entries/x001/000', 404, 'not_found'], // past the end of the log
      ['/public/log/tile/99/000', 404, 'not_found'],
      [`/public/log/proof/inclusion?index=${head.size}&size=${head.size}`, 400, 'validation_failed'],
      [`/public/log/proof/inclusion?index=0&size=${head.size + 1}`, 400, 'validation_failed'],
      [`/public/log/proof/inclusion?index=0&seq=1&size=${head.size}`, 400, 'validation_failed'],
      [`/public/log/proof/inclusion?size=${head.size}`, 400, 'validation_failed'],
      [`/public/log/proof/consistency?from=${head.size}&to=1`, 400, 'validation_failed'],
      [`/public/log/proof/consistency?from=1&to=${head.size + 5}`, 400, 'validation_failed'],
      ['/public/log/proof/consistency?from=x&to=1', 400, 'validation_failed'],
    ];
    for (const [url, status, code] of cases) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(status);
      expect(problemOf(answer).code, url).toBe(code);
    }
    const range = problemOf(await get(`/public/log/proof/inclusion?index=0&size=${head.size + 1}`));
    expect(range.detail).toContain('invalid_tree_range');
  });
});
