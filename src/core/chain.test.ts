import { describe, expect, it } from 'vitest';
import { checkHead, entryHash, GENESIS_HASH, linkEntries, verifyEntries, type ChainEntry } from './chain.js';

const sample = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    stream: `case/${i % 2}`,
    type: 'case.opened',
    actor: 'user:1',
    at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    payload: { index: i, note: `entry ${i}` },
  }));

const genesis = { seq: 0, hash: GENESIS_HASH };

describe('hash chain', () => {
  it('links entries from the genesis: seq counts from 1 and each prev is the previous hash', () => {
    const chain = linkEntries(genesis, sample(3));
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chain[0]?.prev).toBe(GENESIS_HASH);
    expect(chain[1]?.prev).toBe(chain[0]?.hash);
    expect(chain[2]?.prev).toBe(chain[1]?.hash);
  });

  it('hashes SHA-256 over the canonical JSON of the entry, so key order in the payload does not matter', () => {
    const [a] = linkEntries(genesis, [
      { stream: 's', type: 't', actor: 'a', at: '2026-01-01T00:00:00.000Z', payload: { x: 1, y: 2 } },
    ]);
    const [b] = linkEntries(genesis, [
      { stream: 's', type: 't', actor: 'a', at: '2026-01-01T00:00:00.000Z', payload: { y: 2, x: 1 } },
    ]);
    expect(a?.hash).toBe(b?.hash);
    expect(a?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain, also page by page', () => {
    const chain = linkEntries(genesis, sample(10));
    const whole = verifyEntries(genesis, chain);
    expect(whole).toEqual({ ok: true, seq: 10, hash: chain[9]?.hash });
    const first = verifyEntries(genesis, chain.slice(0, 4));
    if (!first.ok) throw new Error('first page should verify');
    expect(verifyEntries(first, chain.slice(4)).ok).toBe(true);
  });

  it('names the first entry whose content was changed', () => {
    const chain = linkEntries(genesis, sample(5));
    const tampered: ChainEntry[] = chain.map((e) =>
      e.seq === 3 ? { ...e, payload: { index: 2, note: 'rewritten' } } : e,
    );
    const result = verifyEntries(genesis, tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.break).toMatchObject({ seq: 3, reason: 'hash_mismatch' });
  });

  it('catches a rewrite that also recomputed the hash, at the next entry', () => {
    const chain = linkEntries(genesis, sample(5));
    const forged = { ...chain[2]!, payload: { forged: true } };
    forged.hash = entryHash(forged);
    const result = verifyEntries(
      genesis,
      chain.map((e) => (e.seq === 3 ? forged : e)),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.break).toMatchObject({ seq: 4, reason: 'prev_mismatch' });
  });

  it('catches a removed entry as a gap', () => {
    const chain = linkEntries(genesis, sample(5));
    const result = verifyEntries(
      genesis,
      chain.filter((e) => e.seq !== 2),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.break).toMatchObject({ seq: 3, reason: 'seq_gap' });
  });

  it('catches entries cut from the end by comparing with the recorded head', () => {
    const chain = linkEntries(genesis, sample(5));
    const reached = verifyEntries(genesis, chain.slice(0, 3));
    if (!reached.ok) throw new Error('prefix should verify');
    expect(checkHead(reached, { seq: 5, hash: chain[4]!.hash })).toMatchObject({ seq: 4, reason: 'head_mismatch' });
    expect(checkHead(reached, { seq: 3, hash: chain[2]!.hash })).toBeNull();
  });
});
