import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportStatements } from '../../src/transparency/dsa/exports.js';
import { createDsaSubmitter } from '../../src/transparency/dsa/submissions.js';
import { createTdbClient } from '../../src/transparency/dsa/tdb-client.js';
import { startFakeTdb, type FakeTdb } from '../fakes/dsa-tdb.js';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

describeInBrowser('the transparency desk shows each statement’s submission to the DSA Transparency Database', () => {
  let rig: BrowserRig;
  let tdb: FakeTdb;
  let held = '';

  beforeAll(async () => {
    rig = await openBrowserRig();
    tdb = await startFakeTdb({ token: 'desk', limits: null });
    const db = rig.docket.store.db;
    // A statement the database takes, made one whose facts are longer than it allows: Docket holds it. Its body, built
    // when the notice was chained, is dropped, so the claim builds it again from the notice, as for one kept from
    // before bodies were.
    held = (await exportStatements(db, '2000-01-01', '2099-12-31')).at(-1)!.puid;
    await rig.docket.tamper(
      `update notices set statement = jsonb_set(statement, '{decision_facts}', to_jsonb(repeat('x', 5001))) where decision_id = '${held}'`,
    );
    await rig.docket.tamper(`update dsa_submissions set body = null where decision_id = '${held}'`);
    await createDsaSubmitter({
      db,
      clock: rig.docket.clock,
      ids: rig.docket.ids,
      client: createTdbClient({ url: tdb.url, token: 'desk' }),
      token: 'desk',
    }).runDue();
    // What the desk shows after a server process met a refused token.
    await rig.docket.tamper(
      "update dsa_submitter set stopped_at = now(), stopped_reason = 'the Transparency Database refused the token (401 Unauthenticated.): check DOCKET_DSA_TDB_TOKEN'",
    );
  });
  afterAll(async () => {
    await tdb?.close();
    await rig?.close();
  });

  it('lists states, the database’s links, the reasons a statement is held, and the stop', async () => {
    const page = await signIn(rig, 'policy');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Transparency' }).click();
    await page.getByRole('heading', { name: 'Submission to the DSA Transparency Database' }).waitFor();
    await expect(page.getByText('Submission is off: set DOCKET_DSA_TDB_URL').isVisible()).resolves.toBe(true);
    await page.getByRole('alert').filter({ hasText: 'refused the token (401' }).waitFor();
    const table = page.getByRole('table', { name: 'Submissions' });
    await table.getByRole('row').nth(1).waitFor();
    expect(await table.getByRole('row').count()).toBe(26);

    const form = page.getByRole('form', { name: 'Submissions' });
    await form.getByLabel('State').selectOption('held');
    const heldRow = table.getByRole('row', { name: new RegExp(held.slice(0, 13)) });
    await heldRow.waitFor();
    await expect(heldRow.textContent()).resolves.toContain(
      'decision_facts: The decision facts field must not be greater than 5000 characters.',
    );

    await form.getByLabel('State').selectOption('submitted');
    const link = table.getByRole('row').nth(1).getByRole('link');
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${tdb.url}/statement/[0-9a-f-]{36}$`));
    const uuid = href!.split('/').pop()!;
    expect([...tdb.statements.values()].some((stored) => stored.uuid === uuid)).toBe(true);

    await page.getByRole('button', { name: 'More' }).click();
    await table.getByRole('row').nth(26).waitFor();
    await page.close();
  });
});
