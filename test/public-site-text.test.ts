import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';
import type { PublicBoardCase } from '../src/board/contract.js';
import type { PublicDocketPage } from '../src/transparency/site/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';

const NOW = '2026-03-02T09:00:00.000Z';
const QUESTION =
  'When, if ever, should a threat of violence by a head of government stay up as newsworthy in a country under a crisis designation?';

/** The public site's words on the demo: the designations' reasons, the advisory opinion's question, the default chart. */
describeEachStore('the public site, read by a journalist', (kind) => {
  let docket: TestDocket;
  let app: App;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    docket = await openTestDocket(kind, { clock: new ManualClock(NOW) });
    await seedDemo(docket);
    app = await buildServer(docket, { logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await docket?.close();
  });

  it("says why a country is designated in sentences, with the detector's numbers behind a Details toggle", async () => {
    const page = (await get('/designations')).body;
    const kambara = page.slice(
      page.indexOf('Kambara: Chronic risk'),
      page.indexOf('</article>', page.indexOf('Kambara: Chronic risk')),
    );
    expect(kambara).toMatch(
      /<h4>Reasons<\/h4>\n<p>Kambara is among the places with the most state violence: in a typical week of the last year, police or military forces took part in [\d.]+ violent events? per million people, at least as high as in 90% of the places compared\.<\/p>/,
    );
    expect(kambara).toContain('is rated &quot;repressed&quot; on the CIVICUS Monitor&#39;s scale from open to closed.');
    expect(kambara).toMatch(
      /<p>Violence in Kambara did not suddenly spike: the week of .+ saw \d+ violent political events?, against a usual [\d.]+ a week\.<\/p>/,
    );
    // The sentences come first; the record, numbers and all, is behind the toggle.
    const details = kambara.slice(kambara.indexOf('<details>'));
    expect(details).toMatch(/^<details><summary>Details<\/summary>/);
    expect(details).toContain('No acute spike:');
    expect(details).toContain('CHRONIC:');
    expect(kambara.slice(0, kambara.indexOf('<details>'))).not.toContain('CUSUM');
  });

  it("shows an open policy advisory opinion's question on its page and in the list, and no other case's statement", async () => {
    const listed = (await get('/api/public/board/cases')).json<PublicDocketPage>().cases;
    const advisory = listed.find((c) => c.kind === 'policy_advisory');
    expect(advisory?.question).toBe(QUESTION);
    expect(listed.filter((c) => c.kind !== 'policy_advisory').every((c) => c.question === null)).toBe(true);

    const casePage = (await get(`/decisions/${advisory?.ref}`)).body;
    expect(casePage).toContain(
      `<h2>The question put to the board</h2><blockquote class="question"><p>${QUESTION}</p></blockquote>`,
    );
    expect(casePage).toContain(`href="/board/cases/${advisory?.ref}/comment"`);
    const listPage = (await get('/decisions')).body;
    expect(listPage).toContain(`<span class="question">Question: ${QUESTION}</span>`);
    expect((await get(`/api/public/board/cases/${advisory?.ref}`)).json<PublicBoardCase>()).toMatchObject({
      question: QUESTION,
      commentsOpen: true,
    });
  });

  it('charts the last 30 days by day unless a period is chosen, and keeps the choice', async () => {
    const page = (await get('/statistics')).body;
    expect(page).toContain('<input type="date" name="from" value="2026-02-01">');
    expect(page).toContain('<input type="date" name="to" value="2026-03-02">');
    expect(page).toContain('Reports, decisions and appeals by day');
    expect(page).toContain('Showing the last 30 days counted, day by day.');
    expect(page).toMatch(/<a href="\/statistics\?from=2023-\d\d-\d\d&amp;to=2026-03-02">everything counted<\/a>/);
    // The week of moderation shows as days of different heights, not one bar.
    const reportBars = [...page.matchAll(/<title>Reports, (\d{4}-\d{2}-\d{2}): ([\d,]+)<\/title>/g)].map((m) =>
      Number(m[2]?.replace(/,/g, '')),
    );
    expect(reportBars).toHaveLength(30);
    expect(reportBars.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);

    const chosen = (await get('/statistics?from=2023-01-01&to=2026-03-02')).body;
    expect(chosen).toContain('<input type="date" name="from" value="2023-01-01">');
    expect(chosen).toContain('Reports, decisions and appeals by month');
    expect(chosen).not.toContain('Showing the last 30 days');
    expect((await get('/statistics?to=2026-02-20')).body).toContain('Reports, decisions and appeals by month');
    // The API keeps the whole counted range as its default.
    expect((await get('/api/public/statistics')).json<StatisticsAnswer>().period.from).toMatch(/^2023-/);
  });
});
