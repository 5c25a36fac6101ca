/**
 * Walks each role through the console on the demo data and takes a screenshot at every step, in Debian's
 * chromium: `npx tsx scripts/walkthrough.ts` (after `npm run build:web`). Writes docs/screenshots/walkthrough/*.jpg
 * and prints one line per step; a step that fails is named, and the script exits 1.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { demoPassword } from '../src/demo/seed.js';
import { openDemoSite } from './demo-site.js';

const DIR = 'docs/screenshots/walkthrough';
const site = await openDemoSite();
const { base, browser } = site;
let failures = 0;
let n = 0;

/** One step: run it, then photograph the page as it is. */
async function step(page: Page, name: string, action: () => Promise<void>): Promise<void> {
  n += 1;
  const file = `${DIR}/${String(n).padStart(2, '0')}-${name}.jpg`;
  try {
    await action();
    await page.waitForTimeout(150);
    // Up to 1,600 pixels of the page from where the step left it scrolled (a step scrolls to what it shows).
    const [top, total] = await page.evaluate<[number, number]>(
      '[window.scrollY, document.documentElement.scrollHeight]',
    );
    const y = Math.max(0, Math.min(top, total - 1600));
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: { x: 0, y, width: 1280, height: Math.min(1600, total - y) },
      type: 'jpeg',
      quality: 60,
    });
    process.stdout.write(`ok   ${file}\n`);
  } catch (error) {
    failures += 1;
    process.stdout.write(`FAIL ${file}: ${(error as Error).message.split('\n')[0]}\n`);
  }
}

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(8_000);
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoPassword(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
  return page;
}

try {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });

  // The public, with no account: the record, the tracker, the statistics, crisis designations, the log.
  const pub = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await step(pub, 'public-landing', async () => void (await pub.goto(`${base}/`)));
  await step(pub, 'public-decision', async () => {
    await pub.goto(`${base}/decisions`);
    await pub
      .getByRole('link', { name: /BC-2023-001/ })
      .first()
      .click();
  });
  await step(pub, 'public-recommendations-by-group', async () => void (await pub.goto(`${base}/recommendations`)));
  await step(pub, 'public-statistics-last-30-days', async () => void (await pub.goto(`${base}/statistics`)));
  await step(pub, 'public-designations-in-sentences', async () => {
    await pub.goto(`${base}/designations`);
    await pub.locator('details').first().locator('summary').click();
  });
  await step(pub, 'public-log', async () => void (await pub.goto(`${base}/log`)));
  await step(pub, 'public-not-found', async () => void (await pub.goto(`${base}/no-such-page`)));

  // A moderator: the queue, the keys, claim the next case by keyboard, the decision and what it will do.
  const mod = await as('moderator');
  await step(mod, 'moderator-queue', async () => void (await mod.getByRole('heading', { name: 'Queue' }).waitFor()));
  await step(mod, 'moderator-keyboard-shortcuts', async () => {
    await mod.keyboard.press('?');
    await mod.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  });
  await step(mod, 'moderator-case-claimed-with-n', async () => {
    await mod.keyboard.press('Escape');
    await mod.keyboard.press('n');
    await mod.waitForURL(/\/console\/queue\/cases\//);
    await mod.getByRole('region', { name: 'Reported content' }).waitFor();
  });
  await step(mod, 'moderator-decision-consequences', async () => {
    const form = mod.getByRole('form', { name: 'Decision' });
    await form.getByLabel('Remove').check();
    await form.getByRole('region', { name: 'Consequences' }).waitFor();
    await form.getByRole('region', { name: 'Consequences' }).scrollIntoViewIfNeeded();
  });
  await step(mod, 'moderator-field-error-by-label', async () => {
    const form = mod.getByRole('form', { name: 'Decision' });
    await form.getByLabel('Statement of facts relied on').fill('short');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await form.getByText(/Statement of facts relied on must be/).waitFor();
  });
  await step(mod, 'moderator-search', async () => {
    await mod.getByRole('navigation', { name: 'Reviewer tools' }).getByRole('link', { name: 'Search' }).click();
    const form = mod.getByRole('search', { name: 'Search' });
    await form.getByLabel('Search for').fill('lumen-account-pm');
    await form.getByRole('button', { name: 'Search' }).click();
    await form.getByRole('status').waitFor();
  });
  await step(mod, 'moderator-account-history', async () => {
    await mod
      .getByRole('list', { name: 'Results' })
      .getByRole('link', { name: /^Account history of/ })
      .first()
      .click();
    await mod.getByRole('heading', { level: 1, name: /^Account / }).waitFor();
  });

  // A senior reviewer: internal appeals, and the team's notice templates.
  const senior = await as('senior');
  await step(senior, 'senior-appeals', async () => void (await senior.goto(`${base}/console/queue/appeals`)));
  await step(
    senior,
    'senior-notice-templates',
    async () => void (await senior.goto(`${base}/console/queue/templates`)),
  );

  // Policy staff: the library; restricting a public figure's account with the preview; crisis designations.
  const policy = await as('policy');
  await step(policy, 'policy-library', async () => void (await policy.goto(`${base}/console/policies`)));
  await step(policy, 'policy-restrict-preview', async () => {
    await policy.goto(`${base}/console/crisis`);
    const form = policy.getByRole('form', { name: 'Restrict a public figure' });
    const figure = form.getByLabel('Public figure');
    const option = await form.getByRole('option', { name: /^Arkad Velun \(/ }).textContent();
    await figure.selectOption({ label: option ?? '' });
    await form.getByRole('region', { name: 'What the restriction would bring' }).waitFor();
    await form.scrollIntoViewIfNeeded();
  });
  await step(policy, 'policy-propose-designation', async () => {
    await policy.getByRole('form', { name: 'Propose a designation' }).scrollIntoViewIfNeeded();
  });

  // The board: a member's desk; the case manager's case with its comment period and publication steps.
  const member = await as('board');
  await step(member, 'board-member-desk', async () => void (await member.goto(`${base}/console/board`)));
  const manager = await as('casemanager');
  await step(manager, 'case-manager-desk', async () => void (await manager.goto(`${base}/console/board`)));
  await step(manager, 'case-manager-case', async () => {
    await manager.getByRole('link', { name: /BC-/ }).first().click();
    await manager.waitForURL(/\/console\/board\/cases\//);
  });

  // The platform's liaison: recommendations by group to answer, and a referral to the board.
  const liaison = await as('liaison');
  await step(
    liaison,
    'liaison-recommendations-and-referral',
    async () => void (await liaison.goto(`${base}/console/board`)),
  );

  // The administrator: users, tokens, webhooks and the audit log, each a form with its confirmation.
  const admin = await as('admin');
  await step(admin, 'admin-create-user', async () => {
    await admin.goto(`${base}/console/admin`);
    const form = admin.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Username').fill('nora');
    await form.getByLabel('Display name').fill('Nora Quist');
    await form.getByLabel('Senior reviewer').check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.getByRole('status').waitFor();
  });
  await step(admin, 'admin-create-token', async () => {
    const form = admin.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill('Lumen moderation bridge');
    await form.getByLabel('Platform').fill('lumen');
    await form.getByRole('button', { name: 'Create token' }).click();
    await form.getByRole('status').waitFor();
    await form.scrollIntoViewIfNeeded();
  });
} finally {
  await site.close();
}
process.exitCode = failures > 0 ? 1 : 0;
