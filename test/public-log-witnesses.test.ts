import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.js';
import { parseCheckpoint } from '../src/transparency/public-log/checkpoint.js';
import { parseCosignerKey, verifyCosignatures } from '../src/transparency/public-log/cosignature.js';
import { openNote, parseVerifierKey } from '../src/transparency/public-log/note.js';
import { startFakeWitness, type FakeWitness } from './fakes/tlog-witness.js';
import { publishPolicyVersion } from './policy-versions.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

describeEachStore('witnesses cosign the public log’s checkpoints (C2SP tlog-witness)', (kind) => {
  let docket: TestDocket;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let witness: FakeWitness;
  const logs: Record<string, string> = {};
  const get = (url: string) => app.inject({ method: 'GET', url });

  /** The served checkpoint, opened with the log's key, and the witness's verified cosignatures on it. */
  async function served() {
    const logKey = (await get('/public/log/key')).body.trim();
    const answer = await get('/public/log/checkpoint');
    expect(answer.statusCode).toBe(200);
    const note = openNote(answer.body, [parseVerifierKey(logKey)]);
    return {
      size: parseCheckpoint(note.text).size,
      cosignatures: verifyCosignatures(note.text, note.unverified, [parseCosignerKey(witness.vkey)]),
    };
  }

  beforeAll(async () => {
    witness = await startFakeWitness({ name: 'witness.test/w1', logs });
    docket = await openTestDocket(kind, {
      demo: true,
      config: { publicLogWitnesses: [{ vkey: witness.vkey, url: witness.url }] },
    });
    app = await buildServer(docket, { logger: false });
    await app.ready();
    // The witness is set up with the log's origin and key, as its operator would be.
    const logKey = await docket.transparency.tree.verifierKey();
    logs[logKey.split('+')[0] as string] = logKey;
  });
  afterAll(async () => {
    await app.close();
    await docket.close();
    await witness.close();
  });

  it('asks the witness to cosign the latest checkpoint and serves the checkpoint with its cosignature', async () => {
    await docket.transparency.checkpoint();
    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 1, failed: 0 });
    const first = await served();
    expect(first.cosignatures).toHaveLength(1);
    expect(witness.latest.values().next().value?.size).toBe(first.size);
    // Nothing new: the witness is not asked again.
    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 0, failed: 0 });
    expect(witness.answers).toEqual([200]);
  });

  it('proves each grown checkpoint consistent with the size the witness holds, from the stored tree', async () => {
    const before = (await served()).size;
    await publishPolicyVersion(docket, 'witnessed');
    await docket.transparency.checkpoint();
    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 1, failed: 0 });
    const after = await served();
    expect(after.size).toBeGreaterThan(before);
    expect(after.cosignatures).toHaveLength(1);
    expect(witness.answers).toEqual([200, 200]);
  });

  it('records and shows a witness that failed, and catches up once it is back', async () => {
    await publishPolicyVersion(docket, 'while the witness is down');
    await docket.transparency.checkpoint();
    witness.failNext(503);
    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 0, failed: 1 });
    // The checkpoint is served all the same, without a cosignature yet.
    expect((await served()).cosignatures).toEqual([]);
    const [status] = await docket.transparency.witnesses.status();
    expect(status).toMatchObject({ witness: expect.stringMatching(/^witness\.test\/w1\+[0-9a-f]{8}$/) as string });
    expect(status?.lastError).toMatch(/the witness answered 503/);
    const page = await get('/log');
    expect(page.body).toContain('Witnesses');
    expect(page.body).toMatch(/failed: the witness answered 503/);

    expect(await docket.transparency.witnesses.collect()).toEqual({ cosigned: 1, failed: 0 });
    expect((await served()).cosignatures).toHaveLength(1);
    const [back] = await docket.transparency.witnesses.status();
    expect(back?.lastError).toBeNull();
    expect((await get('/log')).body).toMatch(/, cosigned</);
  });
});
