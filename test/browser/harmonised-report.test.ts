import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StatisticsAnswer } from '../../src/transparency/statistics/contract.js';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, type BrowserRig } from './harness.js';

describeInBrowser('notices in the statistics and the EU harmonised report in chromium, without JavaScript', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
    await reportOnDemoPlatform(rig, {
      subject: {
        externalId: 'harmonised-browser-post',
        kind: 'content',
        contentType: 'text',
        body: 'We will find the reporter and make her pay.',
        url: 'https://lumen.example/harmonised-browser-post',
        country: 'DEU',
        views: 2_000,
      },
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      source: 'user',
    });
    const filed = await fetch(`${rig.baseUrl}/api/public/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        location: 'https://lumen.example/harmonised-browser-post',
        explanation: 'A threat to harm a named reporter, made in public.',
        policyId: 'violence-incitement',
        name: 'Ana',
        email: 'ana@example.org',
        goodFaith: true,
      }),
    });
    expect(filed.status, await filed.text()).toBe(201);
    await rig.docket.sequencer.caughtUp();
  });
  afterAll(() => rig?.close());

  it('a visitor sees the notices counted and downloads the period’s report in the template’s sections', async () => {
    const reader = await rig.browser.newContext({ javaScriptEnabled: false });
    const page = await reader.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${rig.baseUrl}/statistics`);
    const from = await page.locator('input[name=from]').inputValue();
    const to = await page.locator('input[name=to]').inputValue();
    const stats = await page.request.get(`${rig.baseUrl}/api/public/statistics?from=${from}&to=${to}`);
    const { totals } = (await stats.json()) as StatisticsAnswer;
    expect(totals.noticesReceived).toBeGreaterThanOrEqual(1);
    const card = page.locator('.cards li', { hasText: 'Notices received (EU DSA Art. 16)' });
    await expect(card.locator('.count').textContent()).resolves.toBe(totals.noticesReceived.toLocaleString('en'));
    await expect(page.getByRole('img', { name: 'Notices (EU DSA Art. 16) by category alleged' }).count()).resolves.toBe(
      1,
    );
    // No suspension for misuse in the demo: its chart says so.
    await page.locator('figure#misuse-suspensions', { hasText: 'Nothing counted in this period.' }).waitFor();
    await page.screenshot({ path: 'test-results/statistics-notices.png', fullPage: true });

    const link = page.getByRole('link', { name: 'EU harmonised report (CSV)' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/transparency/harmonised-report?from=${from}&to=${to}&format=csv`);
    const csv = await page.request.get(`${rig.baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('section,section_title,field,breakdown,value,unit,status,note');
    expect(lines).toContain(
      `1.3,Article 15(1)(b). Notices submitted in accordance with Article 16 of Regulation (EU) 2022/2065,"Number of notices received, by type of alleged illegal content",,${totals.noticesReceived},count,reported,`,
    );
    expect(lines.filter((l) => l.startsWith('1.8,')).every((l) => l.includes(',not_available,'))).toBe(true);
    await reader.close();
  });
});
