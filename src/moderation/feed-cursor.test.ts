import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './feed-cursor.js';

describe('decision feed cursor', () => {
  const position = { at: new Date('2026-03-02T09:00:00.123Z'), id: '0195f1a2-7b3c-7d4e-8f90-123456789abc' };

  it('gives back the position it was made from', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is URL-safe text', () => {
    expect(encodeCursor(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses text it did not give out', () => {
    for (const text of [
      '',
      'not a cursor!',
      'abc',
      Buffer.from('d1|yesterday|x').toString('base64url'),
      Buffer.from('d2|2026-03-02T09:00:00.123Z|0195f1a2-7b3c-7d4e-8f90-123456789abc').toString('base64url'),
      Buffer.from('d1|2026-02-30T09:00:00.000Z|0195f1a2-7b3c-7d4e-8f90-123456789abc').toString('base64url'),
    ]) {
      expect(decodeCursor(text)).toBeNull();
    }
  });
});
