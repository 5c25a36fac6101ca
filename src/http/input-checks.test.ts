import { describe, expect, it } from 'vitest';
import { undecodableQuery, unstorableInput } from './input-checks.js';

describe('input no store can keep', () => {
  it('accepts ordinary text, including characters outside the basic plane', () => {
    expect(
      unstorableInput({
        name: 'Zoë 😀 ليلى',
        tags: ['a', 'b'],
        views: 3_000_000_000,
        score: 0.5,
        on: true,
        none: null,
      }),
    ).toBeNull();
  });

  it('names a NUL character anywhere, in values and in field names', () => {
    expect(unstorableInput({ username: 'a\u0000b' })).toEqual({
      field: '/username',
      message: 'must not contain the NUL character (\\u0000)',
    });
    expect(unstorableInput({ items: [{ ok: 'x' }, { text: 'x\u0000' }] })?.field).toBe('/items/1/text');
    expect(unstorableInput({ 'a\u0000': 1 })?.message).toMatch(/field name that must not contain the NUL/);
    expect(unstorableInput('\u0000')).toEqual({ field: '', message: 'must not contain the NUL character (\\u0000)' });
  });

  it('names a lone surrogate, high or low, but not a whole pair', () => {
    expect(unstorableInput({ externalId: '\ud800' })?.field).toBe('/externalId');
    expect(unstorableInput({ externalId: 'x\udc00y' })?.field).toBe('/externalId');
    expect(unstorableInput({ externalId: '\ud800\udc00' })).toBeNull();
  });

  it('refuses numbers JavaScript cannot read back exactly, and infinities', () => {
    expect(unstorableInput({ views: 1e308 })).toEqual({
      field: '/views',
      message: 'must be between -9007199254740991 and 9007199254740991',
    });
    expect(unstorableInput({ after: 1e23 })?.field).toBe('/after');
    expect(unstorableInput({ x: Number.POSITIVE_INFINITY })?.message).toBe('must be a finite number');
    expect(unstorableInput({ views: Number.MAX_SAFE_INTEGER })).toBeNull();
  });

  it('escapes field names in the pointer and stops at a depth no request needs', () => {
    expect(unstorableInput({ 'a/b': { '~': '\u0000' } })?.field).toBe('/a~1b/~0');
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i += 1) deep = [deep];
    expect(unstorableInput(deep)?.message).toBe('is nested more than 32 levels deep');
  });
});

describe('a query whose percent-encoding is not UTF-8', () => {
  it('names the parameter that holds a lone surrogate, a bad escape or a cut sequence', () => {
    expect(undecodableQuery('/api/search?kind=content&q=%ED%BF%BF')).toEqual({
      field: '/q',
      message: 'is not valid percent-encoded UTF-8',
    });
    expect(undecodableQuery('/api/search?q=%zz')?.field).toBe('/q');
    expect(undecodableQuery('/api/search?q=%E0%A4%A&limit=5')?.field).toBe('/q');
    expect(undecodableQuery('/x?%FF=1')?.field).toBe('/%FF');
  });

  it('accepts UTF-8, plus signs, empty values and no query at all', () => {
    expect(undecodableQuery('/api/search?q=caf%C3%A9+noir&after=')).toBeNull();
    expect(undecodableQuery('/api/search?q=%F0%9F%98%80')).toBeNull();
    expect(undecodableQuery('/api/search?flag&q=a=b')).toBeNull();
    expect(undecodableQuery('/api/search')).toBeNull();
  });
});
