/**
 * The AT Protocol's identifier syntax, written from the atproto specifications (atproto.com/specs: DID, NSID,
 * record key, AT URI, CID) and the lexicon string formats: pure checks and parsers, no network.
 */

/** A DID as atproto accepts one: `did:<method>:<id>`, at most 2 KB (the `did` string format). */
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
const MAX_DID = 2_048;

export const isDid = (value: string): boolean => value.length <= MAX_DID && DID.test(value);

/** The reverse-domain name of a lexicon or collection (`app.bsky.feed.post`): three segments at least. */
const NSID =
  /^[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(?:\.[a-zA-Z][a-zA-Z0-9]{0,62})$/;

export const isNsid = (value: string): boolean => value.length <= 317 && NSID.test(value);

/** A record key: 1 to 512 of `A-Z a-z 0-9 . - _ : ~`, never `.` or `..`. */
export const isRecordKey = (value: string): boolean =>
  /^[a-zA-Z0-9_~.:-]{1,512}$/.test(value) && value !== '.' && value !== '..';

/** An AT URI that names one record: `at://<did>/<collection>/<rkey>`. */
export interface RecordUri {
  did: string;
  collection: string;
  rkey: string;
}

/**
 * Parses an AT URI naming a record, or says what is wrong with it. The at-uri format also allows a handle as the
 * authority and a URI with no record; a report's strongRef names one record by its repository's DID.
 */
export function parseRecordUri(uri: string): RecordUri | string {
  if (uri.length > 8_192) return 'is longer than an AT URI may be (8 KB)';
  if (!uri.startsWith('at://')) return 'must start with at://';
  if (/[?#]/.test(uri)) return 'must not carry a query or a fragment';
  const parts = uri.slice('at://'.length).split('/');
  if (parts.length !== 3) return 'must name one record: at://<did>/<collection>/<rkey>';
  const [did = '', collection = '', rkey = ''] = parts;
  if (!isDid(did)) return `names "${did}" as its repository, which is not a DID`;
  if (!isNsid(collection)) return `names "${collection}" as its collection, which is not an NSID`;
  if (!isRecordKey(rkey)) return `names "${rkey}" as its record key, which is not a valid record key`;
  return { did, collection, rkey };
}

// ---------------------------------------------------------------------------------------------------------------
// Multibase alphabets

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** base58btc (the `z` multibase) to bytes; null when a character is outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) return null;
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros += 1;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

export function base58Encode(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let text = '';
  while (value > 0n) {
    text = (BASE58[Number(value % 58n)] ?? '') + text;
    value /= 58n;
  }
  let zeros = 0;
  while (bytes[zeros] === 0) zeros += 1;
  return '1'.repeat(zeros) + text;
}

/** base32 lower case without padding (the `b` multibase) to bytes; null when a character is outside it. */
export function base32Decode(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return null;
    buffer = (buffer << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

export function base32Encode(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += BASE32[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) text += BASE32[(buffer << (5 - bits)) & 31];
  return text;
}

/** An unsigned LEB128 varint at `offset`: its value and the offset after it; null when cut short or too long. */
export function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 4; i += 1) {
    const byte = bytes[offset + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  return null;
}

/**
 * A CID as a string (the `cid` format): a CIDv1 in base32 (`b…`, what atproto writes: version 1, a content codec,
 * a multihash whose length matches its digest), or a CIDv0 (`Qm…`, base58btc of a sha2-256 multihash).
 */
export function isCid(value: string): boolean {
  if (value.length < 8 || value.length > 256) return false;
  if (value.startsWith('Qm')) {
    const bytes = value.length === 46 ? base58Decode(value) : null;
    return bytes !== null && bytes.length === 34 && bytes[0] === 0x12 && bytes[1] === 0x20;
  }
  if (!value.startsWith('b')) return false;
  const bytes = base32Decode(value.slice(1));
  if (!bytes) return false;
  const version = readVarint(bytes, 0);
  if (version?.value !== 1) return false;
  const codec = readVarint(bytes, version.next);
  const hash = codec && readVarint(bytes, codec.next);
  const length = hash && readVarint(bytes, hash.next);
  return !!length && length.value > 0 && bytes.length - length.next === length.value;
}
