import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

const LOCATION = 'https://lumen.example/posts/browser-message-1';
const FRENCH = '{outcome, select, remove {Nous avons retiré ce contenu signalé.} other {Décision : {outcome}.}}';

describeInBrowser('message templates in the console, and a French notifier told in French, in chromium', () => {
  let rig: BrowserRig;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    // French content the platform pushed, at the address a notifier reports.
    caseId = await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'browser-message-post',
        kind: 'content',
        contentType: 'text',
        authorExternalId: 'browser-message-author',
        body: 'Achetez des abonnés pas chers, payez ici.',
        url: LOCATION,
        country: 'FRA',
        language: 'fr',
      },
      policyId: 'spam',
      sectionId: 'commercial-spam',
      source: 'user',
    });
  });
  afterAll(() => rig?.close());

  it('a visitor without JavaScript chooses German on the notice form and gets the receipt in German', async () => {
    const context = await rig.browser.newContext({ javaScriptEnabled: false });
    const visitor = await context.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(`${rig.baseUrl}/notices/new`);
    const form = visitor.getByRole('form', { name: 'Notice of content' });
    await form.getByLabel('Address (URL) of the content').fill(LOCATION);
    await form.getByLabel('What kind of problem is it?').selectOption('spam');
    await form
      .getByLabel('Why is it illegal, or against the policy?')
      .fill('Gefälschte Follower werden verkauft und immer wieder gepostet.');
    await form.getByLabel('Your name', { exact: true }).fill('Jonas Melder');
    await form.getByLabel('Your e-mail address').fill('jonas@example.org');
    await form.getByLabel('Language of our answers').selectOption('de');
    await form.getByLabel(/I believe in good faith/).check();
    await form.getByRole('button', { name: 'Send notice' }).click();
    await expect(visitor.getByRole('status').innerText()).resolves.toContain(
      'Vielen Dank: Ihre Meldung ist unter der Referenznummer N-',
    );
    await context.close();
  });

  it('policy staff edit a French template, are told what is wrong first, and the notifier reads it; then revert it', async () => {
    const page = await signIn(rig, 'policy');
    await page.goto(`${rig.baseUrl}/console/policies`);
    await page.getByRole('link', { name: 'Message templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Message templates' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    const card = page.getByRole('article', { name: 'notifier.outcome.result' });
    await card.getByText('Aucune mesure n’a été prise').first().waitFor();

    const template = card.getByLabel('Template');
    await template.fill('{outcome, select, remove {Retiré par {moderator}.} other {Non retiré.}}');
    await card.getByRole('button', { name: 'Save template' }).click();
    await card.getByText('Template uses {moderator}, which this message does not have').waitFor();
    await expect(template.getAttribute('aria-invalid')).resolves.toBe('true');
    await template.fill('{outcome, select, remove {Retiré.}');
    await card.getByRole('button', { name: 'Save template' }).click();
    await card.getByText(/Template is not valid ICU MessageFormat/).waitFor();

    await template.fill(FRENCH);
    await card.getByRole('button', { name: 'Save template' }).click();
    await card.getByRole('status').filter({ hasText: 'Template saved' }).waitFor();
    await card.getByText('Saved by').waitFor();
    await card.getByRole('button', { name: 'Revert to default' }).waitFor();
    await page.screenshot({ path: 'test-results/console-message-templates.png', fullPage: true });

    // A notice on the French content, filed without a language: the notifier is told in the content's language.
    const filed = await fetch(`${rig.baseUrl}/api/public/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        location: LOCATION,
        explanation: 'Des faux abonnés vendus encore et encore : du spam commercial.',
        policyId: 'spam',
        name: 'Claire Notifiante',
        email: 'claire@example.org',
        goodFaith: true,
      }),
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const { statusUrl } = (await filed.json()) as { statusUrl: string };

    const moderator = await signIn(rig, 'moderator');
    await moderator.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    await moderator.getByRole('button', { name: 'Claim case' }).click();
    const form = moderator.getByRole('form', { name: 'Decision' });
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Section').selectOption('commercial-spam');
    await form.getByLabel('Remove').check();
    await form.getByLabel('Facts relied on').fill('Followers for sale, posted many times: commercial spam.');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect(moderator.getByRole('region', { name: 'Notice to the user' }).innerText()).resolves.toContain(
      'Nous avons retiré votre contenu.',
    );
    await moderator.close();

    const visitor = await rig.browser.newPage();
    await visitor.goto(statusUrl);
    const outcome = visitor.getByRole('region', { name: 'The outcome' });
    await expect(outcome.innerText()).resolves.toContain('Nous avons retiré ce contenu signalé.');
    await expect(outcome.locator('[lang="fr"]').count()).resolves.toBe(1);
    await expect(visitor.getByRole('region', { name: 'If you disagree' }).innerText()).resolves.toContain(
      'organe de règlement extrajudiciaire des litiges certifié',
    );
    await visitor.close();

    await card.getByRole('button', { name: 'Revert to default' }).click();
    await card.getByRole('status').filter({ hasText: 'Back to the default' }).waitFor();
    await expect(template.inputValue()).resolves.toContain('Aucune mesure n’a été prise');
    await expect(card.getByRole('button', { name: 'Revert to default' }).count()).resolves.toBe(0);
    await page.close();
  });
});
