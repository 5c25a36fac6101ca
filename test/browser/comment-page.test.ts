import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './harness.js';

describeInBrowser('the public comment form on a policy advisory opinion, in chromium', () => {
  let rig: BrowserRig;
  let ref: string;
  beforeAll(async () => {
    rig = await openBrowserRig();
    const advisory = (await rig.docket.board.reads.publicCases()).cases.find((c) => c.kind === 'policy_advisory');
    ref = advisory?.ref ?? '';
  });
  afterAll(() => rig?.close());

  it('shows the question, marks a problem under its field, and thanks with a link back to the case', async () => {
    const page = await rig.browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${rig.baseUrl}/board/cases/${ref}/comment`);
    const question = page.getByRole('region', { name: 'The question put to the board' });
    await expect(question.innerText()).resolves.toContain(
      'When, if ever, should a threat of violence by a head of government stay up as newsworthy',
    );

    const form = page.getByRole('form', { name: 'Public comment' });
    await form.getByRole('button', { name: 'Send comment' }).click();
    await form.getByRole('alert').filter({ hasText: 'Please correct the marked field' }).waitFor();
    await expect(form.getByLabel('Comment', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await form.getByText(/^Comment must /).waitFor();

    await form.getByLabel('Name', { exact: true }).fill('Noor Visser');
    await form
      .getByLabel('Comment', { exact: true })
      .fill('Only when the threat is reported on, never the threat itself: leaders reach millions.');
    await form.getByRole('button', { name: 'Send comment' }).click();
    await page.getByRole('status').filter({ hasText: 'your comment was received' }).waitFor();
    await page.getByRole('link', { name: `Back to case ${ref}` }).click();
    await page.waitForURL(new RegExp(`/decisions/${ref}$`));
    await page.getByRole('heading', { name: 'The question put to the board' }).waitFor();
    await page.close();
  });
});
