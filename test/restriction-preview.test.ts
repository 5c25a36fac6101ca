import { afterAll, beforeAll, expect, it } from 'vitest';
import { principalOfView } from '../src/access/service.js';
import type { RestrictionImposed, RestrictionList, RestrictionPreview } from '../src/figures/contract.js';
import { problemOf } from './http.js';
import { openModerationRig, START, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

describeEachStore('a restriction previewed before it is recorded, and listed with its figure and review', (kind) => {
  let rig: ModerationRig;
  const account = { platform: 'lumen', accountRef: 'acct-pm' };

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    const [staff] = (await rig.docket.access.listUsers()).filter((u) => u.username === 'policy1');
    const policy = principalOfView(staff!);
    await rig.docket.figures.verify(policy, {
      ...account,
      kind: 'head_of_government',
      name: 'Arkad Velun',
      country: 'QKB',
      note: 'Official page of the prime minister.',
    });
    const { id } = await rig.docket.designations.propose('system:test', {
      iso3: 'QKB',
      kind: 'chronic',
      source: 'staff',
      reasons: 'Continuing state violence.',
    });
    await rig.docket.designations.approve(policy, id, 'Chronic context confirmed by policy staff.');
  });
  afterAll(() => rig.close());

  it('shows the tier, its length, end and review before the restriction is recorded; it writes nothing', async () => {
    const before = await rig.written();
    const first = await rig.policy.request('POST', '/api/restrictions/preview', { ...account, severityTier: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json<RestrictionPreview>()).toEqual({
      figure: { ...account, name: 'Arkad Velun', kind: 'head_of_government', country: 'QKB' },
      context: 'chronic',
      applies: 'a public figure incited or celebrated violence where citizens live under continuing state violence',
      severityTier: 1,
      earlierRestrictions: 0,
      tier: 1,
      months: 1,
      startsAt: START,
      endsAt: '2026-04-02T09:00:00.000Z',
      reviewAt: '2026-04-02T09:00:00.000Z',
    });
    expect(await rig.written()).toBe(before);

    const imposed = await rig.policy.request('POST', '/api/restrictions', {
      ...account,
      severityTier: 1,
      reason: 'Threatened opponents in a televised speech.',
    });
    expect(imposed.json<RestrictionImposed>()).toMatchObject({ tier: 1, endsAt: '2026-04-02T09:00:00.000Z' });
  });

  it('refuses a second restriction while one runs, in the preview and the restriction alike, writing nothing', async () => {
    const before = await rig.written();
    const running = {
      code: 'conflict',
      status: 409,
      errors: [{ field: '/accountRef', message: 'is already restricted until 2026-04-02 (tier 1)' }],
    };
    expect(
      problemOf(await rig.policy.request('POST', '/api/restrictions/preview', { ...account, severityTier: 3 })),
    ).toMatchObject(running);
    expect(
      problemOf(
        await rig.policy.request('POST', '/api/restrictions', {
          ...account,
          severityTier: 3,
          reason: 'New threats while restricted.',
        }),
      ),
    ).toMatchObject(running);
    expect(await rig.written()).toBe(before);
  });

  it('refuses bad input, unverified accounts and other roles, writing nothing', async () => {
    const before = await rig.written();
    expect(
      (await rig.senior.request('POST', '/api/restrictions/preview', { ...account, severityTier: 1 })).statusCode,
    ).toBe(403);
    const badTier = await rig.policy.request('POST', '/api/restrictions/preview', { ...account, severityTier: 5 });
    expect(badTier.statusCode).toBe(400);
    expect(problemOf(badTier).errors?.[0]?.field).toBe('/severityTier');
    expect(
      (
        await rig.policy.request('POST', '/api/restrictions/preview', {
          ...account,
          severityTier: 1,
          reason: 'not part of a preview',
        })
      ).statusCode,
    ).toBe(400);
    const unknown = problemOf(
      await rig.policy.request('POST', '/api/restrictions/preview', {
        platform: 'lumen',
        accountRef: 'acct-nobody',
        severityTier: 1,
      }),
    );
    expect(unknown).toMatchObject({
      code: 'conflict',
      status: 409,
      errors: [{ field: '/accountRef', message: 'is not a verified public figure' }],
    });
    expect(await rig.written()).toBe(before);
  });

  it('lists each restriction with its figure, its end and where an extension at review would take it; a later one moves up a tier', async () => {
    const { restrictions } = (await rig.senior.request('GET', '/api/restrictions')).json<RestrictionList>();
    expect(restrictions).toHaveLength(1);
    expect(restrictions[0]).toMatchObject({
      ...account,
      figure: { name: 'Arkad Velun', kind: 'head_of_government', country: 'QKB' },
      status: 'active',
      tier: 1,
      endsAt: '2026-04-02T09:00:00.000Z',
      extendsUntil: '2026-05-02T09:00:00.000Z',
      lapsesAt: null,
    });

    rig.clock.set('2026-04-02T09:00:00.000Z');
    await rig.docket.restrictions.runDue();
    // A month later the session has ended: sign in again.
    const senior = await rig.signIn('senior1', 'senior1 password!');
    const [due] = (await senior.request('GET', '/api/restrictions')).json<RestrictionList>().restrictions;
    expect(due).toMatchObject({
      status: 'review_due',
      reviewDueSince: '2026-04-02T09:00:00.000Z',
      lapsesAt: '2026-04-09T09:00:00.000Z',
      extendsUntil: '2026-05-02T09:00:00.000Z',
    });

    // Once lifted, a repeat violation moves up a tier, as the preview shows.
    const policy = await rig.signIn('policy1', 'policy1 password!');
    expect(
      (
        await policy.request('POST', `/api/restrictions/${due?.id}/review`, {
          riskReceded: true,
          reasons: 'No further threats since the speech; the risk has receded.',
        })
      ).statusCode,
    ).toBe(200);
    const again = (
      await policy.request('POST', '/api/restrictions/preview', { ...account, severityTier: 1 })
    ).json<RestrictionPreview>();
    expect(again).toMatchObject({
      severityTier: 1,
      earlierRestrictions: 1,
      tier: 2,
      months: 6,
      endsAt: '2026-10-02T09:00:00.000Z',
    });
  });
});
