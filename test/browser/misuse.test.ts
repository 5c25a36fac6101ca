import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import { incitementGround } from '../misuse-commands.js';
import { describeInBrowser, openBrowserRig, reportOnDemoPlatform, signIn, type BrowserRig } from './harness.js';

describeInBrowser('measures against misuse in chromium', () => {
  let rig: BrowserRig;
  const decisionIds: string[] = [];
  beforeAll(async () => {
    rig = await openBrowserRig();
    const { record: token } = await rig.docket.access.createToken('system:test', {
      name: 'Misuse test',
      kind: 'integration',
      platform: DEMO_PLATFORM,
    });
    const integration = { kind: 'integration' as const, id: token.id, name: token.name, platform: DEMO_PLATFORM };
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
});
