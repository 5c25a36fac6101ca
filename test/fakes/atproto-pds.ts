import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { lowS, multicodecPrefix, type JwtAlg } from '../../src/atproto/keys.js';
import { base32Encode, base58Encode } from '../../src/atproto/syntax.js';

/**
 * What a PDS does for the accounts it hosts, for the tests: an account's signing key (secp256k1, as the PDS makes
 * them, or P-256), its DID document as the PLC directory serves it, and service-auth JWTs minted as
 * @atproto/xrpc-server's createServiceJwt mints them: header {typ: "JWT", alg}, payload {iat, iss, aud, exp (iat +
 * 60 s), lxm, jti (16 random bytes, hex)}, each part base64url JSON, the signature 64 bytes r‖s in low-S form over
 * SHA-256 of "<header>.<payload>" (what @noble/curves produces).
 */
export interface PdsAccount {
  did: string;
  alg: JwtAlg;
  privateKey: KeyObject;
  /** The public key as a multikey (z…), as the DID document's publicKeyMultibase holds it. */
  multikey: string;
  /** The DID document a PLC directory serves for it. */
  document: Record<string, unknown>;
}

export function newAccount(alg: JwtAlg, did = plcDid()): PdsAccount {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: alg === 'ES256K' ? 'secp256k1' : 'P-256' });
  const multikey = multikeyOf(alg, publicKey);
  return {
    did,
    alg,
    privateKey,
    multikey,
    document: {
      '@context': [
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/multikey/v1',
        'https://w3id.org/security/suites/secp256k1-2019/v1',
      ],
      id: did,
      alsoKnownAs: [`at://${did.slice(-8)}.pds.example`],
      verificationMethod: [{ id: `${did}#atproto`, type: 'Multikey', controller: did, publicKeyMultibase: multikey }],
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.example' }],
    },
  };
}

/** A did:plc of the right shape: 24 characters of base32. */
export const plcDid = (): string => `did:plc:${base32Encode(randomBytes(15)).slice(0, 24)}`;

export function multikeyOf(alg: JwtAlg, publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  const compressed = [2 + ((y[31] ?? 0) & 1), ...x];
  return `z${base58Encode(Uint8Array.from([...multicodecPrefix(alg), ...compressed]))}`;
}

export interface JwtClaims {
  iss: string;
  aud: string;
  lxm?: string | undefined;
  iat?: number;
  exp?: number;
  jti?: string | undefined;
}

export function mintServiceJwt(account: Pick<PdsAccount, 'alg' | 'privateKey'>, claims: JwtClaims): string {
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  const payload = {
    iat,
    iss: claims.iss,
    aud: claims.aud,
    exp: claims.exp ?? iat + 60,
    ...(claims.lxm === undefined ? {} : { lxm: claims.lxm }),
    ...('jti' in claims
      ? claims.jti === undefined
        ? {}
        : { jti: claims.jti }
      : { jti: randomBytes(16).toString('hex') }),
  };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ typ: 'JWT', alg: account.alg })}.${part(payload)}`;
  const signature = lowS(
    account.alg,
    sign('sha256', Buffer.from(signed), { key: account.privateKey, dsaEncoding: 'ieee-p1363' }),
  );
  return `${signed}.${Buffer.from(signature).toString('base64url')}`;
}

/** A CIDv1 (dag-cbor, sha2-256) of some bytes, as a record's strongRef carries it. */
export function cidOf(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return `b${base32Encode(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}
