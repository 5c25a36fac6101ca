import { isIP } from 'node:net';

/**
 * Which addresses a did:web host may not resolve to: Docket fetches a did:web document from whatever host a
 * token's `iss` names, so without this a token could make Docket call its own machine, its private network or a
 * cloud metadata service (169.254.169.254, fd00:ec2::254, 100.100.100.200, 192.0.0.192 all fall in ranges below).
 * Pure: addresses as node:dns gives them, ranges from the IANA special-purpose registries.
 */

interface Range {
  /** The range's first address, as bytes (4 for IPv4, 16 for IPv6). */
  base: number[];
  bits: number;
  name: string;
}

const v4 = (cidr: string, name: string): Range => {
  const [address = '', bits = '32'] = cidr.split('/');
  return { base: ipv4Bytes(address) ?? [], bits: Number(bits), name: `${name} (${cidr})` };
};
const v6 = (cidr: string, name: string): Range => {
  const [address = '', bits = '128'] = cidr.split('/');
  return { base: ipv6Bytes(address) ?? [], bits: Number(bits), name: `${name} (${cidr})` };
};

const IPV4_RANGES: readonly Range[] = [
  v4('0.0.0.0/8', '"this network"'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'carrier-grade NAT'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignments'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', '6to4 relay anycast'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: readonly Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('::/96', 'IPv4-compatible'),
  v6('64:ff9b:1::/48', 'local-use NAT64'),
  v6('100::/64', 'discard-only'),
  v6('2001::/32', 'Teredo'),
  v6('2001:db8::/32', 'documentation'),
  v6('fc00::/7', 'unique-local'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local'),
  v6('ff00::/8', 'multicast'),
];

/** IPv6 prefixes that carry an IPv4 address in known bits: the IPv4 address decides. */
const EMBEDDING_V4: readonly { range: Range; at: number }[] = [
  { range: v6('::ffff:0:0/96', 'IPv4-mapped'), at: 12 },
  { range: v6('64:ff9b::/96', 'NAT64'), at: 12 },
  { range: v6('2002::/16', '6to4'), at: 2 },
];

/**
 * The internal range an address falls in (`loopback (127.0.0.0/8)`, `unique-local (fc00::/7)`, ...), or null for a
 * public address. An IPv4-mapped, NAT64 or 6to4 IPv6 address is judged by the IPv4 address it carries. Anything that
 * is not an IP address counts as internal: the guard must never pass what it cannot read.
 */
export function internalRangeOf(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return rangeOf(ipv4Bytes(address), IPV4_RANGES);
  if (family !== 6) return 'not an IP address';
  const bytes = ipv6Bytes(address);
  if (!bytes) return 'not an IP address';
  for (const { range, at } of EMBEDDING_V4)
    if (within(bytes, range)) {
      const inner = rangeOf(bytes.slice(at, at + 4), IPV4_RANGES);
      return inner ? `${inner}, as ${range.name}` : null;
    }
  return rangeOf(bytes, IPV6_RANGES);
}

function rangeOf(bytes: number[] | null, ranges: readonly Range[]): string | null {
  if (!bytes) return 'not an IP address';
  return ranges.find((range) => within(bytes, range))?.name ?? null;
}

function within(bytes: number[], range: Range): boolean {
  if (bytes.length !== range.base.length) return false;
  for (let bit = 0; bit < range.bits; bit += 8) {
    const left = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - left)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((range.base[index] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] | null {
  if (isIP(address) !== 4) return null;
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (its zone, `%eth0`, dropped), a trailing dotted IPv4 part included. */
function ipv6Bytes(text: string): number[] | null {
  const address = text.split('%')[0] ?? '';
  if (isIP(address) !== 6) return null;
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          const quad = ipv4Bytes(group);
          return quad
            ? [(quad[0] ?? 0) * 256 + (quad[1] ?? 0), (quad[2] ?? 0) * 256 + (quad[3] ?? 0)]
            : [parseInt(group, 16)];
        });
  const [head = '', tail] = address.split('::');
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  if (groups.length !== 8) return null;
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}
