import { describe, expect, it } from 'vitest';
import { DocketError } from '../core/errors.js';
import type { PolicySection } from './contract.js';
import { DEFAULT_LIBRARY } from './library.js';
import { checkPolicyDraft, legacyDsaCategory, type PolicyDraft } from './rules.js';

const section = (over: Partial<PolicySection> = {}): PolicySection => ({
  id: 'threats',
  title: 'Threats of violence',
  text: 'Statements of intent to commit violence against people.',
  severity: 5,
  severe: false,
  allowedOutcomes: ['no_violation', 'remove'],
  ...over,
});
const draft = (over: Partial<PolicyDraft> = {}): PolicyDraft => ({
  title: 'V',
  summary: 's',
  dsaCategory: 'STATEMENT_CATEGORY_VIOLENCE',
  sections: [section()],
  ...over,
});

describe('policy drafts', () => {
  it('accepts a complete draft', () => expect(() => checkPolicyDraft(draft())).not.toThrow());
  it('needs a section', () => expect(() => checkPolicyDraft(draft({ sections: [] }))).toThrow(/at least one section/));
  it('refuses duplicate section ids', () =>
    expect(() => checkPolicyDraft(draft({ sections: [section(), section()] }))).toThrow(/appears twice/));
  it('keeps severity within 1 to 5', () =>
    expect(() => checkPolicyDraft(draft({ sections: [section({ severity: 6 })] }))).toThrow(/1 to 5/));
  it('always allows finding no violation', () =>
    expect(() => checkPolicyDraft(draft({ sections: [section({ allowedOutcomes: ['remove'] })] }))).toThrow(
      /no_violation/,
    ));
});

describe("a policy's EU DSA Transparency Database category and keywords", () => {
  const problem = (d: PolicyDraft) => {
    try {
      checkPolicyDraft(d);
      return null;
    } catch (error) {
      if (!(error instanceof DocketError)) throw error;
      return { code: error.code, field: error.fields[0]?.field, message: error.message };
    }
  };

  it('takes a v2 category and refuses a retired v1 one, naming its v2 successor', () => {
    expect(problem(draft({ dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE' }))).toBeNull();
    expect(problem(draft({ dsaCategory: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE' }))).toMatchObject({
      code: 'validation_failed',
      field: '/dsaCategory',
      message: expect.stringMatching(/v1 category .* refuses .* STATEMENT_CATEGORY_OTHER_VIOLATION_TC/),
    });
    expect(problem(draft({ dsaCategory: 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT' }))?.message).toMatch(
      /choose the v2 category/,
    );
    expect(problem(draft({ dsaCategory: '' }))).toMatchObject({ field: '/dsaCategory' });
    expect(problem(draft({ dsaCategory: 'violence' }))?.message).toMatch(
      /not a category .* STATEMENT_CATEGORY_VIOLENCE/,
    );
  });

  it("takes the database's v2 keywords on a section, each once, and words for KEYWORD_OTHER only with it", () => {
    const keywords = (dsaKeywords: string[], dsaOtherKeyword?: string) =>
      problem(
        draft({
          sections: [section({ dsaKeywords, ...(dsaOtherKeyword === undefined ? {} : { dsaOtherKeyword }) })],
        }),
      );
    expect(keywords(['KEYWORD_INCITEMENT_VIOLENCE_HATRED', 'KEYWORD_COORDINATED_HARM'])).toBeNull();
    expect(keywords(['KEYWORD_OTHER'], 'Threats against people')).toBeNull();
    expect(keywords(['KEYWORD_COORDINATED_HARM', 'KEYWORD_HATE'])).toMatchObject({
      field: '/sections/0/dsaKeywords/1',
      message: expect.stringMatching(/not a keyword/),
    });
    expect(keywords(['KEYWORD_DISINFORMATION'])?.message).toMatch(
      /v1 keyword .* KEYWORD_MISINFORMATION_DISINFORMATION/,
    );
    expect(keywords(['KEYWORD_NUDITY', 'KEYWORD_NUDITY'])).toMatchObject({ field: '/sections/0/dsaKeywords' });
    expect(keywords(['KEYWORD_NUDITY'], 'Nudity in profile pictures')).toMatchObject({
      field: '/sections/0/dsaOtherKeyword',
    });
  });

  it('gives every policy of the default library a v2 category and valid keywords', () => {
    for (const policy of Object.values(DEFAULT_LIBRARY)) expect(() => checkPolicyDraft(policy)).not.toThrow();
  });

  it('gives a version stored without a category one by meaning: the v2 successor of the one sent before', () => {
    expect(legacyDsaCategory('spam')).toBe('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
    expect(legacyDsaCategory('election-integrity')).toBe('STATEMENT_CATEGORY_OTHER_VIOLATION_TC');
  });
});
