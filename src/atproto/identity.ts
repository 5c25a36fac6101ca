import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { internalRangeOf } from './addresses.js';
import { authRequired, XrpcError } from './errors.js';
import { parseMultikey, parseVerificationMethod, type PublicKey } from './keys.js';
import { isDid } from './syntax.js';

/**
 * Resolves a DID to the signing key its document names, as @atproto/identity does: `did:plc` from a PLC directory
 * (GET <directory>/<did>), `did:web` from https://<host>/.well-known/did.json (http for `localhost`, as atproto's
 * resolver allows for development; did:web with a path is not used by atproto and refused), `did:key` is its own
 * key. Documents are cached; a signature that fails against a cached key is retried once with a fresh document (a
 * key may have rotated).
 *
 * A did:web names any host a token's author likes, so its host is looked up first and refused if any of its
 * addresses is internal (loopback, private, link-local, metadata: see addresses.ts); the connection then goes to
 * the addresses that were checked, with no second lookup, so DNS cannot answer differently in between.
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
  /** How the PLC directory is asked (the operator's own setting, so not guarded). */
  fetch?: typeof fetch;
  /** How a did:web host's addresses are looked up: node:dns lookup, every address. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
  /**
   * Let a did:web host resolve to an internal address. Only tests set it, for did:web fakes on loopback; a running
   * Docket never does.
   */
  allowInternalDidWeb?: boolean;
}

/** A DID document's answer: its status and text, or null for a body larger than MAX_DOCUMENT_BYTES. */
interface Answer {
  status: number;
  text: string | null;
}

interface DidDocument {
  id: string;
  verificationMethod?: { id: string; type: string; publicKeyMultibase?: unknown }[];
}

const MAX_DOCUMENT_BYTES = 64 * 1024;
const ACCEPT = 'application/did+ld+json,application/json';

export function createIdentityResolver(options: ResolverOptions): IdentityResolver {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const get = options.fetch ?? fetch;
  const lookup = options.lookup ?? ((hostname: string) => dnsLookup(hostname, { all: true }));
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
    let answer: Answer;
    try {
      answer = did.startsWith('did:web:') ? await fromWeb(did, url) : await fromPlc(url);
    } catch (error) {
      if (error instanceof XrpcError) throw error;
      throw new XrpcError(
        502,
        `could not resolve ${did} at ${url.origin}: ${(error as Error).message}`,
        'UpstreamFailure',
      );
    }
    return documentIn(did, url, answer);
  }

  async function fromPlc(url: URL): Promise<Answer> {
    const response = await get(url, {
      redirect: 'error',
      headers: { accept: ACCEPT },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (Number(response.headers.get('content-length') ?? 0) > MAX_DOCUMENT_BYTES) {
      await response.body?.cancel();
      return { status: response.status, text: null };
    }
    const text = await response.text();
    return { status: response.status, text: Buffer.byteLength(text) > MAX_DOCUMENT_BYTES ? null : text };
  }

  /** A did:web document from the addresses its host was checked to have. */
  async function fromWeb(did: string, url: URL): Promise<Answer> {
    const addresses = await checkedAddresses(did, url.hostname);
    const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
      const [first] = addresses;
      if (lookupOptions.all) callback(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 4);
    };
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        headers: { accept: ACCEPT },
        lookup: pinned,
        // A connection of its own: a pooled socket to the same host:port was opened for another lookup's addresses.
        agent: false,
        signal,
      });
      request.once('response', resolve).on('error', reject).end();
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > MAX_DOCUMENT_BYTES) {
        response.destroy();
        return { status: response.statusCode ?? 0, text: null };
      }
      chunks.push(chunk as Buffer);
    }
    return { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') };
  }

  /** The host's addresses, every one of them public (unless a test allows internal ones). */
  async function checkedAddresses(did: string, hostname: string): Promise<LookupAddress[]> {
    const addresses = await lookup(hostname);
    if (addresses.length === 0) throw new Error(`${hostname} has no address`);
    if (options.allowInternalDidWeb) return addresses;
    for (const { address } of addresses) {
      const range = internalRangeOf(address);
      if (range)
        throw authRequired(
          `${did}: its host ${hostname} resolves to an internal address (${address}, ${range}); Docket fetches DID documents only from public addresses`,
          'BadJwtIss',
        );
    }
    return addresses;
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

/** The DID document in an answer for `did`, or why there is none. */
function documentIn(did: string, url: URL, answer: Answer): DidDocument {
  if (answer.status === 404 || answer.status === 410)
    throw authRequired(
      `the jwt issuer ${did} is not a known DID (${url.origin} answered ${answer.status})`,
      'BadJwtIss',
    );
  if (answer.status < 200 || answer.status > 299)
    throw new XrpcError(502, `could not resolve ${did}: ${url.origin} answered ${answer.status}`, 'UpstreamFailure');
  if (answer.text === null) throw authRequired(`the DID document of ${did} is larger than 64 KB`, 'BadJwtIss');
  let document: unknown;
  try {
    document = JSON.parse(answer.text);
  } catch {
    throw authRequired(`the DID document of ${did} is not JSON`, 'BadJwtIss');
  }
  if (!isDocument(document) || document.id !== did)
    throw authRequired(`the DID document served for ${did} is not a DID document for it`, 'BadJwtIss');
  return document;
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
