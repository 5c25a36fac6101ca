import { describe, expect, it } from 'vitest';
import { statementOfReasons } from '../../moderation/statement.js';
import { eeaScope, toCsv, toDsaRecord } from './rules.js';

const statement = (
  outcome: 'remove' | 'no_violation',
  measures: Parameters<typeof statementOfReasons>[0]['accountMeasures'] = [],
) =>
  statementOfReasons({
    outcome,
    accountMeasures: measures,
    policyId: 'spam',
    policyTitle: 'Spam',
    sectionId: 'commercial-spam',
    sectionTitle: 'Commercial spam',
    policyVersion: 1,
    facts: 'The same advert, "buy now", posted 50 times.',
    contentType: 'text',
    territorialScope: ['WORLD'],
    source: 'user',
    automatedDetection: false,
    automatedDecision: 'not',
    postedAt: new Date('2026-03-01T10:00:00Z'),
    decidedAt: new Date('2026-03-02T09:00:00Z'),
    appealUntil: null,
  });
const facts = {
  decisionId: '01900000-0000-7000-8000-000000000001',
  territorialScope: ['WORLD'],
  language: 'nl',
  postedAt: new Date('2026-03-01T10:00:00Z'),
  decidedAt: new Date('2026-03-02T09:00:00Z'),
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
  });

  it('writes CSV with arrays as JSON text and quotes where needed', () => {
    const record = toDsaRecord({ ...facts, statement: statement('remove') });
    const [header, row] = toCsv(record ? [record] : []).split('\r\n');
    expect(header?.split(',')[0]).toBe('puid');
    expect(row).toContain('"[""DECISION_VISIBILITY_CONTENT_REMOVED""]"');
    expect(row).toContain('"The same advert, ""buy now"", posted 50 times."');
  });
});
