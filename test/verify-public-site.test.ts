import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChainEntry } from '../src/core/chain.js';
import { leafHash, storedHashIndex } from '../src/transparency/public-log/merkle.js';
import { tlogLeaf } from '../src/transparency/public-log/tlog.js';
import type { PublicLogCopy } from '../src/transparency/public-log/verify.js';
import { runDocket } from './cli-run.js';
import { openDemoServer, type TestServer } from './http.js';
import { publishPolicyVersion } from './policy-versions.js';
import { describeEachStore } from './stores.js';

/**
 * The real `docket verify --public` against a running Docket on loopback: the C2SP checkpoint, tiles and entry
 * bundles it serves under /public/log/, the JSON view and the board's pages, and a checkpoint kept between two
 * visits. What someone with the database changes (a stored tree hash, an entry, the signed checkpoint) is named,
 * exit 7.
 */
const folder = mkdtempSync(join(tmpdir(), 'docket-verify-site-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const verify = (...args: string[]) => runDocket({ LOG_LEVEL: 'silent' }, ['verify', '--public', ...args]);

describeEachStore('docket verify --public against a running site', (kind) => {
  let rig: TestServer;
  let site: string;
  beforeAll(async () => {
    rig = await openDemoServer(kind);
    await rig.docket.transparency.checkpoint();
    await rig.app.listen({ port: 0, host: '127.0.0.1' });
    site = `http://127.0.0.1:${(rig.app.server.address() as { port: number }).port}/`;
  });
  afterAll(() => rig.close());

  it('verifies the tiled log, keeps its checkpoint, and proves next time that the log only grew', async () => {
    const kept = join(folder, `checkpoint-${kind}`);
    const mirror = join(folder, `mirror-${kind}`);
    const first = await verify(site, '--save-checkpoint', kept, '--mirror', mirror);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const origin = rig.docket.config.publicLogOrigin.origin;
    expect(first.stdout).toMatch(new RegExp(`^ok: ${origin.replace(/[.]/g, '\\.')}: \\d+ entries signed, root `));
    expect(first.stdout).toContain(`every tile and entry bundle at ${site}public/log/ matches it`);
    expect(first.stdout).toContain('as the log itself serves it: that only shows the log agrees with itself');
    expect(first.stdout).toContain("the site's pages of 2 board cases show what was published");
    expect(first.stdout).toContain('the 3 inclusion and consistency proofs the log serves for them verify too');
    const note = readFileSync(kept, 'utf8');
    expect(note.startsWith(`${origin}\n`)).toBe(true);
    // The copy it wrote verifies offline, against the same checkpoint.
    const offline = await verify(mirror, '--against', kept);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain(`every tile and entry bundle at ${mirror} matches it`);

    await publishPolicyVersion(rig.docket, 'verify --against');
    await rig.docket.transparency.checkpoint();
    const vkey = (await rig.app.inject({ method: 'GET', url: '/public/log/key' })).body.trim();
    const size = Number(note.split('\n')[1]);
    const later = await verify(`${site}public/log/`, '--key', vkey, '--against', kept, '--json');
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout)).toMatchObject({
      ok: true,
      tlog: { key: { vkey, from: 'given' }, size: size + 1, against: { size }, view: { newer: 0 }, proofs: 4 },
    });
  }, 200_000);

  it('names a stored tree hash, an entry and a checkpoint changed in the database, exit 7', async () => {
    const log = (await rig.app.inject({ method: 'GET', url: '/public/log?limit=5000' })).json<PublicLogCopy>();
    const hash = leafHash(tlogLeaf(log.entries[5] as ChainEntry)).toString('hex');
    const actor = (log.entries[2] as ChainEntry).actor;
    await rig.docket.tamper(`
      alter table public_log_tree_hashes disable trigger public_log_tree_hashes_append_only;
      update public_log_tree_hashes set hash = decode('${'ab'.repeat(32)}', 'hex') where idx = ${storedHashIndex(0, 5)};
      alter table public_log_tree_hashes enable trigger public_log_tree_hashes_append_only;`);
    const tile = await verify(site, '--no-site');
    expect(tile.code).toBe(7);
    expect(tile.stdout).toMatch(
      /MISMATCH tile\/0\/000(\.p\/\d+)? \(entry 6\) \[tile_mismatch\]: .*hash 5 is not entry 6's leaf hash/,
    );
    expect(tile.stderr).toContain('[chain_broken]');
    await rig.docket.tamper(`
      alter table public_log_tree_hashes disable trigger public_log_tree_hashes_append_only;
      update public_log_tree_hashes set hash = decode('${hash}', 'hex') where idx = ${storedHashIndex(0, 5)};
      alter table public_log_tree_hashes enable trigger public_log_tree_hashes_append_only;`);

    await rig.docket.tamper(`
      alter table public_log_entries disable trigger public_log_entries_append_only;
      update public_log_entries set actor = 'someone else' where seq = 3;
      alter table public_log_entries enable trigger public_log_entries_append_only;`);
    const entry = await verify(site, '--no-site');
    expect(entry.code).toBe(7);
    expect(entry.stdout).toMatch(/MISMATCH tile\/entries\/000(\.p\/\d+)? \(entry 3\) \[entry_mismatch\]/);
    expect(entry.stdout).toMatch(/MISMATCH at entry 3 .*\[hash_mismatch\]/);
    await rig.docket.tamper(`
      alter table public_log_entries disable trigger public_log_entries_append_only;
      update public_log_entries set actor = '${actor}' where seq = 3;
      alter table public_log_entries enable trigger public_log_entries_append_only;`);

    await rig.docket.tamper(`
      alter table public_log_tree_checkpoints disable trigger public_log_tree_checkpoints_append_only;
      update public_log_tree_checkpoints set note = regexp_replace(note, '\\n(\\d+)\\n', E'\\n1\\n') where size = (select max(size) from public_log_tree_checkpoints);
      alter table public_log_tree_checkpoints enable trigger public_log_tree_checkpoints_append_only;`);
    const checkpoint = await verify(site, '--no-site');
    expect(checkpoint.code).toBe(7);
    expect(checkpoint.stdout).toMatch(
      /MISMATCH checkpoint \[bad_checkpoint\]: checkpoint does not carry a valid signature/,
    );
  }, 200_000);
});
