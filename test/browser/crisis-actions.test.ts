import { afterAll, beforeAll, expect, it } from 'vitest';
import { principalOfView } from '../../src/access/service.js';
import { createDocket } from '../../src/app.js';
import { ManualClock } from '../../src/core/clock.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { addMonths } from '../../src/moderation/rules.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

const day = (date: Date) =>
  date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

describeInBrowser('crisis console actions in chromium', () => {
  let rig: BrowserRig;
  /** The same store seen through services on an earlier clock, to give the demo some history. */
  const earlierServices = async (at: Date) => {
    const clock = new ManualClock(at);
    const services = await createDocket({
      config: rig.docket.config,
      store: rig.docket.store,
      clock,
      ids: rig.docket.ids,
    });
    const [staff] = (await rig.docket.access.listUsers()).filter((u) => u.username === 'policy');
    return { clock, services, policy: principalOfView(staff!) };
  };
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('policy staff restrict a public figure’s account, seeing first what the protocol will do, and find it listed with its end', async () => {
    // A legislator of Kambara restricted once before, for a month, and lifted at its review.
    const now = rig.docket.clock.now();
    const { clock, services, policy } = await earlierServices(new Date(now.getTime() - 90 * 86_400_000));
    await services.figures.verify(policy, {
      platform: DEMO_PLATFORM,
      accountRef: 'lumen-account-dara-voss',
      kind: 'legislator',
      name: 'Dara Voss',
      country: 'QKB',
      note: 'Parliament’s register of members.',
    });
    const first = await services.restrictions.impose(policy, {
      platform: DEMO_PLATFORM,
      accountRef: 'lumen-account-dara-voss',
      severityTier: 1,
      reason: 'Called for a rival’s house to be burned.',
    });
    clock.set(first.endsAt);
    await services.restrictions.runDue();
    await services.restrictions.review(policy, first.id, {
      riskReceded: true,
      reasons: 'He apologised publicly and no threats followed.',
    });

    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Crisis' }).click();
    const form = page.getByRole('form', { name: 'Restrict a public figure' });

    // Nothing chosen: the problem shows under the field, by its label.
    await form.getByRole('button', { name: 'Restrict the account' }).click();
    await form.getByText('Public figure is required').waitFor();

    // The demo's prime minister is restricted already: a restriction runs one at a time, as the preview says.
    const figure = form.getByLabel('Public figure');
    await figure.selectOption({
      label: (await form.getByRole('option', { name: /^Arkad Velun \(/ }).textContent()) ?? '',
    });
    const preview = form.getByRole('region', { name: 'What the restriction would bring' });
    await preview
      .getByText(/already restricted until \d{4}-\d{2}-\d{2} \(tier \d\): a restriction runs one at a time/)
      .waitFor();

    // A repeat violation moves up a tier.
    await figure.selectOption({ label: 'Dara Voss (legislator, Kambara)' });
    await form.getByLabel('Severity tier').selectOption('1');
    await preview.getByText('2 (moved up from tier 1: 1 earlier restriction of this account)').waitFor();
    const endsAt = day(addMonths(rig.docket.clock.now(), 6));
    await expect(preview.innerText()).resolves.toContain('6 months');
    await expect(preview.innerText()).resolves.toContain(endsAt);
    await expect(preview.innerText()).resolves.toContain('Kambara: chronic designation');

    await form.getByLabel('Reason').fill('Called again for a rival’s house to be burned, at a rally.');
    await form.getByRole('button', { name: 'Restrict the account' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Dara Voss is restricted at tier 2 until ${endsAt}` })
      .waitFor();

    // Listed among the running restrictions with its end.
    const row = page
      .getByRole('table', { name: 'Active restrictions' })
      .getByRole('row')
      .filter({ hasText: 'Dara Voss' });
    await expect(row.innerText()).resolves.toMatch(
      new RegExp(`^Dara Voss\\s+Kambara\\s+2\\s+\\d+ \\w+ \\d{4}\\s+${endsAt}\\s+active`),
    );
    await preview.getByText(/already restricted until/).waitFor();
    await page.screenshot({ path: 'test-results/console-restrictions.png', fullPage: true });
    await page.close();
  });

  it('staff propose a designation by country name; policy staff approve it and keep it for another period', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Crisis' }).click();
    const form = page.getByRole('form', { name: 'Propose a designation' });
    await form.getByLabel('Country').selectOption({ label: 'Kenya' });
    await form.getByLabel('Kind').selectOption('acute');
    await form.getByLabel('Reasons').fill('Short');
    await form.getByRole('button', { name: 'Propose' }).click();
    await form.getByText('Reasons must be at least 10 characters long').waitFor();

    await form.getByLabel('Reasons').fill('Clashes after the election, far above the usual level.');
    await form.getByRole('button', { name: 'Propose' }).click();
    await form.getByRole('status').filter({ hasText: 'An acute designation of Kenya is proposed' }).waitFor();

    const card = page.getByRole('article', { name: 'Kenya: KEN acute designation' });
    await card.getByText('proposed', { exact: true }).waitFor();
    await expect(card.innerText()).resolves.toContain('Proposed by Priya Nair');
    await card.getByLabel('Reasons').fill('Confirmed by the regional team and partners.');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('status').filter({ hasText: 'The acute designation of Kenya is active' }).waitFor();
    await card.getByText('active', { exact: true }).waitFor();
    await expect(card.innerText()).resolves.toContain('approved by Priya Nair');

    await card.getByLabel('Reasons').fill('Clashes continue in three counties.');
    await card.getByRole('button', { name: 'Keep for another period' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: 'The acute designation of Kenya is kept; next review on' })
      .waitFor();
    await page.close();
  });

  it('a policy version without a change note is refused under that field; once published, the form confirms it', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Policies' }).click();
    const policy = page.getByRole('article', { name: 'Violence and Incitement' });
    await policy.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Violence and Incitement' });
    await form.getByRole('button', { name: /^Publish version/ }).click();
    await form.getByText('What changed and why must not be empty').waitFor();
    await form.getByLabel('What changed and why').fill('Clearer wording of the summary.');
    await form.getByRole('button', { name: /^Publish version/ }).click();
    await form
      .getByRole('status')
      .filter({ hasText: /^Version \d+ of Violence and Incitement is published/ })
      .waitFor();
    await page.close();
  });

  it('a restriction that reached its end is reviewed from the console: extended by its tier’s length, with reasons', async () => {
    // A minister restricted for a month, seven weeks ago.
    const now = rig.docket.clock.now();
    const { clock, services: earlier, policy } = await earlierServices(new Date(now.getTime() - 49 * 86_400_000));
    await earlier.figures.verify(policy, {
      platform: DEMO_PLATFORM,
      accountRef: 'lumen-account-interior-kambara',
      kind: 'minister',
      name: 'Sela Marit',
      country: 'QKB',
      note: 'Government gazette names her minister of the interior.',
    });
    const imposed = await earlier.restrictions.impose(policy, {
      platform: DEMO_PLATFORM,
      accountRef: 'lumen-account-interior-kambara',
      severityTier: 1,
      reason: 'Praised the police beating of protesters.',
    });
    clock.set(now);
    await earlier.restrictions.runDue();
    const extendsUntil = day(addMonths(new Date(imposed.endsAt), 1));

    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Crisis' }).click();
    const row = page
      .getByRole('table', { name: 'Active restrictions' })
      .getByRole('row')
      .filter({ hasText: 'Sela Marit' });
    await row.getByText('review due', { exact: true }).waitFor();
    const review = row.getByRole('form', { name: 'Review the restriction of Sela Marit' });
    await review.getByLabel(`No: extend it until ${extendsUntil}`).check();
    await review
      .getByLabel('Reasons of the review')
      .fill('She repeated the praise in a televised interview last week.');
    await review.getByRole('button', { name: 'Record the review' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `The restriction of Sela Marit is extended until ${extendsUntil}` })
      .waitFor();
    await row.getByText('active', { exact: true }).waitFor();
    await page.close();
  });
});
