import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { TlogFormatError } from './format-error.js';
import { ed25519VerifierKey, isValidKeyName, keyTag, noteKeyId, strictBase64, type NoteSignature } from './note.js';

/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the Ed25519 `cosignature/v1` type: a witness's note
 * signature on a checkpoint, saying "as of `time`, this is the largest consistent tree head I have seen for this
 * origin". The key ID is SHA-256(name || 0x0A || 0x04 || public key)[:4]; the signature bytes are a big-endian u64
 * POSIX timestamp followed by the Ed25519 signature over
 * `cosignature/v1\ntime <timestamp>\n` and the checkpoint's whole note text.
 */
export const COSIGNATURE_V1_TYPE = 0x04;
const PUBLIC_KEY_SIZE = 32;
const SIGNATURE_SIZE = 64;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** A witness's public key, as configured: its name, key ID and key. */
export interface Cosigner {
  name: string;
  keyId: number;
  publicKey: Buffer;
  /** The vkey string `name+keyid+base64(0x04 || key)` it was read from. */
  vkey: string;
}

/** A verified cosignature: who, when (POSIX seconds) and the note signature line to append to the checkpoint. */
export interface Cosignature {
  name: string;
  keyId: number;
  timestamp: number;
  line: string;
}

export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return noteKeyId(name, COSIGNATURE_V1_TYPE, publicKey);
}

/** The vkey of an Ed25519 cosigner: `<name>+<key ID>+<base64(0x04 || public key)>`. */
export function cosignerVerifierKey(name: string, publicKey: Uint8Array): string {
  return ed25519VerifierKey(name, publicKey, COSIGNATURE_V1_TYPE);
}

/** Parses a witness's vkey; only Ed25519 cosigners (type 0x04) are accepted, and the key ID must be the key's. */
export function parseCosignerKey(vkey: string): Cosigner {
  const bad = (why: string) => new TlogFormatError('malformed_verifier_key', `witness key ${why}`);
  const [name, id, ...rest] = vkey.split('+');
  if (name === undefined || id === undefined || rest.length === 0) throw bad('is not <name>+<key ID>+<key>');
  if (!isValidKeyName(name)) throw bad(`has a bad key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(id)) throw bad(`has key ID ${JSON.stringify(id)}; it is 8 lowercase hex digits`);
  const key = strictBase64(rest.join('+'));
  if (!key) throw bad('is not base64 after its key ID');
  if (key[0] !== COSIGNATURE_V1_TYPE) {
    throw bad(`has signature type ${key[0] ?? 'none'}; a cosignature/v1 witness key has type 4`);
  }
  const publicKey = key.subarray(1);
  if (publicKey.length !== PUBLIC_KEY_SIZE) throw bad(`holds ${publicKey.length} key bytes; Ed25519 has 32`);
  if (cosignerKeyId(name, publicKey) !== Number.parseInt(id, 16)) throw bad(`has key ID ${id}, not its key's`);
  return { name, keyId: cosignerKeyId(name, publicKey), publicKey, vkey };
}

/** The message a cosigner signs for a checkpoint note text (with its final newline, without signatures). */
export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new TlogFormatError('malformed_note', `a cosignature's time is a positive POSIX timestamp, not ${timestamp}`);
  }
  if (!checkpointText.endsWith('\n')) throw new TlogFormatError('malformed_note', 'a note text must end in a newline');
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

/** Cosigns a checkpoint note text as a witness would: the signature line, with its newline. */
export function cosign(name: string, privateKey: KeyObject, checkpointText: string, timestamp: number): string {
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url');
  const head = Buffer.alloc(12);
  head.writeUInt32BE(cosignerKeyId(name, publicKey), 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const signature = sign(null, cosignedMessage(checkpointText, timestamp), privateKey);
  return `\u2014 ${name} ${Buffer.concat([head, signature]).toString('base64')}\n`;
}

/** The time a cosignature/v1 signature says it was made (POSIX seconds), read without verifying it. */
export function cosignatureTimestamp(base64: string): number {
  const bytes = strictBase64(base64);
  if (!bytes || bytes.length !== 4 + 8 + SIGNATURE_SIZE) {
    throw new TlogFormatError(
      'malformed_note',
      'a cosignature/v1 signature is a key ID, a time and an Ed25519 signature',
    );
  }
  const time = bytes.readBigUInt64BE(4);
  if (time === 0n || time > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TlogFormatError('malformed_note', `a cosignature's time is ${time}`);
  }
  return Number(time);
}

/**
 * Verifies the cosignatures among a checkpoint's signatures (e.g. `openNote(...).unverified`, or lines a witness
 * answered, parsed the same way): those by a configured cosigner (same name and key ID) must verify, or this throws
 * `invalid_signature`; signatures by other keys are ignored, as the spec requires. One cosignature per cosigner.
 */
export function verifyCosignatures(
  checkpointText: string,
  signatures: readonly NoteSignature[],
  cosigners: readonly Cosigner[],
): Cosignature[] {
  const known = new Map(cosigners.map((c) => [keyTag(c.name, c.keyId), c]));
  const found = new Map<string, Cosignature>();
  for (const signature of signatures) {
    const id = keyTag(signature.name, signature.keyId);
    const cosigner = known.get(id);
    if (!cosigner || found.has(id)) continue;
    const bytes = strictBase64(signature.base64);
    const invalid = (why: string) => new TlogFormatError('invalid_signature', `the cosignature by ${id} ${why}`);
    if (!bytes || bytes.length !== 4 + 8 + SIGNATURE_SIZE) throw invalid('is not a key ID, a time and a signature');
    const time = bytes.readBigUInt64BE(4);
    if (time === 0n || time > MAX_TIMESTAMP || time > BigInt(Number.MAX_SAFE_INTEGER))
      throw invalid(`has time ${time}`);
    const timestamp = Number(time);
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: cosigner.publicKey.toString('base64url') },
      format: 'jwk',
    });
    if (!verify(null, cosignedMessage(checkpointText, timestamp), key, bytes.subarray(12))) {
      throw invalid('does not verify');
    }
    found.set(id, {
      name: signature.name,
      keyId: signature.keyId,
      timestamp,
      line: `\u2014 ${signature.name} ${signature.base64}\n`,
    });
  }
  return [...found.values()];
}
