import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/**
 * The hash chain of the event log, as pure functions. An entry's hash is
 *
 *   SHA-256( UTF-8( JCS({ seq, stream, type, actor, at, payload, prev }) ) ), lower-case hex,
 *
 * where JCS is RFC 8785, `at` is an ISO-8601 UTC timestamp with milliseconds and `prev` is the previous entry's
 * hash (GENESIS_HASH for the first). Changing any field of any entry changes its hash; changing the hash too
 * breaks the next entry's `prev`; dropping entries from the end no longer matches the recorded head.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEntry {
  seq: number;
  stream: string;
  type: string;
  actor: string;
  at: string;
  payload: JsonValue;
  prev: string;
  hash: string;
}

export type UnhashedEntry = Omit<ChainEntry, 'hash'>;

export function entryHash(entry: UnhashedEntry): string {
  const body = canonicalJson({
    seq: entry.seq,
    stream: entry.stream,
    type: entry.type,
    actor: entry.actor,
    at: entry.at,
    payload: entry.payload,
    prev: entry.prev,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Links new entries after the given head: assigns seq, prev and hash. */
export function linkEntries(
  head: { seq: number; hash: string },
  entries: Omit<UnhashedEntry, 'seq' | 'prev'>[],
): ChainEntry[] {
  let { seq, hash } = head;
  return entries.map((entry) => {
    const unhashed: UnhashedEntry = { ...entry, seq: seq + 1, prev: hash };
    const linked: ChainEntry = { ...unhashed, hash: entryHash(unhashed) };
    seq = linked.seq;
    hash = linked.hash;
    return linked;
  });
}

export type ChainBreakReason = 'seq_gap' | 'prev_mismatch' | 'hash_mismatch' | 'head_mismatch';

export interface ChainBreak {
  seq: number;
  reason: ChainBreakReason;
  expected: string;
  actual: string;
  message: string;
}

/**
 * Checks entries in order, continuing from `state` (so a long log can be verified page by page).
 * Returns the first break, or the new state.
 */
export function verifyEntries(
  state: { seq: number; hash: string },
  entries: Iterable<ChainEntry>,
): { ok: true; seq: number; hash: string } | { ok: false; break: ChainBreak } {
  let { seq, hash } = state;
  for (const entry of entries) {
    if (entry.seq !== seq + 1) {
      return fail(
        entry.seq,
        'seq_gap',
        String(seq + 1),
        String(entry.seq),
        `entry ${entry.seq} follows entry ${seq}: entries ${seq + 1}..${entry.seq - 1} are missing`,
      );
    }
    if (entry.prev !== hash) {
      return fail(
        entry.seq,
        'prev_mismatch',
        hash,
        entry.prev,
        `entry ${entry.seq} does not link to entry ${seq}: its previous hash differs from that entry's hash`,
      );
    }
    const computed = entryHash(entry);
    if (computed !== entry.hash) {
      return fail(
        entry.seq,
        'hash_mismatch',
        computed,
        entry.hash,
        `entry ${entry.seq} (${entry.type}) was changed after it was written: its content no longer matches its hash`,
      );
    }
    seq = entry.seq;
    hash = entry.hash;
  }
  return { ok: true, seq, hash };
}

/** The recorded head must be where the chain ends; otherwise entries were removed from (or added past) the end. */
export function checkHead(
  reached: { seq: number; hash: string },
  recorded: { seq: number; hash: string },
): ChainBreak | null {
  if (reached.seq === recorded.seq && reached.hash === recorded.hash) return null;
  return {
    seq: Math.min(reached.seq, recorded.seq) + 1,
    reason: 'head_mismatch',
    expected: `${recorded.seq}:${recorded.hash}`,
    actual: `${reached.seq}:${reached.hash}`,
    message: `the log ends at entry ${reached.seq} but its recorded head is entry ${recorded.seq}`,
  };
}

function fail(seq: number, reason: ChainBreakReason, expected: string, actual: string, message: string) {
  return { ok: false as const, break: { seq, reason, expected, actual, message } };
}
