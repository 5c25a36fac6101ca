import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildStore, referenceRoot } from '../../../test/tlog-reference.js';
import {
  consistencyProof,
  EMPTY_TREE_HASH,
  inclusionProof,
  leafHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type HashReader,
} from './merkle.js';

const hex = (s: string) => Buffer.from(s, 'hex');

/**
 * The RFC 6962 reference tree used by certificate-transparency implementations: eight leaf inputs, the hashes of
 * every complete subtree and the root of every size 0..8. Values from github.com/transparency-dev/merkle
 * testonly/constants.go (LeafInputs, NodeHashes, RootHashes), commit 417fb0c314750d94e53942e9f92e79b6d35915db.
 */
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
const LEVEL_1 = [
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
];
const LEVEL_2 = [
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

/**
 * Known audit paths and consistency proofs over that tree, from transparency-dev/merkle proof/verify_test.go
 * (inclusionProofs, consistencyProofs) at commit 9ca563d3ac2bab915317cf153ed4f952f6e74c07, the last one that kept
 * them inline; later commits moved the same values to testdata/. Leaf indexes here are 0-based (the Go table's
 * are 1-based).
 */
const INCLUSION_VECTORS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY_VECTORS: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): (below: number) => number {
  let a = seed;
  return (below) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

function flipped(proof: readonly Buffer[], at: number, bit: number): Buffer[] {
  return proof.map((h, i) => {
    if (i !== at) return h;
    const copy = Buffer.from(h);
    copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
    return copy;
  });
}

describe('RFC 6962 hashing against the reference tree', () => {
  it('hashes each leaf input to its published leaf hash', () => {
    expect(LEAF_INPUTS.map((input) => leafHash(input).toString('hex'))).toEqual(LEAF_HASHES);
  });

  it('stores every complete subtree hash at its (level, n) and computes the published root of every size 0..8', async () => {
    const { stored, read } = await buildStore(LEAF_INPUTS);
    const at = (level: number, n: number) => (stored[storedHashIndex(level, n)] as Buffer).toString('hex');
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => at(0, n))).toEqual(LEAF_HASHES);
    expect([0, 1, 2, 3].map((n) => at(1, n))).toEqual(LEVEL_1);
    expect([0, 1].map((n) => at(2, n))).toEqual(LEVEL_2);
    expect(at(3, 0)).toBe(ROOTS[8]?.toString('hex'));
    for (let size = 0; size <= 8; size++) {
      expect((await treeHash(size, read)).toString('hex')).toBe(ROOTS[size]?.toString('hex'));
    }
  });

  it('produces and accepts the published audit paths, and refuses them altered', async () => {
    const { read } = await buildStore(LEAF_INPUTS);
    for (const v of INCLUSION_VECTORS) {
      const proof = await inclusionProof(v.index, v.size, read);
      expect(proof.map((h) => h.toString('hex'))).toEqual(v.proof);
      const leaf = hex(LEAF_HASHES[v.index] as string);
      const root = ROOTS[v.size] as Buffer;
      expect(verifyInclusion(v.index, v.size, leaf, proof, root)).toBe(true);
      for (let i = 0; i < proof.length; i++) {
        expect(verifyInclusion(v.index, v.size, leaf, flipped(proof, i, 3), root)).toBe(false);
      }
      expect(verifyInclusion(v.index, v.size, leaf, proof.slice(0, -1), root)).toBe(proof.length === 0);
      expect(verifyInclusion(v.index, v.size, leaf, [...proof, leaf], root)).toBe(false);
      if (v.size > 1) expect(verifyInclusion((v.index + 1) % v.size, v.size, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(v.index, v.size * 4, leaf, proof, root)).toBe(false);
    }
  });

  it('produces and accepts the published consistency proofs, and refuses them altered', async () => {
    const { read } = await buildStore(LEAF_INPUTS);
    for (const v of CONSISTENCY_VECTORS) {
      const proof = await consistencyProof(v.oldSize, v.newSize, read);
      expect(proof.map((h) => h.toString('hex'))).toEqual(v.proof);
      const oldRoot = ROOTS[v.oldSize] as Buffer;
      const newRoot = ROOTS[v.newSize] as Buffer;
      expect(verifyConsistency(v.oldSize, v.newSize, oldRoot, newRoot, proof)).toBe(true);
      for (let i = 0; i < proof.length; i++) {
        expect(verifyConsistency(v.oldSize, v.newSize, oldRoot, newRoot, flipped(proof, i, 4))).toBe(false);
      }
      if (proof.length > 0) {
        expect(verifyConsistency(v.oldSize, v.newSize, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
        expect(verifyConsistency(v.oldSize, v.newSize, newRoot, newRoot, proof)).toBe(false);
        expect(verifyConsistency(v.oldSize, v.newSize, oldRoot, oldRoot, proof)).toBe(false);
      }
    }
  });

  it('handles the edge cases of transparency-dev/merkle TestVerifyConsistency', () => {
    // Same table (commit 9ca563d3), except that a tree of size 0 is taken as a prefix of any tree when the old root
    // is the empty tree's hash and the proof is empty, where that library refuses to judge.
    const root1 = Buffer.alloc(32, 1);
    const root2 = Buffer.alloc(32, 2);
    expect(verifyConsistency(0, 0, root1, root1, [])).toBe(true);
    expect(verifyConsistency(1, 1, root2, root2, [])).toBe(true);
    expect(verifyConsistency(1, 0, root1, root2, [])).toBe(false);
    expect(verifyConsistency(2, 1, root1, root2, [])).toBe(false);
    expect(verifyConsistency(1, 2, root1, root2, [])).toBe(false);
    expect(verifyConsistency(0, 0, EMPTY_TREE_HASH, root2, [])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE_HASH, root2, [])).toBe(false);
    expect(verifyConsistency(0, 0, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH])).toBe(false);
    expect(verifyConsistency(1, 1, EMPTY_TREE_HASH, EMPTY_TREE_HASH, [EMPTY_TREE_HASH])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_TREE_HASH, ROOTS[8] as Buffer, [])).toBe(true);
    expect(verifyConsistency(0, 8, root1, ROOTS[8] as Buffer, [])).toBe(false);
  });
});

describe('the stored-hash layout (the one Go sumdb/tlog uses)', () => {
  it('numbers hashes in the order they are written', () => {
    // leaf 0, leaf 1, (1,0), leaf 2, leaf 3, (1,1), (2,0), leaf 4: Crosby and Wallach section 3.3, Go TestTree.
    const order = [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
      [0, 4],
    ];
    expect(order.map(([level, n]) => storedHashIndex(level as number, n as number))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([0, 1, 2, 3, 4, 5, 7, 8, 100].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 11, 15, 197]);
  });

  it('splits every index back into its (level, n), as Go TestSplitStoredHashIndex checks', () => {
    for (let level = 0; level < 10; level++) {
      for (let n = 0; n < 100; n++) {
        expect(splitStoredHashIndex(storedHashIndex(level, n))).toEqual({ level, n });
      }
    }
    expect(splitStoredHashIndex(storedHashIndex(3, 2_500_000_000))).toEqual({ level: 3, n: 2_500_000_000 });
  });

  it('reads O(log n) hashes, in one batch, for a proof in a 10,000,000-entry log', async () => {
    const size = 10_000_000;
    const batches: number[][] = [];
    // A store that answers any index with a made-up hash: only the number and range of reads are under test.
    const read: HashReader = (indexes) => {
      batches.push([...indexes]);
      return indexes.map((i) => createHash('sha256').update(String(i)).digest());
    };
    await inclusionProof(7_654_321, size, read);
    await consistencyProof(3_333_333, size, read);
    await treeHash(size, read);
    expect(batches).toHaveLength(3);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)) + 2);
      expect(Math.max(...batch)).toBeLessThan(storedHashCount(size));
    }
  });
});

describe('proof properties over random trees', () => {
  it('every inclusion and consistency proof verifies and a flipped bit fails, for sizes up to 3000', async () => {
    const next = random(16);
    const total = 3000;
    const leaves = Array.from({ length: total }, (_, i) => Buffer.from(`docket entry ${i}`));
    const leafHashes = leaves.map(leafHash);
    const { read } = await buildStore(leaves);
    const sizes = [1, 2, 3, 255, 256, 257, 1024, total, ...Array.from({ length: 30 }, () => 1 + next(total))];
    const roots = new Map<number, Buffer>();
    const rootOf = (size: number) => {
      const known = roots.get(size);
      if (known) return known;
      const computed = referenceRoot(leafHashes.slice(0, size));
      roots.set(size, computed);
      return computed;
    };
    for (const size of sizes) {
      const root = rootOf(size);
      expect(await treeHash(size, read)).toEqual(root);
      for (const index of [0, size - 1, next(size), next(size), next(size)]) {
        const proof = await inclusionProof(index, size, read);
        const leaf = leafHashes[index] as Buffer;
        expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
        if (proof.length > 0) {
          expect(verifyInclusion(index, size, leaf, flipped(proof, next(proof.length), next(256)), root)).toBe(false);
        }
        expect(verifyInclusion(index, size, flipped([leaf], 0, next(256))[0] as Buffer, proof, root)).toBe(false);
      }
      const oldSize = 1 + next(size);
      const oldRoot = rootOf(oldSize);
      const proof = await consistencyProof(oldSize, size, read);
      expect(verifyConsistency(oldSize, size, oldRoot, root, proof)).toBe(true);
      if (proof.length > 0) {
        expect(verifyConsistency(oldSize, size, oldRoot, root, flipped(proof, next(proof.length), next(256)))).toBe(
          false,
        );
      }
      if (oldSize < size) expect(verifyConsistency(oldSize, size, root, root, proof)).toBe(false);
    }
  });

  it('proves every leaf and every pair of sizes of the trees up to 40 entries', async () => {
    const leaves = Array.from({ length: 40 }, (_, i) => Buffer.from([i, i * 7]));
    const leafHashes = leaves.map(leafHash);
    const { read } = await buildStore(leaves);
    const roots = Array.from({ length: 41 }, (_, size) => referenceRoot(leafHashes.slice(0, size)));
    for (let size = 1; size <= 40; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(index, size, read);
        expect(verifyInclusion(index, size, leafHashes[index] as Buffer, proof, roots[size] as Buffer)).toBe(true);
      }
      for (let oldSize = 0; oldSize <= size; oldSize++) {
        const proof = await consistencyProof(oldSize, size, read);
        expect(verifyConsistency(oldSize, size, roots[oldSize] as Buffer, roots[size] as Buffer, proof)).toBe(true);
      }
    }
  });

  it('refuses to prove what is not in the tree', async () => {
    const { read } = await buildStore(LEAF_INPUTS);
    await expect(inclusionProof(8, 8, read)).rejects.toMatchObject({ code: 'invalid_tree_range' });
    await expect(inclusionProof(0, 0, read)).rejects.toMatchObject({ code: 'invalid_tree_range' });
    await expect(consistencyProof(5, 4, read)).rejects.toMatchObject({ code: 'invalid_tree_range' });
    await expect(treeHash(-1, read)).rejects.toMatchObject({ code: 'invalid_tree_range' });
  });
});
