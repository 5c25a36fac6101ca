/**
 * Takes the README's screenshots of the public site (the recommendation tracker and the statistics page) from
 * the demo data, in Debian's chromium: `npx tsx scripts/screenshots.ts`. Writes docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildServer } from '../src/http/server.js';
import { openEmbedded } from '../src/store/database.js';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = [
  { path: '/recommendations', file: 'docs/screenshots/recommendation-tracker.png' },
  { path: '/statistics', file: 'docs/screenshots/statistics.png' },
];

const store = await openEmbedded('memory');
const docket = await createDocket({ config: loadConfig({}, { logLevel: 'silent', demo: true }), store });
await seedDemo(docket);
const app = await buildServer(docket, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
try {
  mkdirSync('docs/screenshots', { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  for (const shot of SHOTS) {
    await page.goto(`http://127.0.0.1:${port}${shot.path}`);
    await page.screenshot({ path: shot.file, fullPage: true, clip: shot.path === '/statistics' ? { x: 0, y: 0, width: 1200, height: 1500 } : undefined });
    process.stdout.write(`wrote ${shot.file}\n`);
  }
} finally {
  await browser.close();
  await app.close();
  await docket.close();
}
