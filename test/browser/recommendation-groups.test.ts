import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('recommendation groups in the console, in chromium', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('lists the platform’s recommendations by the board’s groups: policy, enforcement, transparency', async () => {
    const liaison = await signIn(rig, 'liaison');
    await liaison.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Board' }).click();
    const groups = [
      ['Policy recommendations', ['BC-2023-001-R1', 'BC-2023-001-R2']],
      ['Enforcement recommendations', ['BC-2023-001-R3', 'BC-2023-001-R4', 'BC-2023-001-R5']],
      ['Transparency recommendations', ['BC-2023-001-R6']],
    ] as const;
    for (const [name, refs] of groups) {
      const section = liaison.getByRole('region', { name });
      await section.getByRole('heading', { name: `${name} (${refs.length})` }).waitFor();
      for (const ref of refs) await section.getByRole('listitem', { name: `Recommendation ${ref}` }).waitFor();
      expect(await section.getByRole('listitem', { name: /^Recommendation / }).count()).toBe(refs.length);
    }
    // In the order the board publishes them.
    const headings = await liaison.getByRole('heading', { level: 3, name: / recommendations \(\d\)$/ }).allInnerTexts();
    expect(headings).toEqual([
      'Policy recommendations (2)',
      'Enforcement recommendations (3)',
      'Transparency recommendations (1)',
    ]);
    await liaison.close();
  });
});
