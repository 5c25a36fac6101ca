import { createPublicKey, ECDH, verify, type KeyObject } from 'node:crypto';
import { base58Decode } from './syntax.js';

/**
 * atproto's signing keys (atproto.com/specs/cryptography): ECDSA over secp256k1 (JWT alg `ES256K`) or NIST P-256
 * (`ES256`), with SHA-256, signatures as 64 bytes r‖s in the low-S form. A public key is written as a multikey:
 * `z` + base58btc(multicodec varint + the 33-byte compressed point), as in `did:key:z…` and the DID document's
 * `publicKeyMultibase`. Node's own crypto (OpenSSL) knows both curves, so no library is needed.
 */
export type JwtAlg = 'ES256K' | 'ES256';

export interface PublicKey {
  alg: JwtAlg;
  key: KeyObject;
  /** The curve and the compressed point: two resolutions of an identity gave the same key when these match. */
  id: string;
}

const CURVES = {
  ES256K: {
    prefix: [0xe7, 0x01],
    openssl: 'secp256k1',
    jwk: 'secp256k1',
    legacyType: 'EcdsaSecp256k1VerificationKey2019',
    order: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
  },
  ES256: {
    prefix: [0x80, 0x24],
    openssl: 'prime256v1',
    jwk: 'P-256',
    legacyType: 'EcdsaSecp256r1VerificationKey2019',
    order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
} as const;

export const JWT_ALGS = Object.keys(CURVES) as JwtAlg[];

/** The curve's prefix, for tests that write multikeys. */
export const multicodecPrefix = (alg: JwtAlg): readonly number[] => CURVES[alg].prefix;

/** A multikey (`z…`) as a public key, or a sentence saying why it is not one Docket can use. */
export function parseMultikey(multikey: string): PublicKey | string {
  if (!multikey.startsWith('z')) return 'the key is not base58btc multibase (it must start with z)';
  const bytes = base58Decode(multikey.slice(1));
  if (!bytes) return 'the key is not valid base58btc';
  for (const alg of JWT_ALGS) {
    const [a, b] = CURVES[alg].prefix;
    if (bytes[0] === a && bytes[1] === b) return publicKey(alg, bytes.subarray(2));
  }
  return 'the key is neither secp256k1 nor P-256';
}

/**
 * A DID document's verification method as a public key: a `Multikey`, or one of the two older types whose
 * `publicKeyMultibase` holds the bare point (as @atproto/identity reads them).
 */
export function parseVerificationMethod(method: { type: string; publicKeyMultibase?: unknown }): PublicKey | string {
  if (typeof method.publicKeyMultibase !== 'string') return 'the key has no publicKeyMultibase';
  if (method.type === 'Multikey') return parseMultikey(method.publicKeyMultibase);
  const alg = JWT_ALGS.find((candidate) => CURVES[candidate].legacyType === method.type);
  if (!alg) return `the key type "${method.type}" is not one atproto uses`;
  if (!method.publicKeyMultibase.startsWith('z')) return 'the key is not base58btc multibase (it must start with z)';
  const bytes = base58Decode(method.publicKeyMultibase.slice(1));
  return bytes ? publicKey(alg, bytes) : 'the key is not valid base58btc';
}

function publicKey(alg: JwtAlg, point: Uint8Array): PublicKey | string {
  const curve = CURVES[alg];
  let uncompressed: Buffer;
  try {
    uncompressed = ECDH.convertKey(Buffer.from(point), curve.openssl, undefined, undefined, 'uncompressed') as Buffer;
  } catch {
    return `the key is not a point on ${curve.jwk}`;
  }
  const x = uncompressed.subarray(1, 33).toString('base64url');
  const y = uncompressed.subarray(33, 65).toString('base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: curve.jwk, x, y }, format: 'jwk' });
  const compressed = ECDH.convertKey(uncompressed, curve.openssl, undefined, undefined, 'compressed') as Buffer;
  return { alg, key, id: `${alg}:${compressed.toString('hex')}` };
}

/**
 * Verifies an atproto signature: 64 bytes r‖s (DER is refused) over SHA-256 of the data, with s in the low half of
 * the curve's order, as the cryptography spec requires (a high-S twin of a valid signature is refused).
 */
export function verifySignature(key: PublicKey, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
  if (s === 0n || s > CURVES[key.alg].order / 2n) return false;
  return verify('sha256', data, { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
}

/** Turns a signature's s into the low-S form (s or n − s), as @noble/curves signs: for tests that mint tokens. */
export function lowS(alg: JwtAlg, signature: Uint8Array): Uint8Array {
  const n = CURVES[alg].order;
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
  if (s <= n / 2n) return signature;
  const low = (n - s).toString(16).padStart(64, '0');
  return Uint8Array.from([...signature.subarray(0, 32), ...Buffer.from(low, 'hex')]);
}
