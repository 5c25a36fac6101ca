import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('the DSA Transparency Database settings', () => {
  it('leave submission off when neither is set', () => {
    expect(loadConfig({}).dsaTdb).toBeUndefined();
  });

  it('take the address (without a trailing slash) and the token together', () => {
    expect(
      loadConfig({ DOCKET_DSA_TDB_URL: 'https://transparency.dsa.ec.europa.eu/', DOCKET_DSA_TDB_TOKEN: ' t0ken ' })
        .dsaTdb,
    ).toEqual({ url: 'https://transparency.dsa.ec.europa.eu', token: 't0ken' });
  });

  it('refuse one without the other, and an address that is not http(s)', () => {
    expect(() => loadConfig({ DOCKET_DSA_TDB_URL: 'https://tdb.example' })).toThrow(/DOCKET_DSA_TDB_TOKEN must be set/);
    expect(() => loadConfig({ DOCKET_DSA_TDB_TOKEN: 'x' })).toThrow(/DOCKET_DSA_TDB_URL must be set/);
    expect(() => loadConfig({ DOCKET_DSA_TDB_URL: 'tdb.example', DOCKET_DSA_TDB_TOKEN: 'x' })).toThrow(
      /DOCKET_DSA_TDB_URL must be an http/,
    );
  });
});
