import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../src/core/roles.js';
import { principalOfView } from '../src/access/service.js';
import { ManualClock } from '../src/core/clock.js';
import type { RestrictionList } from '../src/figures/contract.js';
import { problemOf } from './http.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

type User = Extract<Principal, { kind: 'user' }>;

describeEachStore('a public figure’s restriction, from imposition to lapse, on an injected clock', (kind) => {
  const clock = new ManualClock('2023-06-29T12:00:00.000Z');
  let docket: TestDocket;
  let policy: User;
  let designationId: string;

  beforeAll(async () => {
    docket = await openTestDocket(kind, { clock });
    const { user } = await docket.access.createUser('system:test', {
      username: 'pol',
      roles: ['policy'],
      password: 'policy password',
    });
    policy = principalOfView(user);
    await docket.figures.verify(policy, {
      platform: 'lumen',
      accountRef: 'acct-pm',
      kind: 'head_of_government',
      name: 'Arkad Velun',
      country: 'QKB',
      note: 'Official page of the prime minister.',
    });
  });
  afterAll(() => docket.close());

  it('is refused while the country is under no designation', async () => {
    await expect(
      docket.restrictions.impose(policy, {
        platform: 'lumen',
        accountRef: 'acct-pm',
        severityTier: 2,
        reason: 'Threatened opponents.',
      }),
    ).rejects.toThrow(/protocol does not apply: the country is under no crisis designation/);
    designationId = (
      await docket.designations.propose('system:test', {
        iso3: 'QKB',
        kind: 'chronic',
        source: 'staff',
        reasons: 'Continuing state violence.',
      })
    ).id;
    await docket.designations.approve(policy, designationId, 'Chronic context confirmed by policy staff.');
  });

  it('runs for the tier’s time, falls due for review, is extended with reasons, and lapses if nobody reviews it', async () => {
    const imposed = await docket.restrictions.impose(policy, {
      platform: 'lumen',
      accountRef: 'acct-pm',
      severityTier: 2,
      reason: 'Threatened opponents with beatings in a speech.',
    });
    expect(imposed).toMatchObject({ tier: 2, context: 'chronic', endsAt: '2023-12-29T12:00:00.000Z' });
    await expect(
      docket.restrictions.review(policy, imposed.id, {
        riskReceded: false,
        reasons: 'Too early to review this restriction.',
      }),
    ).rejects.toThrow(/reviewed when it falls due \(2023-12-29\)/);

    clock.set('2023-12-28T12:00:00.000Z');
    expect(await docket.restrictions.runDue()).toEqual({ reviewsDue: 0, lapsed: 0 });
    clock.set('2023-12-29T12:00:00.000Z');
    expect(await docket.restrictions.runDue()).toEqual({ reviewsDue: 1, lapsed: 0 });

    const extended = await docket.restrictions.review(policy, imposed.id, {
      riskReceded: false,
      reasons: 'Threats against opponents continued through the election.',
    });
    expect(extended).toEqual({ id: imposed.id, status: 'active', endsAt: '2024-06-29T12:00:00.000Z' });

    clock.set('2024-06-29T12:00:00.000Z');
    expect(await docket.restrictions.runDue()).toEqual({ reviewsDue: 1, lapsed: 0 });
    clock.set('2024-07-05T12:00:00.000Z');
    expect(await docket.restrictions.runDue()).toEqual({ reviewsDue: 0, lapsed: 0 });
    clock.set('2024-07-06T12:00:00.000Z');
    expect(await docket.restrictions.runDue()).toEqual({ reviewsDue: 0, lapsed: 1 });
    const [row] = await docket.restrictions.list();
    expect(row).toMatchObject({ status: 'lapsed', tier: 2, closedAt: '2024-07-06T12:00:00.000Z' });
  });

  it('moves a repeat violation up a tier, and lifts when a review finds the risk receded', async () => {
    const again = await docket.restrictions.impose(policy, {
      platform: 'lumen',
      accountRef: 'acct-pm',
      severityTier: 2,
      reason: 'New threats in a rally speech.',
    });
    expect(again).toMatchObject({ tier: 3, endsAt: '2025-07-06T12:00:00.000Z' });
    clock.set('2025-07-06T12:00:00.000Z');
    await docket.restrictions.runDue();
    expect(
      await docket.restrictions.review(policy, again.id, {
        riskReceded: true,
        reasons: 'No threats for a year; the election passed peacefully.',
      }),
    ).toEqual({ id: again.id, status: 'lifted' });
  });

  it('publishes every step on the public log and counts it in the statistics, by the figure’s country', async () => {
    const { entries } = await docket.transparency.log({ after: 0, limit: 1000 });
    const steps = entries.filter((e) => e.stream === 'figure/lumen/acct-pm');
    expect(steps.map((e) => [e.type, e.actor, e.at.slice(0, 10)])).toEqual([
      ['figure.restriction_imposed', 'platform', '2023-06-29'],
      ['figure.restriction_extended', 'platform', '2023-12-29'],
      ['figure.restriction_lapsed', 'docket', '2024-07-06'],
      ['figure.restriction_imposed', 'platform', '2024-07-06'],
      ['figure.restriction_lifted', 'platform', '2025-07-06'],
    ]);
    expect(steps[0]?.payload).toEqual({
      figure: {
        platform: 'lumen',
        account: 'acct-pm',
        name: 'Arkad Velun',
        role: 'head_of_government',
        country: 'QKB',
      },
      tier: 2,
      context: 'chronic',
      endsAt: '2023-12-29T12:00:00.000Z',
      reason: 'Threatened opponents with beatings in a speech.',
    });
    expect(steps[1]?.payload).toMatchObject({
      until: '2024-06-29T12:00:00.000Z',
      reasons: 'Threats against opponents continued through the election.',
    });
    // Falling due for review is scheduling, not a public act: it is not published.
    expect(entries.some((e) => e.type.includes('review_due'))).toBe(false);

    const report = await docket.publicReads.report({ from: '2023-01-01', to: '2025-12-31' }, 'QKB');
    expect(report.totals.figuresRestricted).toBe(2);
    expect(report.breakdowns['figures.restricted']).toEqual([
      { key: 'tier_2', count: 1 },
      { key: 'tier_3', count: 1 },
    ]);
    expect(report.breakdowns['figures.reviews']).toEqual([
      { key: 'extended', count: 1 },
      { key: 'lapsed', count: 1 },
      { key: 'lifted', count: 1 },
    ]);
    expect(
      (await docket.publicReads.report({ from: '2023-01-01', to: '2025-12-31' }, 'KEN')).totals.figuresRestricted,
    ).toBe(0);
  });
});

describeEachStore('restrictions over HTTP', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  it('refuses other roles, bad tiers, unverified accounts and reviews out of turn, writing nothing', async () => {
    const body = { platform: 'lumen', accountRef: 'acct-pm', severityTier: 2, reason: 'Threats against opponents.' };
    const before = await rig.written();
    expect(problemOf(await rig.senior.request('POST', '/api/restrictions', body)).code).toBe('forbidden');
    expect(problemOf(await rig.policy.request('POST', '/api/restrictions', { ...body, severityTier: 5 })).code).toBe(
      'validation_failed',
    );
    expect(problemOf(await rig.policy.request('POST', '/api/restrictions', body)).detail).toContain(
      'not a verified public figure',
    );
    expect(
      problemOf(
        await rig.policy.request('POST', '/api/restrictions/01a2107e-17c2-7afb-ad70-d7427e1395d6/review', {
          riskReceded: true,
          reasons: 'The risk has receded since the election.',
        }),
      ).code,
    ).toBe('not_found');
    expect(await rig.written()).toBe(before);
    expect((await rig.senior.request('GET', '/api/restrictions')).json<RestrictionList>()).toEqual({
      restrictions: [],
    });
  });
});
