import { describe, expect, it } from 'vitest';
import { statementOfReasons } from '../../moderation/statement.js';
import { eeaScope, restrictsInEea, toCsv, toDsaRecord, v2Category } from './rules.js';
import { tdbProblems } from './tdb-rules.js';

const statementInput: Parameters<typeof statementOfReasons>[0] = {
  outcome: 'remove',
  accountMeasures: [],
  policyId: 'spam',
  policyTitle: 'Spam',
  sectionId: 'commercial-spam',
  sectionTitle: 'Commercial spam',
  policyVersion: 1,
  dsaCategory: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  facts: 'The same advert, "buy now", posted 50 times.',
  contentType: 'text',
  territorialScope: ['WORLD'],
  source: 'user',
  automatedDetection: false,
  automatedDecision: 'not',
  postedAt: new Date('2026-03-01T10:00:00Z'),
  decidedAt: new Date('2026-03-02T09:00:00Z'),
  appealUntil: null,
};
const statement = (
  outcome: 'remove' | 'no_violation',
  measures: Parameters<typeof statementOfReasons>[0]['accountMeasures'] = [],
  contentType: string | null = 'text',
) => statementOfReasons({ ...statementInput, outcome, accountMeasures: measures, contentType });
const facts = {
  decisionId: '01900000-0000-7000-8000-000000000001',
  territorialScope: ['WORLD'],
  language: 'nl',
  postedAt: new Date('2026-03-01T10:00:00Z'),
  decidedAt: new Date('2026-03-02T09:00:00Z'),
  subjectKind: 'content' as const,
  policy: { dsaCategory: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', section: null },
  accountType: null,
};

describe('DSA Transparency Database records', () => {
  it('covers the EEA for a worldwide decision, and only EEA states otherwise', () => {
    expect(eeaScope(['WORLD'])).toHaveLength(30);
    expect(eeaScope(['NLD', 'KEN', 'NOR'])).toEqual(['NL', 'NO']);
  });

  it('maps a removal with a suspension to the database’s fields, with the decision as the platform’s unique id', () => {
    const record = toDsaRecord({
      ...facts,
      statement: statement('remove', [{ kind: 'suspend_account', endsAt: new Date('2026-04-01T00:00:00Z') }]),
    });
    expect(record).toMatchObject({
      puid: facts.decisionId,
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      end_date_account_restriction: '2026-04-01',
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      content_type: ['CONTENT_TYPE_TEXT'],
      content_language: 'NL',
      content_date: '2026-03-01',
      application_date: '2026-03-02',
      source_type: 'SOURCE_ARTICLE_16',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    });
  });

  it('leaves out decisions that restrict nothing, or nothing in the EEA', () => {
    expect(toDsaRecord({ ...facts, statement: statement('no_violation') })).toBeNull();
    expect(toDsaRecord({ ...facts, territorialScope: ['KEN'], statement: statement('remove') })).toBeNull();
    // The same rule decides, when the statement is recorded, that it is not for the database.
    expect(restrictsInEea(statement('no_violation'), ['WORLD'])).toBe(false);
    expect(restrictsInEea(statement('remove'), ['KEN'])).toBe(false);
    expect(restrictsInEea(statement('remove'), ['KEN', 'NLD'])).toBe(true);
    expect(restrictsInEea(statement('remove'), ['WORLD'])).toBe(true);
  });

  it('writes CSV with arrays as JSON text and quotes where needed', () => {
    const record = toDsaRecord({ ...facts, statement: statement('remove') });
    const [header, row] = toCsv(record ? [record] : []).split('\r\n');
    expect(header?.split(',')[0]).toBe('puid');
    expect(row).toContain('"[""DECISION_VISIBILITY_CONTENT_REMOVED""]"');
    expect(row).toContain('"The same advert, ""buy now"", posted 50 times."');
  });

  it('takes the category from the policy version’s data, and reads a stored v1 category as its v2 successor', () => {
    const stored = { ...statement('remove'), category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE' };
    const fromPolicy = toDsaRecord({
      ...facts,
      statement: stored,
      policy: { dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', section: null },
    });
    expect(fromPolicy?.category).toBe('STATEMENT_CATEGORY_CYBER_VIOLENCE');
    const withoutVersion = toDsaRecord({ ...facts, statement: stored, policy: null });
    expect(withoutVersion?.category).toBe('STATEMENT_CATEGORY_OTHER_VIOLATION_TC');
    expect(v2Category('STATEMENT_CATEGORY_VIOLENCE')).toBe('STATEMENT_CATEGORY_VIOLENCE');
    expect(v2Category('STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS')).toBe(
      'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
    );
    expect(v2Category('STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT')).toBe(
      'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
    );
    for (const record of [fromPolicy, withoutVersion]) expect(tdbProblems(record, 'statement')).toEqual({});
  });

  it('sends the section’s keywords as the category specification, with the words for KEYWORD_OTHER', () => {
    const record = (section: { dsaKeywords?: string[]; dsaOtherKeyword?: string } | null) =>
      toDsaRecord({ ...facts, statement: statement('remove'), policy: { ...facts.policy, section } });
    const withKeywords = record({ dsaKeywords: ['KEYWORD_PHISHING', 'KEYWORD_OTHER'], dsaOtherKeyword: 'Spam' });
    expect(withKeywords).toMatchObject({
      category_specification: ['KEYWORD_PHISHING', 'KEYWORD_OTHER'],
      category_specification_other: 'Spam',
    });
    expect(tdbProblems(withKeywords, 'statement')).toEqual({});
    for (const none of [record(null), record({}), record({ dsaKeywords: [] })]) {
      expect(none).not.toHaveProperty('category_specification');
      expect(none).not.toHaveProperty('category_specification_other');
    }
    const [header, row] = toCsv(withKeywords ? [withKeywords] : []).split('\r\n');
    expect(header).toContain('category,category_specification,category_specification_other,');
    expect(row).toContain('"[""KEYWORD_PHISHING"",""KEYWORD_OTHER""]",Spam,');
  });

  it('states the account type the platform gave, and leaves it out when it gave none', () => {
    const suspended = statement('remove', [{ kind: 'suspend_account', endsAt: new Date('2026-04-01T00:00:00Z') }]);
    const business = toDsaRecord({ ...facts, statement: suspended, accountType: 'business' });
    expect(business?.account_type).toBe('ACCOUNT_TYPE_BUSINESS');
    expect(toDsaRecord({ ...facts, statement: statement('remove'), accountType: 'private' })?.account_type).toBe(
      'ACCOUNT_TYPE_PRIVATE',
    );
    const unknown = toDsaRecord({ ...facts, statement: suspended, accountType: null });
    expect(unknown).toHaveProperty('decision_account', 'DECISION_ACCOUNT_SUSPENDED');
    expect(unknown).not.toHaveProperty('account_type');
    for (const record of [business, unknown]) expect(tdbProblems(record, 'statement')).toEqual({});
  });

  it('says what CONTENT_TYPE_OTHER stands for, as the database requires: a link, an account, an unstated type', () => {
    const other = (contentType: string | null, subjectKind: 'content' | 'account') =>
      toDsaRecord({ ...facts, subjectKind, statement: statement('remove', [], contentType) });
    expect(other('link', 'content')).toMatchObject({
      content_type: ['CONTENT_TYPE_OTHER'],
      content_type_other: 'Link',
    });
    expect(other(null, 'account')).toMatchObject({
      content_type: ['CONTENT_TYPE_OTHER'],
      content_type_other: 'Account',
    });
    expect(other(null, 'content')?.content_type_other).toMatch(/did not state/);
    expect(other('image', 'content')).not.toHaveProperty('content_type_other');
    for (const record of [other('link', 'content'), other(null, 'account')])
      expect(tdbProblems(record, 'statement')).toEqual({});
  });
});

describe('DSA records of decisions on illegal content and of automated decisions', () => {
  // The database's max:500 and max:2000, which Docket's decision contract takes over (test/decision-grounds.test.ts).
  const MAX_LEGAL_PROVISION = 500;
  const MAX_ILLEGALITY_EXPLANATION = 2000;
  const illegalContent = {
    legalProvision: 'Germany, Strafgesetzbuch § 130 (incitement to hatred)',
    explanation: 'The post calls for violence against a group defined by its religion.',
    memberStates: ['DE' as const, 'AT' as const],
  };
  const illegal = (overrides: Partial<Parameters<typeof statementOfReasons>[0]> = {}) =>
    statementOfReasons({
      ...statementInput,
      illegalContent,
      territorialScope: ['AUT', 'DEU'],
      ...overrides,
    });

  it('sends the legal ground and its explanation, and not the terms ground, for illegal content', () => {
    const record = toDsaRecord({ ...facts, territorialScope: ['AUT', 'DEU'], statement: illegal() });
    expect(record).toMatchObject({
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: illegalContent.legalProvision,
      illegal_content_explanation: illegalContent.explanation,
      territorial_scope: ['AT', 'DE'],
    });
    for (const field of [
      'incompatible_content_ground',
      'incompatible_content_explanation',
      'incompatible_content_illegal',
    ])
      expect(record).not.toHaveProperty(field);
    expect(tdbProblems(record, 'statement')).toEqual({});
    expect(tdbProblems(record, 'statements')).toEqual({});
    const [header, row] = toCsv(record ? [record] : []).split('\r\n');
    expect(header).toContain('illegal_content_legal_ground,illegal_content_explanation');
    expect(row).toContain(illegalContent.explanation);
  });

  it('the database refuses an illegal-content record without its legal ground or explanation, or longer than it takes', () => {
    const record = toDsaRecord({ ...facts, territorialScope: ['DEU'], statement: illegal() }) as Record<
      string,
      unknown
    >;
    const { illegal_content_legal_ground: _ground, ...withoutGround } = record;
    expect(Object.keys(tdbProblems(withoutGround))).toEqual(['illegal_content_legal_ground']);
    expect(Object.keys(tdbProblems({ ...record, illegal_content_explanation: ' ' }))).toEqual([
      'illegal_content_explanation',
    ]);
    // The database takes 500 characters of provision and 2,000 of explanation, no more.
    expect(
      Object.keys(tdbProblems({ ...record, illegal_content_legal_ground: 'x'.repeat(MAX_LEGAL_PROVISION) })),
    ).toEqual([]);
    expect(
      Object.keys(tdbProblems({ ...record, illegal_content_legal_ground: 'x'.repeat(MAX_LEGAL_PROVISION + 1) })),
    ).toEqual(['illegal_content_legal_ground']);
    expect(
      Object.keys(tdbProblems({ ...record, illegal_content_explanation: 'x'.repeat(MAX_ILLEGALITY_EXPLANATION + 1) })),
    ).toEqual(['illegal_content_explanation']);
    // The terms ground's texts beside the legal ground are dropped by the database, never refused: Docket sends none.
    expect(tdbProblems({ ...record, incompatible_content_ground: 'x' })).toEqual({});
  });

  it('tells the user the legal provision, where it applies and that a tool decided', () => {
    const summary = illegal({
      automatedDecision: 'fully',
      automation: { tool: 'hashmatch', toolVersion: '2.1', score: 0.99, humanReviewed: false },
    }).summary;
    expect(summary).toContain('illegal under Germany, Strafgesetzbuch § 130 (incitement to hatred) in DE, AT');
    expect(summary).toContain('taken by automated means (hashmatch 2.1) without human review');
  });

  it('records a tool’s decision as fully or partially automated, which the database takes', () => {
    for (const [means, value] of [
      ['fully', 'AUTOMATED_DECISION_FULLY'],
      ['partially', 'AUTOMATED_DECISION_PARTIALLY'],
    ] as const) {
      const record = toDsaRecord({
        ...facts,
        statement: statementOfReasons({ ...statementInput, automatedDecision: means, automatedDetection: true }),
      });
      expect(record).toMatchObject({ automated_decision: value, automated_detection: 'Yes' });
      expect(tdbProblems(record, 'statement')).toEqual({});
    }
  });
});
