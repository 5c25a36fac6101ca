import { isIP } from 'node:net';
import { authRequired, XrpcError } from './errors.js';
import { parseMultikey, parseVerificationMethod, type PublicKey } from './keys.js';
import { isDid } from './syntax.js';

/**
 * Resolves a DID to the signing key its document names, as @atproto/identity does: `did:plc` from a PLC directory
 * (GET <directory>/<did>), `did:web` from https://<host>/.well-known/did.json (http for `localhost`, as atproto's
 * resolver allows for development; did:web with a path is not used by atproto and refused), `did:key` is its own
 * key. Documents are cached; a signature that fails against a cached key is retried once with a fresh document (a
 * key may have rotated).
 */
export interface IdentityResolver {
  /** The key of `#<keyId>` in the DID's document (`atproto`, or `atproto_label` for a labeler). */
  signingKey(did: string, keyId: string, fresh: boolean): Promise<PublicKey>;
}

export interface ResolverOptions {
  plcUrl: string;
  /** How long a resolved document is trusted without asking again. */
  ttlMs?: number;
  timeoutMs?: number;
  maxEntries?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

interface DidDocument {
  id: string;
  verificationMethod?: { id: string; type: string; publicKeyMultibase?: unknown }[];
}

const MAX_DOCUMENT_BYTES = 64 * 1024;

export function createIdentityResolver(options: ResolverOptions): IdentityResolver {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const get = options.fetch ?? fetch;
  const cache = new Map<string, { document: DidDocument; at: number }>();

  async function documentOf(did: string, fresh: boolean): Promise<DidDocument> {
    const cached = cache.get(did);
    if (cached && !fresh && now() - cached.at < ttlMs) return cached.document;
    const document = await fetchDocument(did);
    cache.delete(did);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(did, { document, at: now() });
    return document;
  }

  async function fetchDocument(did: string): Promise<DidDocument> {
    const url = documentUrl(did, options.plcUrl);
    let response: Response;
    try {
      response = await get(url, {
        redirect: 'error',
        headers: { accept: 'application/did+ld+json,application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new XrpcError(
        502,
        `could not resolve ${did} at ${url.origin}: ${(error as Error).message}`,
        'UpstreamFailure',
      );
    }
    if (response.status === 404 || response.status === 410)
      throw authRequired(
        `the jwt issuer ${did} is not a known DID (${url.origin} answered ${response.status})`,
        'BadJwtIss',
      );
    if (!response.ok)
      throw new XrpcError(
        502,
        `could not resolve ${did}: ${url.origin} answered ${response.status}`,
        'UpstreamFailure',
      );
    if (Number(response.headers.get('content-length') ?? 0) > MAX_DOCUMENT_BYTES) {
      await response.body?.cancel();
      throw authRequired(`the DID document of ${did} is larger than 64 KB`, 'BadJwtIss');
    }
    const text = await response.text();
    if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES)
      throw authRequired(`the DID document of ${did} is larger than 64 KB`, 'BadJwtIss');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw authRequired(`the DID document of ${did} is not JSON`, 'BadJwtIss');
    }
    if (!isDocument(document) || document.id !== did)
      throw authRequired(`the DID document served for ${did} is not a DID document for it`, 'BadJwtIss');
    return document;
  }

  return {
    async signingKey(did, keyId, fresh) {
      if (did.startsWith('did:key:')) {
        const key = parseMultikey(did.slice('did:key:'.length));
        if (typeof key === 'string') throw authRequired(`the jwt issuer ${did}: ${key}`, 'BadJwtIss');
        return key;
      }
      const document = await documentOf(did, fresh);
      const method = document.verificationMethod?.find((m) => m.id === `#${keyId}` || m.id === `${did}#${keyId}`);
      if (!method) throw authRequired(`the DID document of ${did} has no #${keyId} key`, 'BadJwtIss');
      const key = parseVerificationMethod(method);
      if (typeof key === 'string') throw authRequired(`the #${keyId} key of ${did}: ${key}`, 'BadJwtIss');
      return key;
    },
  };
}

/** Where a DID's document is fetched from. */
export function documentUrl(did: string, plcUrl: string): URL {
  if (!isDid(did)) throw authRequired(`"${did}" is not a DID`, 'BadJwtIss');
  if (did.startsWith('did:plc:')) return new URL(`/${encodeURIComponent(did)}`, plcUrl);
  if (did.startsWith('did:web:')) {
    const parts = did.slice('did:web:'.length).split(':');
    if (parts.length !== 1) throw authRequired(`${did}: atproto does not use did:web with a path`, 'BadJwtIss');
    let url: URL;
    try {
      url = new URL(`https://${decodeURIComponent(parts[0] ?? '')}/.well-known/did.json`);
    } catch {
      throw authRequired(`${did} does not name a host`, 'BadJwtIss');
    }
    // The did:web spec of atproto: a domain name; a port only for localhost, in development. An address is refused,
    // so a token's iss cannot point Docket at a machine by its IP (a name can still resolve to one).
    if (url.hostname === 'localhost') url.protocol = 'http';
    else if (url.port !== '') throw authRequired(`${did}: a did:web may carry a port only for localhost`, 'BadJwtIss');
    if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0)
      throw authRequired(`${did}: a did:web names a domain, not an IP address`, 'BadJwtIss');
    return url;
  }
  throw authRequired(`${did}: atproto uses did:plc, did:web and did:key, not this method`, 'BadJwtIss');
}

function isDocument(value: unknown): value is DidDocument {
  if (value === null || typeof value !== 'object') return false;
  const document = value as Record<string, unknown>;
  if (typeof document.id !== 'string') return false;
  const methods = document.verificationMethod;
  if (methods === undefined) return true;
  return (
    Array.isArray(methods) &&
    methods.every(
      (m: unknown) =>
        m !== null &&
        typeof m === 'object' &&
        typeof (m as Record<string, unknown>).id === 'string' &&
        typeof (m as Record<string, unknown>).type === 'string',
    )
  );
}
