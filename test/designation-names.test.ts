import { afterAll, beforeAll, expect, it } from 'vitest';
import { crisisHistory } from '../src/demo/crisis-history.js';
import type { DesignationList, DesignationProposed } from '../src/crisis/contract.js';
import { problemOf } from './http.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

describeEachStore('designations as the console lists them: countries and people by name', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'priya',
      displayName: 'Priya Nair',
      roles: ['policy'],
      password: 'priya password!',
    });
  });
  afterAll(() => rig.close());

  it('names the country, who proposed (or ran the detector that did) and who decided', async () => {
    const proposed = (
      await rig.senior.request('POST', '/api/designations', {
        iso3: 'KEN',
        kind: 'acute',
        reasons: 'Clashes after the election, far above the usual level.',
      })
    ).json<DesignationProposed>();
    const priya = await rig.signIn('priya', 'priya password!');
    expect(
      (
        await priya.request('POST', `/api/designations/${proposed.id}/approve`, {
          note: 'Confirmed by the regional team.',
        })
      ).statusCode,
    ).toBe(200);
    await rig.senior.request('POST', '/api/crisis/assessments', crisisHistory(new Date('2026-03-01T00:00:00Z')));

    const { designations } = (await rig.senior.request('GET', '/api/designations')).json<DesignationList>();
    expect(designations.find((d) => d.iso3 === 'KEN')).toMatchObject({
      countryName: 'Kenya',
      status: 'active',
      proposedByName: 'senior1',
      decidedByName: 'Priya Nair',
      source: 'staff',
    });
    // A code ISO 3166 does not assign takes the name the crisis signals gave it.
    expect(designations.find((d) => d.iso3 === 'QKB')).toMatchObject({
      countryName: 'Kambara',
      status: 'proposed',
      proposedByName: 'senior1',
      decidedByName: null,
      source: 'detector',
    });
  });

  it('refuses a bad filter and roles outside crisis work', async () => {
    expect((await rig.senior.request('GET', '/api/designations?status=maybe')).statusCode).toBe(400);
    expect(problemOf(await rig.moderator.request('GET', '/api/designations')).status).toBe(403);
  });
});
