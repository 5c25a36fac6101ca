import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MarkResult, MisuseMeasure, MisuseRulesView, MisuseStanding } from '../src/moderation/misuse-contract.js';
import { misuseMarks } from '../src/moderation/misuse-tables.js';
import { contentNotices } from '../src/moderation/notice-tables.js';
import type { NoticeReceipt } from '../src/moderation/notice-contract.js';
import { accountRestrictions } from '../src/moderation/tables.js';
import { outbox } from '../src/webhooks/tables.js';
import { problemOf } from './http.js';
import { incitementGround } from './misuse-commands.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const strict = { warnAfter: 1, suspendAfter: 2, windowDays: 30, suspensionDays: 10 };

describeEachStore('measures against misuse (EU DSA Art. 23)', (kind) => {
  let rig: ModerationRig;
  const platform = () => ({ authorization: `Bearer ${rig.token}` });
  const file = (body: object, ip = '203.0.113.9') =>
    rig.app.inject({ method: 'POST', url: '/api/public/notices', payload: body, remoteAddress: ip });
  const noticeCount = async () => (await rig.docket.store.db.select({ n: count() }).from(contentNotices))[0]?.n ?? 0;
  const mark = (kind: string, itemId: string) =>
    rig.moderator.request('POST', '/api/misuse/marks', { kind, itemId, reason: 'Plainly unfounded, on its face.' });
  /** The platform pushes a post; a decision on its case by a moderator; the decision's id. */
  const decided = async (n: number, decision: Record<string, unknown>) => {
    const pushed = await rig.push('/api/reports', {
      subject: ordinaryPost(n, { url: `https://lumen.example/m/${n}`, authorExternalId: 'acct-troll' }),
      policyId: 'hate-speech',
      source: 'user',
      reporterRef: `reporter-${n}`,
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const { caseId } = pushed.json<{ receipt: { caseId: string } }>().receipt;
    expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
    const made = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'hate-speech',
      sectionId: 'attacks-on-protected-groups',
      facts: 'Read in full, with its thread.',
      ...decision,
    });
    expect(made.statusCode, made.body).toBe(201);
    return made.json<{ decisionId: string }>().decisionId;
  };
  /** A notice from `email` on post `n`, decided with no violation: its receipt. */
  const unfoundedNotice = async (n: number, email: string) => {
    const location = `https://lumen.example/m/${n}`;
    await rig.push('/api/subjects', { externalId: `post-${n}`, kind: 'content', url: location });
    const filed = await file({
      location,
      explanation: 'I do not like what this person writes about football.',
      policyId: 'hate-speech',
      name: 'Ned',
      email,
      goodFaith: true,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const [row] = await rig.docket.store.db
      .select({ caseId: contentNotices.caseId })
      .from(contentNotices)
      .where(eq(contentNotices.location, location));
    expect((await rig.moderator.request('POST', `/api/cases/${row?.caseId}/claim`)).statusCode).toBe(200);
    const made = await rig.moderator.request('POST', `/api/cases/${row?.caseId}/decision`, {
      policyId: 'hate-speech',
      sectionId: 'attacks-on-protected-groups',
      outcome: 'no_violation',
      facts: 'An opinion about football, attacking no one.',
    });
    expect(made.statusCode, made.body).toBe(201);
    return filed.json<NoticeReceipt>();
  };
  const tokenOf = (receipt: NoticeReceipt) => new URL(receipt.statusUrl).pathname.split('/').pop() as string;

  beforeAll(async () => {
    rig = await openModerationRig(kind, { smtp: { url: 'smtp://127.0.0.1:9', from: 'docket@lumen.example' } });
    await rig.docket.webhooks.setEndpoint('system:test', 'lumen', 'http://127.0.0.1:9/hook');
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('keeps rules as data with defaults; policy staff set them, a bad rule names its field and stores nothing', async () => {
    const before = await rig.policy.request('GET', '/api/misuse/rules');
    expect(before.statusCode).toBe(200);
    const view = before.json<MisuseRulesView>();
    expect(view.rules).toEqual(view.defaults);
    expect(view.updatedAt).toBeNull();

    const bad = await rig.policy.request('PUT', '/api/misuse/rules', {
      ...view.rules,
      notifier: { ...strict, suspendAfter: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad)).toMatchObject({ code: 'validation_failed' });
    expect(problemOf(bad).errors?.[0]?.field).toBe('/notifier/suspendAfter');
    expect((await rig.policy.request('GET', '/api/misuse/rules')).json<MisuseRulesView>().updatedAt).toBeNull();

    const refused = await rig.moderator.request('PUT', '/api/misuse/rules', view.rules);
    expect(refused.statusCode).toBe(403);

    const set = await rig.policy.request('PUT', '/api/misuse/rules', {
      notifier: strict,
      complainant: strict,
      user: strict,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<MisuseRulesView>().rules.user).toEqual(strict);
  });

  it('warns, then suspends a notifier by their normalised e-mail: refused with until when; appealed and lifted', async () => {
    const first = await unfoundedNotice(1, 'Spam@Example.org');
    const warned = await mark('unfounded_notice', first.ref);
    expect(warned.statusCode, warned.body).toBe(201);
    expect(warned.json<MarkResult>().measure).toMatchObject({ kind: 'warning', party: 'notifier', state: 'warning' });
    const again = await mark('unfounded_notice', first.ref);
    expect(problemOf(again).code).toBe('already_exists');

    const second = await unfoundedNotice(2, ' spam@example.ORG');
    const now = rig.clock.now();
    const suspended = (await mark('unfounded_notice', second.ref)).json<MarkResult>().measure as MisuseMeasure;
    expect(suspended).toMatchObject({ kind: 'suspension', state: 'in_force', marks: 2 });
    expect(suspended.endsAt).toBe(new Date(now.getTime() + 10 * 86_400_000).toISOString());
    // The notice of the measure goes by e-mail, with the reasons, the end and how to appeal.
    const mails = await rig.docket.store.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.type, 'misuse.measure'), eq(outbox.groupRef, suspended.id)));
    expect(JSON.stringify(mails[0]?.payload)).toContain(`status link you were given with notice ${second.ref}`);

    // Filed again with the same address, however written: told so, and until when; nothing is written.
    const notices = await noticeCount();
    const refused = await file({
      location: 'https://lumen.example/m/1',
      explanation: 'Still do not like what this person writes about football.',
      policyId: 'hate-speech',
      name: 'Ned',
      email: 'SPAM@example.org ',
      goodFaith: true,
    });
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).code).toBe('suspended_for_misuse');
    expect(problemOf(refused).detail).toContain(`until ${suspended.endsAt}`);
    const form = await rig.app.inject({
      method: 'POST',
      url: '/notices',
      payload:
        'location=https%3A%2F%2Flumen.example%2Fm%2F1&explanation=Still+do+not+like+this+person+on+football&policyId=hate-speech&name=Ned&email=spam%40example.org&goodFaith=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '203.0.113.10',
    });
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('you are suspended from sending notices until');
    expect(await noticeCount()).toBe(notices);

    // The status link shows the measures and takes the appeal, once; policy staff lift it.
    const token = tokenOf(first);
    const standing = await rig.app.inject({ method: 'GET', url: `/api/public/misuse/${token}` });
    expect(standing.json<MisuseStanding>()).toMatchObject({ mayAppeal: suspended.id });
    expect(standing.json<MisuseStanding>().measures).toHaveLength(2);
    // The same on the public site without JavaScript: the status page links to the measures and their form.
    expect((await rig.app.inject({ method: 'GET', url: `/notices/status/${token}` })).body).toContain(
      `href="/misuse/${token}"`,
    );
    const page = await rig.app.inject({ method: 'GET', url: `/misuse/${token}` });
    expect(page.body).toContain('Contest the suspension');
    const blankForm = await rig.app.inject({
      method: 'POST',
      url: `/misuse/${token}`,
      payload: 'statement=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(blankForm.statusCode).toBe(400);
    expect(blankForm.body).toContain('say why the suspension should be lifted');
    const blank = await rig.app.inject({
      method: 'POST',
      url: `/api/public/misuse/${token}`,
      payload: { statement: ' ' },
    });
    expect(problemOf(blank).errors?.[0]?.field).toBe('/statement');
    const appealed = await rig.app.inject({
      method: 'POST',
      url: `/api/public/misuse/${token}`,
      payload: { statement: 'Each of my notices was sent in good faith.' },
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    expect(appealed.json<MisuseStanding>().mayAppeal).toBeNull();
    expect((await rig.app.inject({ method: 'GET', url: `/misuse/${token}` })).body).toContain('You contested it on');
    const twice = await rig.app.inject({
      method: 'POST',
      url: `/api/public/misuse/${token}`,
      payload: { statement: 'Again.' },
    });
    expect(problemOf(twice).code).toBe('conflict');

    const byModerator = await rig.moderator.request('POST', `/api/misuse/measures/${suspended.id}/review`, {
      result: 'lifted',
      reason: 'Read again: not manifest.',
    });
    expect(byModerator.statusCode).toBe(403);
    const lifted = await rig.policy.request('POST', `/api/misuse/measures/${suspended.id}/review`, {
      result: 'lifted',
      reason: 'Read again: not manifest.',
    });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json<MisuseMeasure>()).toMatchObject({ state: 'lifted', review: { result: 'lifted' } });
    const list = (await rig.policy.request('GET', '/api/misuse/measures?party=notifier')).json<{
      measures: MisuseMeasure[];
    }>();
    expect(list.measures.map((m) => m.state)).toEqual(['lifted', 'warning']);
    const accepted = await file(
      {
        location: 'https://lumen.example/m/1',
        explanation: 'This post does insult a group of people, I think.',
        policyId: 'hate-speech',
        name: 'Ned',
        email: 'spam@example.org',
        goodFaith: true,
      },
      '203.0.113.11',
    );
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('refuses to mark what is not manifest, with nothing written', async () => {
    const marks = async () => (await rig.docket.store.db.select({ n: count() }).from(misuseMarks))[0]?.n ?? 0;
    const before = await marks();
    const acted = await decided(10, { outcome: 'remove' });
    expect(problemOf(await mark('illegal_content', acted)).code).toBe('conflict');
    const kept = await decided(11, { outcome: 'no_violation' });
    expect(problemOf(await mark('illegal_content', kept)).code).toBe('conflict');
    expect(problemOf(await mark('unfounded_complaint', kept)).code).toBe('not_found');
    expect(problemOf(await mark('unfounded_notice', 'N-20260101-XXXXXXXX')).code).toBe('not_found');
    const byPlatform = await rig.push('/api/misuse/marks', {
      kind: 'illegal_content',
      itemId: acted,
      reason: 'Plainly illegal.',
    });
    expect(byPlatform.statusCode).toBe(403);
    expect(await marks()).toBe(before);
  });

  it("suspends a user who posts manifestly illegal content as an account restriction, told through the platform's webhook; appealed, upheld, then lifted", async () => {
    const illegal = {
      outcome: 'remove',
      illegalContent: incitementGround,
    };
    const warned = await mark('illegal_content', await decided(20, illegal));
    expect(warned.json<MarkResult>().measure).toMatchObject({ kind: 'warning', party: 'user' });
    const suspended = (await mark('illegal_content', await decided(21, illegal))).json<MarkResult>()
      .measure as MisuseMeasure;
    expect(suspended).toMatchObject({ kind: 'suspension', partyLabel: 'account lumen/acct-troll', platform: 'lumen' });
    const [restriction] = await rig.docket.store.db
      .select()
      .from(accountRestrictions)
      .where(and(eq(accountRestrictions.accountRef, 'acct-troll'), eq(accountRestrictions.kind, 'suspend_account')));
    expect(restriction?.endsAt?.toISOString()).toBe(suspended.endsAt);
    const [hook] = await rig.docket.store.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.type, 'misuse.measure_taken'))
      // In the order the outbox sends them (its seq): the test's clock does not move, so both share a createdAt.
      .orderBy(outbox.seq);
    expect(hook?.payload).toMatchObject({ accountRef: 'acct-troll', kind: 'warning' });

    const appeal = await rig.app.inject({
      method: 'POST',
      url: `/api/misuse/measures/${suspended.id}/appeal`,
      headers: platform(),
      payload: { statement: 'My account was hacked for those posts.' },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const upheld = await rig.policy.request('POST', `/api/misuse/measures/${suspended.id}/review`, {
      result: 'upheld',
      reason: 'No sign of a compromised account.',
    });
    expect(upheld.json<MisuseMeasure>()).toMatchObject({ state: 'in_force', review: { result: 'upheld' } });
    const lifted = await rig.policy.request('POST', `/api/misuse/measures/${suspended.id}/review`, {
      result: 'lifted',
      reason: 'The platform confirmed the account was compromised.',
    });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const [after] = await rig.docket.store.db
      .select({ liftedAt: accountRestrictions.liftedAt })
      .from(accountRestrictions)
      .where(eq(accountRestrictions.id, restriction?.id as string));
    expect(after?.liftedAt).not.toBeNull();
  });

  it('suspends a complainant whose complaints are manifestly unfounded: their next complaint is refused, until when', async () => {
    const complainAndReject = async (n: number) => {
      const decisionId = await decided(n, { outcome: 'remove' });
      const filed = await rig.push('/api/appeals', {
        decisionId,
        appellant: 'affected_user',
        statement: 'Nothing wrong with my post.',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const { appealId } = filed.json<{ appealId: string }>();
      const upheld = await rig.senior.request('POST', `/api/appeals/${appealId}/decision`, {
        result: 'upheld',
        reason: 'Read again by a person: it stands.',
      });
      expect(upheld.statusCode, upheld.body).toBe(200);
      return appealId;
    };
    expect((await mark('unfounded_complaint', await complainAndReject(30))).json<MarkResult>().measure).toMatchObject({
      kind: 'warning',
      party: 'complainant',
    });
    const suspended = (await mark('unfounded_complaint', await complainAndReject(31))).json<MarkResult>().measure;
    expect(suspended).toMatchObject({ kind: 'suspension', party: 'complainant' });
    const decisionId = await decided(32, { outcome: 'remove' });
    const refused = await rig.push('/api/appeals', {
      decisionId,
      appellant: 'affected_user',
      statement: 'Nothing wrong with this one either.',
    });
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).detail).toContain(`suspended from filing complaints until ${suspended?.endsAt}`);
    // The suspension is for a set time: once it ends, complaints are taken again.
    rig.clock.advance(10 * 86_400_000 + 1);
    const after = await rig.push('/api/appeals', {
      decisionId,
      appellant: 'affected_user',
      statement: 'Nothing wrong with this one either.',
    });
    expect(after.statusCode, after.body).toBe(201);
  });
});
