import { describe, expect, it } from 'vitest';
import { internalRangeOf } from './addresses.js';

describe('the internal addresses a did:web host may not resolve to', () => {
  it('finds each internal IPv4 range, at its edges', () => {
    const cases: [string, RegExp][] = [
      ['0.0.0.0', /"this network"/],
      ['0.255.255.255', /"this network"/],
      ['127.0.0.1', /^loopback \(127\.0\.0\.0\/8\)$/],
      ['127.255.255.254', /loopback/],
      ['10.0.0.1', /^private \(10\.0\.0\.0\/8\)$/],
      ['10.255.255.255', /private/],
      ['172.16.0.1', /^private \(172\.16\.0\.0\/12\)$/],
      ['172.31.255.255', /private/],
      ['192.168.1.1', /^private \(192\.168\.0\.0\/16\)$/],
      ['169.254.169.254', /^link-local \(169\.254\.0\.0\/16\)$/],
      ['100.64.0.1', /^carrier-grade NAT \(100\.64\.0\.0\/10\)$/],
      ['100.100.100.200', /carrier-grade NAT/],
      ['100.127.255.255', /carrier-grade NAT/],
      ['192.0.0.192', /IETF protocol assignments/],
      ['198.18.0.1', /benchmarking/],
      ['192.0.2.10', /documentation/],
      ['224.0.0.251', /multicast/],
      ['255.255.255.255', /reserved/],
    ];
    for (const [address, range] of cases) expect(internalRangeOf(address), address).toMatch(range);
  });

  it('passes public IPv4 addresses, right beside the internal ranges too', () => {
    for (const address of [
      '1.1.1.1',
      '8.8.8.8',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '172.15.255.255',
      '172.32.0.0',
      '192.167.255.255',
      '192.169.0.0',
      '223.255.255.255',
    ])
      expect(internalRangeOf(address), address).toBeNull();
  });

  it('finds each internal IPv6 range', () => {
    const cases: [string, RegExp][] = [
      ['::1', /^loopback \(::1\/128\)$/],
      ['::', /^unspecified/],
      ['fe80::1', /^link-local \(fe80::\/10\)$/],
      ['fe80::1%eth0', /^link-local/],
      ['febf:ffff::1', /^link-local/],
      ['fc00::1', /^unique-local \(fc00::\/7\)$/],
      ['fd00:ec2::254', /^unique-local/],
      ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', /^unique-local/],
      ['fec0::1', /^site-local/],
      ['ff02::1', /^multicast/],
      ['2001:db8::1', /^documentation/],
      ['::7f00:1', /^IPv4-compatible/],
    ];
    for (const [address, range] of cases) expect(internalRangeOf(address), address).toMatch(range);
  });

  it('judges an IPv6 address that carries an IPv4 one by the IPv4 address', () => {
    expect(internalRangeOf('::ffff:127.0.0.1')).toBe('loopback (127.0.0.0/8), as IPv4-mapped (::ffff:0:0/96)');
    expect(internalRangeOf('::ffff:7f00:1')).toMatch(/^loopback/);
    expect(internalRangeOf('::FFFF:169.254.169.254')).toMatch(/^link-local/);
    expect(internalRangeOf('::ffff:10.1.2.3')).toMatch(/^private/);
    expect(internalRangeOf('::ffff:0.0.0.0')).toMatch(/"this network"/);
    expect(internalRangeOf('64:ff9b::192.168.0.1')).toMatch(/^private .*as NAT64/);
    expect(internalRangeOf('2002:7f00:1::1')).toMatch(/^loopback .*as 6to4/);
    expect(internalRangeOf('::ffff:8.8.8.8')).toBeNull();
    expect(internalRangeOf('64:ff9b::1.1.1.1')).toBeNull();
    expect(internalRangeOf('2002:808:808::1')).toBeNull();
  });

  it('passes public IPv6 addresses, and refuses what is not an address', () => {
    for (const address of ['2606:4700:4700::1111', '2001:4860:4860::8888', 'fbff::1', 'fe7f::1', '2a00:1450::1'])
      expect(internalRangeOf(address), address).toBeNull();
    for (const text of ['localhost', '', '127.1', '1.2.3.4.5', '::g'])
      expect(internalRangeOf(text), text).toBe('not an IP address');
  });
});
