import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readEvents } from '../src/core/event-log.js';
import type { ComplaintLink, ComplaintView } from '../src/moderation/complaint-contract.js';
import { complaintLinks } from '../src/moderation/complaint-tables.js';
import { contentNotices } from '../src/moderation/notice-tables.js';
import type { NoticeReceipt, NoticeStatus } from '../src/moderation/notice-contract.js';
import type { PendingAppeals } from '../src/moderation/contract.js';
import { appeals } from '../src/moderation/tables.js';
import { problemOf } from './http.js';
import { openModerationRig, START, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const SIX_MONTHS_LATER = '2026-09-02T09:00:00.000Z';

describeEachStore('complaints from the people concerned (EU DSA Art. 20)', (kind) => {
  let rig: ModerationRig;
  let decisionId: string;
  const tokens: Record<'ana' | 'ben' | 'user', string> = { ana: '', ben: '', user: '' };

  const tokenOf = (url: string) => new URL(url).pathname.split('/').pop() as string;
  const view = (token: string) => rig.app.inject({ method: 'GET', url: `/api/public/complaints/${token}` });
  const complain = (token: string, body: object) =>
    rig.app.inject({ method: 'POST', url: `/api/public/complaints/${token}`, payload: body });
  const caseOf = async (location: string) => {
    const [row] = await rig.docket.store.db
      .select({ id: contentNotices.caseId })
      .from(contentNotices)
      .where(eq(contentNotices.location, location))
      .limit(1);
    return row as { id: string };
  };
  const notify = async (name: string, ip: string) => {
    const response = await rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      remoteAddress: ip,
      payload: {
        location: 'https://lumen.example/c/1',
        explanation: 'It calls for violence against the people of a named village.',
        policyId: 'violence-incitement',
        name,
        email: `${name.toLowerCase()}@example.org`,
        goodFaith: true,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<NoticeReceipt>();
  };

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    const pushed = await rig.push('/api/subjects', {
      externalId: 'c-1',
      kind: 'content',
      contentType: 'text',
      body: 'They will get what they deserve.',
      url: 'https://lumen.example/c/1',
      authorExternalId: 'author-1',
    });
    expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    tokens.ana = tokenOf((await notify('Ana', '203.0.113.20')).statusUrl);
    tokens.ben = tokenOf((await notify('Ben', '203.0.113.21')).statusUrl);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('opens no complaint on a notice not yet decided', async () => {
    const response = await view(tokens.ana);
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).detail).toContain('not decided yet');
  });

  it('lets each notifier complain through their notice link about a decision not to act: one each', async () => {
    const open = await caseOf('https://lumen.example/c/1');
    expect((await rig.moderator.request('POST', `/api/cases/${open.id}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${open.id}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'no_violation',
      facts: 'A figure of speech about a football rivalry, not a call to violence.',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    decisionId = decided.json<{ decisionId: string }>().decisionId;

    const before = (await view(tokens.ana)).json<ComplaintView>();
    expect(before).toMatchObject({ complainant: 'notifier', mayComplain: true, complaint: null });
    expect(before.decision).toMatchObject({ outcome: 'no_violation', facts: expect.stringContaining('football') });
    expect(before.deadline.slice(0, 10)).toBe('2026-09-02');

    const ana = await complain(tokens.ana, { statement: 'It names the village and calls for an attack.' });
    expect(ana.statusCode, ana.body).toBe(201);
    expect(ana.json<ComplaintView>().complaint).toMatchObject({ state: 'received' });
    const ben = await complain(tokens.ben, { statement: 'People in the village are afraid.' });
    expect(ben.statusCode, ben.body).toBe(201);

    const written = await rig.written();
    const again = await complain(tokens.ana, { statement: 'Once more.' });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).detail).toContain('already complained');
    expect(await rig.written()).toBe(written);

    const queued = (await rig.senior.request('GET', '/api/appeals')).json<PendingAppeals>().appeals;
    expect(queued.filter((a) => a.decision.id === decisionId).map((a) => a.appellant)).toEqual([
      'reporter',
      'reporter',
    ]);
    // The platform filing for the same notifier, named by their notice, is the same party.
    const ref = (await view(tokens.ana)).json<ComplaintView>().noticeRef as string;
    const duplicate = await rig.push('/api/appeals', {
      decisionId,
      appellant: 'reporter',
      appellantRef: `notice:${ref}`,
      statement: 'Filed for Ana by the platform.',
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it("issues the affected user's link to the platform, keeps only its hash, and takes the user's complaint", async () => {
    const issued = await rig.push(`/api/decisions/${decisionId}/complaint-link`, {});
    expect(issued.statusCode, issued.body).toBe(201);
    const link = issued.json<ComplaintLink>();
    expect(link.until.slice(0, 10)).toBe('2026-09-02');
    tokens.user = tokenOf(link.url);
    expect(JSON.stringify(await rig.docket.store.db.select().from(complaintLinks))).not.toContain(tokens.user);
    const other = await rig.docket.access.createToken('system:test', {
      name: 'Orbit',
      kind: 'integration',
      platform: 'orbit',
    });
    const foreign = await rig.app.inject({
      method: 'POST',
      url: `/api/decisions/${decisionId}/complaint-link`,
      headers: { authorization: `Bearer ${other.token}` },
      payload: {},
    });
    expect(foreign.statusCode).toBe(404);
    // Only the platform's integration asks for its user's link: a signed-in moderator is refused, nothing written.
    const unchanged = await rig.written();
    const staff = await rig.moderator.request('POST', `/api/decisions/${decisionId}/complaint-link`, {});
    expect(staff.statusCode, staff.body).toBe(403);
    expect(await rig.written()).toBe(unchanged);

    expect((await view(tokens.user)).json<ComplaintView>()).toMatchObject({
      complainant: 'affected_user',
      noticeRef: null,
      mayComplain: true,
    });
    const written = await rig.written();
    const blank = await complain(tokens.user, { statement: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(problemOf(blank).errors?.[0]?.field).toBe('/statement');
    expect(await rig.written()).toBe(written);
    const filed = await complain(tokens.user, { statement: 'It is a joke between football fans.' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json<ComplaintView>().complaint?.state).toBe('received');
  });

  it('refuses a forged or malformed link and writes nothing', async () => {
    const written = await rig.written();
    const forged = `${tokens.user.slice(0, -1)}${tokens.user.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [forged, 'short']) {
      const response = await complain(bad, { statement: 'Let me in.' });
      expect(response.statusCode).toBe(404);
      expect(problemOf(response).code).toBe('not_found');
    }
    expect(await rig.written()).toBe(written);
  });

  it('tells each complainant the outcome on their link, and a reversal reaches the notifier', async () => {
    const filed = await rig.docket.store.db.select().from(appeals).where(eq(appeals.decisionId, decisionId));
    const anaNotice = (await view(tokens.ana)).json<ComplaintView>();
    const anas = filed.find((a) => a.appellantRef === `notice:${anaNotice.noticeRef}`);
    const bens = filed.find((a) => a.appellant === 'reporter' && a.id !== anas?.id);
    expect(anas?.noticeId).toBeTruthy();
    const upheld = await rig.senior.request('POST', `/api/appeals/${anas?.id}/decision`, {
      result: 'upheld',
      reason: 'A person read the thread again: a football chant, no threat.',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect((await view(tokens.ana)).json<ComplaintView>().complaint).toMatchObject({
      state: 'upheld',
      reason: expect.stringContaining('football chant'),
    });
    const reversed = await rig.senior.request('POST', `/api/appeals/${bens?.id}/decision`, {
      result: 'reversed',
      reason: 'The village is named and the threat is real.',
      replacement: {
        policyId: 'violence-incitement',
        sectionId: 'threats-of-violence',
        outcome: 'remove',
        facts: 'A threat against the people of a named village.',
      },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect((await view(tokens.ben)).json<ComplaintView>().complaint?.state).toBe('reversed');
    // The affected user's complaint is moot: the decision no longer stands.
    expect((await view(tokens.user)).json<ComplaintView>()).toMatchObject({
      complaint: { state: 'closed' },
      mayComplain: false,
    });
    const status = await rig.app.inject({ method: 'GET', url: `/api/public/notices/status/${tokens.ben}` });
    expect(status.json<NoticeStatus>().outcome?.outcome).toBe('remove');
  });

  it('records links and complaints on the log, without tokens or the notifier', async () => {
    const { entries } = await readEvents(rig.docket.store.db, { after: 0, limit: 5_000 });
    const issued = entries.filter((e) => e.type === 'complaint_link.issued');
    expect(issued).toHaveLength(1);
    const filed = entries.filter((e) => e.type === 'appeal.filed');
    expect(filed.filter((e) => (e.payload as { noticeId?: string }).noticeId)).toHaveLength(2);
    const logged = JSON.stringify(entries);
    for (const token of Object.values(tokens)) expect(logged).not.toContain(token);
    expect(logged).not.toContain('ana@example.org');
  });

  it('refuses a complaint after six months from the decision notice, naming the deadline, and an expired link', async () => {
    // A second decision, not to act, on other content: its notifier and its user can still complain until the end.
    await rig.push('/api/subjects', { externalId: 'c-2', kind: 'content', url: 'https://lumen.example/c/2' });
    const filed = await rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      remoteAddress: '203.0.113.30',
      payload: {
        location: 'https://lumen.example/c/2',
        explanation: 'It threatens the people of a named village again.',
        policyId: 'violence-incitement',
        name: 'Cleo',
        email: 'cleo@example.org',
        goodFaith: true,
      },
    });
    const cleo = tokenOf(filed.json<NoticeReceipt>().statusUrl);
    const dara = await rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      remoteAddress: '203.0.113.31',
      payload: {
        location: 'https://lumen.example/c/2',
        explanation: 'The same threat against the village, seen again today.',
        policyId: 'violence-incitement',
        name: 'Dara',
        email: 'dara@example.org',
        goodFaith: true,
      },
    });
    const daraToken = tokenOf(dara.json<NoticeReceipt>().statusUrl);
    const open = await caseOf('https://lumen.example/c/2');
    await rig.moderator.request('POST', `/api/cases/${open.id}/claim`);
    const decided = await rig.moderator.request('POST', `/api/cases/${open.id}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'no_violation',
      facts: 'No threat found.',
    });
    const second = decided.json<{ decisionId: string }>().decisionId;
    const user = tokenOf((await rig.push(`/api/decisions/${second}/complaint-link`, {})).json<ComplaintLink>().url);

    rig.clock.set(SIX_MONTHS_LATER);
    expect((await view(cleo)).json<ComplaintView>().mayComplain).toBe(true);
    // On the last moment, the platform files for Dara, naming her notice: her status link shows it.
    const forDara = await rig.push('/api/appeals', {
      decisionId: second,
      appellant: 'reporter',
      appellantRef: `notice:${dara.json<NoticeReceipt>().ref}`,
      statement: 'Dara asked us to file this for her.',
    });
    expect(forDara.statusCode, forDara.body).toBe(201);
    expect((await view(daraToken)).json<ComplaintView>()).toMatchObject({
      mayComplain: false,
      complaint: { state: 'received', statement: 'Dara asked us to file this for her.' },
    });
    rig.clock.set(new Date(Date.parse(SIX_MONTHS_LATER) + 1));
    const written = await rig.written();
    const late = await complain(cleo, { statement: 'I only saw the outcome now.' });
    expect(late.statusCode).toBe(409);
    expect(problemOf(late)).toMatchObject({ code: 'complaint_window_closed' });
    expect(problemOf(late).detail).toContain('ended on 2026-09-02');
    const expired = await complain(user, { statement: 'Too late?' });
    expect(expired.statusCode).toBe(410);
    expect(problemOf(expired)).toMatchObject({ code: 'link_expired' });
    expect(problemOf(expired).detail).toContain('expired on 2026-09-02');
    const reissue = await rig.push(`/api/decisions/${second}/complaint-link`, {});
    expect(reissue.statusCode).toBe(409);
    expect(problemOf(reissue).code).toBe('complaint_window_closed');
    expect(await rig.written()).toBe(written);
    rig.clock.set(START);
  });

  it('serves the complaint page without JavaScript: the form, then the status on the same link', async () => {
    const page = await rig.app.inject({ method: 'GET', url: `/complaints/${tokens.ana}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('the decision was reviewed by a person and stands.');
    const missing = await rig.app.inject({ method: 'GET', url: `/complaints/${'A'.repeat(43)}` });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('opens no complaint');
  });
});
