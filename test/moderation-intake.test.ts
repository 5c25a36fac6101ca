import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/store/migrate.js';
import { problemOf } from './http.js';
import { openModerationRig, ordinaryPost, pmAccount, pmVideo, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type { CaseView, QueuePage, ReportAnswer, ReportBatchAnswer } from '../src/moderation/contract.js';
import type { PolicyHistory, PolicyList, PolicyVersion } from '../src/policy/contract.js';

describeEachStore('moderation intake: policies, reports, cases, queue', (kind) => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig(kind);
  });
  afterAll(() => rig.close());

  describe('policy library', () => {
    it('is public, current version of each policy', async () => {
      const response = await rig.app.inject({ url: '/api/policies' });
      const ids = response.json<PolicyList>().policies.map((p) => p.policyId);
      expect(ids).toEqual(expect.arrayContaining(['violence-incitement', 'hate-speech', 'child-safety', 'spam']));
    });

    it('policy staff publish a new version; earlier versions stay; history is public', async () => {
      const [current] = (
        await rig.app.inject({ url: '/api/policies/violence-incitement/versions' })
      ).json<PolicyHistory>().versions;
      if (!current?.sections[0]) throw new Error('the library has no violence-incitement policy');
      const draft = {
        title: current.title,
        summary: current.summary,
        dsaCategory: current.dsaCategory,
        sections: current.sections,
        changeNote: 'Clarify that threats by state leaders count.',
      };
      current.sections[0].text += ' This includes threats made by heads of state or government.';
      const published = await rig.policy.request('POST', '/api/policies/violence-incitement/versions', draft);
      expect(published.statusCode).toBe(201);
      expect(published.json<PolicyVersion>()).toMatchObject({ policyId: 'violence-incitement', version: 2 });
      const history = (
        await rig.app.inject({ url: '/api/policies/violence-incitement/versions' })
      ).json<PolicyHistory>().versions;
      expect(history.map((v) => v.version)).toEqual([2, 1]);
      expect(history[1]?.sections[0]?.text).not.toContain('heads of state');
    });

    it('refuses a moderator and an invalid draft, writing nothing', async () => {
      const before = await rig.written();
      const draft = {
        title: 'X',
        summary: 'Y',
        dsaCategory: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
        sections: [{ id: 'a', title: 'A', text: 'T', severity: 3, severe: false, allowedOutcomes: ['remove'] }],
        changeNote: 'n',
      };
      expect(problemOf(await rig.moderator.request('POST', '/api/policies/x/versions', draft)).code).toBe('forbidden');
      const invalid = problemOf(await rig.policy.request('POST', '/api/policies/x/versions', draft));
      expect(invalid).toMatchObject({ code: 'validation_failed' });
      expect(invalid.detail).toContain('no_violation');
      expect(await rig.written()).toBe(before);
    });
  });

  describe('reports and cases', () => {
    it('opens a case on the first report and joins later ones to it', async () => {
      await rig.push('/api/subjects', pmAccount);
      const first = await rig.push('/api/reports', {
        subject: pmVideo,
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        source: 'user',
        reporterRef: 'reporter-secret-1',
        text: 'He threatens his opponents',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json<ReportAnswer>().receipt.disposition).toBe('opened_case');
      const second = await rig.push('/api/reports', {
        subjectExternalId: 'video-1',
        policyId: 'hate-speech',
        source: 'trusted_flagger',
        reporterRef: 'reporter-secret-2',
      });
      expect(second.json<ReportAnswer>().receipt).toMatchObject({
        disposition: 'joined_case',
        caseId: first.json<ReportAnswer>().receipt.caseId,
      });
    });

    it('takes a batch of reports, all or nothing', async () => {
      const items = [1, 2, 3].map((n) => ({
        subject: ordinaryPost(n),
        policyId: 'spam',
        source: 'user',
        reporterRef: `r-${n}`,
      }));
      const response = await rig.push('/api/reports/batch', { items });
      expect(response.statusCode).toBe(201);
      expect(response.json<ReportBatchAnswer>().receipts.map((r) => r.disposition)).toEqual([
        'opened_case',
        'opened_case',
        'opened_case',
      ]);
    });

    it('answers single reports sent at once each on its own: a bad one gets its own error, the rest their cases', async () => {
      const sent = await Promise.all([
        ...[300, 301, 302].map((n) =>
          rig.push('/api/reports', { subject: ordinaryPost(n), policyId: 'spam', source: 'user' }),
        ),
        rig.push('/api/reports', { subject: ordinaryPost(303), policyId: 'no-such-policy', source: 'user' }),
        rig.push('/api/reports', { subject: ordinaryPost(300), policyId: 'hate-speech', source: 'user' }),
        rig.push('/api/reports', { subject: ordinaryPost(304), policyId: 'spam', source: 'user' }),
      ]);
      expect(sent.map((r) => r.statusCode)).toEqual([201, 201, 201, 400, 201, 201]);
      expect(problemOf(sent[3] as Parameters<typeof problemOf>[0]).detail).toContain('unknown policy "no-such-policy"');
      const receipts = sent.filter((r) => r.statusCode === 201).map((r) => r.json<ReportAnswer>().receipt);
      // Two reports about post 300 share its one case, whichever arrived first; the others each opened one.
      expect(new Set(receipts.map((r) => r.caseId)).size).toBe(4);
      expect(receipts.filter((r) => r.subjectId === receipts[0]?.subjectId)).toHaveLength(2);
      const stored = rowsOf<{ n: number }>(
        await rig.docket.store.db.execute(
          sql`select count(*)::int as n from reports where subject_id in (select id from subjects where external_id in ('post-300', 'post-301', 'post-302', 'post-303', 'post-304'))`,
        ),
      );
      expect(stored[0]?.n).toBe(5);
    });

    it('refuses a whole batch naming every bad item, and stores nothing', async () => {
      const before = await rig.written();
      const items = [
        { subject: ordinaryPost(10), policyId: 'spam', source: 'user' },
        { subject: ordinaryPost(11), policyId: 'no-such-policy', source: 'user' },
        { subjectExternalId: 'never-pushed', policyId: 'spam', source: 'user' },
        { subject: ordinaryPost(12), policyId: 'spam', sectionId: 'nope', source: 'user' },
      ];
      const problem = problemOf(await rig.push('/api/reports/batch', { items }));
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual([
        '/items/1/policyId',
        '/items/2/subjectExternalId',
        '/items/3/sectionId',
      ]);
      expect(problem.detail).toContain('nothing was stored');
      expect(await rig.written()).toBe(before);
    });

    it('refuses a report naming both an inline subject and an external id', async () => {
      const problem = problemOf(
        await rig.push('/api/reports', {
          subject: ordinaryPost(20),
          subjectExternalId: 'post-20',
          policyId: 'spam',
          source: 'user',
        }),
      );
      expect(problem.errors?.[0]?.field).toBe('/items/0');
    });

    it('refuses a batch over 1,000 items', async () => {
      const items = Array.from({ length: 1_001 }, (_, n) => ({
        subjectExternalId: `x${n}`,
        policyId: 'spam',
        source: 'user',
      }));
      expect(problemOf(await rig.push('/api/reports/batch', { items })).code).toBe('validation_failed');
    });

    it('makes a retry with the same Idempotency-Key a no-op that returns the first answer', async () => {
      const body = { subject: ordinaryPost(30), policyId: 'spam', source: 'user' };
      const first = await rig.push('/api/reports', body, { 'idempotency-key': 'retry-30' });
      const before = await rig.written();
      const retry = await rig.push('/api/reports', body, { 'idempotency-key': 'retry-30' });
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json<ReportAnswer>()).toEqual(first.json<ReportAnswer>());
      expect(await rig.written()).toBe(before);
      const misuse = await rig.push(
        '/api/reports',
        { ...body, policyId: 'hate-speech' },
        { 'idempotency-key': 'retry-30' },
      );
      expect(problemOf(misuse).code).toBe('conflict');
      expect(await rig.written()).toBe(before);
    });

    it('answers concurrent duplicates with one key with one result', async () => {
      const body = { subject: ordinaryPost(31), policyId: 'spam', source: 'user' };
      const answers = await Promise.all(
        [1, 2, 3].map(() => rig.push('/api/reports', body, { 'idempotency-key': 'race-31' })),
      );
      expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([201]));
      expect(new Set(answers.map((a) => a.json<ReportAnswer>().receipt.reportId)).size).toBe(1);
    });
  });

  describe('queue', () => {
    it('puts the head of government first and explains why', async () => {
      const queue = (await rig.moderator.request('GET', '/api/queue')).json<QueuePage>().cases;
      expect(queue[0]?.subject.title).toBe('Speech to party members');
      const factors = Object.fromEntries((queue[0]?.priorityFactors ?? []).map((f) => [f.factor, f.value]));
      expect(factors).toMatchObject({ severity: 5, actor: 3, context: 1 });
      expect(queue[0]?.priorityFactors.find((f) => f.factor === 'actor')?.detail).toContain(
        'head of state or government',
      );
      expect(queue.map((c: { priority: number }) => c.priority)).toEqual(
        [...queue.map((c: { priority: number }) => c.priority)].sort((a: number, b: number) => b - a),
      );
    });

    it('filters by country and language', async () => {
      const kenya = (await rig.moderator.request('GET', '/api/queue?country=KEN')).json<QueuePage>().cases;
      expect(kenya.length).toBeGreaterThan(0);
      expect(kenya.every((c) => c.country === 'KEN')).toBe(true);
      expect((await rig.moderator.request('GET', '/api/queue?language=km')).json<QueuePage>().cases).toHaveLength(1);
    });

    it('never gives two reviewers the same case, and a lease returns the case when it expires', async () => {
      const a = (await rig.moderator.request('POST', '/api/queue/claim', {})).json<CaseView>();
      const b = (await rig.moderator2.request('POST', '/api/queue/claim', {})).json<CaseView>();
      expect(a.case.id).not.toBe(b.case.id);
      expect(a.permissions).toMatchObject({ decide: true, keepNewsworthy: false });
      const taken = await rig.moderator2.request('POST', `/api/cases/${a.case.id}/claim`);
      expect(problemOf(taken).code).toBe('conflict');
      rig.clock.advance(16 * 60_000);
      expect((await rig.moderator2.request('POST', `/api/cases/${a.case.id}/claim`)).statusCode).toBe(200);
      await rig.moderator2.request('POST', `/api/cases/${a.case.id}/release`);
      await rig.moderator2.request('POST', `/api/cases/${b.case.id}/release`);
    });

    it('escalates a held case to senior reviewers, out of the moderators’ queue', async () => {
      const held = (await rig.moderator.request('POST', '/api/queue/claim', {})).json<CaseView>();
      const escalated = await rig.moderator.request('POST', `/api/cases/${held.case.id}/escalate`, {
        to: 'senior',
        note: 'Head of government; newsworthiness question.',
      });
      expect(escalated.statusCode).toBe(204);
      const moderatorQueue = (await rig.moderator.request('GET', '/api/queue')).json<QueuePage>().cases;
      expect(moderatorQueue.map((c: { id: string }) => c.id)).not.toContain(held.case.id);
      expect(problemOf(await rig.moderator.request('POST', `/api/cases/${held.case.id}/claim`)).code).toBe('forbidden');
      const seniorClaim = (await rig.senior.request('POST', '/api/queue/claim', {})).json<CaseView>();
      expect(seniorClaim.case).toMatchObject({
        id: held.case.id,
        level: 'senior',
        escalationNote: 'Head of government; newsworthiness question.',
      });
      await rig.senior.request('POST', `/api/cases/${held.case.id}/release`);
    });

    it('shows a case with its reports but never who reported', async () => {
      const [top] = (await rig.senior.request('GET', '/api/queue?level=senior')).json<QueuePage>().cases;
      const detail = await rig.senior.request('GET', `/api/cases/${top?.id}`);
      expect(detail.json<CaseView>().reports.length).toBeGreaterThanOrEqual(2);
      expect(detail.json<CaseView>().author).toMatchObject({ publicFigure: 'head_of_government' });
      expect(detail.body).not.toContain('reporter-secret');
      const log = rowsOf<{ p: string }>(await rig.docket.store.db.execute(sql`select payload::text as p from events`));
      expect(log.length).toBeGreaterThan(10);
      expect(log.some((row) => /"source": ?"trusted_flagger"/.test(row.p))).toBe(true);
      expect(log.some((row) => row.p.includes('reporter-secret'))).toBe(false);
    });
  });
});
