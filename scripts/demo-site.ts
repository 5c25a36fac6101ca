/** The demo, served on a free port in memory, with Debian's chromium: what the screenshot scripts photograph. */
import { chromium, type Browser } from 'playwright-core';
import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildServer } from '../src/http/server.js';
import { openEmbedded } from '../src/store/database.js';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openDemoSite(): Promise<{ base: string; browser: Browser; close(): Promise<void> }> {
  const store = await openEmbedded('memory');
  const docket = await createDocket({ config: loadConfig({}, { logLevel: 'silent', demo: true }), store });
  await seedDemo(docket);
  const app = await buildServer(docket, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await docket.close();
    },
  };
}
