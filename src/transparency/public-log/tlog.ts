import type { ChainEntry } from '../../core/chain.js';
import { canonicalJson } from '../../core/canonical-json.js';

/**
 * The public log as a C2SP transparency log: which bytes are its leaves.
 *
 * Entry `seq` of the public log is the leaf at tree index `seq - 1`. Its bytes are the RFC 8785 canonical JSON, in
 * UTF-8, of the entry without its payload: `{ actor, at, hash, prev, seq, stream, type }`. The payload is not
 * repeated because `hash`, the entry's link in the public log's own hash chain, commits to it (chain.ts): a reader
 * holding an entry's full document checks it against the leaf by recomputing that hash. Leaves stay small (a few
 * hundred bytes, far below the 65,535 an entry bundle allows) whatever a published document weighs.
 */
export function tlogLeaf(
  entry: Pick<ChainEntry, 'seq' | 'stream' | 'type' | 'actor' | 'at' | 'prev' | 'hash'>,
): Uint8Array {
  const { seq, stream, type, actor, at, prev, hash } = entry;
  return Buffer.from(canonicalJson({ seq, stream, type, actor, at, prev, hash }), 'utf8');
}

/** The tree index of public log entry `seq`, and back. */
export const tlogIndexOf = (seq: number): number => seq - 1;
export const seqOfTlogIndex = (index: number): number => index + 1;
