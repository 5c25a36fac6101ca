import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XrpcError } from '../src/atproto/errors.js';
import { createIdentityResolver, type IdentityResolver } from '../src/atproto/identity.js';
import { lowS, parseMultikey, parseVerificationMethod, verifySignature } from '../src/atproto/keys.js';
import { verifyServiceJwt } from '../src/atproto/service-auth.js';
import { mintServiceJwt, newAccount, type PdsAccount } from './fakes/atproto-pds.js';
import { startFakePlc, type FakePlc } from './fakes/plc.js';

/**
 * Service-auth JWTs as a PDS mints them (secp256k1 and P-256 keys made here), checked against DID documents a fake
 * PLC directory serves on loopback: what is accepted, and each way a token is refused, with xrpc-server's names.
 */
const SERVICE = 'did:web:docket.example';
const LXM = 'com.atproto.moderation.createReport';

interface SignatureFixture {
  comment: string;
  messageBase64: string;
  algorithm: string;
  didDocSuite: string;
  publicKeyDid: string;
  publicKeyMultibase: string;
  signatureBase64: string;
  validSignature: boolean;
}
const signatureFixtures = JSON.parse(
  readFileSync(new URL('./fixtures/atproto/signature-fixtures.json', import.meta.url), 'utf8'),
) as SignatureFixture[];

let plc: FakePlc;
let identities: IdentityResolver;
let k256: PdsAccount;
let p256: PdsAccount;

beforeAll(async () => {
  plc = await startFakePlc();
  identities = createIdentityResolver({ plcUrl: plc.url });
  k256 = newAccount('ES256K');
  p256 = newAccount('ES256');
  for (const account of [k256, p256]) plc.documents.set(account.did, account.document);
});
afterAll(async () => plc?.close());

const now = () => Math.floor(Date.now() / 1000);
const check = (over: Partial<Parameters<typeof verifyServiceJwt>[1]> = {}) => ({
  serviceDid: SERVICE,
  lxm: LXM,
  nowSeconds: now(),
  identities,
  ...over,
});
const token = (account: PdsAccount, claims: Partial<Parameters<typeof mintServiceJwt>[1]> = {}) =>
  mintServiceJwt(account, { iss: account.did, aud: SERVICE, lxm: LXM, ...claims });

async function refusal(jwt: string, over: Partial<Parameters<typeof verifyServiceJwt>[1]> = {}) {
  try {
    await verifyServiceJwt(jwt, check(over));
  } catch (error) {
    if (error instanceof XrpcError) return { status: error.status, error: error.error, message: error.message };
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('service-auth JWTs minted as a PDS mints them', () => {
  it('accepts a secp256k1 (ES256K) token and a P-256 (ES256) token, naming the reporter and the token', async () => {
    for (const account of [k256, p256]) {
      const jti = 'a'.repeat(31) + account.alg.length;
      const auth = await verifyServiceJwt(token(account, { jti }), check());
      expect(auth).toEqual({ did: account.did, iss: account.did, tokenId: jti });
    }
  });

  it('names a token without jti by the hash of what was signed', async () => {
    const auth = await verifyServiceJwt(token(k256, { jti: undefined }), check());
    expect(auth.tokenId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('refuses an expired token, a token for another service, for another method, or for none', async () => {
    expect(await refusal(token(k256, { iat: now() - 120, exp: now() - 60 }))).toMatchObject({
      status: 401,
      error: 'JwtExpired',
    });
    expect(await refusal(token(k256, { aud: 'did:web:ozone.example' }))).toMatchObject({
      status: 401,
      error: 'BadJwtAudience',
    });
    expect(await refusal(token(k256, { lxm: 'app.bsky.feed.getTimeline' }))).toMatchObject({
      status: 401,
      error: 'BadJwtLexiconMethod',
      message: `bad jwt lexicon method ("lxm"). must match: ${LXM}`,
    });
    expect(await refusal(token(k256, { lxm: undefined }))).toMatchObject({
      error: 'BadJwtLexiconMethod',
      message: `missing jwt lexicon method ("lxm"). must match: ${LXM}`,
    });
    expect(await refusal(token(k256, { exp: now() + 7_200 }))).toMatchObject({ error: 'BadJwt' });
    expect(await refusal(token(k256, { iat: now() + 600, exp: now() + 660 }))).toMatchObject({ error: 'BadJwt' });
  });

  it('refuses a signature by another key, a changed payload, a high-S twin and a key of the other curve', async () => {
    const stranger = newAccount('ES256K', k256.did);
    expect(await refusal(token(stranger))).toMatchObject({ status: 401, error: 'BadJwtSignature' });

    const [header, , signature] = token(k256).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: p256.did, aud: SERVICE, lxm: LXM, exp: now() + 60 })).toString(
      'base64url',
    );
    expect(await refusal(`${header}.${forged}.${signature}`)).toMatchObject({ error: 'BadJwtSignature' });

    // The same signature with s replaced by n - s verifies in plain ECDSA; atproto requires the low-S form.
    const good = token(k256);
    const sig = Buffer.from(good.split('.')[2] ?? '', 'base64url');
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const high = Buffer.concat([
      sig.subarray(0, 32),
      Buffer.from((n - BigInt(`0x${sig.subarray(32).toString('hex')}`)).toString(16).padStart(64, '0'), 'hex'),
    ]);
    expect(Buffer.from(lowS('ES256K', high)).equals(sig)).toBe(true);
    const twin = `${good.split('.').slice(0, 2).join('.')}.${high.toString('base64url')}`;
    expect(await refusal(twin)).toMatchObject({ error: 'BadJwtSignature' });

    // A P-256 signature presented as ES256K (the header names the algorithm; the key decides).
    const p256AsK = mintServiceJwt(
      { alg: 'ES256', privateKey: p256.privateKey },
      { iss: k256.did, aud: SERVICE, lxm: LXM },
    );
    expect(await refusal(p256AsK)).toMatchObject({ error: 'BadJwtSignature' });
  });

  it('refuses an unknown DID, a malformed iss, a DID method atproto does not use, and tokens that are not JWTs', async () => {
    const unknown = newAccount('ES256K');
    expect(await refusal(token(unknown))).toMatchObject({ status: 401, error: 'BadJwtIss' });
    expect(await refusal(token(k256, { iss: 'alice' }))).toMatchObject({ error: 'BadJwtIss' });
    expect(await refusal(token(k256, { iss: 'did:example:123' }))).toMatchObject({ error: 'BadJwtIss' });
    for (const iss of ['did:web:127.0.0.1', 'did:web:docket.example%3A8443', 'did:web:docket.example:users:alice'])
      expect(await refusal(token(k256, { iss })), iss).toMatchObject({ status: 401, error: 'BadJwtIss' });
    expect(await refusal('not-a-jwt')).toMatchObject({ status: 401, error: 'BadJwt' });
    expect(await refusal('a.b.c')).toMatchObject({ error: 'BadJwt' });
    const [, payload, signature] = token(k256).split('.');
    const typed = Buffer.from(JSON.stringify({ typ: 'at+jwt', alg: 'ES256K' })).toString('base64url');
    expect(await refusal(`${typed}.${payload}.${signature}`)).toMatchObject({ error: 'BadJwtType' });
    const none = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'none' })).toString('base64url');
    expect(await refusal(`${none}.${payload}.`)).toMatchObject({ error: 'BadJwt' });
  });

  it('resolves did:key directly and did:web over HTTP on loopback (with internal addresses allowed, as only tests do)', async () => {
    const keyAccount = newAccount('ES256');
    const didKey = `did:key:${keyAccount.multikey}`;
    expect((await verifyServiceJwt(token({ ...keyAccount, did: didKey }), check())).did).toBe(didKey);

    const web = newAccount('ES256K', plc.webDid);
    plc.documents.set(web.did, web.document);
    const loopback = createIdentityResolver({ plcUrl: plc.url, allowInternalDidWeb: true });
    expect((await verifyServiceJwt(token(web), check({ identities: loopback }))).did).toBe(plc.webDid);
  });

  it('takes a labeler acting as itself (iss did#atproto_labeler) with its #atproto_label key', async () => {
    const labeler = newAccount('ES256K');
    const label = newAccount('ES256K', labeler.did);
    plc.documents.set(labeler.did, {
      ...labeler.document,
      verificationMethod: [
        ...(labeler.document.verificationMethod as object[]),
        {
          id: `${labeler.did}#atproto_label`,
          type: 'Multikey',
          controller: labeler.did,
          publicKeyMultibase: label.multikey,
        },
      ],
    });
    const auth = await verifyServiceJwt(token(label, { iss: `${labeler.did}#atproto_labeler` }), check());
    expect(auth).toMatchObject({ did: labeler.did, iss: `${labeler.did}#atproto_labeler` });
    expect(await refusal(token(labeler, { iss: `${labeler.did}#atproto_labeler` }))).toMatchObject({
      error: 'BadJwtSignature',
    });
  });

  it('caches DID documents, and looks again once when a signature fails (the key may have rotated)', async () => {
    const account = newAccount('ES256K');
    plc.documents.set(account.did, account.document);
    const ask = () => plc.lookups.filter((did) => did === account.did).length;
    await verifyServiceJwt(token(account), check());
    await verifyServiceJwt(token(account), check());
    expect(ask()).toBe(1);
    const rotated = newAccount('ES256K', account.did);
    plc.documents.set(account.did, rotated.document);
    expect((await verifyServiceJwt(token(rotated), check())).did).toBe(account.did);
    expect(ask()).toBe(2);
    expect(await refusal(token(account))).toMatchObject({ error: 'BadJwtSignature' });
  });

  it('refuses a did:web whose host resolves to an internal address, before fetching anything', async () => {
    const web = newAccount('ES256K', plc.webDid);
    plc.documents.set(web.did, web.document);
    const asked = plc.lookups.length;
    // localhost's own addresses, from the system's resolver: 127.0.0.1 and/or ::1.
    const refused = await refusal(token(web));
    expect(refused).toMatchObject({ status: 401, error: 'BadJwtIss' });
    expect(refused.message).toMatch(
      new RegExp(
        `^${plc.webDid}: its host localhost resolves to an internal address \\((127\\.0\\.0\\.1|::1), loopback`,
      ),
    );
    expect(plc.lookups.length).toBe(asked);

    // One internal address among public ones is enough; an IPv4-mapped loopback is loopback.
    for (const addresses of [
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
      [{ address: '::ffff:127.0.0.1', family: 6 }],
      [{ address: '169.254.169.254', family: 4 }],
    ]) {
      const identities = createIdentityResolver({ plcUrl: plc.url, lookup: async () => addresses });
      const bad = addresses.find((a) => a.address !== '93.184.215.14')?.address ?? '';
      expect(await refusal(token(web), { identities }), bad).toMatchObject({
        status: 401,
        error: 'BadJwtIss',
        message: expect.stringContaining(`resolves to an internal address (${bad},`),
      });
    }
    expect(plc.lookups.length).toBe(asked);
  });

  it('connects a did:web to the address it looked up, with no second lookup (DNS cannot switch it in between)', async () => {
    // A host on 127.0.0.2, where the system's localhost (127.0.0.1, ::1) does not answer: only the address the
    // lookup gave reaches it.
    const documents = new Map<string, unknown>();
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(documents.get('web')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    try {
      const web = newAccount('ES256K', `did:web:localhost%3A${(server.address() as AddressInfo).port}`);
      documents.set('web', web.document);
      const asked: string[] = [];
      const identities = createIdentityResolver({
        plcUrl: plc.url,
        allowInternalDidWeb: true,
        lookup: async (hostname) => {
          asked.push(hostname);
          if (asked.length > 1) throw new Error('looked up twice');
          return [{ address: '127.0.0.2', family: 4 }];
        },
      });
      expect((await verifyServiceJwt(token(web), check({ identities }))).did).toBe(web.did);
      expect(asked).toEqual(['localhost']);
      const direct = createIdentityResolver({ plcUrl: plc.url, allowInternalDidWeb: true, timeoutMs: 2_000 });
      expect(await refusal(token(web), { identities: direct })).toMatchObject({
        status: 502,
        error: 'UpstreamFailure',
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers 502 UpstreamFailure when the PLC directory cannot be reached', async () => {
    const offline = createIdentityResolver({ plcUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    expect(await refusal(token(k256), { identities: offline })).toMatchObject({
      status: 502,
      error: 'UpstreamFailure',
    });
  });
});

describe('atproto signatures', () => {
  // atproto's interop fixtures (bluesky-social/atproto interop-test-files/crypto/signature-fixtures.json): valid
  // low-S signatures of each curve, and high-S and DER forms that atproto refuses.
  it('verifies what the interop fixtures call valid and refuses the rest, by did:key and by DID document key', () => {
    for (const fixture of signatureFixtures) {
      const message = Buffer.from(fixture.messageBase64, 'base64');
      const signature = Buffer.from(fixture.signatureBase64, 'base64');
      const byDidKey = parseMultikey(fixture.publicKeyDid.slice('did:key:'.length));
      const byDocument = parseVerificationMethod({
        type: fixture.didDocSuite,
        publicKeyMultibase: fixture.publicKeyMultibase,
      });
      for (const key of [byDidKey, byDocument]) {
        if (typeof key === 'string') throw new Error(key);
        expect(key.alg, fixture.comment).toBe(fixture.algorithm);
        expect(verifySignature(key, message, signature), fixture.comment).toBe(fixture.validSignature);
      }
    }
  });
});
