import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { publicLogOrigin } from './config-public-log.js';

describe('DOCKET_PUBLIC_LOG_ORIGIN', () => {
  it("defaults to this host's name and /log, marked as a default", () => {
    expect(publicLogOrigin({}, 'Docket-1.Example.org')).toEqual({
      origin: 'docket-1.example.org/log',
      explicit: false,
    });
    expect(loadConfig({}).publicLogOrigin.explicit).toBe(false);
  });

  it('takes a schema-less URL as the origin line', () => {
    expect(loadConfig({ DOCKET_PUBLIC_LOG_ORIGIN: ' transparency.example.org/log ' }).publicLogOrigin).toEqual({
      origin: 'transparency.example.org/log',
      explicit: true,
    });
  });

  it('refuses what cannot name a note key: spaces, a plus, control characters, over 255 characters', () => {
    for (const bad of ['example.org log', 'example.org/log+1', 'example.org/\u0001log', `${'x'.repeat(256)}`])
      expect(() => loadConfig({ DOCKET_PUBLIC_LOG_ORIGIN: bad }), bad).toThrow(/DOCKET_PUBLIC_LOG_ORIGIN must be/);
  });
});
