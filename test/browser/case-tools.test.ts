import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

/** A 1x1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The platform's media host: a server of its own (another origin) that records every request it gets. */
function startMediaHost(): Promise<{ server: Server; url: string; requests: IncomingHttpHeaders[] }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/media/photo-1.png`,
        requests,
      }),
    ),
  );
}

/** Issue 12, item 9: notes, templates, the content preview behind a click, search and the account page. */
describeInBrowser('case tools in chromium', () => {
  let rig: BrowserRig;
  let media: Awaited<ReturnType<typeof startMediaHost>>;
  let caseId: string;

  beforeAll(async () => {
    rig = await openBrowserRig();
    media = await startMediaHost();
    const subject = {
      externalId: 'browser-photo-1',
      kind: 'content' as const,
      contentType: 'image' as const,
      authorExternalId: 'browser-seller-7',
      body: 'Followers for sale, DM me.',
      url: media.url,
      country: 'NLD',
      language: 'en',
      views: 80,
      postedAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const { body } = await rig.docket.moderation.ingestReports(
      'system:test',
      DEMO_PLATFORM,
      [{ subject, policyId: 'spam', sectionId: 'commercial-spam', source: 'user' }],
      null,
    );
    caseId = body.receipts[0]?.caseId as string;
  });
  afterAll(async () => {
    media?.server.close();
    await rig?.close();
  });

  it('a senior reviewer saves a notice template, told under the field what is wrong first', async () => {
    const page = await signIn(rig, 'senior');
    await page
      .getByRole('navigation', { name: 'Reviewer tools' })
      .getByRole('link', { name: 'Notice templates' })
      .click();
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Section').selectOption('commercial-spam');
    await form.getByLabel('Title').fill('Bought followers');
    await form.getByLabel('Statement of facts').fill('Too short');
    await form.getByRole('button', { name: 'Save template' }).click();
    await form.getByText('Statement of facts must be at least 10 characters long').waitFor();
    await form
      .getByLabel('Statement of facts')
      .fill('The post offers followers for sale: commercial spam under the policy.');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(form.getByRole('status').innerText()).resolves.toBe('Template "Bought followers" saved.');
    await page.getByRole('article', { name: 'Bought followers' }).waitFor();
    await page.close();
  });

  it('a reviewer sees the image only after a click, adds a note, and decides from the template', async () => {
    const page = await signIn(rig, 'moderator');
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(rig.baseUrl)) elsewhere.push(request.url());
    });
    await page.goto(`${rig.baseUrl}/console/queue/cases/${caseId}`);
    const content = page.getByRole('region', { name: 'Reported content' });
    await expect(content.innerText()).resolves.toContain('Followers for sale, DM me.');
    await expect(content.innerText()).resolves.toContain(media.url);
    await page.getByRole('region', { name: 'Internal notes' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Nothing was asked of the media host while the case page loaded.
    await expect(content.getByRole('img').count()).resolves.toBe(0);
    expect(elsewhere).toEqual([]);
    expect(media.requests).toHaveLength(0);

    await content.getByRole('button', { name: 'Show image' }).click();
    const image = content.getByRole('img', { name: 'The reported image, as the platform serves it' });
    await image.waitFor();
    await expect.poll(() => media.requests.length).toBe(1);
    await expect(image.getAttribute('referrerpolicy')).resolves.toBe('no-referrer');
    expect(media.requests[0]?.referer).toBeUndefined();
    expect(elsewhere).toEqual([media.url]);

    const notes = page.getByRole('region', { name: 'Internal notes' });
    await notes.getByLabel('Note', { exact: true }).fill('Same seller as last week’s batch; check the linked shop.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await expect(notes.getByRole('status').innerText()).resolves.toContain('Note added');
    await expect(notes.getByRole('list', { name: 'Notes' }).innerText()).resolves.toMatch(
      /Same seller as last week’s batch; check the linked shop\.\s+Mina Okafor,/,
    );

    await page.getByRole('button', { name: 'Claim case' }).click();
    const form = page.getByRole('form', { name: 'Decision' });
    await form.getByLabel('Policy').selectOption('spam');
    await form.getByLabel('Section').selectOption('commercial-spam');
    await form.getByLabel('Remove').check();
    await form.getByLabel('Statement of facts relied on').fill('short');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await form.getByText('Statement of facts relied on must be at least 10 characters long').waitFor();
    await form.getByLabel('Start from a template').selectOption({ label: 'Bought followers' });
    const facts = form.getByLabel('Statement of facts relied on');
    await expect(facts.inputValue()).resolves.toBe(
      'The post offers followers for sale: commercial spam under the policy.',
    );
    await facts.fill(`${await facts.inputValue()} The image shows the price list.`);
    await form.getByRole('button', { name: 'Record decision' }).click();
    // The note's status is still on the page: wait for the decision's own, not whichever status comes first.
    await page.getByRole('status').filter({ hasText: 'Decision recorded.' }).first().waitFor();
    await expect(page.getByRole('article', { name: 'Decision' }).innerText()).resolves.toContain(
      'The image shows the price list.',
    );
    await page.close();
  });

  it('a reviewer searches for the author and opens the account’s whole history', async () => {
    const page = await signIn(rig, 'moderator');
    await page.getByRole('navigation', { name: 'Reviewer tools' }).getByRole('link', { name: 'Search' }).click();
    const form = page.getByRole('search', { name: 'Search' });
    await form.getByLabel('Search for').fill('browser-seller');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(form.getByRole('status').innerText()).resolves.toBe('1 found.');
    const results = page.getByRole('list', { name: 'Results' });
    await expect(results.innerText()).resolves.toContain('Followers for sale, DM me.');
    await results.getByRole('link', { name: 'Account history of browser-seller-7' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account browser-seller-7' }).waitFor();
    await expect(page.getByRole('list', { name: 'Content' }).innerText()).resolves.toContain(
      'Followers for sale, DM me.',
    );
    await expect(page.getByRole('table', { name: 'Reports' }).innerText()).resolves.toContain('spam/commercial-spam');
    await expect(page.getByRole('list', { name: 'Decisions' }).innerText()).resolves.toMatch(/Remove.* by Mina Okafor/);
    await expect(page.getByRole('list', { name: 'Strikes' }).innerText()).resolves.toContain('active until');
    await expect(page.getByRole('list', { name: 'Account restrictions' }).innerText()).resolves.toContain('warning');
    await page.screenshot({ path: 'test-results/console-account.png', fullPage: true });
    await page.close();
  });
});
