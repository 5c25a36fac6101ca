import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed.js';
import type { DecisionResult } from '../../src/moderation/contract.js';
import type { PolicyHistory } from '../../src/policy/contract.js';
import { exportStatementsOf } from '../../src/transparency/dsa/exports.js';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

describeInBrowser('the policy editor sets a version’s DSA category and its sections’ keywords', () => {
  let rig: BrowserRig;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    caseId = await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'browser-dsa-spam-1',
        kind: 'content',
        contentType: 'text',
        authorExternalId: 'browser-dsa-author-1',
        body: 'Followers for sale, an influencer’s paid post without a label.',
        country: 'DEU',
        language: 'de',
        views: 300,
        postedAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
      policyId: 'spam',
      sectionId: 'commercial-spam',
      source: 'user',
    });
  });
  afterAll(() => rig?.close());

  /** A signed-in API session outside the browser, as a moderator deciding a case would have. */
  const session = async (username: string) => {
    const signedIn = await fetch(`${rig.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(username) }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    return async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const answer = await fetch(`${rig.baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: answer.status, json: (await answer.json()) as unknown };
    };
  };

  it('shows them, takes new ones, names the field the server refuses, and the next statement carries them', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Policies' }).click();
    const policy = page.getByRole('article', { name: 'Spam', exact: true });
    await policy.getByText('DSA statement category: Scams and/or fraud').waitFor();
    await policy.getByText('DSA keywords: Not captured by any other keyword (Commercial spam).').waitFor();
    await policy.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Spam' });

    // What version 1 carries, shown and editable rather than passed on unseen.
    const category = form.getByLabel('DSA statement category');
    await expect(category.inputValue()).resolves.toBe('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
    await category.selectOption({ label: 'Consumer information infringements' });
    const keywords = form.getByRole('list', { name: 'DSA keywords of commercial-spam' });
    await expect(keywords.innerText()).resolves.toContain('Not captured by any other keyword');
    const other = form.getByLabel('Other keyword of commercial-spam');
    await expect(other.inputValue()).resolves.toBe('Commercial spam');

    // The words for "other" go with KEYWORD_OTHER: removing it removes the field; adding it back asks again.
    await keywords
      .getByRole('button', { name: 'Remove Not captured by any other keyword from commercial-spam' })
      .click();
    await expect(other.count()).resolves.toBe(0);
    const add = form.getByLabel('Add a DSA keyword to commercial-spam');
    await add.selectOption({ label: 'Hidden advertisement or commercial communication, including by influencers' });
    await add.selectOption({ label: 'Not captured by any other keyword' });
    await other.fill('x'.repeat(501));
    await form.getByLabel('What changed and why').fill('The DSA category and keywords say what spam is here.');
    await form.getByRole('button', { name: 'Publish version 2' }).click();
    await form.getByText(/^Other keyword of commercial-spam must .*500/).waitFor();
    await expect(other.getAttribute('aria-invalid')).resolves.toBe('true');

    await other.fill('Bought followers');
    await form.getByRole('button', { name: 'Publish version 2' }).click();
    await form.getByRole('status').getByText('Version 2 of Spam is published').waitFor();
    await policy.getByText('version 2', { exact: true }).waitFor();
    await policy.getByText('DSA statement category: Consumer information infringements').waitFor();
    await page.close();

    const asPolicy = await session('policy');
    const { versions } = (await asPolicy('GET', '/api/policies/spam/versions')).json as PolicyHistory;
    expect(versions[0]).toMatchObject({ version: 2, dsaCategory: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION' });
    expect(versions[0]!.sections.find((s) => s.id === 'commercial-spam')).toMatchObject({
      dsaKeywords: ['KEYWORD_HIDDEN_ADVERTISEMENT', 'KEYWORD_OTHER'],
      dsaOtherKeyword: 'Bought followers',
    });
    // The other section was left as it was.
    expect(versions[0]!.sections.find((s) => s.id === 'fake-engagement')).toEqual(
      versions[1]!.sections.find((s) => s.id === 'fake-engagement'),
    );

    const asModerator = await session('moderator');
    expect((await asModerator('POST', `/api/cases/${caseId}/claim`)).status).toBeLessThan(300);
    const decided = await asModerator('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'spam',
      sectionId: 'commercial-spam',
      outcome: 'remove',
      facts: 'A paid post for bought followers, without the label the platform requires.',
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(201);
    const { decisionId } = decided.json as DecisionResult;
    const statement = (await exportStatementsOf(rig.docket.store.db, [decisionId])).get(decisionId);
    expect(statement).toMatchObject({
      category: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
      category_specification: ['KEYWORD_HIDDEN_ADVERTISEMENT', 'KEYWORD_OTHER'],
      category_specification_other: 'Bought followers',
    });
  });
});
