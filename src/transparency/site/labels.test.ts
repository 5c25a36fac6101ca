import { describe, expect, it } from 'vitest';
import { TIER_LENGTHS, tierLabel } from './labels.js';

describe('the protocol tiers in words', () => {
  it('names each tier with the length the protocol gives it', () => {
    expect([1, 2, 3, 4].map(tierLabel)).toEqual([
      'Tier 1 (one month)',
      'Tier 2 (six months)',
      'Tier 3 (a year)',
      'Tier 4 (two years)',
    ]);
    expect(TIER_LENGTHS).toBe('tier 1: one month, tier 2: six months, tier 3: a year, tier 4: two years');
    expect(tierLabel(9)).toBe('Tier 9');
  });
});
