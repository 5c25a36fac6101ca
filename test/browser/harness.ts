import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { DEMO_PLATFORM, demoPassword } from '../../src/demo/seed.js';
import { buildServer } from '../../src/http/server.js';
import type { App } from '../../src/http/types.js';
import type { ReportInput } from '../../src/moderation/contract.js';
import { openTestDocket, type TestDocket } from '../stores.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Browser tests run in Debian's chromium. Where it is not installed they are skipped with a warning, except
 * when DOCKET_REQUIRE_BROWSER is set (CI sets it), where a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM) && existsSync('dist/web/index.html')) {
    describe(name, body);
    return;
  }
  const missing = existsSync(CHROMIUM)
    ? 'dist/web is not built (npm test builds it)'
    : `${CHROMIUM} is not installed (apt-get install chromium)`;
  if (process.env.DOCKET_REQUIRE_BROWSER) throw new Error(`browser tests required but ${missing}`);
  console.warn(`browser tests skipped: ${missing}`);
  describe.skip(name, body);
}

export interface BrowserRig {
  browser: Browser;
  baseUrl: string;
  docket: TestDocket;
  close(): Promise<void>;
}

/** A Docket server with the demo data on a free port, and a headless chromium. */
export async function openBrowserRig(): Promise<BrowserRig> {
  const docket = await openTestDocket('embedded', { demo: true });
  const app: App = await buildServer(docket, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    docket,
    close: async () => {
      await browser.close();
      await app.close();
      await docket.close();
    },
  };
}

/** One report pushed as the demo platform pushes it (a user's report of this content); the case it opened or joined. */
export async function reportOnDemoPlatform(rig: BrowserRig, report: ReportInput): Promise<string> {
  const { body } = await rig.docket.moderation.ingestReports('system:test', DEMO_PLATFORM, [report], null);
  const caseId = body.receipts[0]?.caseId;
  if (!caseId) throw new Error(`the report was not taken: ${JSON.stringify(body.receipts[0])}`);
  return caseId;
}

/** Signs a demo user in through the login form and waits for the console. */
export async function signIn(rig: BrowserRig, username: string): Promise<Page> {
  const page = await rig.browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${rig.baseUrl}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(demoPassword(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
  return page;
}
