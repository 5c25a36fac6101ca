import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

/** Issue 12, item 4: "Claim next case" keeps one case in hand, and the queue shows who holds a case and until when. */
describeInBrowser('queue claims in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('claiming next twice opens the same case, shown as held by the reviewer by name', async () => {
    const page = await signIn(rig, 'senior');
    await page.goto(`${rig.baseUrl}/console/queue`);
    await page.getByRole('table', { name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: 'Claim next case' }).click();
    await page.waitForURL(/\/console\/queue\/cases\//);
    const first = page.url();
    await expect.poll(() => page.locator('p.muted').first().innerText()).toMatch(/held by Sam Reyes until/);

    await page.goto(`${rig.baseUrl}/console/queue`);
    const held = page.getByRole('table', { name: 'Cases' }).locator('tbody tr', { hasText: 'held by Sam Reyes until' });
    await expect.poll(() => held.count()).toBe(1);
    await page.getByRole('button', { name: 'Claim next case' }).click();
    await page.waitForURL(/\/console\/queue\/cases\//);
    expect(page.url()).toBe(first);
    await page.close();
  });
});
