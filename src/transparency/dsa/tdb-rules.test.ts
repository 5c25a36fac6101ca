import { describe, expect, it } from 'vitest';
import { KEYWORDS, RETIRED_V1_CATEGORIES, RETIRED_V1_KEYWORDS, STATEMENT_CATEGORIES } from './tdb-enums.js';
import { TDB_DOCUMENTED_EXAMPLE, TDB_REQUIRED_FIELDS } from '../../../test/fixtures/dsa-tdb-payloads.js';
import { tdbBatchProblems, tdbProblems, tdbSummary, tdbValidated, type TdbEndpoint } from './tdb-rules.js';

const REQUIRED_FIELDS = TDB_REQUIRED_FIELDS;
const DOCUMENTED_EXAMPLE = TDB_DOCUMENTED_EXAMPLE;

/** The always-required fields, in the order of the source's rules. */
const REQUIRED = [
  'decision_ground',
  'content_type',
  'category',
  'content_date',
  'application_date',
  'decision_facts',
  'source_type',
  'automated_detection',
  'automated_decision',
  'puid',
];
const ENDPOINTS: TdbEndpoint[] = ['statement', 'statements'];
const valid = (changes: Record<string, unknown>) => ({ ...REQUIRED_FIELDS, ...changes });
const without = (field: string, statement: Record<string, unknown> = REQUIRED_FIELDS) =>
  Object.fromEntries(Object.entries(statement).filter(([key]) => key !== field));

describe("the database's own payloads", () => {
  it.each(ENDPOINTS)("the feature tests' required fields and the documented example pass (%s)", (endpoint) => {
    expect(tdbProblems(REQUIRED_FIELDS, endpoint)).toEqual({});
    expect(tdbProblems(DOCUMENTED_EXAMPLE, endpoint)).toEqual({});
  });

  it('an empty statement gets the documented 422 message, "(and 13 more errors)", and every required field', () => {
    const errors = tdbProblems({}, 'statement');
    expect(tdbSummary(errors)).toBe(
      'The decision visibility field is required when none of decision monetary / decision provision / decision account are present. (and 13 more errors)',
    );
    expect(Object.keys(errors)).toEqual([
      'decision_visibility',
      'decision_monetary',
      'decision_provision',
      'decision_account',
      ...REQUIRED,
    ]);
    expect(errors.decision_ground).toEqual(['The decision ground field is required.']);
    expect(errors.decision_account).toEqual([
      'The decision account field is required when none of decision visibility / decision monetary / decision provision are present.',
    ]);
  });

  it('the documented bad automated_decision answers "The selected automated decision is invalid."', () => {
    const errors = tdbProblems(valid({ automated_decision: 'maybe' }), 'statement');
    expect(tdbSummary(errors)).toBe('The selected automated decision is invalid.');
  });

  it.each([
    [
      { account_type: 'ACCOUNT_TYPE_NOT_VALID', application_date: '2023-12-20-05' },
      ['account_type', 'application_date'],
    ],
    [{ content_language: 'XX' }, ['content_language']],
    [{ content_language: 'en' }, ['content_language']],
    [{ decision_ground_reference_url: 'notvalidurl' }, ['decision_ground_reference_url']],
    [{ territorial_scope: ['XY', 'ZZ'] }, ['territorial_scope']],
    [{ puid: 'very bad é + pu.id' }, ['puid']],
    [{ puid: '' }, ['puid']],
    [{ puid: null }, ['puid']],
    [{ content_id: { 'EAN-13': '123456789012' } }, ['content_id.EAN-13']],
    [{ content_id: { 'EAN-13': '12345678901AB' } }, ['content_id.EAN-13']],
  ])('their refused single statement %j fails on %j', (changes, fields) => {
    expect(Object.keys(tdbProblems(valid(changes), 'statement'))).toEqual(fields);
  });

  it('their single-endpoint messages are the ones their tests assert', () => {
    const summary = (changes: Record<string, unknown>) => tdbSummary(tdbProblems(valid(changes), 'statement'));
    expect(summary({ application_date: '2023-4-4-4' })).toBe(
      'The application date does not match the format YYYY-MM-DD.',
    );
    expect(summary({ territorial_scope: ['XY', 'ZZ'] })).toBe('The selected territorial scope is invalid.');
    expect(summary({ puid: 'very bad é + pu.id' })).toBe('The puid format is invalid.');
    expect(tdbProblems(valid({ puid: '' }), 'statement').puid).toEqual(['The puid field is required.']);
  });

  it.each([
    { content_language: 'VI', account_type: 'ACCOUNT_TYPE_BUSINESS' },
    { decision_ground_reference_url: 'https://www.goodurl.com' },
    { incompatible_content_ground: 'foobar', incompatible_content_explanation: 'foobar2' },
    {
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_ground: 'foobar',
      incompatible_content_explanation: 'foobar2',
      incompatible_content_illegal: 'No',
    },
    { content_type: ['CONTENT_TYPE_APP', 'CONTENT_TYPE_OTHER'], content_type_other: 'foobar other' },
    { content_type: ['CONTENT_TYPE_AUDIO', 'CONTENT_TYPE_APP', 'CONTENT_TYPE_VIDEO'], content_type_other: 'x' },
    { source_type: 'SOURCE_VOLUNTARY', source_identity: 'foobar other' },
    {
      end_date_visibility_restriction: '2023-08-10',
      end_date_monetary_restriction: '2023-08-11',
      end_date_service_restriction: '2023-08-12',
      end_date_account_restriction: '2023-08-13',
    },
    {
      category_specification: ['KEYWORD_ADULT_SEXUAL_MATERIAL', 'KEYWORD_DESIGN_INFRINGEMENT', 'KEYWORD_OTHER'],
      category_specification_other: 'foobar keyword',
    },
    { category: 'STATEMENT_CATEGORY_VIOLENCE', category_addition: ['STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'] },
    { category_addition: [] },
    { decision_visibility: null, decision_account: 'DECISION_ACCOUNT_SUSPENDED' },
    { decisions: null },
    { content_id: { 'EAN-13': '1234567890123' } },
  ])('their accepted single statement %j passes', (changes) => {
    expect(tdbProblems(valid(changes), 'statement')).toEqual({});
  });

  it('their batch: the missing "other" texts are refused with the field named, the given ones pass', () => {
    const batch = [
      valid({ decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'required field' }),
      valid({ decision_visibility: ['DECISION_VISIBILITY_OTHER'] }),
      valid({ decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: null }),
      valid({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_LABELLED'], decision_visibility_other: null }),
      valid({
        decision_visibility: ['DECISION_VISIBILITY_CONTENT_DEMOTED', 'DECISION_VISIBILITY_OTHER'],
        decision_visibility_other: null,
      }),
    ].map((statement) => tdbProblems(statement, 'statements'));
    expect(batch.map((errors) => errors.decision_visibility_other ?? null)).toEqual([
      null,
      ['The decision visibility other field is required.'],
      ['The decision visibility other field is required.'],
      null,
      ['The decision visibility other field is required.'],
    ]);
    expect(tdbProblems(valid({ content_type: ['CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_OTHER'] }), 'statements')).toEqual({
      content_type_other: ['The content type other field is required.'],
    });
  });

  it('their batch: a bad language, a content type that is not an array and a bad puid are named', () => {
    expect(tdbProblems(valid({ content_language: 'XX' })).content_language).toEqual([
      'The selected content language is invalid.',
    ]);
    expect(Object.keys(tdbProblems(valid({ content_type: 'CONTENT_TYPE_OTHER' })))).toEqual(['content_type']);
    expect(tdbProblems(valid({ puid: 'very bad + â pu+id !' })).puid).toEqual(['The puid format is invalid.']);
  });

  it('their batch: the "light" statement with only a monetary decision passes', () => {
    const light = without('decision_visibility', {
      ...REQUIRED_FIELDS,
      decision_monetary: 'DECISION_MONETARY_TERMINATION',
    });
    expect(tdbProblems(without('decision_provision', without('decision_account', light)))).toEqual({});
  });
});

describe('one rule each', () => {
  it('each required field is required', () => {
    for (const field of REQUIRED) {
      expect(Object.keys(tdbProblems(without(field)))).toEqual([field]);
    }
  });

  it('at least one of the four decisions: an empty visibility list with no other decision is refused', () => {
    expect(Object.keys(tdbProblems(valid({ decision_visibility: [] })))).toEqual([
      'decision_visibility',
      'decision_monetary',
      'decision_provision',
      'decision_account',
    ]);
    expect(
      tdbProblems(valid({ decision_visibility: null, decision_provision: 'DECISION_PROVISION_TOTAL_SUSPENSION' })),
    ).toEqual({});
  });

  it('every enumeration refuses a value it does not list, with "The selected ... is invalid."', () => {
    const cases: [string, unknown][] = [
      ['decision_visibility', ['DECISION_VISIBILITY_CONTENT_HIDDEN']],
      ['decision_monetary', 'DECISION_MONETARY_FINE'],
      ['decision_provision', 'DECISION_PROVISION_FOREVER'],
      ['decision_account', 'DECISION_ACCOUNT_BANNED'],
      ['account_type', 'ACCOUNT_TYPE_ROBOT'],
      ['category_specification', ['KEYWORD_NOPE']],
      ['decision_ground', 'DECISION_GROUND_WHIM'],
      ['content_type', ['CONTENT_TYPE_HOLOGRAM']],
      ['category', 'STATEMENT_CATEGORY_NOPE'],
      ['category_addition', ['STATEMENT_CATEGORY_NOPE']],
      ['territorial_scope', ['CH']],
      ['content_language', 'XX'],
      ['source_type', 'SOURCE_RUMOUR'],
      ['automated_detection', 'yes'],
      ['automated_decision', 'AUTOMATED_DECISION_MAYBE'],
    ];
    for (const [field, value] of cases) {
      const errors = tdbProblems(valid({ [field]: value }));
      expect(errors[field], field).toEqual([`The selected ${field.replace(/_/g, ' ')} is invalid.`]);
    }
  });

  it('the v2 categories and keywords pass; the v1 ones the database retired in July 2025 are refused', () => {
    for (const category of Object.keys(STATEMENT_CATEGORIES)) expect(tdbProblems(valid({ category }))).toEqual({});
    for (const category of Object.keys(RETIRED_V1_CATEGORIES)) {
      expect(tdbProblems(valid({ category })).category).toEqual(['The selected category is invalid.']);
    }
    expect(tdbProblems(valid({ category_specification: Object.keys(KEYWORDS) }))).toEqual({});
    for (const keyword of Object.keys(RETIRED_V1_KEYWORDS)) {
      expect(Object.keys(tdbProblems(valid({ category_specification: [keyword] })))).toEqual([
        'category_specification',
      ]);
    }
    // Docket's current fallback for an unmapped policy is one of them.
    expect(Object.keys(tdbProblems(valid({ category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE' })))).toEqual([
      'category',
    ]);
  });

  it('the list fields must be arrays', () => {
    for (const field of ['decision_visibility', 'category_specification', 'content_type', 'territorial_scope']) {
      const errors = tdbProblems(valid({ [field]: 'x' }));
      expect(errors[field]?.[0], field).toBe(`The ${field.replace(/_/g, ' ')} field must be an array.`);
    }
  });

  it('an optional field may be left out or null, except category_addition and incompatible_content_illegal', () => {
    for (const field of ['account_type', 'content_language', 'territorial_scope', 'decision_ground_reference_url']) {
      expect(tdbProblems(valid({ [field]: null })), field).toEqual({});
    }
    expect(tdbProblems(valid({ category_addition: null })).category_addition).toEqual([
      'The category addition field must be an array.',
      'The selected category addition is invalid.',
    ]);
    expect(tdbProblems(valid({ incompatible_content_illegal: null })).incompatible_content_illegal).toEqual([
      'The selected incompatible content illegal is invalid.',
    ]);
  });

  it('puid: at most 500 characters of letters, digits, "-" and "_"', () => {
    expect(tdbProblems(valid({ puid: 'a-B_9'.padEnd(500, 'x') }))).toEqual({});
    expect(tdbProblems(valid({ puid: 'x'.repeat(501) })).puid).toEqual([
      'The puid field must not be greater than 500 characters.',
    ]);
    for (const puid of ['a b', 'a/b', 'a.b', 'ä', 'a\nb']) {
      expect(tdbProblems(valid({ puid })).puid, puid).toEqual(['The puid format is invalid.']);
    }
    expect(tdbProblems(valid({ puid: '  TK421  ' })), 'the middleware trims').toEqual({});
  });

  it.each([
    ['content_date', '2023-02-30', ['The content date does not match the format YYYY-MM-DD.']],
    ['content_date', '2023-5-18', ['The content date does not match the format YYYY-MM-DD.']],
    ['content_date', '1999-12-31', ['The content date field must be a date after or equal to 2000-01-01.']],
    ['application_date', '2019-12-31', ['The application date field must be a date after or equal to 2020-01-01.']],
    ['application_date', '2038-01-02', ['The application date field must be a date before or equal to 2038-01-01.']],
    [
      'end_date_account_restriction',
      '2038-01-02',
      ['The end date account restriction field must be a date before or equal to 2038-01-01.'],
    ],
    [
      'end_date_visibility_restriction',
      '18/05/2023',
      [
        'The end date of visibility restriction does not match the format YYYY-MM-DD.',
        'The end date visibility restriction field must be a date before or equal to 2038-01-01.',
      ],
    ],
  ])('dates: %s %s is refused (YYYY-MM-DD of a real day, from 2000 / 2020, to 2038-01-01)', (field, date, messages) => {
    expect(tdbProblems(valid({ [field]: date }))[field]).toEqual(messages);
  });

  it('dates: no order and no "not in the future" rule (the source has neither)', () => {
    expect(
      tdbProblems(
        valid({
          content_date: '2030-01-01',
          application_date: '2025-01-01',
          end_date_account_restriction: '2021-01-01',
        }),
      ),
    ).toEqual({});
  });

  it('territorial scope: EEA codes only (Iceland, Liechtenstein, Norway included), and optional', () => {
    expect(tdbProblems(valid({ territorial_scope: ['IS', 'LI', 'NO', 'IE'] }))).toEqual({});
    expect(Object.keys(tdbProblems(valid({ territorial_scope: ['GB'] })))).toEqual(['territorial_scope']);
    expect(Object.keys(tdbProblems(valid({ territorial_scope: ['de'] })))).toEqual(['territorial_scope']);
    expect(tdbProblems(without('territorial_scope'))).toEqual({});
  });

  it('illegal content needs its legal ground and explanation', () => {
    expect(tdbProblems(without('illegal_content_legal_ground')).illegal_content_legal_ground).toEqual([
      'The illegal content legal ground field is required when decision ground is illegal content.',
    ]);
    expect(tdbProblems(valid({ illegal_content_explanation: '  ' })).illegal_content_explanation).toEqual([
      'The illegal content explanation field is required when decision ground is illegal content.',
    ]);
    expect(tdbProblems(valid({ illegal_content_explanation: 'x'.repeat(2001) })).illegal_content_explanation).toEqual([
      'The illegal content explanation field must not be greater than 2000 characters.',
    ]);
  });

  it('incompatible content needs its ground and explanation; "illegal" is Yes or No', () => {
    const incompatible = {
      ...without('illegal_content_legal_ground', without('illegal_content_explanation')),
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    };
    expect(tdbProblems(incompatible)).toEqual({
      incompatible_content_ground: [
        'The incompatible content ground field is required when decision ground is incompatible content.',
      ],
      incompatible_content_explanation: [
        'The incompatible content explanation field is required when decision ground is incompatible content.',
      ],
    });
    expect(
      tdbProblems({
        ...incompatible,
        incompatible_content_ground: 'g',
        incompatible_content_explanation: 'e',
        incompatible_content_illegal: 'Maybe',
      }),
    ).toEqual({ incompatible_content_illegal: ['The selected incompatible content illegal is invalid.'] });
  });

  it('the "other" texts: visibility, monetary and content type require theirs; a text over 500 is refused', () => {
    expect(tdbProblems(valid({ decision_monetary: 'DECISION_MONETARY_OTHER' })).decision_monetary_other).toEqual([
      'The decision monetary other field is required when decision monetary is other.',
    ]);
    expect(tdbProblems(valid({ content_type: ['CONTENT_TYPE_OTHER'] }), 'statement').content_type_other).toEqual([
      'The content type other field is required.',
    ]);
    expect(
      tdbProblems(
        valid({ decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'x'.repeat(501) }),
      ).decision_visibility_other,
    ).toEqual(['The decision visibility other field must not be greater than 500 characters.']);
    // The keyword "other" text is never required.
    expect(tdbProblems(valid({ category_specification: ['KEYWORD_OTHER'] }))).toEqual({});
  });

  it('text limits: decision facts 5000, reference url 500 and a valid URL', () => {
    expect(tdbProblems(valid({ decision_facts: 'x'.repeat(5001) })).decision_facts).toEqual([
      'The decision facts field must not be greater than 5000 characters.',
    ]);
    expect(tdbProblems(valid({ decision_facts: 'é'.repeat(5000) }))).toEqual({});
    expect(tdbProblems(valid({ decision_ground_reference_url: 'https://example.org/tos#s3' }))).toEqual({});
    expect(
      tdbProblems(valid({ decision_ground_reference_url: 'example.org/tos' })).decision_ground_reference_url,
    ).toEqual(['The decision ground reference url field must be a valid URL.']);
  });

  it('source identity: over 500 is refused by both endpoints, even for SOURCE_VOLUNTARY (max runs before exclude)', () => {
    const long = valid({ source_type: 'SOURCE_VOLUNTARY', source_identity: 'x'.repeat(501) });
    for (const endpoint of ENDPOINTS) {
      expect(tdbProblems(long, endpoint).source_identity).toEqual([
        'The source identity field must not be greater than 500 characters.',
      ]);
    }
  });

  it('the EAN-13 content id is 13 digits', () => {
    expect(tdbProblems(valid({ content_id: { 'EAN-13': '0123456789123' } }))).toEqual({});
    expect(tdbProblems(valid({ content_id: { 'EAN-13': '012345678912' } }))['content_id.EAN-13']).toEqual([
      'The content id. e a n-13 field format is invalid.',
    ]);
  });
});

describe('the batch itself', () => {
  it('statements: required, an array, of 1 to 100 (an empty list is "required")', () => {
    const one = [REQUIRED_FIELDS];
    expect(tdbBatchProblems({ statements: one })).toEqual({});
    expect(tdbBatchProblems({ statements: Array.from({ length: 100 }, () => REQUIRED_FIELDS) })).toEqual({});
    expect(tdbBatchProblems({ statements: Array.from({ length: 101 }, () => REQUIRED_FIELDS) })).toEqual({
      statements: ['The statements field must have between 1 and 100 items.'],
    });
    expect(tdbBatchProblems({ statements: [] })).toEqual({ statements: ['The statements field is required.'] });
    expect(tdbBatchProblems({})).toEqual({ statements: ['The statements field is required.'] });
  });
});

describe('what the database keeps of an accepted statement', () => {
  it('the fields its rules name, trimmed, without the ones an exclude rule drops or it has no rule for', () => {
    const kept = tdbValidated({
      ...DOCUMENTED_EXAMPLE,
      decision_facts: '  facts  ',
      decision_visibility_other: 'not other',
      unknown_field: 'x',
    });
    expect(kept.decision_facts).toBe('facts');
    expect(kept).not.toHaveProperty('illegal_content_legal_ground');
    expect(kept).not.toHaveProperty('illegal_content_explanation');
    expect(kept).not.toHaveProperty('decision_visibility_other');
    expect(kept).not.toHaveProperty('unknown_field');
    expect(kept).toMatchObject({ incompatible_content_ground: 'incompatible content grounds', puid: 'TK421' });
  });
});
