import { isDid } from './syntax.js';

/** What stands for the reporter when the token names none that could be one. */
export const UNNAMED_REPORTER = '-';

/**
 * The rate-limit key of one reporter on createReport: the client's address and the `iss` the service-auth token
 * claims, before anything is verified. The limit is checked when the request arrives, before the token's signature
 * is (checking it may cost a DID resolution, which the limit is there to bound), so the claim is read unverified:
 * the payload, the JWT's middle part, is decoded as base64url JSON. A claim anyone can forge is safe to key on only
 * together with the address: a client who forges someone's `iss` from another address counts in a bucket of its
 * own, and cannot use up theirs. Behind one PDS, whose users all arrive from its address, each user has a bucket.
 * A token that names no DID (no bearer token, not a JWT, no `iss`, not a DID) counts under the address alone, with
 * `iss` "-"; such a token is refused without any resolution anyway.
 */
export function reporterKey(address: string, authorization: string | undefined): string {
  return `${address} ${claimedIssuer(authorization) ?? UNNAMED_REPORTER}`;
}

/**
 * The DID in the `iss` a bearer service-auth token claims, unverified: `did` or `did#service` (a service acting as
 * itself) name the same signer, the reporter, and count alike.
 */
export function claimedIssuer(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const parts = token?.split('.');
  if (parts?.length !== 3) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const iss = payload !== null && typeof payload === 'object' ? (payload as { iss?: unknown }).iss : undefined;
  if (typeof iss !== 'string') return undefined;
  const [did = ''] = iss.split('#', 1);
  return isDid(did) ? did : undefined;
}
