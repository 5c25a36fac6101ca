import { TlogFormatError } from './format-error.js';
import { HASH_SIZE } from './merkle.js';
import { openNote, signNote, strictBase64, type NoteSigner, type NoteVerifier, type OpenedNote } from './note.js';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text of a signed tree head. Three non-empty
 * lines, the origin (the log's identity), the tree size in decimal without leading zeroes, and the base64 RFC 6962
 * root hash, then optional non-empty extension lines; every line ends in a newline.
 */
export interface TreeHead {
  origin: string;
  size: number;
  rootHash: Buffer;
  /** Opaque extension lines; the spec does not recommend them and Docket writes none. */
  extensions: string[];
}

const bad = (why: string) => new TlogFormatError('malformed_checkpoint', `checkpoint ${why}`);

function checkLine(what: string, line: string): void {
  if (line.length === 0) throw bad(`has an empty ${what}`);
  if ([...line].some((c) => c.charCodeAt(0) < 0x20)) throw bad(`has a control character in its ${what}`);
}

/** The checkpoint body for a tree head. */
export function formatCheckpoint(head: {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: string[];
}): string {
  checkLine('origin', head.origin);
  if (!Number.isSafeInteger(head.size) || head.size < 0) throw bad(`has tree size ${head.size}`);
  if (head.rootHash.length !== HASH_SIZE) throw bad(`has a root hash of ${head.rootHash.length} bytes`);
  const extensions = head.extensions ?? [];
  for (const line of extensions) checkLine('extension line', line);
  const lines = [head.origin, String(head.size), Buffer.from(head.rootHash).toString('base64'), ...extensions];
  return `${lines.join('\n')}\n`;
}

/** Parses a checkpoint body strictly; with `origin`, it must be that log's. */
export function parseCheckpoint(text: string, origin?: string): TreeHead {
  if (!text.endsWith('\n')) throw bad('does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad('has fewer than three lines (origin, tree size, root hash)');
  const [first, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine('origin', first);
  if (origin !== undefined && first !== origin) {
    throw bad(`is for log ${JSON.stringify(first)}, not ${JSON.stringify(origin)}`);
  }
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) throw bad(`has tree size ${JSON.stringify(sizeText)}`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw bad(`has tree size ${sizeText}, larger than Docket can count`);
  const rootHash = strictBase64(rootText);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw bad('does not have a base64 32-byte root hash');
  for (const line of extensions) checkLine('extension line', line);
  return { origin: first, size, rootHash, extensions };
}

/** A signed checkpoint: the body as a signed note. */
export function signCheckpoint(head: TreeHead, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(head), signers);
}

/**
 * Opens a signed checkpoint of log `origin`: the note must verify with one of `verifiers` (normally the log's own
 * key), and its body must be a well-formed checkpoint of that origin. Witness cosignatures by keys not given stay in
 * `note.unverified`.
 */
export function openCheckpoint(
  signed: string | Uint8Array,
  origin: string,
  verifiers: readonly NoteVerifier[],
): { head: TreeHead; note: OpenedNote } {
  const note = openNote(signed, verifiers);
  return { head: parseCheckpoint(note.text, origin), note };
}

/** The default origin line: the site's host and `/log`, e.g. `transparency.example.org/log`. */
export function defaultLogOrigin(siteUrl: string): string {
  return `${new URL(siteUrl).host}/log`;
}
