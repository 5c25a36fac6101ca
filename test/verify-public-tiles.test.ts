import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainEntry } from '../src/core/chain.js';
import { keyIdOf, PUBLIC_LOG_NAME } from '../src/transparency/public-log/signing.js';
import { runDocket } from './cli-run.js';
import { logKey, publicEntries, publishTiles, type LogKey } from './tiled-log-fixture.js';

/**
 * The real `docket verify --public` on a directory copy of a tiled public log (checkpoint, key, tile/, log.json as
 * the site serves them under /public/log/), written with Docket's tiles.ts: what an auditor mirrors and checks
 * offline. Each tamper is named and exits 7; what cannot be read exits with the codes for unreadable input.
 */
const folder = mkdtempSync(join(tmpdir(), 'docket-tiled-log-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let key: LogKey;
let entries: ChainEntry[];
let files: Map<string, Buffer>;

function writeCopy(name: string, resources: ReadonlyMap<string, Buffer>, view: readonly ChainEntry[] = entries) {
  const dir = join(folder, name);
  for (const [path, data] of resources) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  const last = view.at(-1) as ChainEntry;
  const json = {
    log: PUBLIC_LOG_NAME,
    key: { algorithm: 'Ed25519', keyId: keyIdOf(key.x), x: key.x },
    head: { seq: last.seq, hash: last.hash },
    entries: view,
    checkpoints: [],
  };
  writeFileSync(join(dir, 'log.json'), JSON.stringify(json));
  return dir;
}
const verify = (...args: string[]) => runDocket({ LOG_LEVEL: 'silent' }, ['verify', '--public', ...args]);

beforeAll(async () => {
  key = logKey('auditor.example/log');
  entries = publicEntries(600);
  files = await publishTiles(entries, key);
});

describe('docket verify --public on a directory copy of the tiled log', () => {
  it('verifies it with the key you keep, and keeps the checkpoint for next time', async () => {
    const dir = writeCopy('intact', files);
    const keyFile = join(folder, 'log.vkey');
    writeFileSync(keyFile, `${key.vkey}\n`);
    const kept = join(folder, 'kept-checkpoint');
    const ok = await verify(dir, '--key', keyFile, '--save-checkpoint', kept);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`ok: auditor.example/log: 600 entries signed, root `);
    expect(ok.stdout).toContain(`key ${key.vkey.split('+').slice(0, 2).join('+')}, the one you gave`);
    expect(ok.stdout).toContain("the JSON view's 600 signed entries were compared, with their payloads");
    expect(ok.stdout).toMatch(/ok: 600 public entries and 0 signed checkpoints verified/);
    expect(readFileSync(kept)).toEqual(files.get('checkpoint'));

    // Next time: the log grew; it must extend the checkpoint kept, and says so.
    const grown = publicEntries(700);
    const later = writeCopy('grown', await publishTiles(grown, key), grown);
    const extended = await verify(later, '--key', key.vkey, '--against', kept, '--json');
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.stdout)).toMatchObject({ ok: true, tlog: { size: 700, against: { size: 600 } } });
  }, 200_000);

  it('says when it trusted the key the copy itself holds', async () => {
    const served = await verify(writeCopy('served-key', files));
    expect(served.code).toBe(0);
    expect(served.stdout).toContain(
      `that only shows the log agrees with itself; keep the key and pass --key ${key.vkey}`,
    );
  }, 200_000);

  it('names a tampered tile, checkpoint and entry, and exits 7', async () => {
    const tile = new Map(files);
    const data = Buffer.from(files.get('tile/0/001') as Buffer);
    data[32 * 17] = (data[32 * 17] as number) ^ 0xff;
    tile.set('tile/0/001', data);
    const badTile = await verify(writeCopy('bad-tile', tile), '--key', key.vkey);
    expect(badTile.code).toBe(7);
    expect(badTile.stdout).toContain('MISMATCH tile/0/001 (entry 274) [tile_mismatch]');
    expect(badTile.stderr).toContain('the public log does not verify: tile/0/001 does not match [chain_broken]');

    const checkpoint = new Map(files);
    checkpoint.set(
      'checkpoint',
      Buffer.from((files.get('checkpoint') as Buffer).toString().replace('\n600\n', '\n599\n')),
    );
    const badCheckpoint = await verify(writeCopy('bad-checkpoint', checkpoint), '--key', key.vkey);
    expect(badCheckpoint.code).toBe(7);
    expect(badCheckpoint.stdout).toMatch(
      /MISMATCH checkpoint \[bad_checkpoint\]: checkpoint does not carry a valid signature/,
    );

    const edited = entries.map((e) => (e.seq === 42 ? { ...e, payload: { n: 41, text: 'quietly edited' } } : e));
    const badEntry = await verify(writeCopy('bad-entry', files, edited), '--key', key.vkey);
    expect(badEntry.code).toBe(7);
    expect(badEntry.stdout).toContain('MISMATCH public/log (entry 42) [view_mismatch]');
  }, 200_000);

  it('finds a log rewritten and re-signed since the checkpoint you kept', async () => {
    const kept = join(folder, 'kept-300');
    writeFileSync(kept, (await publishTiles(entries.slice(0, 300), key)).get('checkpoint') as Buffer);
    const forked = publicEntries(600, 'rewritten');
    const rewritten = await verify(writeCopy('forked', await publishTiles(forked, key), forked), '--against', kept);
    expect(rewritten.code).toBe(7);
    expect(rewritten.stdout).toContain('MISMATCH checkpoint [not_consistent]: the tree of 300 entries you kept');
  }, 200_000);

  it('refuses what it cannot read with the codes for unreadable input', async () => {
    const partial = new Map(files);
    partial.delete('tile/entries/001');
    const missing = await verify(writeCopy('missing', partial));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('tile/entries/001 is missing');
    const badKey = await verify(writeCopy('intact-2', files), '--key', 'log+0000+AAAA');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('--key: verifier key');
    const unreachable = await verify('http://127.0.0.1:9/');
    expect(unreachable.code).toBe(6);
  }, 200_000);
});
