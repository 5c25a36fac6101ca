import { describe, expect, it } from 'vitest';
import { countryLabel, countryName } from './countries.js';

describe('country names', () => {
  it('names assigned ISO 3166-1 alpha-3 codes by their English short name', () => {
    expect(countryName('KEN')).toBe('Kenya');
    expect(countryName('NLD')).toBe('Netherlands');
    expect(countryName('BOL')).toBe('Bolivia');
    expect(countryName('CIV')).toBe('Côte d’Ivoire');
  });

  it('names other codes only from what was imported, and never lets an import rename a standard code', () => {
    const known = new Map([
      ['QKB', 'Kambara'],
      ['KEN', 'Not Kenya'],
    ]);
    expect(countryName('QKB')).toBeNull();
    expect(countryName('QKB', known)).toBe('Kambara');
    expect(countryName('KEN', known)).toBe('Kenya');
  });

  it('labels a country for a page: the name, else the code, else Unknown', () => {
    expect(countryLabel('BRA')).toBe('Brazil');
    expect(countryLabel('QVR')).toBe('QVR');
    expect(countryLabel('')).toBe('Unknown');
    expect(countryLabel(null)).toBe('Unknown');
  });
});
