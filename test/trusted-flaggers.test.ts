import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvents } from '../src/core/event-log.js';
import type { IssuedFlaggerKey, ManagedFlagger, TrustedFlagger } from '../src/moderation/flagger-contract.js';
import { contentNotices } from '../src/moderation/notice-tables.js';
import { reports } from '../src/moderation/tables.js';
import type { QueuePage } from '../src/moderation/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';
import { problemOf } from './http.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const watch = {
  name: 'Hate Aid Watch',
  memberState: 'DE',
  areas: ['STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', 'STATEMENT_CATEGORY_VIOLENCE'],
  contactEmail: 'notices@watch.example',
  website: 'https://watch.example',
  awardedOn: '2025-11-03',
};

const notice = (n: number) => ({
  location: `https://lumen.example/tf/${n}`,
  explanation: 'It threatens a named journalist with a beating at her home.',
  policyId: 'violence-incitement',
  goodFaith: true,
});

describeEachStore('trusted flaggers (EU DSA Art. 22)', (kind) => {
  let rig: ModerationRig;
  let flagger: ManagedFlagger;
  let key: string;
  const file = (body: object, headers: Record<string, string> = {}) =>
    rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      payload: body,
      headers,
      remoteAddress: '198.51.100.4',
    });

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    for (const n of [1, 2, 3]) {
      const pushed = await rig.push('/api/subjects', {
        externalId: `tf-${n}`,
        kind: 'content',
        contentType: 'text',
        body: 'We know where she lives.',
        url: `https://lumen.example/tf/${n}`,
        country: 'DEU',
        views: 1_000,
      });
      expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    }
  });
  afterAll(async () => rig?.close());

  it('policy staff register a flagger and get its key once; bad fields are named and nothing is written', async () => {
    const before = await rig.written();
    const bad = await rig.policy.request('POST', '/api/trusted-flaggers', {
      ...watch,
      memberState: 'NO',
      areas: ['hate'],
      awardedOn: '2099-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.map((e) => e.field)).toEqual(['/memberState', '/areas/0', '/awardedOn']);
    const forbidden = await rig.moderator.request('POST', '/api/trusted-flaggers', watch);
    expect(forbidden.statusCode).toBe(403);
    expect(await rig.written()).toBe(before);

    const created = await rig.policy.request('POST', '/api/trusted-flaggers', watch);
    expect(created.statusCode, created.body).toBe(201);
    ({ flagger, key } = created.json<IssuedFlaggerKey>());
    expect(key).toMatch(/^dkt_tf_[A-Za-z0-9_-]{43}$/);
    expect(flagger).toMatchObject({ status: 'active', statusSince: '2025-11-03', keyPrefix: key.slice(0, 13) });
  });

  it('lists the register publicly, without keys', async () => {
    const listed = await rig.app.inject({ method: 'GET', url: '/api/public/trusted-flaggers' });
    expect(listed.statusCode).toBe(200);
    const [entry] = listed.json<{ flaggers: TrustedFlagger[] }>().flaggers;
    expect(entry).toMatchObject({ name: 'Hate Aid Watch', memberState: 'DE', status: 'active' });
    expect(entry?.areas.map((a) => a.label)).toEqual(['Illegal or harmful speech', 'Violence']);
    expect(listed.body).not.toContain('keyPrefix');
    const page = await rig.app.inject({ method: 'GET', url: '/trusted-flaggers' });
    expect(page.body).toContain('Hate Aid Watch');
    expect(page.body).toContain('Digital Services Coordinator of Germany');
  });

  it('a notice with the key is the flagger’s: recorded with its id, and its case carries the x1.5 factor', async () => {
    const before = await rig.written();
    const forged = await file(notice(1), { 'x-flagger-key': 'dkt_tf_forged' });
    expect(forged.statusCode).toBe(401);
    expect(problemOf(forged).code).toBe('invalid_token');
    expect(await rig.written()).toBe(before);

    // A flagger's notice needs no name or e-mail: the register's stand for them.
    const filed = await file(notice(1), { 'x-flagger-key': key });
    expect(filed.statusCode, filed.body).toBe(201);
    const [row] = await rig.docket.store.db
      .select()
      .from(contentNotices)
      .where(eq(contentNotices.location, 'https://lumen.example/tf/1'));
    expect(row).toMatchObject({ trustedFlaggerId: flagger.id, notifierEmail: 'notices@watch.example' });
    const [report] = await rig.docket.store.db
      .select()
      .from(reports)
      .where(eq(reports.id, row?.reportId ?? ''));
    expect(report?.source).toBe('trusted_flagger');

    const plain = await file({ ...notice(2), name: 'Ana', email: 'ana@example.org' });
    expect(plain.statusCode, plain.body).toBe(201);

    const queue = (await rig.moderator.request('GET', '/api/queue')).json<QueuePage>();
    const flagged = queue.cases.find((c) => c.id === row?.caseId);
    const factor = flagged?.priorityFactors.find((f) => f.factor === 'trusted_flagger');
    expect(factor).toMatchObject({
      value: 1.5,
      detail: 'notice from a trusted flagger (EU DSA Art. 22): Hate Aid Watch',
    });
    const product = (flagged?.priorityFactors ?? []).reduce((p, f) => p * f.value, 1);
    expect(flagged?.priority).toBe(Math.round(product * 100) / 100);
    const other = queue.cases.find((c) => c.id !== row?.caseId);
    expect(other?.priorityFactors.map((f) => f.factor)).not.toContain('trusted_flagger');
    expect(flagged?.priority).toBeCloseTo((other?.priority ?? 0) * 1.5, 1);
  });

  it('a suspended flagger is told so and until when it holds, and a new key ends the old one', async () => {
    const suspended = await rig.policy.request('POST', `/api/trusted-flaggers/${flagger.id}/status`, {
      status: 'suspended',
      reason: 'The Coordinator opened an investigation (Art. 22(6)).',
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const before = await rig.written();
    const refused = await file(notice(3), { 'x-flagger-key': key });
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).detail).toContain('suspended since 2026-03-02');
    expect(await rig.written()).toBe(before);

    expect(
      (
        await rig.policy.request('POST', `/api/trusted-flaggers/${flagger.id}/status`, {
          status: 'active',
          reason: 'The investigation closed.',
        })
      ).statusCode,
    ).toBe(200);
    const rotated = await rig.policy.request('POST', `/api/trusted-flaggers/${flagger.id}/key`);
    const fresh = rotated.json<IssuedFlaggerKey>().key;
    expect((await file(notice(3), { 'x-flagger-key': key })).statusCode).toBe(401);
    expect((await file(notice(3), { 'x-flagger-key': fresh })).statusCode).toBe(201);
  });

  it('its accuracy is the share of its decided notices upheld, in the statistics and on the public page', async () => {
    const decide = async (location: string, outcome: string) => {
      const [row] = await rig.docket.store.db
        .select({ caseId: contentNotices.caseId })
        .from(contentNotices)
        .where(eq(contentNotices.location, location));
      const caseId = row?.caseId ?? '';
      expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
      const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        outcome,
        facts: outcome === 'remove' ? 'A threat against a named journalist.' : 'A quotation from a film, no threat.',
      });
      expect(decided.statusCode, decided.body).toBe(201);
    };
    await decide('https://lumen.example/tf/1', 'remove');
    await decide('https://lumen.example/tf/3', 'no_violation');
    await rig.docket.sequencer.caughtUp();

    // New facts reopen a decided case: the flagger's notice was decided, so its factor does not carry over.
    const reopened = await rig.push('/api/reports', {
      subjectExternalId: 'tf-1',
      policyId: 'hate-speech',
      source: 'user',
    });
    expect(reopened.json<{ receipt: { disposition: string } }>().receipt.disposition).toBe('reopened_case');
    const queue = (await rig.moderator.request('GET', '/api/queue')).json<QueuePage>();
    const again = queue.cases.find((c) => c.status === 'open' && c.policiesAlleged.includes('hate-speech'));
    expect(again?.priorityFactors.map((f) => f.factor)).toEqual(['severity', 'reach', 'actor', 'context', 'age']);

    const stats = await rig.app.inject({ method: 'GET', url: '/api/public/statistics?from=2026-03-01&to=2026-03-31' });
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json<StatisticsAnswer>().trustedFlaggers).toEqual([
      {
        flaggerId: flagger.id,
        name: 'Hate Aid Watch',
        memberState: 'DE',
        notices: 2,
        decided: 2,
        upheld: 1,
        accuracy: 0.5,
      },
    ]);
    const elsewhere = await rig.app.inject({
      method: 'GET',
      url: '/api/public/statistics?from=2026-03-01&to=2026-03-31&country=FRA',
    });
    expect(elsewhere.json<StatisticsAnswer>().trustedFlaggers).toEqual([]);
    const csv = await rig.app.inject({
      method: 'GET',
      url: '/api/public/statistics?from=2026-03-01&to=2026-03-31&format=csv',
    });
    expect(csv.body).toContain('trusted_flagger,accuracy,Hate Aid Watch,0.5');
    const page = await rig.app.inject({ method: 'GET', url: '/statistics?from=2026-03-01&to=2026-03-31' });
    expect(page.body).toMatch(
      /Hate Aid Watch \(DE\)<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">50\.0%/,
    );
  });

  it('a revocation is final, and every change is an event on the flagger’s stream', async () => {
    const revoked = await rig.policy.request('POST', `/api/trusted-flaggers/${flagger.id}/status`, {
      status: 'revoked',
      reason: 'Revoked by the Coordinator (Art. 22(7)).',
    });
    expect(revoked.statusCode).toBe(200);
    const again = await rig.policy.request('POST', `/api/trusted-flaggers/${flagger.id}/status`, {
      status: 'active',
      reason: 'Asked to be reinstated.',
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).errors?.[0]?.field).toBe('/status');
    const { entries } = await readEvents(rig.docket.store.db, { after: 0, limit: 10_000 });
    expect(entries.filter((e) => e.stream === `trusted-flagger/${flagger.id}`).map((e) => e.type)).toEqual([
      'trusted_flagger.registered',
      'trusted_flagger.key_issued',
      'trusted_flagger.status_changed',
      'trusted_flagger.status_changed',
      'trusted_flagger.key_issued',
      'trusted_flagger.status_changed',
    ]);
    expect(JSON.stringify(entries)).not.toContain(key);
  });
});
