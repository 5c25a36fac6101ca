import { describe, expect, it } from 'vitest';
import { isDocketError } from '../core/errors.js';
import { decisionScope, memberStateAsCountry, suggestedProvision } from './ground-rules.js';

const ground = {
  legalProvision: 'Germany, Strafgesetzbuch § 130 (incitement to hatred)',
  explanation: 'The post calls for violence against a group defined by its religion.',
  memberStates: ['DE' as const, 'AT' as const],
};

/** The field a refusal names. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isDocketError(error)) return error.fields[0]?.field;
    throw error;
  }
  return undefined;
}

describe('the ground of a decision and where it applies', () => {
  it('a decision on the terms applies where the reviewer says, everywhere when unsaid', () => {
    expect(decisionScope({ outcome: 'remove', illegalContent: null, territorialScope: null })).toEqual(['WORLD']);
    expect(decisionScope({ outcome: 'remove', illegalContent: null, territorialScope: ['KEN'] })).toEqual(['KEN']);
  });

  it('an illegal-content decision applies in the Member States concerned, stored as alpha-3 codes', () => {
    expect(decisionScope({ outcome: 'remove', illegalContent: ground, territorialScope: null })).toEqual([
      'AUT',
      'DEU',
    ]);
    expect(memberStateAsCountry('GR')).toBe('GRC');
  });

  it('a territorial scope beside the Member States must name the same states', () => {
    expect(decisionScope({ outcome: 'remove', illegalContent: ground, territorialScope: ['DEU', 'AUT'] })).toEqual([
      'AUT',
      'DEU',
    ]);
    expect(
      refusal(() => decisionScope({ outcome: 'remove', illegalContent: ground, territorialScope: ['WORLD'] })),
    ).toBe('/territorialScope');
  });

  it('illegal content is no ground for keeping content up', () => {
    expect(
      refusal(() => decisionScope({ outcome: 'no_violation', illegalContent: ground, territorialScope: null })),
    ).toBe('/illegalContent');
    expect(
      refusal(() => decisionScope({ outcome: 'keep_newsworthy', illegalContent: ground, territorialScope: null })),
    ).toBe('/illegalContent');
  });

  it('names the provision, the explanation and the Member States when missing, under the caller’s path', () => {
    const missing = (part: Partial<typeof ground>) =>
      refusal(() =>
        decisionScope(
          { outcome: 'remove', illegalContent: { ...ground, ...part }, territorialScope: null },
          '/replacement',
        ),
      );
    expect(missing({ legalProvision: '  ' })).toBe('/replacement/illegalContent/legalProvision');
    expect(missing({ explanation: '' })).toBe('/replacement/illegalContent/explanation');
    expect(missing({ memberStates: [] })).toBe('/replacement/illegalContent/memberStates');
  });

  it('suggests the section’s laws as the legal provision, within the database’s 500 characters', () => {
    expect(suggestedProvision(['EU, Regulation (EU) 2021/784, Art. 2(7)', 'DE, StGB § 129a'])).toBe(
      'EU, Regulation (EU) 2021/784, Art. 2(7); DE, StGB § 129a',
    );
    expect(suggestedProvision(undefined)).toBe('');
    expect(suggestedProvision(['x'.repeat(600)])).toHaveLength(500);
  });
});
