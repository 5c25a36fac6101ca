import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSecondCase } from '../public-site-fixtures.js';
import { describeInBrowser, openBrowserRig, type BrowserRig } from './harness.js';

const DAY = 86_400_000;
/** The page's window, as seen from code that runs in the browser (the test's TypeScript knows no DOM). */
type Window = { getComputedStyle(element: unknown): { borderLeftWidth: string } };

describeInBrowser('the public site in chromium, with JavaScript off', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let page: Page;
  let ref: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    // A second case decided three months ago: its recommendations went unanswered past 60 days and its removal past
    // 7 days, so the tracker has something overdue to show today.
    ({ ref } = await addSecondCase(rig.docket, new Date(rig.docket.clock.now().getTime() - 90 * DAY)));
    // Without JavaScript: the public pages must read and search with plain HTML and GET forms.
    context = await rig.browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  const caseLinks = () =>
    page
      .getByRole('table')
      .getByRole('link', { name: /^BC-\d{4}-\d{3}$/ })
      .allInnerTexts();

  it('searches board decisions by country and outcome through the form, and opens one', async () => {
    // JavaScript is really off: the browser app does not render.
    await page.goto(rig.baseUrl);
    expect(await page.getByRole('heading', { name: /Decisions about online speech/ }).count()).toBe(0);

    await page.goto(`${rig.baseUrl}/decisions`);
    await page.getByRole('heading', { level: 1, name: 'Board decisions' }).waitFor();
    expect(await caseLinks()).toEqual(expect.arrayContaining(['BC-2023-001', ref]));

    const form = page.getByRole('search', { name: 'Search board decisions' });
    await form.getByLabel('Country').selectOption('QKB');
    await form.getByLabel('Outcome').selectOption({ label: "Overturned the platform's decision" });
    await form.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/decisions\?.*country=QKB.*outcome=overturn/);
    expect(await caseLinks()).toEqual(['BC-2023-001']);

    // The search is in the link: another search, with nothing to find, says so.
    await page.getByRole('search', { name: 'Search board decisions' }).getByLabel('Outcome').selectOption('uphold');
    await page.getByRole('search', { name: 'Search board decisions' }).getByRole('button', { name: 'Search' }).click();
    await page.getByText('No case matches this search.').waitFor();

    await page.goto(`${rig.baseUrl}/decisions?country=QKB`);
    await page.getByRole('link', { name: 'BC-2023-001' }).click();
    await page
      .getByRole('heading', { level: 1, name: "Kambara prime minister's speech threatening opponents" })
      .waitFor();
    await page.getByText('The newsworthiness allowance cannot protect').waitFor();
    // Approved by a majority of the board, which published no vote split and no separate opinion.
    await page.getByText('Approved by a majority of the board. The board did not publish the vote split.').waitFor();
    expect(await page.getByRole('heading', { name: 'Separate opinions' }).count()).toBe(0);
    const suspension = page.getByRole('article', { name: 'BC-2023-001-R3' });
    await suspension
      .getByText(/outside our regular enforcement framework/)
      .first()
      .waitFor();
    expect(await page.getByRole('article', { name: /^BC-2023-001-R\d$/ }).count()).toBe(6);
  });

  it('says what is wrong with a bad search, as a page', async () => {
    const response = await page.goto(`${rig.baseUrl}/decisions?from=2023-02-30`);
    expect(response?.status()).toBe(400);
    await page.getByRole('heading', { name: 'The search could not be run' }).waitFor();
    await page.getByText('"2023-02-30" is not a date').waitFor();
  });

  it('filters the recommendation tracker and shows what is overdue, in words and in colour', async () => {
    await page.goto(`${rig.baseUrl}/recommendations`);
    await page.getByRole('heading', { level: 1, name: 'Recommendation tracker' }).waitFor();
    const counts = page.getByRole('list', { name: 'Recommendations by status' });
    await expect(counts.getByRole('link', { name: /^2\s*response overdue$/ }).count()).resolves.toBe(1);

    const form = page.getByRole('search', { name: 'Filter recommendations' });
    await form.getByLabel('Response state').selectOption({ label: 'Overdue' });
    await form.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/state=overdue/);
    // The fixture's recommendations were given no group.
    const table = page.getByRole('table', { name: 'Recommendations without a group, their responses and assessments' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`^${ref}-R\\d$`) }) });
    expect(await rows.count()).toBe(2);
    for (const row of await rows.all()) {
      expect(await row.getAttribute('class')).toBe('overdue');
      await row.getByText('Overdue', { exact: true }).waitFor();
      // The stylesheet marks the row: a red rule on its first cell.
      expect(
        await row
          .locator('th')
          .first()
          .evaluate((cell) => (globalThis as unknown as Window).getComputedStyle(cell).borderLeftWidth),
      ).toBe('4px');
    }
    expect(await table.getByRole('link', { name: /^BC-2023-001-R/ }).count()).toBe(0);

    const implementation = page.getByRole('table', { name: 'Binding decisions and their implementation' });
    const late = implementation.getByRole('row').filter({ has: page.getByRole('link', { name: ref }) });
    expect(await late.getAttribute('class')).toBe('overdue');
    await late.getByText('Overdue', { exact: true }).waitFor();

    await page.getByRole('search', { name: 'Filter recommendations' }).getByLabel('Case').selectOption('BC-2023-001');
    await page.getByRole('search', { name: 'Filter recommendations' }).getByLabel('Response state').selectOption('');
    await page.getByRole('search', { name: 'Filter recommendations' }).getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/case=BC-2023-001/);
    // The reference case's six, in the board's three groups.
    for (const [group, n] of [
      ['Policy', 2],
      ['Enforcement', 3],
      ['Transparency', 1],
    ] as const) {
      await page.getByRole('heading', { level: 3, name: `${group} recommendations (${n})` }).waitFor();
      expect(
        await page
          .getByRole('table', { name: `${group} recommendations, their responses and assessments` })
          .getByRole('link', { name: /^BC-2023-001-R\d$/ })
          .count(),
      ).toBe(n);
    }
  });

  it('shows the crisis designations in force and ended, and the public figures restricted under them', async () => {
    await page.goto(`${rig.baseUrl}/designations`);
    if (process.env.DOCKET_SCREENSHOTS) {
      for (const path of ['designations', 'recommendations?state=overdue', 'decisions', `decisions/${ref}`]) {
        await page.goto(`${rig.baseUrl}/${path}`);
        await page.screenshot({
          path: `${process.env.DOCKET_SCREENSHOTS}/${path.replace(/[^a-z0-9]+/gi, '-')}.png`,
          fullPage: true,
        });
      }
      await page.goto(`${rig.baseUrl}/designations`);
    }
    const kambara = page.getByRole('article', { name: 'Kambara: Chronic risk' });
    await kambara.getByText('Continuing state violence against opponents').waitFor();
    await page
      .getByRole('table', { name: 'Designations that have ended' })
      .getByRole('rowheader', { name: 'Netherlands' })
      .waitFor();
    const restricted = page
      .getByRole('table', { name: "Public figures' accounts restricted under the protocol" })
      .getByRole('row', { name: /Arkad Velun/ });
    await restricted.getByText('Tier 2 (six months)').waitFor();
    expect(await page.getByText(/QVR|Veridia/).count()).toBe(0);
  });

  it('reaches the public pages from the landing page (with JavaScript, as it is an app)', async () => {
    const visitor = await rig.browser.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(rig.baseUrl);
    await visitor.getByRole('link', { name: 'Recommendation tracker' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Recommendation tracker' }).waitFor();
    await visitor.goto(rig.baseUrl);
    await visitor.getByRole('link', { name: 'The policy library' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Policy library' }).waitFor();
    await visitor.close();
  });
});
