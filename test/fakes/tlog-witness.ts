/**
 * A C2SP tlog-witness (https://c2sp.org/tlog-witness) on loopback, for the tests of Docket's collection of
 * cosignatures. It answers `POST <prefix>/add-checkpoint` as the spec says a witness must, checks in the spec's order:
 * - a body that is not `old <size>\n`, at most 63 base64 proof lines, an empty line and a checkpoint: 400;
 * - a checkpoint whose origin it does not witness: 404;
 * - no signature by the log's key it trusts, or one by that key that fails: 403;
 * - an old size above the checkpoint's: 400;
 * - an old size that is not the size it last cosigned for the origin (0 if never): 409 with `text/x.tlog.size` and
 *   that size and a newline;
 * - a size-0 checkpoint without the empty tree's root, a proof with old size 0, a consistency proof that does not
 *   verify, or the same size with another root: 422;
 * - else it records the checkpoint (size and root) and answers 200 with its cosignature/v1 line.
 * The status codes and the 409's content type are those transparency-dev/witness's HTTP handler answers as well.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCheckpoint } from '../../src/transparency/public-log/checkpoint.js';
import { cosign, cosignerVerifierKey } from '../../src/transparency/public-log/cosignature.js';
import { EMPTY_TREE_HASH, verifyConsistency } from '../../src/transparency/public-log/merkle.js';
import {
  ed25519PublicKeyOf,
  openNote,
  parseVerifierKey,
  strictBase64,
} from '../../src/transparency/public-log/note.js';

export interface FakeWitness {
  name: string;
  /** The witness's cosignature/v1 verifier key. */
  vkey: string;
  /** The submission prefix, e.g. http://127.0.0.1:PORT/w1 (add-checkpoint is under it). */
  url: string;
  /** What it last cosigned, per origin. */
  latest: Map<string, { size: number; root: Buffer }>;
  /** Every request's status, in order. */
  answers: number[];
  /** Answer the next requests with this status instead (e.g. 503), then behave again. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const MAX_PROOF_LINES = 63;

export async function startFakeWitness(options: {
  name: string;
  /** The logs it witnesses: origin → the log's note verifier key (type 0x01). */
  logs: Record<string, string>;
  privateKey?: KeyObject;
  now?: () => number;
}): Promise<FakeWitness> {
  const privateKey = options.privateKey ?? generateKeyPairSync('ed25519').privateKey;
  const vkey = cosignerVerifierKey(options.name, ed25519PublicKeyOf(privateKey));
  const latest = new Map<string, { size: number; root: Buffer }>();
  const answers: number[] = [];
  let failures: { status: number; left: number } | null = null;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  function addCheckpoint(body: Buffer): { status: number; body: string; type?: string } {
    const text = body.toString('utf8');
    const blank = text.indexOf('\n\n');
    if (blank < 0) return { status: 400, body: 'no empty line before the checkpoint\n' };
    const lines = text.slice(0, blank).split('\n');
    const oldMatch = /^old (0|[1-9][0-9]*)$/.exec(lines[0] ?? '');
    if (!oldMatch) return { status: 400, body: 'the first line is not "old <size>"\n' };
    const oldSize = Number(oldMatch[1]);
    const proofLines = lines.slice(1);
    if (proofLines.length > MAX_PROOF_LINES) return { status: 400, body: 'more than 63 proof lines\n' };
    const proof: Buffer[] = [];
    for (const line of proofLines) {
      const hash = strictBase64(line);
      if (!hash || hash.length !== 32) return { status: 400, body: 'a proof line is not a base64 hash\n' };
      proof.push(hash);
    }
    const note = text.slice(blank + 2);
    const origin = note.slice(0, Math.max(0, note.indexOf('\n')));
    const logKey = options.logs[origin];
    if (logKey === undefined) return { status: 404, body: 'unknown log\n' };
    let noteText: string;
    try {
      noteText = openNote(note, [parseVerifierKey(logKey)]).text;
    } catch {
      return { status: 403, body: 'no valid signature by the log\n' };
    }
    let head;
    try {
      head = parseCheckpoint(noteText, origin);
    } catch {
      return { status: 400, body: 'malformed checkpoint\n' };
    }
    if (oldSize > head.size) return { status: 400, body: 'old size is larger than the checkpoint\n' };
    const known = latest.get(origin) ?? { size: 0, root: EMPTY_TREE_HASH };
    if (oldSize !== known.size) return { status: 409, body: `${known.size}\n`, type: 'text/x.tlog.size' };
    if (head.size === 0 && !head.rootHash.equals(EMPTY_TREE_HASH)) {
      return { status: 422, body: 'a size-0 checkpoint has the empty tree root\n' };
    }
    if (oldSize === 0 && proof.length > 0) return { status: 422, body: 'a proof from size 0\n' };
    if (!verifyConsistency(oldSize, head.size, known.root, head.rootHash, proof)) {
      return { status: 422, body: 'the consistency proof does not verify\n' };
    }
    latest.set(origin, { size: head.size, root: head.rootHash });
    return { status: 200, body: cosign(options.name, privateKey, noteText, now()) };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://witness').pathname;
      let answer: { status: number; body: string; type?: string };
      if (failures && failures.left > 0) {
        failures.left -= 1;
        answer = { status: failures.status, body: 'unavailable\n' };
      } else if (!path.endsWith('/add-checkpoint')) answer = { status: 404, body: 'not found\n' };
      else if (req.method !== 'POST') answer = { status: 405, body: 'method not allowed\n' };
      else if (size > MAX_BODY) answer = { status: 400, body: 'body too large\n' };
      else answer = addCheckpoint(Buffer.concat(chunks));
      answers.push(answer.status);
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/plain; charset=utf-8' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name: options.name,
    vkey,
    url: `http://127.0.0.1:${port}/${options.name.split('/').pop() ?? 'w'}`,
    latest,
    answers,
    failNext(status, times = 1) {
      failures = { status, left: times };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
