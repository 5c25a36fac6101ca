import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { TlogFormatError } from './format-error.js';

/**
 * C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only: a text ending in a newline, a blank line, and
 * signature lines `— <key name> <base64(4-byte key ID || signature)>` (an em dash, U+2014, and a space). The key ID
 * is the first 4 bytes, big-endian, of SHA-256(key name || 0x0A || 0x01 || 32-byte public key); a verifier key is
 * `<name>+<8 hex key ID>+<base64(0x01 || public key)>`. The checkpoint of the public log is a signed note.
 */
export const ED25519_SIGNATURE_TYPE = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
/** Signatures read from one note at the most; the spec asks for at least 16 (Go's sumdb/note also stops at 100). */
export const MAX_NOTE_SIGNATURES = 100;
const PUBLIC_KEY_SIZE = 32;
const SIGNATURE_SIZE = 64;
// PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410 section 7), so Node can load it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(text: Buffer, signature: Buffer): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: number;
  sign(text: Buffer): Buffer;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** base64(key ID || signature), as on the signature line */
  base64: string;
}

export interface OpenedNote {
  text: string;
  /** The signatures by known keys, all verified. */
  signatures: NoteSignature[];
  /** Signatures by keys not given to `openNote`: ignored, as the spec requires, but kept (e.g. witnesses). */
  unverified: NoteSignature[];
}

/** Key names: non-empty, no Unicode space, no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && Buffer.from(name, 'utf8').toString('utf8') === name;
}

/** Standard base64 (RFC 4648 section 4) with padding, refusing anything that does not round-trip. */
export function strictBase64(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** A key ID: the first 4 bytes, big-endian, of SHA-256(name || 0x0A || signature type || public key). */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.of(0x0a, type))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  return noteKeyId(name, ED25519_SIGNATURE_TYPE, publicKey);
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

/** A key as signature lines and verifier keys name it: `<name>+<8 hex digit key ID>`. */
export const keyTag = (name: string, keyId: number): string => `${name}+${hex8(keyId)}`;

/** The verifier key string `<name>+<key ID>+<base64(type || public key)>` for an Ed25519 public key. */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array, type = ED25519_SIGNATURE_TYPE): string {
  if (!isValidKeyName(name))
    throw new TlogFormatError('malformed_verifier_key', `bad key name ${JSON.stringify(name)}`);
  if (publicKey.length !== PUBLIC_KEY_SIZE) {
    throw new TlogFormatError('malformed_verifier_key', `an Ed25519 public key is 32 bytes, not ${publicKey.length}`);
  }
  const encoded = Buffer.concat([Buffer.of(type), publicKey]).toString('base64');
  return `${keyTag(name, noteKeyId(name, type, publicKey))}+${encoded}`;
}

function ed25519Verifier(name: string, publicKey: Buffer): NoteVerifier {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    verify: (text, signature) => signature.length === SIGNATURE_SIZE && verify(null, text, key, signature),
  };
}

/** Parses a verifier key; only Ed25519 keys (type 0x01) are accepted, and the key ID must be the key's. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const bad = (why: string) => new TlogFormatError('malformed_verifier_key', `verifier key ${why}`);
  // The key is base64, which may itself hold `+`: the name and key ID are the first two fields, the rest the key.
  const [name, id, ...rest] = vkey.split('+');
  if (name === undefined || id === undefined || rest.length === 0) throw bad('is not <name>+<key ID>+<key>');
  const encoded = rest.join('+');
  if (!isValidKeyName(name)) throw bad(`has a bad key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(id)) throw bad(`has key ID ${JSON.stringify(id)}; it is 8 lowercase hex digits`);
  const key = strictBase64(encoded);
  if (!key) throw bad('is not base64 after its key ID');
  if (key[0] !== ED25519_SIGNATURE_TYPE)
    throw bad(`has signature type ${key[0] ?? 'none'}; only Ed25519 (1) is supported`);
  const publicKey = key.subarray(1);
  if (publicKey.length !== PUBLIC_KEY_SIZE) throw bad(`holds ${publicKey.length} key bytes; Ed25519 has 32`);
  if (ed25519KeyId(name, publicKey) !== Number.parseInt(id, 16)) throw bad(`has key ID ${id}, not its key's`);
  return ed25519Verifier(name, publicKey);
}

/** A signer for an Ed25519 private key (e.g. the installation's log key) under a key name. */
export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new TlogFormatError('malformed_signer_key', `bad key name ${JSON.stringify(name)}`);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TlogFormatError('malformed_signer_key', 'a note signer needs an Ed25519 private key');
  }
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x as string;
  return { name, keyId: ed25519KeyId(name, Buffer.from(x, 'base64url')), sign: (text) => sign(null, text, privateKey) };
}

export function ed25519PublicKeyOf(privateKey: KeyObject): Buffer {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url');
}

/**
 * Parses a signer key in the form Go's sumdb/note writes, `PRIVATE+KEY+<name>+<key ID>+<base64(0x01 || seed)>`,
 * so a key made with Go's tools can sign, and Go's published test key checks this code.
 */
export function parseSignerKey(skey: string): NoteSigner {
  const bad = (why: string) => new TlogFormatError('malformed_signer_key', `signer key ${why}`);
  const [private_, key_, name, id, ...rest] = skey.split('+');
  if (private_ !== 'PRIVATE' || key_ !== 'KEY' || name === undefined || id === undefined || rest.length === 0) {
    throw bad('is not PRIVATE+KEY+<name>+<key ID>+<key>');
  }
  const encoded = rest.join('+');
  if (!isValidKeyName(name)) throw bad(`has a bad key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/.test(id)) throw bad(`has key ID ${JSON.stringify(id)}; it is 8 lowercase hex digits`);
  const key = strictBase64(encoded);
  if (!key || key[0] !== ED25519_SIGNATURE_TYPE || key.length !== 1 + PUBLIC_KEY_SIZE) {
    throw bad('is not an Ed25519 seed (type 1 and 32 bytes)');
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, key.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const signer = ed25519Signer(name, privateKey);
  if (signer.keyId !== Number.parseInt(id, 16)) throw bad(`has key ID ${id}, not its key's`);
  return signer;
}

/** Valid UTF-8 and no ASCII control character other than newline. */
function checkNoteCharacters(bytes: Buffer, code: 'malformed_note'): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new TlogFormatError(code, 'the note is not valid UTF-8');
  }
  const control = bytes.findIndex((b) => b < 0x20 && b !== 0x0a);
  if (control >= 0) {
    throw new TlogFormatError(code, `the note holds control character 0x${hex8(bytes[control] as number).slice(6)}`);
  }
  return text;
}

function checkNoteText(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  checkNoteCharacters(bytes, 'malformed_note');
  if (!text.endsWith('\n')) throw new TlogFormatError('malformed_note', 'a note text must end in a newline');
  return bytes;
}

/** One signature line (with its newline) by `signer` over `text`. */
export function signatureLine(signer: NoteSigner, text: string): string {
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(signer.keyId);
  const signature = Buffer.concat([keyId, signer.sign(checkNoteText(text))]).toString('base64');
  return `${SIGNATURE_PREFIX}${signer.name} ${signature}\n`;
}

/** Signs a note text (which must end in a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (signers.length === 0) throw new TlogFormatError('malformed_note', 'a signed note needs a signer');
  return `${text}\n${signers.map((s) => signatureLine(s, text)).join('')}`;
}

function parseSignatureLine(line: string): NoteSignature & { signature: Buffer } {
  const bad = (why: string) => new TlogFormatError('malformed_note', `signature line ${JSON.stringify(line)} ${why}`);
  if (!line.startsWith(SIGNATURE_PREFIX)) throw bad('does not start with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw bad('has no space between key name and signature');
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  if (!isValidKeyName(name)) throw bad('has a bad key name');
  const bytes = strictBase64(base64);
  if (!bytes || bytes.length < 5) throw bad('does not hold base64 of a key ID and a signature');
  return { name, keyId: bytes.readUInt32BE(0), base64, signature: bytes.subarray(4) };
}

/**
 * Opens a signed note: checks its form, verifies every signature by a key in `verifiers` (a key is known by its
 * name and key ID together), ignores the others, and returns the text. A malformed note, a known key's signature
 * that does not verify, or no verified signature at all throws, with a code saying which.
 */
export function openNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
  const whole = checkNoteCharacters(bytes, 'malformed_note');
  const split = whole.lastIndexOf('\n\n');
  if (split < 0) throw new TlogFormatError('malformed_note', 'the note has no blank line before its signatures');
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new TlogFormatError('malformed_note', 'the note does not end in signature lines, each ending in a newline');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new TlogFormatError('malformed_note', `the note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) known.set(keyTag(v.name, v.keyId), v);
  const textBytes = Buffer.from(text, 'utf8');
  const signatures: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const { signature, ...parsed } = parseSignatureLine(line);
    const id = keyTag(parsed.name, parsed.keyId);
    const verifier = known.get(id);
    if (seen.has(verifier ? id : line)) continue; // a repeated signature counts once
    seen.add(verifier ? id : line);
    if (!verifier) {
      unverified.push(parsed);
      continue;
    }
    if (!verifier.verify(textBytes, signature)) {
      throw new TlogFormatError('invalid_signature', `the signature by ${id} does not verify`);
    }
    signatures.push(parsed);
  }
  if (signatures.length === 0) {
    throw new TlogFormatError('unverified_note', 'no signature on the note is by a known key');
  }
  return { text, signatures, unverified };
}
