import { afterAll, beforeAll, expect, it } from 'vitest';
import { crisisHistory } from '../src/demo/crisis-history.js';
import type {
  AssessmentResult,
  DesignationApproved,
  DesignationEnded,
  DesignationList,
  DesignationProposed,
} from '../src/crisis/contract.js';
import type { Figure, FigureList } from '../src/figures/contract.js';
import { problemOf } from './http.js';
import { openModerationRig, pmAccount, pmVideo, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type {
  CaseView,
  DecisionResult,
  DecisionView,
  NewsworthinessAdvice,
  ReportAnswer,
} from '../src/moderation/contract.js';

describeEachStore('the crisis detector in the server', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  it('proposes designations for the countries it flags, once, and refuses a bad file writing nothing', async () => {
    const { events, context } = crisisHistory(new Date('2026-03-01T00:00:00Z'));
    const first = await rig.senior.request('POST', '/api/crisis/assessments', { events, context });
    expect(first.statusCode).toBe(200);
    expect(
      first
        .json<AssessmentResult>()
        .proposals.map((p) => `${p.iso3}/${p.kind}`)
        .sort(),
    ).toEqual(['QKB/chronic', 'QVR/acute']);
    const again = (
      await rig.senior.request('POST', '/api/crisis/assessments', { events, context })
    ).json<AssessmentResult>().proposals;
    expect(again.every((p) => p.designationId === null && p.note?.includes('already has a proposed'))).toBe(true);
    // The events name each country: Docket keeps the names of codes ISO 3166 does not assign, and only those.
    expect(first.json<AssessmentResult>().assessment.countries.find((c) => c.iso3 === 'QKB')).toMatchObject({
      name: 'Kambara',
    });
    expect(Object.fromEntries(await rig.docket.designations.knownCountryNames())).toEqual({
      QKB: 'Kambara',
      QVR: 'Veridia',
    });

    const before = await rig.written();
    const bad = problemOf(
      await rig.senior.request('POST', '/api/crisis/assessments', {
        events: 'event_date,country,iso3,event_type,sub_event_type,actor1,fatalities\n2026-13-01,K,QKB,Riots,x,y,0',
      }),
    );
    expect(bad.detail).toContain('line 2, event_date: "2026-13-01" is not a date');
    expect(problemOf(await rig.moderator.request('POST', '/api/crisis/assessments', { events })).code).toBe(
      'forbidden',
    );
    expect(await rig.written()).toBe(before);
  });
});

describeEachStore('crisis designations change enforcement', (kind) => {
  let rig: ModerationRig;
  let caseId: string;
  const priorityOf = async () => (await rig.senior.request('GET', `/api/cases/${caseId}`)).json<CaseView>().case;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.push('/api/subjects', pmAccount);
    caseId = (
      await rig.push('/api/reports', {
        subject: pmVideo,
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
  });
  afterAll(() => rig.close());

  it('lets senior reviewers propose, but only policy staff approve; bad input writes nothing', async () => {
    const before = await rig.written();
    expect(
      problemOf(
        await rig.moderator.request('POST', '/api/designations', {
          iso3: 'QKB',
          kind: 'chronic',
          reasons: 'Continuing state violence.',
        }),
      ).code,
    ).toBe('forbidden');
    expect(
      problemOf(
        await rig.senior.request('POST', '/api/designations', {
          iso3: 'qkb',
          kind: 'chronic',
          reasons: 'Continuing state violence.',
        }),
      ).code,
    ).toBe('validation_failed');
    expect(await rig.written()).toBe(before);
    const proposed = await rig.senior.request('POST', '/api/designations', {
      iso3: 'QKB',
      kind: 'chronic',
      reasons: 'Police violence against opponents every week for years; civic space repressed.',
    });
    expect(proposed.statusCode).toBe(201);
    const { id } = proposed.json<DesignationProposed>();
    expect(
      problemOf(
        await rig.senior.request('POST', '/api/designations', {
          iso3: 'QKB',
          kind: 'chronic',
          reasons: 'A second time, by mistake.',
        }),
      ).code,
    ).toBe('conflict');
    expect(
      problemOf(
        await rig.senior.request('POST', `/api/designations/${id}/approve`, { note: 'I may not approve this.' }),
      ).code,
    ).toBe('forbidden');
    expect(
      problemOf(await rig.policy.request('POST', `/api/designations/${id}/end`, { note: 'It is not active yet.' }))
        .code,
    ).toBe('conflict');
  });

  it('approving a chronic designation raises the priority of the country’s open cases, with the reason', async () => {
    const before = await priorityOf();
    const [proposal] = (await rig.policy.request('GET', '/api/designations?status=proposed')).json<DesignationList>()
      .designations;
    const approved = await rig.policy.request('POST', `/api/designations/${proposal?.id}/approve`, {
      note: 'The detector and the civic-space rating agree.',
    });
    expect(approved.json<DesignationApproved>()).toMatchObject({
      status: 'active',
      casesRepriced: 1,
      reviewAt: '2026-05-31T09:00:00.000Z',
    });
    const after = await priorityOf();
    expect(after.priority / before.priority).toBeCloseTo(1.5, 3); // priorities are shown to 2 decimals
    expect(after.priorityFactors.find((f: { factor: string }) => f.factor === 'context')).toMatchObject({
      value: 1.5,
      detail: 'country under a chronic-risk designation',
    });
  });

  it('keeps a head of government’s threat as newsworthy in a designated country only by policy staff, behind a warning screen', async () => {
    const keep = {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'keep_newsworthy',
      facts: 'The prime minister threatens opponents in a speech to his party.',
      balancing: {
        publicInterest: ['political_speech', 'leader_accountability'],
        harms: ['threat_to_identifiable_people', 'country_risk_designation'],
        assessment: 'Leaders’ words matter to voters, but these are threats in a violent context.',
      },
    };
    await rig.moderator.request('POST', `/api/cases/${caseId}/claim`);
    await rig.moderator.request('POST', `/api/cases/${caseId}/escalate`, {
      to: 'senior',
      note: 'Head of government; designated country.',
    });
    await rig.senior.request('POST', `/api/cases/${caseId}/claim`);
    const seen = (await rig.senior.request('GET', `/api/cases/${caseId}`)).json<CaseView>();
    expect(seen).toMatchObject({
      designation: 'chronic',
      newsworthyNeedsWarningScreen: true,
      permissions: { keepNewsworthy: false },
    });
    const before = await rig.written();
    const advice = await rig.senior.request('POST', `/api/cases/${caseId}/newsworthiness`, {
      publicInterest: keep.balancing.publicInterest,
      harms: [],
    });
    expect(advice.json<NewsworthinessAdvice>()).toMatchObject({
      recommendation: 'remove',
      situation: { context: 'chronic', actor: 'head_of_state_or_government', threatOfViolence: true },
    });
    expect(advice.json<NewsworthinessAdvice>().reasons.at(-1)).toContain(
      'threatening violence in a country under a chronic designation',
    );
    expect(
      problemOf(
        await rig.senior.request('POST', `/api/cases/${caseId}/newsworthiness`, {
          publicInterest: ['gossip'],
          harms: [],
        }),
      ).code,
    ).toBe('validation_failed');
    expect(
      problemOf(await rig.push(`/api/cases/${caseId}/newsworthiness`, { publicInterest: [], harms: [] })).code,
    ).toBe('forbidden');
    expect(await rig.written()).toBe(before);
    expect(problemOf(await rig.senior.request('POST', `/api/cases/${caseId}/decision`, keep)).detail).toContain(
      'only by policy staff',
    );
    expect(await rig.written()).toBe(before);
    await rig.senior.request('POST', `/api/cases/${caseId}/escalate`, {
      to: 'policy',
      note: 'Newsworthiness in a designated country: policy staff decide.',
    });
    await rig.policy.request('POST', `/api/cases/${caseId}/claim`);
    expect(problemOf(await rig.policy.request('POST', `/api/cases/${caseId}/decision`, keep)).errors?.[0]?.field).toBe(
      '/warningScreen',
    );
    const kept = await rig.policy.request('POST', `/api/cases/${caseId}/decision`, { ...keep, warningScreen: true });
    expect(kept.statusCode).toBe(201);
    const notice = (await rig.get(`/api/decisions/${kept.json<DecisionResult>().decisionId}`)).json<DecisionView>()
      .notice?.statement;
    expect(notice?.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_LABELLED']);
    expect(notice?.summary).toContain('behind a warning screen');
  });

  it('routes the suspension of a head of government in a designated country to the protocol, writing nothing', async () => {
    const video = (
      await rig.push('/api/reports', {
        subject: { ...pmVideo, externalId: 'video-3', title: 'Third speech' },
        policyId: 'violence-incitement',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
    await rig.policy.request('POST', `/api/cases/${video}/claim`);
    const remove = {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'remove',
      facts: 'The prime minister threatens opponents with beatings.',
    };
    const before = await rig.written();
    const refused = problemOf(
      await rig.policy.request('POST', `/api/cases/${video}/decision`, {
        ...remove,
        accountAction: { kind: 'suspend_account', days: 180 },
      }),
    );
    expect(refused).toMatchObject({ code: 'conflict' });
    expect(refused.detail).toContain('restricted under the public-figure protocol');
    expect(await rig.written()).toBe(before);
    expect(
      (
        await rig.policy.request('POST', `/api/cases/${video}/decision`, {
          ...remove,
          accountAction: { kind: 'strike' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('gives new cases in a designated country the context factor, and ending it restores the priority', async () => {
    const fresh = (
      await rig.push('/api/reports', {
        subject: { ...pmVideo, externalId: 'video-2', title: 'Second speech' },
        policyId: 'violence-incitement',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
    const detail = (await rig.senior.request('GET', `/api/cases/${fresh}`)).json<CaseView>().case;
    expect(detail.priorityFactors.find((f) => f.factor === 'context')?.value).toBe(1.5);
    const [active] = (await rig.policy.request('GET', '/api/designations?status=active')).json<DesignationList>()
      .designations;
    const ended = await rig.policy.request('POST', `/api/designations/${active?.id}/end`, {
      note: 'Violence has receded for a year.',
    });
    expect(ended.json<DesignationEnded>()).toMatchObject({ status: 'ended', casesRepriced: 1 });
    expect(
      (await rig.senior.request('GET', `/api/cases/${fresh}`))
        .json<CaseView>()
        .case.priorityFactors.find((f) => f.factor === 'context')?.value,
    ).toBe(1);
  });
});

describeEachStore('the public-figure registry', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  const actorFactor = async (externalId: string) => {
    const caseId = (
      await rig.push('/api/reports', {
        subject: { ...pmVideo, externalId, authorExternalId: 'acct-unclaimed' },
        policyId: 'violence-incitement',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
    return (await rig.senior.request('GET', `/api/cases/${caseId}`))
      .json<CaseView>()
      .case.priorityFactors.find((f) => f.factor === 'actor')?.value;
  };

  it('lets policy staff verify a public figure the platform did not flag, raising the priority of their content', async () => {
    expect(await actorFactor('unflagged-1')).toBe(1);
    const before = await rig.written();
    const body = {
      platform: 'lumen',
      accountRef: 'acct-unclaimed',
      kind: 'head_of_government',
      name: 'Arkad Velun',
      country: 'QKB',
      note: 'Official government page, confirmed with the platform.',
    };
    expect(problemOf(await rig.senior.request('POST', '/api/figures', body)).code).toBe('forbidden');
    expect(problemOf(await rig.policy.request('POST', '/api/figures', { ...body, kind: 'emperor' })).code).toBe(
      'validation_failed',
    );
    expect(await rig.written()).toBe(before);
    expect((await rig.policy.request('POST', '/api/figures', body)).json<Figure>()).toMatchObject({
      kind: 'head_of_government',
      verifiedBy: expect.stringMatching(/^user:/),
    });
    expect(await actorFactor('unflagged-2')).toBe(3);
    const onCase = (
      await rig.push('/api/reports', {
        subject: { ...pmVideo, externalId: 'unflagged-4', authorExternalId: 'acct-unclaimed' },
        policyId: 'violence-incitement',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt.caseId;
    expect((await rig.senior.request('GET', `/api/cases/${onCase}`)).json<CaseView>().verifiedFigure).toMatchObject({
      kind: 'head_of_government',
      name: 'Arkad Velun',
      country: 'QKB',
    });
    const advice = await rig.senior.request('POST', `/api/cases/${onCase}/newsworthiness`, {
      publicInterest: ['political_speech', 'elections'],
      harms: ['imminent_violence'],
    });
    expect(advice.json<NewsworthinessAdvice>()).toMatchObject({
      recommendation: 'keep',
      situation: { context: 'none', actor: 'head_of_state_or_government' },
    });
    expect((await rig.senior.request('GET', '/api/figures')).json<FigureList>().figures).toHaveLength(1);
    expect(
      (await rig.policy.request('DELETE', '/api/figures/lumen/acct-unclaimed', { note: 'Left office in July.' }))
        .statusCode,
    ).toBe(204);
    expect(await actorFactor('unflagged-3')).toBe(1);
  });
});
