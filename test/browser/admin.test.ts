import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, openBrowserRig, signIn, type BrowserRig } from './harness.js';

const ONE_TIME_PASSWORD = /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/;

describeInBrowser('the admin console in chromium', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await openBrowserRig();
  });
  afterAll(() => rig?.close());

  it('lets an administrator create a user (one-time password shown once), then create a token (secret shown once) and revoke it', async () => {
    const page = await signIn(rig, 'admin');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Admin' }).click();

    // A username the server refuses: the problem shows under the field, by its label, and nothing is created.
    const createUser = page.getByRole('form', { name: 'Create a user' });
    await createUser.getByLabel('Username').fill('Nora Quist!');
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await createUser.getByText(/^Username must be 2 to 40 characters/).waitFor();
    await createUser.getByRole('alert').waitFor();

    await createUser.getByLabel('Username').fill('nora');
    await createUser.getByLabel('Display name').fill('Nora Quist');
    await createUser.getByLabel('Senior reviewer').check();
    await createUser.getByRole('button', { name: 'Create user' }).click();
    await createUser.getByRole('status').filter({ hasText: 'Nora Quist (nora) was created' }).waitFor();
    const shown = createUser.getByRole('region', { name: 'One-time password for Nora Quist' });
    const password = await shown.locator('code').innerText();
    expect(password).toMatch(ONE_TIME_PASSWORD);
    await shown.getByText('Shown only now').waitFor();
    const noraRow = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'Nora Quist' });
    await noraRow.waitFor();
    expect(await noraRow.getByRole('cell').allInnerTexts()).toEqual([
      'nora',
      'Nora Quist',
      'moderator, senior_reviewer',
      'Must change password',
    ]);
    // The one-time password works once, for choosing a new one.
    const signInAsNora = await rig.docket.access.login('nora', password, '127.0.0.9');
    expect(signInAsNora.session.mustChangePassword).toBe(true);

    // A user token for Nora, chosen by her name, not her id.
    const createToken = page.getByRole('form', { name: 'Create an API token' });
    await createToken.getByLabel('Token name').fill('Nora’s triage script');
    await createToken.getByLabel('Kind').selectOption('user');
    await createToken.getByLabel('User').selectOption({ label: 'Nora Quist (nora)' });
    await createToken.getByRole('button', { name: 'Create token' }).click();
    await createToken.getByRole('status').filter({ hasText: 'Token “Nora’s triage script” was created' }).waitFor();
    const secret = await createToken
      .getByRole('region', { name: 'Secret of “Nora’s triage script”' })
      .locator('code')
      .innerText();
    expect(secret).toMatch(/^dkt_/);
    const tokens = page.getByRole('table', { name: 'API tokens' });
    const tokenRow = tokens.getByRole('row').filter({ hasText: 'Nora’s triage script' });
    await tokenRow.waitFor();
    expect((await tokenRow.getByRole('cell').allInnerTexts()).slice(0, 4)).toEqual([
      'Nora’s triage script',
      'User',
      'Nora Quist',
      `${secret.slice(0, 10)}…`,
    ]);
    // The secret is never shown again: not in the table, and not after a reload.
    expect(await tokens.innerText()).not.toContain(secret);

    // Rotating shows a new secret once; the old one stops working at once.
    await tokenRow.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('group', { name: 'Confirm' }).getByRole('button', { name: 'Yes, rotate' }).click();
    const rotated = await page
      .getByRole('region', { name: 'New secret of “Nora’s triage script”' })
      .locator('code')
      .innerText();
    expect(rotated).toMatch(/^dkt_/);
    expect(rotated).not.toBe(secret);
    expect(await rig.docket.access.principalForBearer(secret)).toBeNull();
    await tokenRow.getByRole('cell', { name: `${rotated.slice(0, 10)}…` }).waitFor();

    await tokenRow.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('group', { name: 'Confirm' }).getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('status').filter({ hasText: '“Nora’s triage script” is revoked' }).waitFor();
    await tokenRow.getByRole('cell', { name: /^Revoked / }).waitFor();
    expect(await tokenRow.getByRole('button').count()).toBe(0);
    await expect(rig.docket.access.principalForBearer(rotated)).resolves.toBeNull();

    // The audit log below shows the change at once, naming the token and the person, not their ids.
    const revokedEntry = page
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ hasText: 'API token revoked' })
      .first();
    await revokedEntry.waitFor();
    expect((await revokedEntry.getByRole('cell').allInnerTexts()).slice(1, 4)).toEqual([
      'Ada Admin',
      'API token revoked',
      'Nora’s triage script',
    ]);

    await page.reload();
    await page.getByRole('table', { name: 'API tokens' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.content()).not.toContain(rotated);
    expect(await page.content()).not.toContain(password);

    // The audit log names the people: who created Nora, by display name, never an id.
    const log = page.getByRole('table', { name: 'Audit log' });
    const created = log.getByRole('row').filter({ hasText: 'User created' }).filter({ hasText: 'Nora Quist' });
    await created.first().waitFor();
    expect((await created.first().getByRole('cell').allInnerTexts()).slice(1, 4)).toEqual([
      'Ada Admin',
      'User created',
      'Nora Quist',
    ]);
    await page.screenshot({ path: 'test-results/console-admin-users-tokens.png', fullPage: true });
    await page.close();
  });

  it('disables a user and resets a password, and sets a platform webhook with its secret shown once', async () => {
    const page = await signIn(rig, 'admin');
    await page.goto(`${rig.baseUrl}/console/admin`);
    await page.getByRole('table', { name: 'Users' }).getByRole('button', { name: 'Sam Reyes' }).click();
    const manage = page.getByRole('region', { name: 'Manage Sam Reyes' });
    await manage.getByRole('button', { name: 'Disable account' }).click();
    await manage.getByRole('status').filter({ hasText: 'Sam Reyes’s account is disabled' }).waitFor();
    await manage.getByRole('button', { name: 'Re-enable account' }).waitFor();
    expect(
      await page
        .getByRole('table', { name: 'Users' })
        .getByRole('row')
        .filter({ hasText: 'Sam Reyes' })
        .getByRole('cell')
        .last()
        .innerText(),
    ).toBe('Disabled');
    await expect(rig.docket.access.login('senior', 'senior-demo-pass', '127.0.0.8')).rejects.toThrow(
      'wrong username or password',
    );

    await manage.getByRole('button', { name: 'Reset password' }).click();
    const reset = manage.getByRole('region', { name: 'One-time password for Sam Reyes' });
    expect(await reset.locator('code').innerText()).toMatch(ONE_TIME_PASSWORD);

    // Their own account: no way to disable it or drop their own admin role.
    await page.getByRole('table', { name: 'Users' }).getByRole('button', { name: 'Ada Admin' }).click();
    const own = page.getByRole('region', { name: 'Manage Ada Admin' });
    await own.getByText('This is your own account').waitFor();
    expect(await own.getByRole('button', { name: 'Disable account' }).count()).toBe(0);
    expect(await own.getByLabel('Administrator').isDisabled()).toBe(true);

    const webhook = page.getByRole('form', { name: "Set a platform's webhook" });
    await webhook.getByLabel('Platform').fill('lumen-social');
    await webhook.getByLabel('URL').fill('not a url');
    await webhook.getByRole('button', { name: 'Save webhook' }).click();
    await webhook.getByText(/^URL /).waitFor();
    await webhook.getByLabel('URL').fill('https://lumen.example/docket-hooks');
    await webhook.getByRole('button', { name: 'Save webhook' }).click();
    await webhook
      .getByRole('status')
      .filter({ hasText: 'lumen-social now receives webhooks at https://lumen.example/docket-hooks' })
      .waitFor();
    expect(
      await webhook.getByRole('region', { name: 'Signing secret for lumen-social' }).locator('code').innerText(),
    ).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page
      .getByRole('table', { name: 'Webhook endpoints' })
      .getByRole('cell', { name: 'https://lumen.example/docket-hooks' })
      .waitFor();
    await page.screenshot({ path: 'test-results/console-admin-webhooks.png', fullPage: true });
    await page.close();
  });
});
