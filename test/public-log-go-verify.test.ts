import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoServer, type TestServer } from './http.js';
import { publishPolicyVersion } from './policy-versions.js';
import { describeEachStore } from './stores.js';

/**
 * Docket's public log checked by Go's own golang.org/x/mod/sumdb/note and sumdb/tlog (test/go-tlog-verify), over
 * HTTP from a Docket listening on loopback. Without a Go toolchain the test is skipped with a note, except in CI,
 * where it must run (.ci/run installs golang-go and golang-golang-x-mod-dev).
 */
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'docket-go-tlog-'));
const binary = join(folder, 'go-tlog-verify');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function goAvailable(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const haveGo = goAvailable();
if (!haveGo && process.env.CI) {
  throw new Error('CI must check the public log with Go: install golang-go and golang-golang-x-mod-dev');
}
if (!haveGo) {
  console.warn('public-log-go-verify: skipped, no `go` on PATH (apt-get install golang-go golang-golang-x-mod-dev)');
}

async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(binary, args, { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describeEachStore('the public log, checked by Go sumdb/note and sumdb/tlog over HTTP', (kind) => {
  let rig: TestServer;
  let prefix = '';

  beforeAll(async () => {
    if (!haveGo) return;
    await run('go', ['build', '-o', binary, './test/go-tlog-verify'], {
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(folder, 'cache') },
    });
    rig = await openDemoServer(kind);
    const address = await rig.app.listen({ host: '127.0.0.1', port: 0 });
    prefix = `${address}/public/log`;
  });
  afterAll(async () => {
    if (rig) await rig.close();
  });

  it.skipIf(!haveGo)(
    'accepts the checkpoint, the tiles, every entry, and a grown log against a kept checkpoint',
    async () => {
      await rig.docket.transparency.checkpoint();
      const key = (await (await fetch(`${prefix}/key`)).text()).trim();
      const origin = rig.docket.config.publicLogOrigin.origin;
      const kept = join(folder, `kept-${kind}`);
      writeFileSync(kept, await (await fetch(`${prefix}/checkpoint`)).text());

      const first = await verify(prefix, key, origin);
      expect(first, first.stderr).toMatchObject({ code: 0 });
      expect(first.stdout).toMatch(new RegExp(`^ok: ${origin}, \\d+ entries`));

      await publishPolicyVersion(rig.docket, 'checked by Go');
      await rig.docket.transparency.checkpoint();
      const grown = await verify(prefix, key, origin, kept);
      expect(grown, grown.stderr).toMatchObject({ code: 0 });

      // A stored hash changed in the database: Go's reader no longer gets the signed root from the tiles.
      await rig.docket.tamper(`
        alter table public_log_tree_hashes disable trigger public_log_tree_hashes_append_only;
        update public_log_tree_hashes set hash = decode(repeat('00', 32), 'hex') where idx = 0;
        alter table public_log_tree_hashes enable trigger public_log_tree_hashes_append_only;`);
      const tampered = await verify(prefix, key, origin, kept);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toMatch(/go-tlog-verify: /);
      // And a key other than the log's does not open its checkpoint.
      const other = await verify(prefix, key.replace(/^[^+]+/, 'other.example/log'), 'other.example/log');
      expect(other.code).toBe(1);
    },
  );
});
