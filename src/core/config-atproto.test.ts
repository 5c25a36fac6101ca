import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the atproto settings', () => {
  it('leave Docket no atproto service by default, resolving did:plc through the public PLC directory', () => {
    const config = loadConfig({});
    expect(config.atprotoDid).toBeUndefined();
    expect(config.atprotoPlcUrl).toBe('https://plc.directory');
    expect(config.atprotoReasonMap).toBeUndefined();
  });

  it('take a did:web of a host (with a port as %3A) or a did:plc, and an http(s) PLC directory', () => {
    expect(loadConfig({ DOCKET_ATPROTO_DID: 'did:web:docket.example' }).atprotoDid).toBe('did:web:docket.example');
    expect(loadConfig({ DOCKET_ATPROTO_DID: 'did:web:localhost%3A3000' }).atprotoDid).toBe('did:web:localhost%3A3000');
    expect(loadConfig({ DOCKET_ATPROTO_DID: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz' }).atprotoDid).toBe(
      'did:plc:ewvi7nxzyoun6zhxrhs64oiz',
    );
    expect(loadConfig({ DOCKET_ATPROTO_PLC_URL: 'http://127.0.0.1:2582' }).atprotoPlcUrl).toBe('http://127.0.0.1:2582');
  });

  it('refuse a DID atproto cannot resolve to a service, and a PLC address that is not http(s)', () => {
    for (const did of ['docket.example', 'did:web:docket.example:reports', 'did:key:zQ3sh', 'did:plc:short'])
      expect(() => loadConfig({ DOCKET_ATPROTO_DID: did }), did).toThrow(/DOCKET_ATPROTO_DID must be a did:plc/);
    expect(() => loadConfig({ DOCKET_ATPROTO_PLC_URL: 'plc.directory' })).toThrow(/DOCKET_ATPROTO_PLC_URL/);
    expect(() => loadConfig({ DOCKET_ATPROTO_PLC_URL: 'ftp://plc.directory' })).toThrow(/DOCKET_ATPROTO_PLC_URL/);
  });
});

describe('DOCKET_ATPROTO_REASON_MAP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docket-reasons-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('is read at start: the file as named and the JSON it holds', () => {
    const json = { 'com.atproto.moderation.defs#reasonSexual': { policyId: 'adult-content' } };
    const file = write('reasons.json', JSON.stringify(json));
    expect(loadConfig({ DOCKET_ATPROTO_REASON_MAP: file }).atprotoReasonMap).toEqual({ file, json });
  });

  it('stops the start, naming the file, when it cannot be read or is not JSON', () => {
    const missing = join(dir, 'missing.json');
    expect(() => loadConfig({ DOCKET_ATPROTO_REASON_MAP: missing })).toThrow(
      `configuration DOCKET_ATPROTO_REASON_MAP names ${missing}, which cannot be read (ENOENT)`,
    );
    const broken = write('broken.json', '{"com.atproto.moderation.defs#reasonSexual": ');
    expect(() => loadConfig({ DOCKET_ATPROTO_REASON_MAP: broken })).toThrow(
      new RegExp(`DOCKET_ATPROTO_REASON_MAP names ${broken}, which is not JSON`),
    );
  });
});
