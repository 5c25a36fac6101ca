import { afterAll, beforeAll, expect, it } from 'vitest';
import { principalOfView } from '../../src/access/service.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

/** Issue 12, item 9: the reviewer's hands. Keys through the queue and the case, "Next case", bulk actions. */
describeInBrowser('queue by keyboard, and bulk actions, in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  const reviewer = async (username: string) =>
    principalOfView((await rig.docket.access.listUsers()).find((u) => u.username === username)!);

  it('claims next with n, picks the outcome and records with keys, then n opens another case', async () => {
    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/queue`);
    await page.getByRole('table', { name: 'Cases' }).waitFor();

    // "?" lists the keys on a dialog that takes the focus; Esc closes it and gives the focus back.
    const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    await page.getByRole('button', { name: 'Claim next case' }).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    await expect(help.innerText()).resolves.toContain('Claim the next case and open it');
    await expect.poll(focused).toBe('Close');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
    await expect.poll(focused).toMatch(/^Claim next case/);

    // A key typed into a field is text, not a command.
    await page.getByLabel('Language').fill('');
    await page.getByLabel('Language').press('n');
    expect(page.url()).toBe(`${rig.baseUrl}/console/queue`);
    await page.getByLabel('Language').fill('');
    await page.keyboard.press('Escape');

    await page.keyboard.press('n');
    await page.waitForURL(/\/console\/queue\/cases\//);
    const first = page.url();
    const form = page.getByRole('form', { name: 'Decision' });
    await form.waitFor();
    await form.getByRole('radio').first().waitFor();
    const radios = await form
      .getByRole('radio')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { disabled: boolean }).disabled));
    const pick = radios.indexOf(false);
    await page.keyboard.press(String(pick + 1));
    await expect.poll(() => form.getByRole('radio').nth(pick).isChecked()).toBe(true);

    await form
      .getByLabel('Facts relied on')
      .fill('Reviewed by keyboard: the post matches the section the reports name.');
    // s inside the field is a letter; Esc leaves the field, and s then records the decision.
    await page.keyboard.press('s');
    await expect.poll(() => form.getByLabel('Facts relied on').inputValue()).toMatch(/name\.s$/);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Decision recorded' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Next case' }).waitFor();
    await page.keyboard.press('n');
    await expect.poll(() => page.url()).not.toBe(first);
    expect(page.url()).toMatch(/\/console\/queue\/cases\//);
    await page.getByRole('form', { name: 'Decision' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Decision recorded' }).count()).resolves.toBe(0);
    await page.close();
  });

  it('releases the selected cases at once and says what it could not release', async () => {
    const senior = await reviewer('senior');
    const moderator = await reviewer('moderator');
    const { queue } = rig.docket.moderation;
    const waiting = (
      await queue.page(senior, { status: 'open', holder: 'unclaimed', level: 'frontline', limit: 4, offset: 0 })
    ).cases;
    for (const entry of waiting.slice(0, 3)) await queue.claim(senior, entry.id, { keepOthers: true });
    await queue.claim(moderator, waiting[3]!.id, { keepOthers: true });
    const claimed = (await queue.page(senior, { status: 'claimed', holder: 'anyone', limit: 50, offset: 0 })).total
      .count;

    const page = await signIn(rig, 'senior');
    await page.goto(`${rig.baseUrl}/console/queue`);
    await page.getByLabel('Status').selectOption('claimed');
    const table = page.getByRole('table', { name: 'Cases' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(claimed);
    await expect(page.getByTestId('queue-range').innerText()).resolves.toBe(`1–${claimed} of ${claimed}`);
    // Holders show by name: the filter offers them, and the rows say who holds each case.
    await expect.poll(() => page.getByLabel('Held by').locator('option', { hasText: 'Mina Okafor' }).count()).toBe(1);
    await expect.poll(() => table.locator('tbody tr', { hasText: 'held by Sam Reyes until' }).count()).toBe(3);

    await page.getByLabel('Select all cases on this page').check();
    await expect(page.getByRole('region', { name: 'Selected cases' }).innerText()).resolves.toContain(
      `${claimed} cases selected`,
    );
    await page.getByRole('button', { name: 'Release selected' }).click();
    const status = page.getByRole('region', { name: 'Selected cases' }).getByRole('status');
    await expect
      .poll(() => status.innerText())
      .toMatch(new RegExp(`^3 released, ${claimed - 3} refused: claim the case first`));
    await expect.poll(() => table.locator('tbody tr', { hasText: 'held by Sam Reyes' }).count()).toBe(0);
    await expect(page.getByTestId('queue-range').innerText()).resolves.toBe(`1–${claimed - 3} of ${claimed - 3}`);
    await page.close();
  });

  it('decides the selected cases the same way with one statement of facts, and shows a problem under its field', async () => {
    const page = await signIn(rig, 'moderator');
    await page.goto(`${rig.baseUrl}/console/queue`);
    await page.getByLabel('Held by').selectOption('unclaimed');
    const rows = page.getByRole('table', { name: 'Cases' }).locator('tbody tr');
    await rows.first().waitFor();
    const before = await page.getByTestId('queue-range').innerText();
    for (const i of [0, 1]) await rows.nth(i).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Decide selected…' }).click();
    const form = page.getByRole('form', { name: 'Decide selected cases' });
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Outcome').selectOption('remove');
    await form.getByLabel('Facts relied on').fill('short');
    await form.getByRole('button', { name: 'Decide 2 cases' }).click();
    await expect.poll(() => form.locator('.field-error').innerText()).toMatch(/^Facts relied on /);

    await form
      .getByLabel('Facts relied on')
      .fill('The same advert for bought followers, posted in a wave across these accounts.');
    await form.getByRole('button', { name: 'Decide 2 cases' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Selected cases' }).getByRole('status').innerText())
      .toBe('2 decided.');
    await expect.poll(() => page.getByTestId('queue-range').innerText()).not.toBe(before);
    await page.close();
  });
});
