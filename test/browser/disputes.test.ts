import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decisions } from '../../src/moderation/tables.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('out-of-court disputes in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('policy staff register a body, record a dispute on a removal and its outcome for the user, and carry it out', async () => {
    const [removal] = await rig.docket.store.db
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.status, 'in_force'), eq(decisions.outcome, 'remove')))
      .limit(1);
    expect(removal).toBeDefined();

    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Transparency' }).click();
    await page.getByRole('link', { name: 'the register of certified bodies and the disputes on decisions' }).click();
    await page.getByRole('heading', { name: 'Out-of-court disputes' }).waitFor();

    const register = page.getByRole('form', { name: 'Register a body' });
    await register.getByLabel('Name').fill('Appeals Centre Europe');
    await register.getByLabel('Member State').selectOption('IE');
    await register.getByLabel('Digital Services Coordinator').fill('Coimisiún na Meán');
    await register.getByLabel('Website').fill('https://www.appealscentre.eu');
    await register.getByLabel('Areas').fill('hate speech, spam');
    await register.getByLabel('Languages').fill('en, de');
    // No day of certification: the problem shows under the field, by its label.
    await register.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => register.locator('.field-error').textContent()).toMatch(/^Certified on /);
    await register.getByLabel('Certified on').fill('2024-09-26');
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByRole('status').filter({ hasText: 'Appeals Centre Europe is in the register.' }).waitFor();
    await page.getByRole('table', { name: 'Certified bodies' }).getByText('Coimisiún na Meán (IE)').waitFor();

    const file = page.getByRole('form', { name: 'Record a dispute' });
    await file.getByLabel('Decision', { exact: true }).fill(removal!.id);
    await file.getByLabel('Brought by').selectOption('affected_user');
    await file.getByLabel("Body's reference").fill('ACE-2026-0042');
    await file.getByRole('button', { name: 'Record the dispute' }).click();
    await file
      .getByRole('status')
      .filter({ hasText: 'The dispute before Appeals Centre Europe is recorded.' })
      .waitFor();

    const card = page.getByRole('article', { name: 'Dispute before Appeals Centre Europe (the affected user)' });
    await card.getByText('Before the body').waitFor();
    const outcome = card.getByRole('form', { name: 'Record the outcome' });
    await outcome.getByLabel('Outcome', { exact: true }).selectOption('complainant_favour');
    await outcome.getByLabel("The body's outcome").fill('The removal was not justified: the post is satire.');
    await outcome.getByLabel('Fees', { exact: true }).fill('100');
    await outcome.getByRole('button', { name: 'Record the outcome' }).click();
    await card.getByText("In the complainant's favour on").waitFor();
    await card.getByText('100.00 EUR, borne by the platform').waitFor();
    await card.getByText(/no violation \(restored\) due by/).waitFor();

    const carry = card.getByRole('form', { name: 'Carry out the outcome' });
    await carry.getByLabel('How it was carried out').fill('The post is restored and the strike lifted.');
    await carry.getByRole('button', { name: 'Carry out the outcome' }).click();
    await card.getByText(/Implemented on .*: no violation \(restored\)/).waitFor();

    const [after] = await rig.docket.store.db
      .select({ status: decisions.status })
      .from(decisions)
      .where(eq(decisions.id, removal!.id));
    expect(after?.status).toBe('reversed');

    // The public register lists the body without JavaScript.
    const visitor = await rig.browser.newPage({ javaScriptEnabled: false });
    await visitor.goto(`${rig.baseUrl}/dispute-bodies`);
    await visitor.getByRole('heading', { name: 'Appeals Centre Europe' }).waitFor();
    expect(await visitor.getByText('Coimisiún na Meán, Ireland').count()).toBe(1);
  });
});
