import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readEvents } from '../src/core/event-log.js';
import { contentNotices, noticeLinks } from '../src/moderation/notice-tables.js';
import { outbox } from '../src/webhooks/tables.js';
import type { NoticeReceipt, NoticeStatus } from '../src/moderation/notice-contract.js';
import { problemOf } from './http.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

interface Mail {
  from: string;
  to: string[];
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives; it refuses mail to `bounce@…` for good. */
async function startSmtp(): Promise<{ server: SMTPServer; url: string; mails: Mail[] }> {
  const mails: Mail[] = [];
  const putOff = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // `later@…` is put off once (451, try again later), then taken.
      if (address.address.startsWith('later@') && !putOff.has(address.address)) {
        putOff.add(address.address);
        const busy = new Error('mailbox busy, try again later') as Error & { responseCode: number };
        busy.responseCode = 451;
        callback(busy);
        return;
      }
      if (address.address.startsWith('bounce@')) {
        const refusal = new Error('no such mailbox') as Error & { responseCode: number };
        refusal.responseCode = 550;
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          text,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { server, url: `smtp://127.0.0.1:${port}`, mails };
}

const notice = {
  location: 'https://lumen.example/p/1',
  explanation: 'It threatens a named journalist with a beating at her home.',
  policyId: 'violence-incitement',
  name: 'Ana Notifier',
  email: 'ana@example.org',
  goodFaith: true,
};

describeEachStore('notices of content from anyone (EU DSA Art. 16)', (kind) => {
  let rig: ModerationRig;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const file = (body: unknown, ip = '203.0.113.7') =>
    rig.app.inject({ method: 'POST', url: '/api/public/notices', payload: body as object, remoteAddress: ip });
  const statusOf = (url: string) => rig.app.inject({ method: 'GET', url: `/api/public${new URL(url).pathname}` });
  /** A moderator claims the case and decides it. */
  const decide = async (id: string, outcome: string, facts: string) => {
    expect((await rig.moderator.request('POST', `/api/cases/${id}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${id}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome,
      facts,
    });
    expect(decided.statusCode, decided.body).toBe(201);
  };
  /** Content the platform pushed at `n`'s address, and a notice on it with this e-mail: its reference and case. */
  const noticeOnPost = async (n: number, email: string, ip: string) => {
    const location = `https://lumen.example/p/${n}`;
    await rig.push('/api/subjects', { externalId: `post-${n}`, kind: 'content', url: location });
    const filed = await file({ ...notice, email, location }, ip);
    expect(filed.statusCode, filed.body).toBe(201);
    const [row] = await rig.docket.store.db
      .select({ caseId: contentNotices.caseId })
      .from(contentNotices)
      .where(eq(contentNotices.location, location));
    return { ref: filed.json<NoticeReceipt>().ref, caseId: row?.caseId as string };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    rig = await openModerationRig(kind, { smtp: { url: smtp.url, from: 'docket@lumen.example' } });
    const pushed = await rig.push('/api/subjects', {
      externalId: 'post-1',
      kind: 'content',
      contentType: 'text',
      body: 'We know where she lives.',
      url: 'https://lumen.example/p/1',
      language: 'en',
      country: 'DEU',
    });
    expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    await rig.docket.webhooks.setEndpoint('system:test', 'lumen', 'http://127.0.0.1:9/hook');
  });
  afterAll(async () => {
    await rig?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('refuses a notice without what Art. 16(2) asks, naming each field, and writes nothing', async () => {
    const before = await rig.written();
    const empty = problemOf(await file({}));
    expect(empty.code).toBe('validation_failed');
    expect(empty.errors?.map((e) => e.field)).toEqual([
      '/location',
      '/explanation',
      '/policyId',
      '/name',
      '/email',
      '/goodFaith',
    ]);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...notice, location: 'lumen.example/p/1' }, '/location'],
      [{ ...notice, goodFaith: false }, '/goodFaith'],
      [{ ...notice, name: undefined, email: undefined }, '/name'],
      [{ ...notice, policyId: 'no-such-policy' }, '/policyId'],
      [{ ...notice, location: 'https://elsewhere.example/p/1' }, '/location'],
      [{ ...notice, website: 'https://cheap.example' }, '/website'],
    ];
    for (const [body, field] of cases) {
      const response = await file(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(problemOf(response).errors?.[0]?.field).toBe(field);
    }
    expect(await rig.written()).toBe(before);
  });

  let receipt: NoticeReceipt;
  let caseId: string;

  it('answers at once with a reference and a status link, and the notice joins the content’s case', async () => {
    const reported = await rig.push('/api/reports', {
      subjectExternalId: 'post-1',
      policyId: 'violence-incitement',
      source: 'user',
    });
    caseId = reported.json<{ receipt: { caseId: string } }>().receipt.caseId;
    const response = await file(notice);
    expect(response.statusCode, response.body).toBe(201);
    receipt = response.json<NoticeReceipt>();
    expect(receipt.ref).toMatch(/^N-\d{8}-[0-9A-Z]{8}$/);
    expect(receipt.statusUrl).toMatch(/^http:\/\/localhost(:\d+)?\/notices\/status\/[A-Za-z0-9_-]{43}$/);
    expect(receipt.confirmationRequested).toBe(false);
    const shown = (await rig.moderator.request('GET', `/api/cases/${caseId}`)).json<{
      case: { reportCount: number };
    }>();
    expect(shown.case.reportCount).toBe(2);

    const status = await statusOf(receipt.statusUrl);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json<NoticeStatus>()).toMatchObject({
      ref: receipt.ref,
      state: 'received',
      outcome: null,
      redress: [],
      policyTitle: 'Violence and Incitement',
    });
  });

  it('keeps only a hash of the status link, and forged or malformed links open nothing', async () => {
    const token = new URL(receipt.statusUrl).pathname.split('/').pop() as string;
    const dump = JSON.stringify(await rig.docket.store.db.select().from(noticeLinks));
    expect(dump).not.toContain(token);
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [forged, 'short', 'x'.repeat(200)]) {
      const response = await rig.app.inject({ method: 'GET', url: `/api/public/notices/status/${bad}` });
      expect(response.statusCode).toBe(404);
      expect(problemOf(response).code).toBe('not_found');
    }
  });

  it('takes a notice of child sexual abuse material without name or e-mail', async () => {
    const response = await file({
      location: 'https://lumen.example/p/1',
      explanation: 'This image shows the sexual abuse of a child.',
      policyId: 'child-safety',
      childSexualAbuse: true,
      goodFaith: true,
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('makes content it did not know a subject and asks the platform to confirm it', async () => {
    const response = await file({ ...notice, location: 'https://lumen.example/p/404-new' }, '198.51.100.9');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<NoticeReceipt>().confirmationRequested).toBe(true);
    const asked = await rig.docket.store.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.type, 'subject.confirmation_requested'));
    expect(asked.map((r) => (r.payload as { url: string }).url)).toEqual(['https://lumen.example/p/404-new']);
  });

  it('tells the notifier the outcome with the redress: on the status page and by e-mail through SMTP', async () => {
    await decide(caseId, 'remove', 'A threat of violence against a named journalist at her home.');
    const status = (await statusOf(receipt.statusUrl)).json<NoticeStatus>();
    expect(status.state).toBe('decided');
    expect(status.outcome).toMatchObject({ outcome: 'remove', text: 'The content was removed.' });
    expect(status.redress.map((r) => r.kind)).toEqual(['internal_complaint', 'out_of_court', 'court']);

    await rig.docket.webhooks.deliverDue();
    const mail = smtp.mails.find((m) => m.to.includes('ana@example.org'));
    expect(mail?.from).toBe('docket@lumen.example');
    expect(mail?.text).toContain(`Subject: Your notice ${receipt.ref}: decided`);
    expect(mail?.text).toContain('The content was removed.');
    expect(mail?.text).toContain('out-of-court dispute settlement body');
    expect(mail?.text).not.toContain(new URL(receipt.statusUrl).pathname);
  });

  it('records notices received and notifiers notified on the log, without the notifier’s identity', async () => {
    const { entries } = await readEvents(rig.docket.store.db, { after: 0, limit: 5_000 });
    const received = entries.filter((e) => e.type === 'content_notice.received');
    const notified = entries.filter((e) => e.type === 'content_notice.notifier_notified');
    expect(received).toHaveLength(3);
    expect(notified.map((e) => (e.payload as { channels: string[] }).channels)).toEqual([
      ['status_page', 'email'],
      ['status_page'],
    ]);
    const logged = JSON.stringify(received);
    expect(logged).not.toContain('ana@example.org');
    expect(logged).not.toContain('Ana Notifier');
  });

  it('gives up on an address the SMTP server refuses, and says so in the delivery log', async () => {
    const bounced = await noticeOnPost(2, 'bounce@example.org', '192.0.2.50');
    await decide(bounced.caseId, 'no_violation', 'No threat: a quotation from a film.');
    const tally = await rig.docket.webhooks.deliverDue();
    expect(tally.failed).toBe(1);
    const log = (await rig.docket.webhooks.deliveries('lumen', 10)).filter((d) => d.transport === 'email');
    expect(log.filter((d) => d.state === 'failed')).toEqual([
      expect.objectContaining({ type: 'content_notice.outcome', error: expect.stringContaining('no such mailbox') }),
    ]);
  });

  it('retries e-mail the SMTP server puts off, after the outbox’s backoff', async () => {
    const { ref, caseId: laterCase } = await noticeOnPost(3, 'later@example.org', '192.0.2.60');
    await decide(laterCase, 'remove', 'A threat of violence against a named neighbour.');
    const toLater = () => smtp.mails.filter((m) => m.to.includes('later@example.org'));
    const emailLog = async () =>
      (await rig.docket.webhooks.deliveries('lumen', 100)).filter((d) => d.purpose?.includes(ref));
    await rig.docket.webhooks.deliverDue();
    expect(toLater()).toHaveLength(0);
    expect((await emailLog())[0]).toMatchObject({ state: 'retrying', error: expect.stringContaining('451') });
    await rig.docket.webhooks.deliverDue(); // not due again before the backoff
    expect(await emailLog()).toHaveLength(1);
    rig.clock.advance(31_000);
    await rig.docket.webhooks.deliverDue();
    expect(toLater()).toHaveLength(1);
    expect((await emailLog()).map((d) => [d.attempt, d.state])).toEqual([
      [2, 'delivered'],
      [1, 'delivered'],
    ]);
  });

  it('takes the public form’s plain HTML post, also from a signed-in browser, and marks problems under their fields', async () => {
    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      rig.app.inject({
        method: 'POST',
        url: '/notices',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        remoteAddress: '192.0.2.90',
      });
    const before = await rig.written();
    const refused = await form({ location: 'https://lumen.example/p/1', goodFaith: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('id="notice-explanation" name="explanation" aria-invalid="true"');
    expect(refused.body).toContain('value="https://lumen.example/p/1"');
    expect(await rig.written()).toBe(before);

    const session = await rig.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'mod1', password: 'mod1 password!' },
    });
    const cookie = `docket_session=${session.cookies.find((c) => c.name === 'docket_session')?.value ?? ''}`;
    const sent = await form(
      {
        location: 'https://lumen.example/p/1',
        policyId: 'violence-incitement',
        explanation: 'A threat against a journalist, sent through the form.',
        name: 'Form Notifier',
        email: 'form@example.org',
        goodFaith: 'yes',
        website: '',
      },
      { cookie },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.body).toMatch(/Your reference: <span class="ref">N-\d{8}-[0-9A-Z]{8}<\/span>/);
    const link = /href="(http[^"]+\/notices\/status\/[^"]+)"/.exec(sent.body)?.[1] as string;
    const page = await rig.app.inject({ method: 'GET', url: new URL(link).pathname });
    expect(page.statusCode).toBe(200);
    // The content's case was decided above and the notice brings no new policy: it is told that decision at once.
    expect(page.body).toContain('<dd class="state">Decided</dd>');
    expect(page.body).toContain('The content was removed.');
  });

  it('refuses on the form’s address any body but a form, writing nothing (JSON whose values are not text answered 500)', async () => {
    const before = await rig.written();
    for (const [type, payload] of [
      ['application/json', JSON.stringify({ location: 1, explanation: ['x'], policyId: {}, goodFaith: 'yes' })],
      ['application/json', JSON.stringify({ ...notice, goodFaith: 'yes' })],
      ['text/plain', 'location=https://lumen.example/p/1&goodFaith=yes'],
    ] as const) {
      const refused = await rig.app.inject({
        method: 'POST',
        url: '/notices',
        headers: { 'content-type': type },
        payload,
        remoteAddress: '192.0.2.91',
      });
      expect(refused.statusCode, `${type} ${payload}: ${refused.body}`).toBe(415);
    }
    expect(await rig.written()).toBe(before);
  });

  it('refuses a form that gives a field twice, naming it, instead of keeping the last value given', async () => {
    const before = await rig.written();
    const fields = new URLSearchParams({
      location: 'https://lumen.example/p/1',
      policyId: 'violence-incitement',
      explanation: 'A threat against a journalist, sent through the form.',
      name: 'Form Notifier',
      email: 'form@example.org',
      goodFaith: 'yes',
    });
    fields.append('name', 'Someone Else');
    const refused = await rig.app.inject({
      method: 'POST',
      url: '/notices',
      payload: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '192.0.2.92',
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.body).toContain('gives &quot;name&quot; more than once');
    expect(await rig.written()).toBe(before);
  });

  describe('spam defences, as on public comments', () => {
    it('lets one sender file five notices an hour, then answers 429 with Retry-After', async () => {
      const ip = '192.0.2.77';
      for (let n = 0; n < 5; n += 1) expect((await file(notice, ip)).statusCode).toBe(201);
      const before = await rig.written();
      const sixth = await file(notice, ip);
      expect(sixth.statusCode).toBe(429);
      expect(problemOf(sixth).code).toBe('rate_limited');
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
      expect(await rig.written()).toBe(before);
    });
  });
});
