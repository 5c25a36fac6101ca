import { canonicalJson } from '../../core/canonical-json.js';
import { entryHash, GENESIS_HASH, type ChainEntry } from '../../core/chain.js';
import { parseCheckpoint, type TreeHead } from './checkpoint.js';
import { cosignatureTimestamp, verifyCosignatures, type Cosigner } from './cosignature.js';
import { TlogFormatError } from './format-error.js';
import {
  consistencyProof,
  EMPTY_TREE_HASH,
  HASH_SIZE,
  leafHash,
  nodeHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import {
  keyTag,
  openNote,
  parseVerifierKey,
  strictBase64,
  type NoteSignature,
  type NoteVerifier,
  type OpenedNote,
} from './note.js';
import { keyIdOf } from './signing.js';
import { tlogLeaf } from './tlog.js';
import {
  decodeEntryBundle,
  entryBundlePath,
  tileHashReader,
  tilePath,
  TILE_WIDTH,
  tileWidthAt,
  type TileRef,
} from './tiles.js';

/**
 * The auditor's check of the public log as a C2SP tlog-tiles log, from the published resources alone: the signed
 * checkpoint against a trusted key, the root recomputed from the tiles and from the entry bundles, every tile
 * against the tree the entry bundles make, every entry's chain link and (given the JSON view) its content, and
 * (given a checkpoint kept earlier) that the log only grew. Every mismatch is named: which resource, which entry,
 * which field. Reading is the caller's: a directory, a URL, a test's map.
 */
export interface TiledLogReader {
  /** The bytes at `path` under the log prefix (`checkpoint`, `key`, `tile/0/000`), or null when there are none. */
  read(path: string): Promise<Uint8Array | null>;
}

/** A resource the check needs is not there; the caller says how to report it (an unreachable site, a missing file). */
export class TiledLogMissing extends Error {
  constructor(readonly path: string) {
    super(`${path} is not there`);
    this.name = 'TiledLogMissing';
  }
}

export type TiledLogProblem =
  | 'key_mismatch'
  | 'bad_checkpoint'
  | 'root_mismatch'
  | 'tile_mismatch'
  | 'entry_mismatch'
  | 'view_mismatch'
  | 'not_consistent'
  | 'proof_mismatch'
  | 'cosignature_invalid'
  | 'cosignature_missing';

export interface TiledLogFinding {
  problem: TiledLogProblem;
  /** The resource that does not match: `checkpoint`, `key`, a tile path, an entry bundle path, `public/log`. */
  path: string;
  /** The entry concerned (its seq; tlog index + 1), when there is one. */
  seq: number | null;
  message: string;
}

export interface TiledLogOptions {
  /**
   * The key to trust: a verifier key line (`name+keyid+base64`), or the public key (base64url) or key id the served
   * key must have. Without it the key the log serves is trusted, which proves less.
   */
  key?: { vkey: string } | { publicKey: string };
  /** A signed checkpoint kept earlier: the log must extend it, and be signed by the same key. */
  against?: Uint8Array;
  /** The JSON view's entries, read after the checkpoint so it holds at least the signed ones; null when absent. */
  view?: () => Promise<readonly ChainEntry[] | null>;
  /**
   * Witnesses whose C2SP tlog-cosignature (cosignature/v1) lines on the checkpoint must verify, and how many of them
   * must have cosigned it (default: all). Without them the cosignature lines found are listed, not checked.
   */
  witnesses?: { cosigners: readonly Cosigner[]; quorum?: number };
  /** Findings kept (the rest are counted); default 20. */
  limit?: number;
}

/** A given witness's cosignature on the checkpoint: verified (with its time), absent, or not verifying. */
export interface WitnessCheck {
  /** `name+keyid` */
  witness: string;
  status: 'cosigned' | 'missing' | 'invalid';
  /** The time it says it cosigned (POSIX seconds), when it did. */
  timestamp: number | null;
}

/** A signature line on the checkpoint by a key other than the log's, as found (not verified). */
export interface UncheckedCosignature {
  /** `name+keyid` */
  witness: string;
  /** The time a cosignature/v1 line says, or null when the line is not of that form. */
  timestamp: number | null;
}

export interface TiledLogReport {
  ok: boolean;
  key: { vkey: string; from: 'given' | 'served' } | null;
  origin: string | null;
  size: number;
  /** base64, as in the checkpoint */
  root: string | null;
  /** The checkpoint's bytes, to keep for a later `--against`. */
  checkpoint: string | null;
  /** Entries compared with the JSON view, and view entries the signed tree does not hold yet. */
  view: { compared: number; newer: number } | null;
  against: { size: number; root: string } | null;
  /** The served inclusion and consistency proofs checked (none when the log serves none, as a directory copy). */
  proofs: number;
  /**
   * The checkpoint's cosignatures: with witnesses given, each one's verdict and the quorum; without, the signature
   * lines by other keys found on it, unchecked.
   */
  witnesses:
    | { checked: true; quorum: number; cosigned: number; results: WitnessCheck[] }
    | { checked: false; found: UncheckedCosignature[] }
    | null;
  findings: TiledLogFinding[];
  /** Findings past the limit, counted only. */
  more: number;
}

const LEAF_FIELDS = ['actor', 'at', 'hash', 'prev', 'seq', 'stream', 'type'] as const;

/** The Ed25519 public key a verifier key line holds. */
export function verifierPublicKey(vkey: string): Buffer {
  const rest = vkey.split('+').slice(2).join('+');
  return (strictBase64(rest) as Buffer).subarray(1);
}

/** MTH of a full tile's 256 hashes (a perfect tree). */
function perfectRoot(hashes: readonly Buffer[]): Buffer {
  let layer = [...hashes];
  while (layer.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < layer.length; i += 2) up.push(nodeHash(layer[i] as Buffer, layer[i + 1] as Buffer));
    layer = up;
  }
  return layer[0] as Buffer;
}

/** RFC 6962 MTH of a stream of leaf hashes, kept as the perfect subtrees so far (O(log n) of them). */
class CompactRange {
  private readonly stack: { level: number; hash: Buffer }[] = [];

  add(leaf: Buffer): void {
    let node = { level: 0, hash: leaf };
    for (let top = this.stack.at(-1); top && top.level === node.level; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { level: node.level + 1, hash: nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_TREE_HASH;
    let h = (this.stack.at(-1) as { hash: Buffer }).hash;
    for (let i = this.stack.length - 2; i >= 0; i--) h = nodeHash((this.stack[i] as { hash: Buffer }).hash, h);
    return h;
  }
}

/** The leaf fields that differ between two leaves' JSON. */
function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return LEAF_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

function parseLeaf(bytes: Buffer): { entry: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { error: 'is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'is not a JSON object' };
  const entry = value as Record<string, unknown>;
  const keys = Object.keys(entry).sort();
  if (keys.join() !== LEAF_FIELDS.join())
    return { error: `has fields ${keys.join(', ')}, not ${LEAF_FIELDS.join(', ')}` };
  if (typeof entry.seq !== 'number' || LEAF_FIELDS.some((f) => f !== 'seq' && typeof entry[f] !== 'string')) {
    return { error: 'has a field of the wrong type' };
  }
  if (canonicalJson(entry) !== bytes.toString('utf8')) return { error: 'is not in RFC 8785 canonical form' };
  return { entry };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function verifyTiledLog(reader: TiledLogReader, options: TiledLogOptions = {}): Promise<TiledLogReport> {
  const limit = options.limit ?? 20;
  const report: TiledLogReport = {
    ok: false,
    key: null,
    origin: null,
    size: 0,
    root: null,
    checkpoint: null,
    view: null,
    against: null,
    proofs: 0,
    witnesses: null,
    findings: [],
    more: 0,
  };
  const find = (problem: TiledLogProblem, path: string, seq: number | null, message: string) => {
    if (report.findings.length < limit) report.findings.push({ problem, path, seq, message });
    else report.more++;
  };
  const done = () => ({ ...report, ok: report.findings.length === 0 && report.more === 0 });
  const need = async (path: string) => {
    const data = await reader.read(path);
    if (!data) throw new TiledLogMissing(path);
    return Buffer.from(data);
  };

  // The key: the one given, else the one served (which only shows the checkpoint matches what the site says).
  const verifier = await trustedKey(reader, options.key, report, find);
  if (!verifier) return done();

  // The checkpoint first: the tiles and the JSON view read after it hold at least what it signs.
  const signed = await need('checkpoint');
  report.checkpoint = signed.toString('utf8');
  const opened = openSigned('checkpoint', signed, verifier, find);
  if (!opened) return done();
  const { head, note } = opened;
  Object.assign(report, { origin: head.origin, size: head.size, root: b64(head.rootHash) });
  report.witnesses = checkWitnesses(note, options.witnesses, find);

  const old = options.against ? openKept(options.against, verifier, head, find) : null;
  if (options.against && !old) return done();
  const view = options.view ? await options.view() : null;

  const tiles = new TileSource(reader);
  const read = tileHashReader(head.size, (tile) => tiles.tile(tile, true));
  const tilesRoot = await treeHash(head.size, read).catch((error: unknown) => {
    if (error instanceof TlogFormatError) return error;
    throw error;
  });
  const tilesRootOk = Buffer.isBuffer(tilesRoot) && tilesRoot.equals(head.rootHash);
  const rootPath = [...tiles.rootPath].join(', ');

  const samples = new Set([1, Math.ceil(head.size / 2), head.size].filter((seq) => seq >= 1 && seq <= head.size));
  const walk = await walkEntries(tiles, head.size, view, find, samples);
  const entriesRootOk = walk.root.equals(head.rootHash);

  if (!tilesRootOk) {
    find(
      'root_mismatch',
      rootPath,
      null,
      tilesRoot instanceof TlogFormatError
        ? `the tiles cannot give the root: ${tilesRoot.message}`
        : `the tiles (${rootPath}) do not hash to the signed root of ${head.size} entries`,
    );
  }
  if (!entriesRootOk) find('root_mismatch', 'tile/entries', null, `the entry bundles do not hash to the signed root`);
  for (const diff of walk.tileDiffs) describeDiff(diff, { entriesRootOk, tilesRootOk }, find);
  if (view) report.view = { compared: Math.min(view.length, head.size), newer: Math.max(0, view.length - head.size) };

  if (old) {
    report.against = { size: old.size, root: b64(old.rootHash) };
    await checkConsistency(old, head, read, find);
  }
  report.proofs = await checkServedProofs(reader, head, old, walk.sampled, find);
  return done();
}

/**
 * Says which side of a difference between a served tile and the tree the entry bundles make is wrong: the signed
 * root decides, when it agrees with the entries (the tile was changed) or with the tiles (the entries were).
 */
function describeDiff(diff: TileDiff, roots: { entriesRootOk: boolean; tilesRootOk: boolean }, find: Find): void {
  const { tile, index } = diff;
  const path = tilePath(tile);
  if (diff.what) {
    find('tile_mismatch', path, null, `it ${diff.what}`);
    return;
  }
  const confirmed = ', which the signed root confirms';
  if (tile.level === 0) {
    const seq = tile.n * TILE_WIDTH + index + 1;
    if (roots.entriesRootOk) {
      find('tile_mismatch', path, seq, `hash ${index} is not entry ${seq}'s leaf hash${confirmed}`);
    } else {
      const bundle = entryBundlePath(tile);
      find(
        'entry_mismatch',
        bundle,
        seq,
        `entry ${seq} in ${bundle} is not the entry the tiles hold (${path}, hash ${index})`,
      );
    }
    return;
  }
  const below = tilePath({ level: tile.level - 1, n: tile.n * TILE_WIDTH + index, width: TILE_WIDTH });
  if (roots.entriesRootOk) {
    find('tile_mismatch', path, null, `hash ${index} is not the root of ${below}${confirmed}`);
  } else if (roots.tilesRootOk) {
    find(
      'tile_mismatch',
      below,
      null,
      `${below} and the entries under it were rewritten: they no longer hash to hash ${index} of ${path}${confirmed}`,
    );
  } else {
    find('tile_mismatch', path, null, `hash ${index} is not the root of ${below} as the entry bundles make it`);
  }
}

type Find = (problem: TiledLogProblem, path: string, seq: number | null, message: string) => void;

async function trustedKey(
  reader: TiledLogReader,
  given: TiledLogOptions['key'],
  report: TiledLogReport,
  find: Find,
): Promise<NoteVerifier | null> {
  const servedBytes = await reader.read('key');
  const served = servedBytes ? Buffer.from(servedBytes).toString('utf8').trim() : null;
  if (given && 'vkey' in given) {
    report.key = { vkey: given.vkey, from: 'given' };
    if (served !== null && served !== given.vkey) {
      find(
        'key_mismatch',
        'key',
        null,
        `the log now serves key ${served.split('+').slice(0, 2).join('+')}, not the key you trust`,
      );
    }
    return parseVerifierKey(given.vkey);
  }
  if (served === null) throw new TiledLogMissing('key');
  let verifier: NoteVerifier;
  try {
    verifier = parseVerifierKey(served);
  } catch (error) {
    if (!(error instanceof TlogFormatError)) throw error;
    find('key_mismatch', 'key', null, `the served key is not a verifier key: ${error.message}`);
    return null;
  }
  report.key = { vkey: served, from: 'served' };
  if (given) {
    const x = verifierPublicKey(served).toString('base64url');
    if (given.publicKey !== x && given.publicKey !== keyIdOf(x)) {
      find('key_mismatch', 'key', null, `the log serves public key ${x}, not the key you trust (${given.publicKey})`);
      return null;
    }
    report.key.from = 'given';
  }
  return verifier;
}

function openSigned(
  path: string,
  bytes: Buffer,
  verifier: NoteVerifier,
  find: Find,
): { head: TreeHead; note: OpenedNote } | null {
  try {
    const note = openNote(bytes, [verifier]);
    return { head: parseCheckpoint(note.text), note };
  } catch (error) {
    if (!(error instanceof TlogFormatError)) throw error;
    const keyName = keyTag(verifier.name, verifier.keyId);
    const why =
      error.code === 'unverified_note'
        ? `is not signed by ${keyName}`
        : error.code === 'invalid_signature'
          ? `does not carry a valid signature of ${keyName}: its text or signature was changed`
          : error.message;
    find(error.code === 'unverified_note' ? 'key_mismatch' : 'bad_checkpoint', path, null, `${path} ${why}`);
    return null;
  }
}

/** A kept checkpoint: signed by the same key, for the same log. A malformed file is the caller's input error. */
function openKept(bytes: Uint8Array, verifier: NoteVerifier, head: TreeHead, find: Find): TreeHead | null {
  const old = openSigned('the kept checkpoint', Buffer.from(bytes), verifier, find)?.head ?? null;
  if (old && old.origin !== head.origin) {
    find(
      'not_consistent',
      'checkpoint',
      null,
      `the kept checkpoint is of log ${old.origin}, this one of ${head.origin}`,
    );
    return null;
  }
  return old;
}

/**
 * The witnesses' cosignatures on the checkpoint (C2SP tlog-cosignature): each given witness's line must verify over
 * `cosignature/v1\ntime <t>\n` and the checkpoint text; one that does not is named whatever the quorum, and fewer
 * verified than the quorum names the witnesses missing. Lines by keys not given are ignored, as the spec says.
 */
function checkWitnesses(
  note: OpenedNote,
  given: TiledLogOptions['witnesses'],
  find: Find,
): NonNullable<TiledLogReport['witnesses']> {
  const tag = (s: NoteSignature) => keyTag(s.name, s.keyId);
  if (!given || given.cosigners.length === 0) {
    const timeOf = (s: NoteSignature) => {
      try {
        return cosignatureTimestamp(s.base64);
      } catch {
        return null;
      }
    };
    return { checked: false, found: note.unverified.map((s) => ({ witness: tag(s), timestamp: timeOf(s) })) };
  }
  const quorum = given.quorum ?? given.cosigners.length;
  const results: WitnessCheck[] = given.cosigners.map((cosigner) => {
    const witness = keyTag(cosigner.name, cosigner.keyId);
    try {
      const [cosignature] = verifyCosignatures(note.text, note.unverified, [cosigner]);
      return { witness, status: cosignature ? 'cosigned' : 'missing', timestamp: cosignature?.timestamp ?? null };
    } catch (error) {
      if (!(error instanceof TlogFormatError)) throw error;
      return { witness, status: 'invalid', timestamp: null };
    }
  });
  for (const r of results.filter((r) => r.status === 'invalid')) {
    find(
      'cosignature_invalid',
      'checkpoint',
      null,
      `the cosignature by witness ${r.witness} does not verify over the checkpoint: its line or the checkpoint was changed`,
    );
  }
  const cosigned = results.filter((r) => r.status === 'cosigned').length;
  if (cosigned < quorum) {
    for (const r of results.filter((r) => r.status === 'missing')) {
      find(
        'cosignature_missing',
        'checkpoint',
        null,
        `witness ${r.witness} has not cosigned the checkpoint (${cosigned} of the ${quorum} cosignatures required verify)`,
      );
    }
  }
  return { checked: true, quorum, cosigned, results };
}

async function checkConsistency(
  old: TreeHead,
  head: TreeHead,
  read: ReturnType<typeof tileHashReader>,
  find: Find,
): Promise<void> {
  if (old.size > head.size) {
    find(
      'not_consistent',
      'checkpoint',
      null,
      `the log shrank: the kept checkpoint signs ${old.size} entries, this one ${head.size}`,
    );
    return;
  }
  const proof = old.size === head.size ? [] : await consistencyProof(old.size, head.size, read).catch(() => null);
  if (!proof || !verifyConsistency(old.size, head.size, old.rootHash, head.rootHash, proof)) {
    find(
      'not_consistent',
      'checkpoint',
      null,
      `the tree of ${old.size} entries you kept is not a prefix of the signed tree of ${head.size}: the log was rewritten`,
    );
  }
}

/**
 * The proofs the log serves (`proof/inclusion`, `proof/consistency`) must verify too: for the first, middle and last
 * entry against the checkpoint, and from the kept checkpoint to it. A log that serves none (a directory copy) is not
 * faulted; the proofs computed from the tiles above already stand.
 */
async function checkServedProofs(
  reader: TiledLogReader,
  head: TreeHead,
  old: TreeHead | null,
  leaves: ReadonlyMap<number, Buffer>,
  find: Find,
): Promise<number> {
  let checked = 0;
  const served = async (path: string): Promise<Buffer[] | null | 'malformed'> => {
    const bytes = await reader.read(path);
    if (!bytes) return null;
    try {
      const { proof } = JSON.parse(Buffer.from(bytes).toString('utf8')) as { proof: unknown };
      if (!Array.isArray(proof)) return 'malformed';
      const hashes = proof.map((h) => (typeof h === 'string' ? strictBase64(h) : null));
      return hashes.every((h): h is Buffer => h !== null && h.length === HASH_SIZE) ? hashes : 'malformed';
    } catch {
      return 'malformed';
    }
  };
  for (const [seq, leaf] of leaves) {
    const path = `proof/inclusion?seq=${seq}&size=${head.size}`;
    const proof = await served(path);
    if (proof === null) return checked;
    checked++;
    if (proof === 'malformed' || !verifyInclusion(seq - 1, head.size, leaf, proof, head.rootHash)) {
      find(
        'proof_mismatch',
        path,
        seq,
        `the served inclusion proof of entry ${seq} does not verify against the signed root`,
      );
    }
  }
  if (old && old.size < head.size) {
    const path = `proof/consistency?from=${old.size}&to=${head.size}`;
    const proof = await served(path);
    if (proof === null) return checked;
    checked++;
    if (proof === 'malformed' || !verifyConsistency(old.size, head.size, old.rootHash, head.rootHash, proof)) {
      find(
        'proof_mismatch',
        path,
        null,
        `the served consistency proof from ${old.size} to ${head.size} entries does not verify`,
      );
    }
  }
  return checked;
}

/** Tiles and entry bundles of a tree, with the spec's fallback to a full tile when a partial one is gone. */
class TileSource {
  /** Tiles the root was computed from. */
  readonly rootPath = new Set<string>();
  private readonly kept = new Map<string, Promise<Buffer>>();

  constructor(private readonly reader: TiledLogReader) {}

  /** A tile's bytes (at most its width's; length unchecked). Tiles above level 0 and partial ones are kept. */
  tile(tile: TileRef, forRoot = false): Promise<Buffer> {
    const path = tilePath(tile);
    if (forRoot) this.rootPath.add(path);
    let pending = this.kept.get(path);
    if (!pending) {
      pending = this.fetch(path, tilePath({ ...tile, width: TILE_WIDTH }), tile.width * HASH_SIZE);
      if (tile.level > 0 || tile.width < TILE_WIDTH) this.kept.set(path, pending);
    }
    return pending;
  }

  async bundle(n: number, width: number): Promise<Buffer> {
    return this.fetch(entryBundlePath({ n, width }), entryBundlePath({ n, width: TILE_WIDTH }), null, width);
  }

  private async fetch(path: string, full: string, bytes: number | null, entries?: number): Promise<Buffer> {
    const data = await this.reader.read(path);
    if (data) return Buffer.from(data);
    if (path === full) throw new TiledLogMissing(path);
    const whole = await this.reader.read(full);
    if (!whole) throw new TiledLogMissing(path);
    if (bytes !== null) return Buffer.from(whole).subarray(0, bytes);
    return Buffer.concat(
      decodeEntryBundle(whole)
        .slice(0, entries)
        .map((e) => {
          const length = Buffer.alloc(2);
          length.writeUInt16BE(e.length);
          return Buffer.concat([length, e]);
        }),
    );
  }
}

interface TileDiff {
  tile: TileRef;
  index: number;
  what?: string;
}

/**
 * Walks the entry bundles in order: checks each entry (form, seq, link to the one before, the JSON view's copy
 * with its payload), builds the tiles they make level by level, compares each with the served one, and gives the
 * root the entries make.
 */
async function walkEntries(
  tiles: TileSource,
  size: number,
  view: readonly ChainEntry[] | null,
  find: Find,
  samples: ReadonlySet<number>,
): Promise<{ root: Buffer; tileDiffs: TileDiff[]; sampled: Map<number, Buffer> }> {
  const range = new CompactRange();
  const sampled = new Map<number, Buffer>();
  const tileDiffs: TileDiff[] = [];
  const differing = new Set<string>();
  const pending: Buffer[][] = [];
  const made: number[] = [];

  const compare = async (tile: TileRef, hashes: readonly Buffer[]) => {
    const served = await tiles.tile(tile);
    if (served.length !== hashes.length * HASH_SIZE) {
      tileDiffs.push({ tile, index: 0, what: `is ${served.length} bytes, not ${hashes.length * HASH_SIZE}` });
      differing.add(`${tile.level}/${tile.n}`);
      return;
    }
    // A hash above a tile that already differs differs too; only the lowest difference is news.
    const index = hashes.findIndex(
      (h, i) =>
        !h.equals(served.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)) &&
        !differing.has(`${tile.level - 1}/${tile.n * TILE_WIDTH + i}`),
    );
    if (index >= 0) {
      tileDiffs.push({ tile, index });
      differing.add(`${tile.level}/${tile.n}`);
    }
  };
  const complete = async (level: number, hashes: Buffer[]) => {
    const n = made[level] ?? 0;
    made[level] = n + 1;
    await compare({ level, n, width: hashes.length }, hashes);
    if (hashes.length === TILE_WIDTH) {
      const up = (pending[level + 1] ??= []);
      up.push(perfectRoot(hashes));
      if (up.length === TILE_WIDTH) {
        pending[level + 1] = [];
        await complete(level + 1, up);
      }
    }
  };

  const viewAt = (seq: number) => {
    const entry = view?.[seq - 1];
    return entry?.seq === seq ? entry : (view?.find((e) => e.seq === seq) ?? null);
  };
  let prev: string | null = GENESIS_HASH;
  let viewEnded = false;
  const bundles = Math.ceil(size / TILE_WIDTH);
  const ahead = new Map<number, Promise<Buffer>>();
  const fetchAhead = (n: number) => {
    for (let k = n; k < Math.min(bundles, n + 8); k++) {
      const width = tileWidthAt(size, 0, k) as number;
      if (ahead.has(k)) continue;
      const pending = tiles.bundle(k, width);
      pending.catch(() => undefined); // awaited in its turn; until then a failure must not go unhandled
      ahead.set(k, pending);
    }
  };
  for (let n = 0; n < bundles; n++) {
    fetchAhead(n);
    const width = tileWidthAt(size, 0, n) as number;
    const path = entryBundlePath({ n, width });
    const data = await (ahead.get(n) as Promise<Buffer>);
    ahead.delete(n);
    let leaves: Buffer[];
    try {
      leaves = decodeEntryBundle(data, width);
    } catch (error) {
      if (!(error instanceof TlogFormatError)) throw error;
      find('entry_mismatch', path, n * TILE_WIDTH + 1, error.message);
      // Go on with the served tile's hashes, so the tiles above are still checked.
      const served = await tiles.tile({ level: 0, n, width });
      const stand = Array.from({ length: width }, (_, i) => served.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      for (const h of stand) range.add(Buffer.from(h));
      prev = null;
      await complete(
        0,
        stand.map((h) => Buffer.from(h.length === HASH_SIZE ? h : Buffer.alloc(HASH_SIZE))),
      );
      continue;
    }
    const hashes = leaves.map(leafHash);
    for (const [i, h] of hashes.entries())
      if (samples.has(n * TILE_WIDTH + i + 1)) sampled.set(n * TILE_WIDTH + i + 1, h);
    for (const [i, leaf] of leaves.entries()) {
      const seq = n * TILE_WIDTH + i + 1;
      range.add(hashes[i] as Buffer);
      const parsed = parseLeaf(leaf);
      if ('error' in parsed) {
        find('entry_mismatch', path, seq, `entry ${seq} in ${path} ${parsed.error}`);
        prev = null;
        continue;
      }
      const entry = parsed.entry;
      if (entry.seq !== seq)
        find('entry_mismatch', path, seq, `entry ${seq} in ${path} says it is entry ${String(entry.seq)}`);
      else if (prev !== null && entry.prev !== prev) {
        find(
          'entry_mismatch',
          path,
          seq,
          `entry ${seq} in ${path} does not link to entry ${seq - 1} (its prev differs from that entry's hash)`,
        );
      }
      prev = entry.hash as string;
      if (!view) continue;
      const shown = viewAt(seq);
      if (!shown) {
        if (!viewEnded)
          find('view_mismatch', 'public/log', seq, `the JSON view lacks entry ${seq}, which the signed tree holds`);
        viewEnded = true;
        continue;
      }
      if (!leaf.equals(tlogLeaf(shown))) {
        const fields = differingFields(shown as unknown as Record<string, unknown>, entry);
        find(
          'view_mismatch',
          'public/log',
          seq,
          `entry ${seq} in the JSON view differs from the signed entry in its ${fields.join(', ') || 'encoding'}`,
        );
      } else if (entryHash(shown) !== shown.hash) {
        find(
          'view_mismatch',
          'public/log',
          seq,
          `entry ${seq} (${shown.type} ${shown.stream}) in the JSON view: its payload no longer matches the signed hash`,
        );
      }
    }
    await complete(0, hashes);
  }
  for (let level = 1; level < pending.length; level++) {
    const partial = pending[level] ?? [];
    if (partial.length > 0) await complete(level, partial);
  }
  return { root: range.root(), tileDiffs, sampled };
}
