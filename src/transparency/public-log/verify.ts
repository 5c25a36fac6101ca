import { checkHead, GENESIS_HASH, verifyEntries, type ChainEntry } from '../../core/chain.js';
import { checkpointSignedBy, keyIdOf, PUBLIC_LOG_NAME, type Checkpoint, type PublishedKey } from './signing.js';

/** A whole public log as downloaded: every entry from the first, the key and the signed checkpoints. */
export interface PublicLogCopy {
  log: string;
  key: PublishedKey | null;
  head: { seq: number; hash: string };
  entries: ChainEntry[];
  checkpoints: Checkpoint[];
}

export type PublicLogProblem =
  | 'not_a_public_log'
  | 'key_mismatch'
  | 'seq_gap'
  | 'prev_mismatch'
  | 'hash_mismatch'
  | 'head_mismatch'
  | 'bad_signature'
  | 'checkpoint_mismatch'
  | 'differs_from_earlier_copy'
  | 'site_differs';

export interface PublicLogFinding {
  problem: PublicLogProblem;
  /** The first entry that does not match (0 when the problem is not an entry's). */
  seq: number;
  /** That entry's type and subject, when there is one, e.g. `board.response` of `BC-2023-001-R2`. */
  entry: { type: string; stream: string } | null;
  message: string;
}

export interface PublicLogReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  head: { seq: number; hash: string };
  keyId: string | null;
  /** The newest signed entry; entries after it are not yet covered by a checkpoint. */
  signedThrough: number;
  finding: PublicLogFinding | null;
}

export interface VerifyOptions {
  /** Require this key (its base64url `x` or its key id), e.g. one saved when the log was first fetched. */
  pinnedKey?: string;
  /** An earlier download: every entry it holds must still be there, unchanged. */
  earlier?: PublicLogCopy;
}

/**
 * Verifies a public log offline: the hash chain from the first entry, the recorded head, each checkpoint's
 * Ed25519 signature and that the entry it signs still has the signed hash, and (given an earlier copy) that no
 * entry published then has changed since. Names the first entry that does not match.
 */
export function verifyPublicLog(copy: PublicLogCopy, options: VerifyOptions = {}): PublicLogReport {
  const entries = [...copy.entries].sort((a, b) => a.seq - b.seq);
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const describe = (seq: number) => {
    const entry = bySeq.get(seq);
    return entry ? { type: entry.type, stream: entry.stream } : null;
  };
  const report = (finding: PublicLogFinding | null, signedThrough = 0): PublicLogReport => ({
    ok: finding === null,
    entries: entries.length,
    checkpoints: copy.checkpoints.length,
    head: copy.head,
    keyId: copy.key?.keyId ?? null,
    signedThrough,
    finding,
  });
  const at = (problem: PublicLogProblem, seq: number, message: string) => ({
    problem,
    seq,
    entry: describe(seq),
    message,
  });

  if (copy.log !== PUBLIC_LOG_NAME || !Array.isArray(copy.entries) || !Array.isArray(copy.checkpoints)) {
    return report({
      problem: 'not_a_public_log',
      seq: 0,
      entry: null,
      message: `this is not a Docket public log (expected "log": "${PUBLIC_LOG_NAME}")`,
    });
  }
  if (options.pinnedKey && (!copy.key || (copy.key.x !== options.pinnedKey && copy.key.keyId !== options.pinnedKey))) {
    return report({
      problem: 'key_mismatch',
      seq: 0,
      entry: null,
      message: `the log is signed with key ${copy.key?.keyId ?? '(none)'}, not the key you trust (${options.pinnedKey})`,
    });
  }
  if (copy.key && keyIdOf(copy.key.x) !== copy.key.keyId) {
    return report({
      problem: 'key_mismatch',
      seq: 0,
      entry: null,
      message: `the published key's id ${copy.key.keyId} is not the id of its public key (${keyIdOf(copy.key.x)})`,
    });
  }

  const chain = verifyEntries({ seq: 0, hash: GENESIS_HASH }, entries);
  if (!chain.ok) return report(at(chain.break.reason, chain.break.seq, chain.break.message));
  const headBreak = checkHead(chain, copy.head);
  if (headBreak)
    return report({ problem: 'head_mismatch', seq: headBreak.seq, entry: null, message: headBreak.message });

  if (options.earlier) {
    for (const old of [...options.earlier.entries].sort((a, b) => a.seq - b.seq)) {
      const now = bySeq.get(old.seq);
      if (!now || now.hash !== old.hash) {
        return report({
          problem: 'differs_from_earlier_copy',
          seq: old.seq,
          entry: { type: old.type, stream: old.stream },
          message: `entry ${old.seq} (${old.type} ${old.stream}) ${now ? 'differs from' : 'is missing from'} the copy you kept`,
        });
      }
    }
  }
  let signedThrough = 0;
  for (const cp of [...copy.checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (!copy.key || !checkpointSignedBy(cp, copy.key)) {
      return report({
        problem: 'bad_signature',
        seq: cp.seq,
        entry: describe(cp.seq),
        message: `the checkpoint at entry ${cp.seq} (${cp.at}) does not carry a valid signature of key ${copy.key?.keyId ?? '(none)'}`,
      });
    }
    const entry = bySeq.get(cp.seq);
    if (!entry) {
      return report({
        problem: 'checkpoint_mismatch',
        seq: cp.seq,
        entry: null,
        message: `the checkpoint signed on ${cp.at} covers entry ${cp.seq}, but the log ends at entry ${chain.seq}: signed entries were removed`,
      });
    }
    if (entry.hash !== cp.hash) {
      return report(
        at(
          'checkpoint_mismatch',
          cp.seq,
          `entry ${cp.seq} no longer has the hash signed on ${cp.at}: an entry at or before it was rewritten and the chain rebuilt`,
        ),
      );
    }
    signedThrough = cp.seq;
  }

  return report(null, signedThrough);
}

/** A board case as the public site serves it (`GET /api/public/board/cases/{ref}`): the parts the log also holds. */
export interface SiteCase {
  ref: string;
  decision: { outcome: string | null; text: string | null } | null;
  recommendations?: {
    ref: string;
    text: string;
    measure: string;
    responses: { category: string; reasons: string; timeline: string | null }[];
    assessments: { assessment: string; note: string }[];
  }[];
}

export type SiteFinding = PublicLogFinding & { problem: 'site_differs' };

/**
 * Does the site still show what was published? Compares every board decision, recommendation, response and
 * assessment in the (verified) log with the site's current pages, in order, and names the first entry the site
 * contradicts, or a response or assessment the site shows that was never published.
 */
export function compareWithSite(
  entries: readonly ChainEntry[],
  site: ReadonlyMap<string, SiteCase | null>,
): SiteFinding | null {
  const seen = new Map<string, number>();
  const nth = (kind: string, ref: string) => {
    const key = `${kind}:${ref}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
  const differs = (entry: ChainEntry, what: string): SiteFinding => ({
    problem: 'site_differs',
    seq: entry.seq,
    entry: { type: entry.type, stream: entry.stream },
    message: `entry ${entry.seq} (${entry.type} ${entry.stream}): ${what}`,
  });
  const recOf = (entry: ChainEntry, p: Record<string, unknown>) =>
    site.get(String(p.caseRef))?.recommendations?.find((r) => r.ref === (p.recommendationRef ?? p.ref));

  for (const entry of entries) {
    const p = entry.payload as Record<string, unknown>;
    if (entry.type === 'board.decision') {
      const shown = site.get(String(p.ref));
      if (!shown?.decision) return differs(entry, 'the site no longer shows this decision');
      if (shown.decision.text !== p.text || shown.decision.outcome !== p.outcome)
        return differs(entry, 'the site shows a different decision text or outcome than was published');
    } else if (entry.type === 'board.recommendation') {
      const rec = recOf(entry, p);
      if (!rec) return differs(entry, 'the site no longer shows this recommendation');
      if (rec.text !== p.text || rec.measure !== p.measure)
        return differs(entry, 'the site shows this recommendation with a different text');
    } else if (entry.type === 'board.response') {
      const shown = recOf(entry, p)?.responses[nth('response', String(p.recommendationRef))];
      if (!shown) return differs(entry, 'the site no longer shows this response');
      if (
        shown.category !== p.category ||
        shown.reasons !== p.reasons ||
        (shown.timeline ?? null) !== (p.timeline ?? null)
      ) {
        return differs(
          entry,
          `the site shows this response as "${shown.category}: ${shown.reasons}", not as published ("${String(p.category)}: ${String(p.reasons)}")`,
        );
      }
    } else if (entry.type === 'board.assessment') {
      const shown = recOf(entry, p)?.assessments[nth('assessment', String(p.recommendationRef))];
      if (!shown) return differs(entry, 'the site no longer shows this assessment');
      if (shown.assessment !== p.assessment || shown.note !== p.note)
        return differs(entry, 'the site shows this assessment differently than it was published');
    }
  }
  for (const shown of site.values()) {
    for (const rec of shown?.recommendations ?? []) {
      const published = {
        response: seen.get(`response:${rec.ref}`) ?? 0,
        assessment: seen.get(`assessment:${rec.ref}`) ?? 0,
      };
      if (rec.responses.length > published.response)
        return {
          problem: 'site_differs',
          seq: 0,
          entry: null,
          message: `the site shows ${rec.responses.length} responses to ${rec.ref}, but only ${published.response} were published`,
        };
      if (rec.assessments.length > published.assessment)
        return {
          problem: 'site_differs',
          seq: 0,
          entry: null,
          message: `the site shows ${rec.assessments.length} assessments of ${rec.ref}, but only ${published.assessment} were published`,
        };
    }
  }
  return null;
}

/** The board cases a log speaks of, whose public pages `compareWithSite` needs. */
export function boardCaseRefs(entries: readonly ChainEntry[]): string[] {
  const refs = new Set<string>();
  for (const e of entries) {
    if (!e.type.startsWith('board.')) continue;
    const p = e.payload as Record<string, unknown>;
    const ref = typeof p.caseRef === 'string' ? p.caseRef : typeof p.ref === 'string' ? p.ref : null;
    if (ref) refs.add(ref);
  }
  return [...refs];
}
