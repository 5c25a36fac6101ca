import { describe, expect, it } from 'vitest';
import { generateKeyPair, loadKeyPair } from './signing.js';
import {
  ed25519KeyId,
  ed25519PublicKeyOf,
  ed25519Signer,
  ed25519VerifierKey,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from './note.js';

/**
 * The example of the C2SP signed-note spec (c2sp.org/signed-note, "Verifier keys" > "Example", read from
 * github.com/C2SP/C2SP signed-note.md): this verifier key verifies this note.
 */
const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_NOTE =
  'This is an example message.\n\n' +
  '— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

/**
 * Go's golang.org/x/mod/sumdb/note note_test.go (TestNewVerifier, TestNewSigner, TestSign, TestOpen): the
 * PeterNeumann key pair, the note its signer must produce byte for byte, and EnochRoot's signature of the same text.
 */
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const code = (c: string) => expect.objectContaining({ code: c });

describe('verifier keys', () => {
  it('accepts the published keys and knows their names and key IDs', () => {
    expect(parseVerifierKey(C2SP_VKEY)).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a });
    expect(parseVerifierKey(PETER_VKEY)).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(parseVerifierKey(ENOCH_VKEY)).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78 });
  });

  it('rebuilds the published verifier key from the name and the public key', () => {
    const raw = Buffer.from('AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'base64').subarray(1);
    expect(ed25519KeyId('example.com/foo', raw)).toBe(0x530d903a);
    expect(ed25519VerifierKey('example.com/foo', raw)).toBe(C2SP_VKEY);
  });

  it('refuses every substring and every one-byte change of a key, as Go TestNewVerifier does', () => {
    const bytes = Buffer.from(PETER_VKEY);
    const refused = (k: string) => expect(() => parseVerifierKey(k), k).toThrow(code('malformed_verifier_key'));
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i + 1; j <= bytes.length; j++) if (i !== 0 || j !== bytes.length) refused(PETER_VKEY.slice(i, j));
    }
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] as number) + 1;
      refused(changed.toString('latin1'));
    }
    // Go's own two: a key of the wrong length and an unknown algorithm, each with its key ID adjusted to match.
    refused('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==');
    refused('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
  });
});

describe('signing', () => {
  it('signs the Go test text with the Go test key into exactly the note Go produces', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(signer).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(signNote(GO_TEXT, [signer])).toBe(`${GO_TEXT}\n${PETER_SIG}`);
  });

  it('refuses mangled signer keys, as Go TestNewSigner does', () => {
    const bytes = Buffer.from(PETER_SKEY);
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] as number) + 1;
      expect(() => parseSignerKey(changed.toString('latin1'))).toThrow(code('malformed_signer_key'));
    }
    expect(() => parseSignerKey(PETER_SKEY.slice(0, -1))).toThrow(code('malformed_signer_key'));
    expect(() => parseSignerKey(PETER_SKEY.slice('PRIVATE+KEY+'.length))).toThrow(code('malformed_signer_key'));
  });

  it('signs with the installation key, and the verifier key it publishes opens the note', () => {
    const pair = generateKeyPair();
    const { privateKey } = loadKeyPair(pair.published, pair.privatePem);
    const signer = ed25519Signer('docket.example/log', privateKey);
    const publicKey = ed25519PublicKeyOf(privateKey);
    expect(publicKey.toString('base64url')).toBe(pair.published.x);
    const vkey = ed25519VerifierKey('docket.example/log', publicKey);
    const note = signNote('docket.example/log\n3\nAAAA\n', [signer]);
    expect(openNote(note, [parseVerifierKey(vkey)]).text).toBe('docket.example/log\n3\nAAAA\n');
  });

  it('refuses to sign a text that is not a note text', () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(() => signNote('no final newline', [signer])).toThrow(code('malformed_note'));
    expect(() => signNote('a\tb\n', [signer])).toThrow(code('malformed_note'));
    expect(() => signNote(GO_TEXT, [])).toThrow(code('malformed_note'));
  });
});

describe('opening notes', () => {
  const peter = parseVerifierKey(PETER_VKEY);
  const enoch = parseVerifierKey(ENOCH_VKEY);

  it('opens the C2SP example note with the C2SP example key', () => {
    const opened = openNote(C2SP_NOTE, [parseVerifierKey(C2SP_VKEY)]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.signatures).toEqual([
      { name: 'example.com/foo', keyId: 0x530d903a, base64: expect.stringMatching(/^Uw2QOkn8/) },
    ]);
  });

  it('verifies the known key and keeps, unverified, the signature of a key it was not given (Go TestOpen)', () => {
    const opened = openNote(`${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    expect(opened.signatures.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(`${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter, enoch]);
    expect(both.signatures.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(openNote(`${GO_TEXT}\n${PETER_SIG}${PETER_SIG}`, [peter]).signatures).toHaveLength(1);
  });

  it('rejects the published notes tampered with', () => {
    const key = parseVerifierKey(C2SP_VKEY);
    expect(() => openNote(C2SP_NOTE.replace('example message', 'exemple message'), [key])).toThrow(
      code('invalid_signature'),
    );
    expect(() => openNote(C2SP_NOTE.replace('Uw2QOkn8', 'Uw2QOkn9'), [key])).toThrow(code('invalid_signature'));
    expect(() => openNote(`${GO_TEXT}\n${PETER_SIG}`.replace('problem,', 'problem;'), [peter])).toThrow(
      code('invalid_signature'),
    );
    // Changing a signature's key ID makes it some other key's: ignored, and then nothing verifies.
    expect(() => openNote(C2SP_NOTE.replace('Uw2QOkn8', 'Uw2QPkn8'), [key])).toThrow(code('unverified_note'));
  });

  it('refuses a note no known key signed', () => {
    expect(() => openNote(`${GO_TEXT}\n${ENOCH_SIG}`, [peter])).toThrow(code('unverified_note'));
    expect(() => openNote(C2SP_NOTE, [])).toThrow(code('unverified_note'));
    // Same name, other key: unknown, so ignored rather than failed.
    expect(() => openNote(C2SP_NOTE.replace('— example.com/foo', '— PeterNeumann'), [peter])).toThrow(
      code('unverified_note'),
    );
  });

  it('refuses malformed notes with a reason', () => {
    const malformed = code('malformed_note');
    const signed = `${GO_TEXT}\n${PETER_SIG}`;
    for (const note of [
      GO_TEXT, // no signatures
      signed.slice(0, -1), // last signature line has no newline
      `${GO_TEXT}\n`, // blank line, then nothing
      signed.replace('— ', '- '), // hyphen, not em dash
      signed.replace('— ', '—'), // no space after the dash
      signed.replace('PeterNeumann ', 'Peter+Neumann '),
      signed.replace('PeterNeumann x08go', 'PeterNeumann  x08go'),
      signed.replace('AM=\n', 'AM\n'), // unpadded base64
      `${GO_TEXT}\n— PeterNeumann AAAA\n`, // too short to hold a key ID and a signature
      `a\rb\n${signed.slice(GO_TEXT.length)}`, // a control character
      `${GO_TEXT}\n${PETER_SIG}\n`, // trailing blank line: the last blank line leaves no signatures after it
      `${GO_TEXT}\n${ENOCH_SIG.repeat(101)}`,
    ]) {
      expect(() => openNote(note, [peter]), JSON.stringify(note)).toThrow(malformed);
    }
    expect(() => openNote(Buffer.concat([Buffer.from(signed), Buffer.of(0xff)]), [peter])).toThrow(/UTF-8/);
  });
});
