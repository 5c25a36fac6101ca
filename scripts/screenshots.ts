/**
 * Takes the README's screenshots of the public site (the recommendation tracker and the statistics page) from
 * the demo data, in Debian's chromium: `npx tsx scripts/screenshots.ts`. Writes docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { openDemoSite } from './demo-site.js';

const SHOTS = [
  { path: '/recommendations', file: 'docs/screenshots/recommendation-tracker.png' },
  { path: '/statistics', file: 'docs/screenshots/statistics.png' },
];

const site = await openDemoSite();
try {
  mkdirSync('docs/screenshots', { recursive: true });
  const page = await site.browser.newPage({ viewport: { width: 1200, height: 900 } });
  for (const shot of SHOTS) {
    await page.goto(`${site.base}${shot.path}`);
    await page.screenshot({
      path: shot.file,
      fullPage: true,
      clip: shot.path === '/statistics' ? { x: 0, y: 0, width: 1200, height: 1500 } : undefined,
    });
    process.stdout.write(`wrote ${shot.file}\n`);
  }
} finally {
  await site.close();
}
