import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.js';
import {
  cosign,
  cosignatureTimestamp,
  cosignedMessage,
  cosignerVerifierKey,
  parseCosignerKey,
  verifyCosignatures,
} from './cosignature.js';
import { ed25519PublicKeyOf, ed25519Signer, ed25519VerifierKey, openNote, parseVerifierKey, signNote } from './note.js';

// The C2SP tlog-cosignature example checkpoint body and its signed message.
const SOFA = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

function witness(name: string) {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = ed25519PublicKeyOf(privateKey);
  return { name, privateKey, vkey: cosignerVerifierKey(name, publicKey) };
}

describe('C2SP tlog-cosignature v1 (Ed25519)', () => {
  it('signs "cosignature/v1", the time and the whole checkpoint text, as the spec example shows', () => {
    expect(cosignedMessage(SOFA, 1679315147).toString('utf8')).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(() => cosignedMessage(SOFA, 0)).toThrow(/positive POSIX timestamp/);
    expect(() => cosignedMessage(SOFA.slice(0, -1), 1)).toThrow(/newline/);
  });

  it('reads witness keys of type 0x04 with their key ID, as transparency-dev/formats publishes them', () => {
    // A native cosignature/v1 verifier key from transparency-dev/formats' note tests.
    const remora = parseCosignerKey('remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2');
    expect(remora.name).toBe('remora.n621.de');
    expect(remora.keyId).toBe(0xda77ade7);
    expect(cosignerVerifierKey(remora.name, remora.publicKey)).toBe(remora.vkey);
    // A log key (type 0x01) is not a cosigner key, and a key ID must be the key's.
    expect(() => parseCosignerKey('TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6')).toThrow(
      /signature type 1; a cosignature\/v1 witness key has type 4/,
    );
    expect(() => parseCosignerKey('remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2')).toThrow(
      /not its key's/,
    );
    expect(() => parseCosignerKey('remora.n621.de+da77ade7')).toThrow(/<name>\+<key ID>\+<key>/);
  });

  it('reads the time of a published cosignature', () => {
    // transparency-dev/formats' note tests: this signature was made at 1727964367.
    expect(
      cosignatureTimestamp(
        'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==',
      ),
    ).toBe(1727964367);
    // A plain Ed25519 note signature is too short to be a cosignature.
    expect(() =>
      cosignatureTimestamp(
        'eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUMLXpWs1hPb/W/4xkNQY=',
      ),
    ).toThrow(/key ID, a time and an Ed25519 signature/);
  });

  it('verifies the cosignatures of configured witnesses on a signed checkpoint and ignores other keys', () => {
    const log = generateKeyPairSync('ed25519').privateKey;
    const origin = 'docket.example/log';
    const logKey = parseVerifierKey(ed25519VerifierKey(origin, ed25519PublicKeyOf(log)));
    const text = formatCheckpoint({ origin, size: 5, rootHash: Buffer.alloc(32, 7) });
    const signed = signNote(text, [ed25519Signer(origin, log)]);
    const [w1, w2, stranger] = [
      witness('witness.example/w1'),
      witness('witness.example/w2'),
      witness('other.example/w'),
    ];
    const line1 = cosign(w1.name, w1.privateKey, text, 1700000000);
    const note = signed + line1 + cosign(stranger.name, stranger.privateKey, text, 1700000001);
    const opened = openNote(note, [logKey]);
    const cosigners = [parseCosignerKey(w1.vkey), parseCosignerKey(w2.vkey)];
    expect(verifyCosignatures(opened.text, opened.unverified, cosigners)).toEqual([
      { name: w1.name, keyId: cosigners[0]?.keyId, timestamp: 1700000000, line: line1 },
    ]);
    // The log's own key is not a cosigner: its signature is not taken for a witness's.
    expect(verifyCosignatures(opened.text, opened.signatures, cosigners)).toEqual([]);
  });

  it('refuses a configured witness’s cosignature over another checkpoint, or with its time changed', () => {
    const origin = 'docket.example/log';
    const text = formatCheckpoint({ origin, size: 5, rootHash: Buffer.alloc(32, 7) });
    const other = formatCheckpoint({ origin, size: 6, rootHash: Buffer.alloc(32, 8) });
    const w = witness('witness.example/w1');
    const cosigner = parseCosignerKey(w.vkey);
    const parse = (line: string) => {
      const [, name, base64] = /^\u2014 (\S+) (\S+)\n$/u.exec(line) ?? [];
      return { name: name as string, keyId: cosigner.keyId, base64: base64 as string };
    };
    const good = parse(cosign(w.name, w.privateKey, other, 1700000000));
    expect(() => verifyCosignatures(text, [good], [cosigner])).toThrow(
      /witness.example\/w1\+[0-9a-f]{8} does not verify/,
    );
    const bytes = Buffer.from(parse(cosign(w.name, w.privateKey, text, 1700000000)).base64, 'base64');
    bytes.writeBigUInt64BE(1700000001n, 4);
    expect(() => verifyCosignatures(text, [{ ...good, base64: bytes.toString('base64') }], [cosigner])).toThrow(
      /does not verify/,
    );
    bytes.writeBigUInt64BE(0n, 4);
    expect(() => verifyCosignatures(text, [{ ...good, base64: bytes.toString('base64') }], [cosigner])).toThrow(
      /has time 0/,
    );
  });
});
