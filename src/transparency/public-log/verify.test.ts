import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, linkEntries } from '../../core/chain.js';
import { verifyPublicLog, type PublicLogCopy } from './verify.js';
import { generateKeyPair, loadKeyPair, signCheckpoint } from './signing.js';

const pair = generateKeyPair();
const key = loadKeyPair(pair.published, pair.privatePem);

function publicLog(count: number, signedAt: number[]): PublicLogCopy {
  const entries = linkEntries(
    { seq: 0, hash: GENESIS_HASH },
    Array.from({ length: count }, (_, i) => ({
      stream: `BC-2023-001-R${i + 1}`,
      type: 'board.response',
      actor: 'platform',
      at: '2023-08-28T00:00:00.000Z',
      payload: { category: 'assessing', reasons: `reasons ${i + 1}` },
    })),
  );
  const last = entries[entries.length - 1];
  return {
    log: 'docket-public-log',
    key: pair.published,
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
    entries,
    checkpoints: signedAt.map((seq) =>
      signCheckpoint(key, { seq, hash: entries[seq - 1]?.hash ?? '' }, new Date('2023-09-01T00:00:00Z')),
    ),
  };
}

describe('verifying a public log offline', () => {
  it('accepts an untouched log and says how far it is signed', () => {
    expect(verifyPublicLog(publicLog(5, [3]), { pinnedKey: pair.published.keyId })).toMatchObject({
      ok: true,
      entries: 5,
      checkpoints: 1,
      signedThrough: 3,
    });
  });

  it('names an entry whose content changed', () => {
    const log = publicLog(5, [5]);
    (log.entries[2]?.payload as { category: string }).category = 'implemented_in_full';
    expect(verifyPublicLog(log).finding).toMatchObject({
      problem: 'hash_mismatch',
      seq: 3,
      entry: { type: 'board.response', stream: 'BC-2023-001-R3' },
    });
  });

  it('catches a rebuilt chain by its checkpoint, and names the entry given an earlier copy', () => {
    const earlier = publicLog(5, [4]);
    const forged = publicLog(5, []);
    forged.checkpoints = earlier.checkpoints;
    const relinked = linkEntries(
      forged.entries[1] as { seq: number; hash: string },
      forged.entries.slice(2).map(({ seq: _s, prev: _p, hash: _h, ...e }, i) => ({
        ...e,
        payload: i === 0 ? { category: 'declined', reasons: 'changed' } : e.payload,
      })),
    );
    forged.entries = [...forged.entries.slice(0, 2), ...relinked];
    forged.head = { seq: 5, hash: relinked[2]?.hash as string };
    expect(verifyPublicLog({ ...forged, checkpoints: [] }).ok).toBe(true);
    expect(verifyPublicLog(forged).finding).toMatchObject({ problem: 'checkpoint_mismatch', seq: 4 });
    expect(verifyPublicLog(forged, { earlier }).finding).toMatchObject({
      problem: 'differs_from_earlier_copy',
      seq: 3,
    });
  });

  it('refuses a forged signature, another key than the trusted one, removed entries and a wrong head', () => {
    const log = publicLog(3, [3]);
    const other = generateKeyPair().published;
    expect(verifyPublicLog({ ...log, key: other }).finding?.problem).toBe('bad_signature');
    expect(verifyPublicLog(log, { pinnedKey: other.x }).finding?.problem).toBe('key_mismatch');
    expect(
      verifyPublicLog({
        ...log,
        entries: log.entries.slice(0, 2),
        head: { seq: 2, hash: log.entries[1]?.hash as string },
      }).finding?.problem,
    ).toBe('checkpoint_mismatch');
    expect(verifyPublicLog({ ...log, entries: log.entries.slice(0, 2) }).finding?.problem).toBe('head_mismatch');
    expect(
      verifyPublicLog({ ...log, entries: [log.entries[0], log.entries[2]] as typeof log.entries }).finding,
    ).toMatchObject({ problem: 'seq_gap', seq: 3 });
    expect(verifyPublicLog({ ...log, log: 'something else' }).finding?.problem).toBe('not_a_public_log');
  });
});
