import { describe, expect, it } from 'vitest';
import { claimedIssuer, reporterKey } from './reporter-key.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const header = part({ alg: 'ES256K', typ: 'JWT' });
/** A token shaped as a PDS mints it; the signature is never looked at, so any will do. */
const token = (payload: unknown) => `${header}.${part(payload)}.c2lnbmF0dXJl`;
const bearer = (payload: unknown) => `Bearer ${token(payload)}`;
const ALICE = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const BOB = 'did:web:bob.example';

describe('the rate-limit key of a createReport reporter', () => {
  it('is the address and the DID the token claims, so each user behind one PDS address has a key of their own', () => {
    const claims = { aud: 'did:web:docket.example', lxm: 'com.atproto.moderation.createReport', exp: 1 };
    expect(reporterKey('203.0.113.9', bearer({ iss: ALICE, ...claims }))).toBe(`203.0.113.9 ${ALICE}`);
    expect(reporterKey('203.0.113.9', bearer({ iss: BOB, ...claims }))).toBe(`203.0.113.9 ${BOB}`);
    // The same claim from another address is another key: forging Alice's iss elsewhere does not spend her count.
    expect(reporterKey('198.51.100.4', bearer({ iss: ALICE, ...claims }))).toBe(`198.51.100.4 ${ALICE}`);
  });

  it('reads the claim without verifying it, whatever the signature, and counts did#service as its DID', () => {
    expect(reporterKey('::1', `bearer  ${header}.${part({ iss: ALICE })}.`)).toBe(`::1 ${ALICE}`);
    expect(claimedIssuer(bearer({ iss: `${ALICE}#atproto_labeler` }))).toBe(ALICE);
  });

  it('is the address alone, with "-", when the token names no DID', () => {
    const unnamed = [
      undefined,
      '',
      'Basic dXNlcjpwYXNz',
      `Bearer ${header}.${part({ iss: ALICE })}`,
      `Bearer ${header}.not~base64url!.sig`,
      `Bearer ${header}.${Buffer.from('{"iss":').toString('base64url')}.sig`,
      bearer(null),
      bearer([ALICE]),
      bearer('did:plc:ewvi7nxzyoun6zhxrhs64oiz'),
      bearer({ sub: ALICE }),
      bearer({ iss: 42 }),
      bearer({ iss: 'alice.bsky.social' }),
      bearer({ iss: `did:plc:${'a'.repeat(2_048)}` }),
      bearer({ iss: '' }),
    ];
    for (const authorization of unnamed) {
      expect(reporterKey('203.0.113.9', authorization), String(authorization)).toBe('203.0.113.9 -');
    }
  });
});
