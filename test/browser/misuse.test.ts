import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { incitementGround } from '../misuse-commands.js';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

describeInBrowser('measures against misuse in chromium', () => {
  let rig: BrowserRig;
  let integration: { kind: 'integration'; id: string; name: string; platform: string };
  const decisionIds: string[] = [];
  beforeAll(async () => {
    rig = await openBrowserRig();
    const { record: token } = await rig.docket.access.createToken('system:test', {
      name: 'Misuse test',
      kind: 'integration',
      platform: DEMO_PLATFORM,
    });
    integration = { kind: 'integration', id: token.id, name: token.name, platform: DEMO_PLATFORM };
    for (const n of [1, 2]) {
      const externalId = `misuse-browser-${n}`;
      await reportOnDemoPlatform(rig, {
        subject: {
          externalId,
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'misuse-browser-author',
          body: 'Slogans inciting hatred against a religious group.',
          url: `https://lumen.example/${externalId}`,
        },
        policyId: 'hate-speech',
        source: 'user',
      });
      const { decisionId } = await rig.docket.moderation.automated.record(integration, {
        subjectExternalId: externalId,
        policyId: 'hate-speech',
        sectionId: 'attacks-on-protected-groups',
        outcome: 'remove',
        facts: 'Incites hatred against a religious group.',
        illegalContent: incitementGround,
        automation: { tool: 'hate-classifier', toolVersion: '2', score: 0.98, humanReviewed: true },
      });
      decisionIds.push(decisionId);
    }
  });
  afterAll(() => rig?.close());

  it('policy staff set the rules, see a user warned then suspended, read the appeal and lift the suspension', async () => {
    const page = await signIn(rig, 'policy');
    await page.goto(`${rig.baseUrl}/console/transparency`);
    const rules = page.getByRole('form', { name: 'Rules against misuse' });
    await rules.getByLabel('Users: warn after').fill('3');
    await rules.getByLabel('Users: suspend after').fill('3');
    await rules.getByRole('button', { name: 'Save rules' }).click();
    await rules.getByText('must be more than warnAfter').waitFor();
    await rules.getByLabel('Users: warn after').fill('1');
    await rules.getByLabel('Users: suspend after').fill('2');
    await rules.getByLabel('Users: suspension days').fill('14');
    await rules.getByRole('button', { name: 'Save rules' }).click();
    await rules.getByText('The rules are saved').waitFor();

    // A reviewer marks both decisions' content manifestly illegal: a warning, then a suspension; the platform appeals.
    const mark = (itemId: string) =>
      rig.docket.misuse.mark('system:test', { kind: 'illegal_content', itemId, reason: 'Manifest incitement.' });
    expect((await mark(decisionIds[0] as string)).measure?.kind).toBe('warning');
    const suspension = (await mark(decisionIds[1] as string)).measure;
    expect(suspension?.kind).toBe('suspension');
    await rig.docket.misuse.appealByPlatform('system:test', DEMO_PLATFORM, suspension?.id as string, {
      statement: 'I was quoting the slogans to condemn them.',
    });

    await page.reload();
    const table = page.getByRole('table', { name: 'Warnings and suspensions' });
    const row = table.getByRole('row', { name: /Suspended/ });
    await row.getByText(`account ${DEMO_PLATFORM}/misuse-browser-author`).waitFor();
    await row.getByText('I was quoting the slogans to condemn them.').waitFor();
    await table.getByRole('row', { name: /Warning/ }).waitFor();
    await page.screenshot({ path: 'test-results/console-misuse.png', fullPage: true });
    await row.getByLabel('Reason').fill('Quoted to condemn: not manifest.');
    await row.getByRole('button', { name: 'Lift' }).click();
    await table
      .getByRole('row', { name: /Lifted/ })
      .getByText('Quoted to condemn: not manifest.')
      .waitFor();
  });

  it('a suspended notifier reads the measure from their status page and contests it, without JavaScript', async () => {
    const rules = await rig.docket.misuse.rules();
    const strict = { warnAfter: 1, suspendAfter: 2, windowDays: 30, suspensionDays: 7 };
    await rig.docket.misuse.setRules('system:test', { ...rules.rules, notifier: strict });
    let statusUrl = '';
    for (const n of [1, 2]) {
      const externalId = `misuse-notice-${n}`;
      const location = `https://lumen.example/${externalId}`;
      await reportOnDemoPlatform(rig, {
        subject: {
          externalId,
          kind: 'content',
          contentType: 'text',
          body: 'A review of a football match.',
          url: location,
        },
        policyId: 'hate-speech',
        source: 'user',
      });
      const filed = await fetch(`${rig.baseUrl}/api/public/notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          location,
          explanation: 'I do not like what this person writes about my team.',
          policyId: 'hate-speech',
          name: 'Ned',
          email: 'ned@example.org',
          goodFaith: true,
        }),
      });
      expect(filed.status).toBe(201);
      const receipt = (await filed.json()) as { ref: string; statusUrl: string };
      statusUrl = receipt.statusUrl;
      await rig.docket.moderation.automated.record(integration, {
        subjectExternalId: externalId,
        policyId: 'hate-speech',
        sectionId: 'attacks-on-protected-groups',
        outcome: 'no_violation',
        facts: 'An opinion about football, attacking no one.',
        automation: { tool: 'hate-classifier', toolVersion: '2', score: 0.02, humanReviewed: true },
      });
      await rig.docket.misuse.mark('system:test', {
        kind: 'unfounded_notice',
        itemId: receipt.ref,
        reason: 'Dislike of a team is no ground.',
      });
    }

    const visitor = await rig.browser.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(statusUrl);
    await visitor.getByRole('link', { name: 'Measures against misuse taken against you' }).click();
    await visitor.getByRole('heading', { name: 'Measures against misuse' }).waitFor();
    await visitor.getByText(/Suspended, \d{4}-\d{2}-\d{2} until/).waitFor();
    const form = visitor.getByRole('form', { name: 'Contest the suspension' });
    await form.getByRole('button', { name: 'Send appeal' }).click();
    await visitor.getByText('say why the suspension should be lifted').first().waitFor();
    await visitor.getByLabel('Why should the suspension be lifted?').fill('Each notice was sent in good faith.');
    await visitor.getByRole('button', { name: 'Send appeal' }).click();
    await visitor.getByText('Thank you: your appeal was received.').waitFor();
    await visitor.getByText(/You contested it on/).waitFor();
    await visitor.screenshot({ path: 'test-results/public-misuse.png', fullPage: true });
  });
});
