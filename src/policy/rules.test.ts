import { describe, expect, it } from 'vitest';
import type { PolicySection } from './contract.js';
import { checkPolicyDraft } from './rules.js';

const section = (over: Partial<PolicySection> = {}): PolicySection => ({
  id: 'threats',
  title: 'Threats of violence',
  text: 'Statements of intent to commit violence against people.',
  severity: 5,
  severe: false,
  allowedOutcomes: ['no_violation', 'remove'],
  ...over,
});

describe('policy drafts', () => {
  it('accepts a complete draft', () =>
    expect(() => checkPolicyDraft({ title: 'V', summary: 's', sections: [section()] })).not.toThrow());
  it('needs a section', () =>
    expect(() => checkPolicyDraft({ title: 'V', summary: 's', sections: [] })).toThrow(/at least one section/));
  it('refuses duplicate section ids', () =>
    expect(() => checkPolicyDraft({ title: 'V', summary: 's', sections: [section(), section()] })).toThrow(
      /appears twice/,
    ));
  it('keeps severity within 1 to 5', () =>
    expect(() => checkPolicyDraft({ title: 'V', summary: 's', sections: [section({ severity: 6 })] })).toThrow(
      /1 to 5/,
    ));
  it('always allows finding no violation', () =>
    expect(() =>
      checkPolicyDraft({ title: 'V', summary: 's', sections: [section({ allowedOutcomes: ['remove'] })] }),
    ).toThrow(/no_violation/));
});
