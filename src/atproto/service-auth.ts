import { createHash } from 'node:crypto';
import { authRequired } from './errors.js';
import type { IdentityResolver } from './identity.js';
import { JWT_ALGS, verifySignature, type JwtAlg } from './keys.js';
import { isDid } from './syntax.js';

/**
 * atproto service auth (atproto.com/specs/xrpc#inter-service-authentication-jwt): the user's PDS mints a short JWT
 * signed with the account's `#atproto` key, `iss` the account's DID, `aud` the service's DID, `lxm` the method it
 * is for, `exp` about a minute ahead, and a random `jti`. Checked as @atproto/xrpc-server's verifyJwt does, in its
 * order and with its error names, and a little stricter: the header's alg must be the key's, `lxm` must be present,
 * `iat` may not be in the future, a token may not live longer than MAX_LIFETIME_S, and signatures must be 64-byte
 * low-S (xrpc-server also takes DER and high-S twins; no PDS sends them).
 */
export interface ServiceAuth {
  /** The DID that signed: the reporter. */
  did: string;
  /** `iss` as sent (a DID, or DID#service for a service acting as itself). */
  iss: string;
  /** What makes this token single-use: its jti, or the hash of what was signed when it has none. */
  tokenId: string;
}

export interface ServiceAuthCheck {
  serviceDid: string;
  lxm: string;
  nowSeconds: number;
  identities: IdentityResolver;
}

/** How far ahead a token may expire; a PDS's own tokens live 60 s, com.atproto.server.getServiceAuth's at most 1 h. */
export const MAX_LIFETIME_S = 3_600;
/** Clocks drift: an `iat` this far in the future is still taken. */
const CLOCK_SKEW_S = 60;
const REFUSED_TYPES = new Set(['at+jwt', 'refresh+jwt', 'dpop+jwt']);

export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined)
    throw authRequired(
      'missing jwt: send the service-auth token of your PDS as "Authorization: Bearer <jwt>"',
      'MissingJwt',
    );
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw authRequired('the Authorization header must be "Bearer <jwt>"', 'MissingJwt');
  return match[1];
}

export async function verifyServiceJwt(token: string, check: ServiceAuthCheck): Promise<ServiceAuth> {
  const parts = token.split('.');
  if (parts.length !== 3) throw authRequired('poorly formatted jwt', 'BadJwt');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = jsonPart(headerPart);
  if (typeof header.alg !== 'string') throw authRequired('poorly formatted jwt: the header has no alg', 'BadJwt');
  if (REFUSED_TYPES.has(String(header.typ)))
    throw authRequired(`Invalid jwt type "${String(header.typ)}"`, 'BadJwtType');
  if (!JWT_ALGS.includes(header.alg as JwtAlg))
    throw authRequired(`jwt alg "${header.alg}" is not ES256K or ES256`, 'BadJwt');
  const payload = jsonPart(payloadPart);
  const { iss, aud, exp, iat, lxm, jti } = payload;
  if (typeof iss !== 'string' || typeof aud !== 'string' || typeof exp !== 'number')
    throw authRequired('poorly formatted jwt: iss, aud and exp are required', 'BadJwt');
  if ((lxm !== undefined && typeof lxm !== 'string') || (jti !== undefined && typeof jti !== 'string'))
    throw authRequired('poorly formatted jwt: lxm and jti are strings', 'BadJwt');
  if (iat !== undefined && typeof iat !== 'number')
    throw authRequired('poorly formatted jwt: iat is a number', 'BadJwt');

  if (check.nowSeconds > exp) throw authRequired('jwt expired', 'JwtExpired');
  if (exp - check.nowSeconds > MAX_LIFETIME_S)
    throw authRequired(`jwt expires more than ${MAX_LIFETIME_S} seconds from now`, 'BadJwt');
  if (iat !== undefined && iat > check.nowSeconds + CLOCK_SKEW_S)
    throw authRequired('jwt issued in the future', 'BadJwt');
  if (aud !== check.serviceDid)
    throw authRequired(`jwt audience does not match service did (${check.serviceDid})`, 'BadJwtAudience');
  if (lxm !== check.lxm) {
    throw authRequired(
      lxm !== undefined
        ? `bad jwt lexicon method ("lxm"). must match: ${check.lxm}`
        : `missing jwt lexicon method ("lxm"). must match: ${check.lxm}`,
      'BadJwtLexiconMethod',
    );
  }
  if (jti !== undefined && (jti.length < 1 || jti.length > 128))
    throw authRequired('poorly formatted jwt: jti is 1 to 128 characters', 'BadJwt');
  const [did = '', service, ...more] = iss.split('#');
  if (!isDid(did) || more.length > 0 || service === '') throw authRequired('jwt iss is not a valid did', 'BadJwtIss');

  // A labeler acting as itself signs with its label key (as the Bluesky app view reads it); anyone else with #atproto.
  const keyId = service === 'atproto_labeler' ? 'atproto_label' : 'atproto';
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'utf8');
  const signature = Buffer.from(signaturePart, 'base64url');
  const key = await check.identities.signingKey(did, keyId, false);
  if (key.alg !== header.alg)
    throw authRequired(
      `could not verify jwt signature: the issuer's key is ${key.alg}, the jwt says ${header.alg}`,
      'BadJwtSignature',
    );
  let valid = verifySignature(key, signed, signature);
  if (!valid) {
    const fresh = await check.identities.signingKey(did, keyId, true);
    valid = fresh.id !== key.id && fresh.alg === header.alg && verifySignature(fresh, signed, signature);
  }
  if (!valid) throw authRequired('jwt signature does not match jwt issuer', 'BadJwtSignature');
  return {
    did,
    iss,
    tokenId: jti ?? `sha256:${createHash('sha256').update(signed).digest('hex')}`,
  };
}

function jsonPart(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw authRequired('poorly formatted jwt', 'BadJwt');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw authRequired('poorly formatted jwt', 'BadJwt');
  return value as Record<string, unknown>;
}
