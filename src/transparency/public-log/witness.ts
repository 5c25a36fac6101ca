import { configError, type WitnessSetting } from '../../core/config-witnesses.js';
import { parseCosignerKey, verifyCosignatures, type Cosignature, type Cosigner } from './cosignature.js';
import { TlogFormatError } from './format-error.js';
import { openNote } from './note.js';

/**
 * The log's side of C2SP tlog-witness (https://c2sp.org/tlog-witness): `POST <prefix>/add-checkpoint` with the size
 * the witness last cosigned, a consistency proof from it and the signed checkpoint; the witness answers its
 * cosignature lines, or 409 `text/x.tlog.size` with the size it has, or refuses.
 */
export interface Witness {
  cosigner: Cosigner;
  /** The submission prefix, without a trailing slash. */
  url: string;
}

export type WitnessAnswer =
  | { kind: 'cosigned'; cosignature: Cosignature }
  /** The witness last cosigned another size: ask again with a proof from it. */
  | { kind: 'conflict'; size: number }
  | { kind: 'failed'; status: number | null; reason: string };

/** The configured witnesses with their keys read; a key that is not a cosignature/v1 key is a configuration error. */
export function readWitnesses(settings: readonly WitnessSetting[]): Witness[] {
  return settings.map(({ vkey, url }) => {
    try {
      return { cosigner: parseCosignerKey(vkey), url };
    } catch (error) {
      if (error instanceof TlogFormatError) throw configError(`lists ${vkey}: ${error.message}`);
      throw error;
    }
  });
}

/** The add-checkpoint request body: `old <size>`, the proof's hashes in base64, an empty line, the checkpoint. */
export function addCheckpointBody(oldSize: number, proof: readonly Uint8Array[], signedCheckpoint: string): string {
  const lines = [`old ${oldSize}`, ...proof.map((hash) => Buffer.from(hash).toString('base64'))];
  return `${lines.join('\n')}\n\n${signedCheckpoint}`;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Asks one witness to cosign. `signedCheckpoint` must open with the log's key (`logVerifiers`); the answer's lines
 * are checked the way the spec suggests: appended to the checkpoint and opened, keeping the witness's verified
 * cosignature. Never throws for what the witness or the network does: that is a `failed` answer with the reason.
 */
export async function addCheckpoint(
  witness: Witness,
  request: { oldSize: number; proof: readonly Uint8Array[]; signedCheckpoint: string },
  logVerifiers: Parameters<typeof openNote>[1],
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<WitnessAnswer> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${witness.url}/add-checkpoint`, {
      method: 'POST',
      body: addCheckpointBody(request.oldSize, request.proof, request.signedCheckpoint),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    return { kind: 'failed', status: null, reason: `could not reach the witness: ${(error as Error).message}` };
  }
  const body = await readCapped(response);
  if (body === null) return { kind: 'failed', status: response.status, reason: 'the answer is larger than 64 KiB' };
  if (response.status === 409) {
    const type = response.headers.get('content-type');
    const size = /^(0|[1-9][0-9]{0,15})\n$/.exec(body);
    if (type !== 'text/x.tlog.size' || !size) {
      return { kind: 'failed', status: 409, reason: 'a conflict without a text/x.tlog.size body' };
    }
    return { kind: 'conflict', size: Number(size[1]) };
  }
  if (response.status !== 200) {
    return { kind: 'failed', status: response.status, reason: refusal(response.status, body) };
  }
  try {
    const opened = openNote(request.signedCheckpoint + body, logVerifiers);
    const [cosignature] = verifyCosignatures(opened.text, opened.unverified, [witness.cosigner]);
    if (!cosignature) return { kind: 'failed', status: 200, reason: 'the answer holds no cosignature by its key' };
    return { kind: 'cosigned', cosignature };
  } catch (error) {
    return {
      kind: 'failed',
      status: 200,
      reason: `the answer is not a valid cosignature: ${(error as Error).message}`,
    };
  }
}

/** What the spec's status codes mean, with the witness's own words when it gave some. */
function refusal(status: number, body: string): string {
  const meaning: Record<number, string> = {
    400: 'the witness found the request malformed',
    403: 'the witness does not trust the log key that signed the checkpoint',
    404: 'the witness does not know this log (its origin)',
    422: 'the witness found the checkpoint inconsistent with the one it cosigned before',
  };
  const words = body.trim().slice(0, 200);
  return `${meaning[status] ?? `the witness answered ${status}`}${words ? `: ${words}` : ''}`;
}

async function readCapped(response: Response): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Asks a witness to cosign the checkpoint of `size`, starting from the size it is believed to have cosigned last
 * (`knownSize`, 0 if none); on a 409 it asks once more from the size the witness names, when that is not above
 * `size`. `proof(from)` gives the consistency proof from `from` to `size`. Returns the last answer and the size the
 * witness holds afterwards, when known.
 */
export async function requestCosignature(
  witness: Witness,
  checkpoint: { size: number; signed: string },
  knownSize: number,
  proof: (from: number) => Promise<readonly Uint8Array[]>,
  logVerifiers: Parameters<typeof openNote>[1],
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<{ answer: Exclude<WitnessAnswer, { kind: 'conflict' }>; witnessSize: number | null }> {
  let from = knownSize > checkpoint.size ? 0 : knownSize;
  let retried = false;
  for (;;) {
    const answer = await addCheckpoint(
      witness,
      { oldSize: from, proof: from === 0 ? [] : await proof(from), signedCheckpoint: checkpoint.signed },
      logVerifiers,
      options,
    );
    if (answer.kind === 'cosigned') return { answer, witnessSize: checkpoint.size };
    if (answer.kind === 'failed') return { answer, witnessSize: null };
    const stuck =
      answer.size > checkpoint.size
        ? `the witness has cosigned size ${answer.size}, larger than this checkpoint's ${checkpoint.size}`
        : retried || answer.size === from
          ? `the witness keeps answering that it holds size ${answer.size}`
          : null;
    if (stuck) return { answer: { kind: 'failed', status: 409, reason: stuck }, witnessSize: answer.size };
    from = answer.size;
    retried = true;
  }
}
