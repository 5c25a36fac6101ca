import { describe, expect, it } from 'vitest';
import { secretsFromStdin } from './connector.js';

describe('secrets read from standard input', () => {
  it('takes one a line, in the order of the flags, trimmed', () => {
    expect(secretsFromStdin('tok-123\r\nthe secret value\n', ['access token', 'webhook secret'])).toEqual([
      'tok-123',
      'the secret value',
    ]);
  });

  it('refuses an empty or missing line, naming which secret it should hold', () => {
    expect(() => secretsFromStdin('tok-123\n', ['access token', 'webhook secret'])).toThrow(
      'line 2 of standard input should hold the webhook secret',
    );
  });
});
