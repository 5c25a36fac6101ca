import { describe, expect, it } from 'vitest';
import { describeWait } from './waits.js';

describe('a wait in words', () => {
  it('counts seconds under two minutes, then minutes rounded up, then hours rounded up', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(45)).toBe('45 seconds');
    expect(describeWait(119)).toBe('119 seconds');
    expect(describeWait(120)).toBe('2 minutes');
    expect(describeWait(121)).toBe('3 minutes');
    expect(describeWait(2 * 3600 - 1)).toBe('120 minutes');
    expect(describeWait(2 * 3600)).toBe('2 hours');
    expect(describeWait(2 * 3600 + 1)).toBe('3 hours');
  });
});
