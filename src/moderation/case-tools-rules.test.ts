import { describe, expect, it } from 'vitest';
import { likePrefix, mayManageTemplates, searchTermsOf } from './case-tools-rules.js';

describe('notice templates: who keeps them', () => {
  it.each([
    [['senior_reviewer'], true],
    [['policy'], true],
    [['moderator'], false],
    [['moderator', 'policy'], true],
    [['admin'], false],
  ] as const)('%o -> %s', (roles, may) => expect(mayManageTemplates(roles)).toBe(may));
});

describe('search terms', () => {
  it('keeps the typed text for prefix lookups and turns its words into required word prefixes', () => {
    expect(searchTermsOf('  Kambara rally ')).toEqual({ prefix: 'Kambara rally', tsquery: 'kambara:* & rally:*' });
  });
  it('lets no tsquery syntax through: only letters and digits become words', () => {
    expect(searchTermsOf("acct-pm & !x | (y) 'z':*")).toEqual({
      prefix: "acct-pm & !x | (y) 'z':*",
      tsquery: 'acct:* & pm:* & x:* & y:* & z:*',
    });
  });
  it('reads letters of any script', () => {
    expect(searchTermsOf('Ονομα München')?.tsquery).toBe('ονομα:* & münchen:*');
  });
  it('finds nothing to look for in blanks; punctuation alone is a prefix but no words', () => {
    expect(searchTermsOf('   ')).toBeNull();
    expect(searchTermsOf('--')).toEqual({ prefix: '--', tsquery: null });
  });
  it('caps the number and length of words', () => {
    const terms = searchTermsOf(`${'a'.repeat(200)} ${Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')}`);
    expect(terms?.tsquery?.split(' & ')).toHaveLength(8);
    expect(terms?.tsquery?.startsWith(`${'a'.repeat(60)}:*`)).toBe(true);
  });
});

describe('LIKE prefix', () => {
  it('escapes the pattern characters of the prefix', () => {
    expect(likePrefix('post_1%')).toBe('post\\_1\\%%');
    expect(likePrefix('a\\b')).toBe('a\\\\b%');
    expect(likePrefix('plain')).toBe('plain%');
  });
});
