import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import { cosignerVerifierKey } from '../src/transparency/public-log/cosignature.js';
import { ed25519PublicKeyOf } from '../src/transparency/public-log/note.js';
import { runDocket } from './cli-run.js';
import { openTestServerFor, type TestServer } from './http.js';
import { startFakeWitness, type FakeWitness } from './fakes/tlog-witness.js';
import { describeEachStore, openTestDocket } from './stores.js';

/**
 * `docket verify --public --witness <vkey>` against a running Docket whose checkpoint a witness (the C2SP
 * tlog-witness fake) cosigned: the cosignature/v1 line must verify over `cosignature/v1\ntime <t>\n` and the
 * checkpoint; a changed line, or a required witness that has not cosigned, is named, exit 7.
 */
const verify = (...args: string[]) => runDocket({ LOG_LEVEL: 'silent' }, ['verify', '--public', ...args, '--no-site']);

describeEachStore('docket verify --public checks the witnesses’ cosignatures', (kind) => {
  let rig: TestServer;
  let site: string;
  let witness: FakeWitness;
  const logs: Record<string, string> = {};
  /** A witness that never cosigned this log. */
  const absent = cosignerVerifierKey(
    'witness.test/absent',
    ed25519PublicKeyOf(generateKeyPairSync('ed25519').privateKey),
  );

  beforeAll(async () => {
    witness = await startFakeWitness({ name: 'witness.test/w1', logs });
    const docket = await openTestDocket(kind, {
      demo: true,
      config: { publicLogWitnesses: [{ vkey: witness.vkey, url: witness.url }] },
    });
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    rig = openTestServerFor(docket, app);
    const logKey = await docket.transparency.tree.verifierKey();
    logs[logKey.split('+')[0] as string] = logKey;
    await docket.transparency.checkpoint();
    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 1, failed: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    site = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`;
  });
  afterAll(async () => {
    await rig.close();
    await witness.close();
  });

  it('verifies a good cosignature, and lists the lines it did not check without --witness', async () => {
    const tag = witness.vkey.split('+').slice(0, 2).join('+');
    const unchecked = await verify(site);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toContain('1 cosignature line on the checkpoint, not checked (pass --witness <vkey>');
    expect(unchecked.stdout).toMatch(new RegExp(`\\n    ${tag.replace(/[.+/]/g, '\\$&')} at \\d{4}-`));

    const checked = await verify(site, '--witness', witness.vkey, '--json');
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({
      ok: true,
      tlog: { witnesses: { checked: true, quorum: 1, cosigned: 1, results: [{ witness: tag, status: 'cosigned' }] } },
    });
    const text = await verify(site, '--witness', witness.vkey);
    expect(text.stdout).toContain('witnesses: 1 of the 1 given cosigned the checkpoint (1 required)');
    expect(text.stdout).toMatch(new RegExp(`${tag.replace(/[.+/]/g, '\\$&')}: cosigned at `));
  }, 200_000);

  it('names a required witness that has not cosigned, exit 7, unless the quorum is met without it', async () => {
    const absentTag = absent.split('+').slice(0, 2).join('+');
    const missing = await verify(site, '--witness', witness.vkey, '--witness', absent);
    expect(missing.code).toBe(7);
    expect(missing.stdout).toContain(
      `MISMATCH checkpoint [cosignature_missing]: witness ${absentTag} has not cosigned the checkpoint (1 of the 2 cosignatures required verify)`,
    );
    expect(missing.stderr).toContain(absentTag);
    const quorum = await verify(site, '--witness', witness.vkey, '--witness', absent, '--witnesses', '1');
    expect(quorum.code).toBe(0);
    expect(quorum.stdout).toContain(`${absentTag}: no cosignature`);
    const badQuorum = await verify(site, '--witness', witness.vkey, '--witnesses', '2');
    expect(badQuorum.code).toBe(2);
    const notAWitnessKey = await verify(site, '--witness', (await rig.docket.transparency.tree.verifierKey()).trim());
    expect(notAWitnessKey.code).toBe(2);
    expect(notAWitnessKey.stderr).toContain('a cosignature/v1 witness key has type 4');
  }, 200_000);

  it('names the witness whose cosignature line was changed in the database, exit 7', async () => {
    const tag = witness.vkey.split('+').slice(0, 2).join('+');
    const checkpoint = (await rig.app.inject({ method: 'GET', url: '/public/log/checkpoint' })).body;
    const line = checkpoint.split('\n').find((l) => l.startsWith(`\u2014 ${witness.name} `)) as string;
    const signature = Buffer.from(line.split(' ')[2] as string, 'base64');
    signature[40] = (signature[40] as number) ^ 0x01; // a bit of the Ed25519 signature, past the key ID and time
    const changed = `\u2014 ${witness.name} ${signature.toString('base64')}\n`;
    await rig.docket.tamper(`
      alter table public_log_cosignatures disable trigger public_log_cosignatures_append_only;
      update public_log_cosignatures set line = '${changed}';
      alter table public_log_cosignatures enable trigger public_log_cosignatures_append_only;`);
    const tampered = await verify(site, '--witness', witness.vkey);
    expect(tampered.code).toBe(7);
    expect(tampered.stdout).toContain(
      `MISMATCH checkpoint [cosignature_invalid]: the cosignature by witness ${tag} does not verify over the checkpoint`,
    );
    expect(tampered.stdout).toContain(`${tag}: cosignature does not verify`);
    expect(tampered.stderr).toContain(tag);
    // The log itself still verifies: only the witness's line was changed.
    const withoutWitness = await verify(site);
    expect(withoutWitness.code).toBe(0);
  }, 200_000);
});
