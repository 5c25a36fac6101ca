import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../../core/canonical-json.js';

/**
 * Ed25519 checkpoints over the public log's head. A checkpoint says "entry `seq` of this log has hash `hash`",
 * signed over the RFC 8785 canonical JSON of { log, seq, hash, at, keyId }. Anyone holding the published public
 * key checks it offline; a rewrite of any entry up to `seq` then no longer matches.
 */
export const PUBLIC_LOG_NAME = 'docket-public-log';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** base64 Ed25519 signature */
  signature: string;
}

export interface PublishedKey {
  algorithm: 'Ed25519';
  keyId: string;
  /** The raw 32-byte public key, base64url (a JWK's `x`). */
  x: string;
}

export interface KeyPair {
  published: PublishedKey;
  privateKey: KeyObject;
}

/** The key id: the first 16 hex digits of SHA-256 over the raw public key. */
export function keyIdOf(x: string): string {
  return createHash('sha256').update(Buffer.from(x, 'base64url')).digest('hex').slice(0, 16);
}

export function generateKeyPair(): { published: PublishedKey; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  return {
    published: { algorithm: 'Ed25519', keyId: keyIdOf(x), x },
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export function loadKeyPair(published: PublishedKey, privatePem: string): KeyPair {
  return { published, privateKey: createPrivateKey(privatePem) };
}

export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): string {
  return canonicalJson({ log: PUBLIC_LOG_NAME, seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId });
}

export function signCheckpoint(key: KeyPair, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: key.published.keyId };
  const signature = sign(null, Buffer.from(checkpointMessage(unsigned), 'utf8'), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** True when the checkpoint was signed by this key (and names it). */
export function checkpointSignedBy(checkpoint: Checkpoint, key: PublishedKey): boolean {
  if (checkpoint.keyId !== key.keyId || keyIdOf(key.x) !== key.keyId) return false;
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
    return verify(
      null,
      Buffer.from(checkpointMessage(checkpoint), 'utf8'),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
