import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicLogWitnesses } from '../src/core/config-witnesses.js';
import { signCheckpoint } from '../src/transparency/public-log/checkpoint.js';
import {
  consistencyProof,
  leafHash,
  storedHashesForAppend,
  treeHash,
  type HashReader,
} from '../src/transparency/public-log/merkle.js';
import {
  ed25519PublicKeyOf,
  ed25519Signer,
  ed25519VerifierKey,
  parseVerifierKey,
} from '../src/transparency/public-log/note.js';
import { readWitnesses, requestCosignature, type Witness } from '../src/transparency/public-log/witness.js';
import { startFakeWitness, type FakeWitness } from './fakes/tlog-witness.js';

/** A log in memory: its stored hashes (Go's layout), signed checkpoints of any size it has reached. */
function memoryLog(origin: string, leafPrefix: string, key = generateKeyPairSync('ed25519').privateKey) {
  const stored: Buffer[] = [];
  const read: HashReader = (indexes) => indexes.map((i) => stored[i] as Buffer);
  let size = 0;
  return {
    key,
    vkey: ed25519VerifierKey(origin, ed25519PublicKeyOf(key)),
    get size() {
      return size;
    },
    async append(count: number) {
      for (let i = 0; i < count; i += 1) {
        stored.push(...(await storedHashesForAppend(size, leafHash(Buffer.from(`${leafPrefix}${size}`)), read)));
        size += 1;
      }
    },
    async checkpoint() {
      return {
        size,
        signed: signCheckpoint({ origin, size, rootHash: await treeHash(size, read), extensions: [] }, [
          ed25519Signer(origin, key),
        ]),
      };
    },
    proof: (from: number) => consistencyProof(from, size, read),
  };
}

describe('collecting witness cosignatures (C2SP tlog-witness add-checkpoint)', () => {
  const origin = 'docket.test/log';
  let witness: FakeWitness;
  let log: ReturnType<typeof memoryLog>;
  let configured: Witness;

  beforeAll(async () => {
    log = memoryLog(origin, 'entry ');
    witness = await startFakeWitness({ name: 'witness.test/w1', logs: { [origin]: log.vkey } });
    [configured] = readWitnesses(
      publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: `${witness.vkey} ${witness.url}/` }),
    ) as [Witness];
  });
  afterAll(() => witness.close());

  const ask = async (knownSize: number, target = log) =>
    requestCosignature(configured, await target.checkpoint(), knownSize, (from) => target.proof(from), [
      parseVerifierKey(log.vkey),
    ]);

  it('gets a verified cosignature for the first checkpoint, then for each larger one with a consistency proof', async () => {
    await log.append(5);
    const first = await ask(0);
    expect(first.answer).toMatchObject({ kind: 'cosigned', cosignature: { name: 'witness.test/w1' } });
    expect(first.witnessSize).toBe(5);
    await log.append(8);
    const second = await ask(5);
    expect(second.answer.kind).toBe('cosigned');
    expect(witness.latest.get(origin)?.size).toBe(13);
    expect(witness.answers).toEqual([200, 200]);
  });

  it('asks again from the size the witness names when Docket did not know it (409 text/x.tlog.size)', async () => {
    await log.append(3);
    witness.answers.length = 0;
    const answer = await ask(0);
    expect(answer.answer.kind).toBe('cosigned');
    expect(witness.answers).toEqual([409, 200]);
  });

  it('reports a forked log as the witness refuses it (422), one signed by another key (403) and an unknown log (404)', async () => {
    // The same origin and key, other entries: the witness (at 16) cannot be shown a consistent tree.
    const fork = memoryLog(origin, 'rewritten ', log.key);
    await fork.append(20);
    const forked = await ask(16, fork);
    expect(forked.answer).toMatchObject({ kind: 'failed', status: 422 });
    expect((forked.answer as { reason: string }).reason).toMatch(/inconsistent with the one it cosigned before/);
    expect(witness.latest.get(origin)?.size).toBe(16);

    const impostor = memoryLog(origin, 'entry ');
    await impostor.append(20);
    const refused = await requestCosignature(
      configured,
      await impostor.checkpoint(),
      16,
      (from) => impostor.proof(from),
      [parseVerifierKey(impostor.vkey)],
    );
    expect(refused.answer).toMatchObject({ kind: 'failed', status: 403 });
    expect((refused.answer as { reason: string }).reason).toMatch(/does not trust the log key/);

    const stranger = memoryLog('elsewhere.test/log', 'x');
    await stranger.append(2);
    const unknown = await requestCosignature(
      configured,
      await stranger.checkpoint(),
      0,
      (from) => stranger.proof(from),
      [parseVerifierKey(stranger.vkey)],
    );
    expect(unknown.answer).toMatchObject({ kind: 'failed', status: 404 });
  });

  it('reports a witness that is down, and one that cannot be reached, without throwing', async () => {
    witness.failNext(503);
    const down = await ask(16);
    expect(down.answer).toMatchObject({ kind: 'failed', status: 503 });
    const gone = await requestCosignature(
      { ...configured, url: 'http://127.0.0.1:9/w' },
      await log.checkpoint(),
      16,
      (from) => log.proof(from),
      [parseVerifierKey(log.vkey)],
      { timeoutMs: 2000 },
    );
    expect(gone.answer).toMatchObject({ kind: 'failed', status: null });
    expect((gone.answer as { reason: string }).reason).toMatch(/could not reach the witness/);
  });
});

describe('DOCKET_PUBLIC_LOG_WITNESSES', () => {
  it('reads "<key> <url>" entries, one per line or comma, and refuses what is not one', () => {
    const key = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
    expect(publicLogWitnesses({})).toEqual([]);
    expect(publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: `${key} https://w.example/a/,\n` })).toEqual([
      { vkey: key, url: 'https://w.example/a' },
    ]);
    expect(() => publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: key })).toThrow(/"<verifier key> <submission URL>"/);
    expect(() => publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: `${key} ftp://w.example` })).toThrow(
      /over http\(s\)/,
    );
    expect(() => publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: `nokey https://w.example` })).toThrow(
      /name\+keyid\+base64/,
    );
    // A log key (type 0x01) is refused when the witnesses are read, with the setting's name.
    const logKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
    expect(() =>
      readWitnesses(publicLogWitnesses({ DOCKET_PUBLIC_LOG_WITNESSES: `${logKey} https://w.example` })),
    ).toThrow(/DOCKET_PUBLIC_LOG_WITNESSES lists PeterNeumann.*type 4/);
  });
});
