import { describe, expect, it } from 'vitest';
import { generateKeyPair, loadKeyPair } from './signing.js';
import { leafHash } from './merkle.js';
import { ed25519PublicKeyOf, ed25519Signer, ed25519VerifierKey, openNote, parseVerifierKey } from './note.js';
import { defaultLogOrigin, formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';

const code = (c: string) => expect.objectContaining({ code: c });

/** The example of the C2SP tlog-checkpoint spec (c2sp.org/tlog-checkpoint, read from github.com/C2SP/C2SP). */
const C2SP_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const C2SP_SIGNED = `${C2SP_BODY}\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n`;

/**
 * Go's golang.org/x/mod/sumdb/tlog note_test.go (TestFormatTree, TestParseTree): the tree head of the Go checksum
 * database format, whose root is the record hash of "hello world".
 */
const GO_TREE = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';

describe('checkpoint bodies', () => {
  it('reads and writes the C2SP example checkpoint', () => {
    const head = parseCheckpoint(C2SP_BODY, 'example.com/behind-the-sofa');
    expect(head).toEqual({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      rootHash: Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'),
      extensions: [],
    });
    expect(formatCheckpoint(head)).toBe(C2SP_BODY);
    // Its signature is by a key the spec does not publish, so the note opens for nobody.
    expect(() => openNote(C2SP_SIGNED, [])).toThrow(code('unverified_note'));
  });

  it('writes and reads Go sumdb/tlog TestFormatTree tree', () => {
    const head = { origin: 'go.sum database tree', size: 123456789012, rootHash: leafHash(Buffer.from('hello world')) };
    expect(formatCheckpoint(head)).toBe(GO_TREE);
    expect(parseCheckpoint(GO_TREE)).toEqual({ ...head, extensions: [] });
  });

  it('keeps extension lines', () => {
    const head = parseCheckpoint(`${GO_TREE}JOE\nJOE\n`);
    expect(head.extensions).toEqual(['JOE', 'JOE']);
    expect(formatCheckpoint(head)).toBe(`${GO_TREE}JOE\nJOE\n`);
  });

  it('refuses malformed checkpoints, among them Go TestParseTree badTrees', () => {
    for (const text of [
      'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
      GO_TREE.slice(0, -1), // no final newline
      `${GO_TREE}JOE`, // an extension line without its newline
      `${GO_TREE}\n`, // an empty extension line
      'go.sum database tree\n123456789012\n', // no root
      '\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', // no origin
      'o\n0123\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', // leading zero
      'o\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'o\n99999999999999999999\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0\n', // unpadded
      'o\n1\nAAAA\n', // not 32 bytes
      'o\t\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
    ]) {
      expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(code('malformed_checkpoint'));
    }
    expect(() => parseCheckpoint(GO_TREE, 'example.com/log')).toThrow(/not "example.com\/log"/);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: Buffer.alloc(32) })).toThrow(
      code('malformed_checkpoint'),
    );
    expect(() => formatCheckpoint({ origin: 'a', size: 1, rootHash: Buffer.alloc(31) })).toThrow(
      code('malformed_checkpoint'),
    );
  });
});

describe('signed checkpoints', () => {
  const pair = generateKeyPair();
  const { privateKey } = loadKeyPair(pair.published, pair.privatePem);
  const origin = defaultLogOrigin('https://transparency.example.org/');
  const signer = ed25519Signer(origin, privateKey);
  const verifier = parseVerifierKey(ed25519VerifierKey(origin, ed25519PublicKeyOf(privateKey)));
  const head = { origin, size: 42, rootHash: leafHash(Buffer.from('root')), extensions: [] };

  it('signs with the installation key and opens with its verifier key', () => {
    expect(origin).toBe('transparency.example.org/log');
    const signed = signCheckpoint(head, [signer]);
    expect(signed.startsWith(`${formatCheckpoint(head)}\n— ${origin} `)).toBe(true);
    const opened = openCheckpoint(signed, origin, [verifier]);
    expect(opened.head).toEqual(head);
    expect(opened.note.signatures).toHaveLength(1);
  });

  it('refuses a checkpoint of another log, a changed one and one signed by another key', () => {
    const signed = signCheckpoint(head, [signer]);
    expect(() => openCheckpoint(signed, 'other.example/log', [verifier])).toThrow(code('malformed_checkpoint'));
    expect(() => openCheckpoint(signed.replace('\n42\n', '\n43\n'), origin, [verifier])).toThrow(
      code('invalid_signature'),
    );
    const other = generateKeyPair();
    const otherSigner = ed25519Signer(origin, loadKeyPair(other.published, other.privatePem).privateKey);
    expect(() => openCheckpoint(signCheckpoint(head, [otherSigner]), origin, [verifier])).toThrow(
      code('unverified_note'),
    );
  });
});
