import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportAnswer, SubjectAnswer, DecisionResult } from '../src/moderation/contract.js';
import type { PolicyHistory, PolicyVersion } from '../src/policy/contract.js';
import type { DsaRecord, SorAnswer } from '../src/transparency/dsa/contract.js';
import { tdbProblems } from '../src/transparency/dsa/tdb-rules.js';
import { problemOf } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

/**
 * What the EU DSA Transparency Database is told comes from Docket's data: each policy version's DSA category and
 * its sections' keywords, which policy staff must give when they publish, and whether an account is a business or
 * a private one, which the platform says when it pushes the account.
 */

const counterfeits = {
  title: 'Counterfeits',
  summary: 'Fake branded goods offered for sale.',
  dsaCategory: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  sections: [
    {
      id: 'fake-brands',
      title: 'Fake brands',
      text: 'Offers of goods that carry a brand they were not made under.',
      severity: 2,
      severe: false,
      allowedOutcomes: ['no_violation', 'remove'],
      dsaKeywords: ['KEYWORD_TRADEMARK_INFRINGEMENT', 'KEYWORD_OTHER'],
      dsaOtherKeyword: 'Counterfeit goods',
    },
  ],
  changeNote: 'First version.',
};

interface JsonSchema {
  enum?: string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

describeEachStore('the DSA data of policies and accounts', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  /** Reports a post, has it removed under the policy section, and answers the decision's id. */
  const removed = async (n: number, policyId: string, sectionId: string, author = `acct-${n}`) => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(n, { authorExternalId: author }),
        policyId,
        sectionId,
        source: 'user',
      })
    ).json<ReportAnswer>().receipt;
    expect((await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/decision`, {
      policyId,
      sectionId,
      outcome: 'remove',
      facts: `Post ${n} breaks ${policyId}/${sectionId}.`,
      territorialScope: ['NLD'],
    });
    expect(decided.statusCode, decided.body).toBe(201);
    return decided.json<DecisionResult>().decisionId;
  };

  const exported = async (decisionId: string): Promise<DsaRecord> => {
    const answer = await rig.policy.request('GET', '/api/transparency/sor?from=2026-03-01&to=2026-03-31');
    expect(answer.statusCode, answer.body).toBe(200);
    const record = answer.json<SorAnswer>().statements.find((s) => s.puid === decisionId);
    if (!record) throw new Error(`decision ${decisionId} is not in the export`);
    expect(tdbProblems(record, 'statement'), `record ${decisionId}`).toEqual({});
    return record;
  };

  describe('policies', () => {
    it('refuses a policy or version without a v2 DSA category, or with a keyword the database does not take, writing nothing', async () => {
      const before = await rig.written();
      const { dsaCategory: _omitted, ...withoutCategory } = counterfeits;
      const missing = await rig.policy.request('POST', '/api/policies', { id: 'counterfeits', ...withoutCategory });
      expect(missing.statusCode).toBe(400);
      expect(problemOf(missing)).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ field: '/dsaCategory' })],
      });

      const v1 = await rig.policy.request('POST', '/api/policies', {
        id: 'counterfeits',
        ...counterfeits,
        dsaCategory: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
      });
      expect(v1.statusCode).toBe(400);
      expect(problemOf(v1)).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ field: '/dsaCategory' })],
      });
      expect(problemOf(v1).detail).toMatch(/v1 category .*STATEMENT_CATEGORY_OTHER_VIOLATION_TC/);

      const [spam] = (await rig.app.inject({ url: '/api/policies/spam/versions' })).json<PolicyHistory>().versions;
      if (!spam?.sections[0]) throw new Error('no spam policy');
      const retiredKeyword = await rig.policy.request('POST', '/api/policies/spam/versions', {
        title: spam.title,
        summary: spam.summary,
        dsaCategory: spam.dsaCategory,
        sections: [{ ...spam.sections[0], dsaKeywords: ['KEYWORD_DISINFORMATION'], dsaOtherKeyword: undefined }],
        changeNote: 'Uses a v1 keyword.',
      });
      expect(retiredKeyword.statusCode).toBe(400);
      expect(problemOf(retiredKeyword)).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ field: '/sections/0/dsaKeywords/0' })],
      });
      const withoutOnVersion = await rig.policy.request('POST', '/api/policies/spam/versions', {
        title: spam.title,
        summary: spam.summary,
        sections: spam.sections,
        changeNote: 'Forgets the category.',
      });
      expect(problemOf(withoutOnVersion).code).toBe('validation_failed');
      expect(await rig.written()).toBe(before);
    });

    it('keeps the category and keywords with each version, and the export sends those of the version a decision applied', async () => {
      const created = await rig.policy.request('POST', '/api/policies', { id: 'counterfeits', ...counterfeits });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json<PolicyVersion>()).toMatchObject({
        version: 1,
        dsaCategory: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
        sections: [{ dsaKeywords: ['KEYWORD_TRADEMARK_INFRINGEMENT', 'KEYWORD_OTHER'] }],
      });
      const underV1 = await removed(101, 'counterfeits', 'fake-brands');

      const v2 = await rig.policy.request('POST', '/api/policies/counterfeits/versions', {
        ...counterfeits,
        dsaCategory: 'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
        sections: [
          { ...counterfeits.sections[0], dsaKeywords: ['KEYWORD_PROHIBITED_PRODUCTS'], dsaOtherKeyword: undefined },
        ],
        changeNote: 'Counterfeits are reported as prohibited products.',
      });
      expect(v2.statusCode, v2.body).toBe(201);
      const underV2 = await removed(102, 'counterfeits', 'fake-brands');

      expect(await exported(underV1)).toMatchObject({
        category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
        category_specification: ['KEYWORD_TRADEMARK_INFRINGEMENT', 'KEYWORD_OTHER'],
        category_specification_other: 'Counterfeit goods',
      });
      const second = await exported(underV2);
      expect(second).toMatchObject({
        category: 'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
        category_specification: ['KEYWORD_PROHIBITED_PRODUCTS'],
      });
      expect(second).not.toHaveProperty('category_specification_other');
    });
  });

  it('documents the policy fields and the account flag in the OpenAPI description', async () => {
    const doc = (await rig.app.inject({ url: '/api/docs/json' })).json<{
      paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: JsonSchema } } } } }>;
    }>();
    const body = (path: string) => doc.paths[path]?.post.requestBody.content['application/json'].schema;
    expect(body('/api/subjects')?.properties?.accountType?.enum).toEqual(['business', 'private']);
    const policy = body('/api/policies');
    expect(policy?.required).toContain('dsaCategory');
    expect(Object.keys(policy?.properties?.sections?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['dsaKeywords', 'dsaOtherKeyword']),
    );
  });

  describe('accounts', () => {
    it('takes a business or private flag on a pushed account and shows it; refuses any other value', async () => {
      const pushed = await rig.push('/api/subjects', {
        externalId: 'acct-shop',
        kind: 'account',
        accountType: 'business',
      });
      expect(pushed.statusCode, pushed.body).toBe(201);
      expect(pushed.json<SubjectAnswer>().subject).toMatchObject({ externalId: 'acct-shop', accountType: 'business' });
      const unknown = await rig.push('/api/subjects', { externalId: 'acct-someone', kind: 'account' });
      expect(unknown.json<SubjectAnswer>().subject.accountType).toBeNull();
      const trader = await rig.push('/api/subjects', { externalId: 'acct-x', kind: 'account', accountType: 'trader' });
      expect(trader.statusCode).toBe(400);
      expect(problemOf(trader)).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ field: '/accountType' })],
      });
    });

    it('states the account type the platform gave in the export, and leaves it out when it gave none', async () => {
      await rig.push('/api/subjects', { externalId: 'acct-person', kind: 'account', accountType: 'private' });
      const byShop = await removed(201, 'spam', 'commercial-spam', 'acct-shop');
      const byPerson = await removed(202, 'spam', 'commercial-spam', 'acct-person');
      const bySomeone = await removed(203, 'spam', 'commercial-spam', 'acct-someone');
      const byNeverPushed = await removed(204, 'spam', 'commercial-spam', 'acct-never-pushed');

      expect(await exported(byShop)).toMatchObject({
        account_type: 'ACCOUNT_TYPE_BUSINESS',
        category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
        category_specification: ['KEYWORD_OTHER'],
        category_specification_other: 'Commercial spam',
      });
      expect((await exported(byPerson)).account_type).toBe('ACCOUNT_TYPE_PRIVATE');
      expect(await exported(bySomeone)).not.toHaveProperty('account_type');
      expect(await exported(byNeverPushed)).not.toHaveProperty('account_type');

      // The platform learns the account is a business's: a later push says so, and the export follows.
      const updated = await rig.push('/api/subjects', {
        externalId: 'acct-someone',
        kind: 'account',
        accountType: 'business',
      });
      expect(updated.json<SubjectAnswer>().subject.accountType).toBe('business');
      expect((await exported(bySomeone)).account_type).toBe('ACCOUNT_TYPE_BUSINESS');
    });
  });
});
