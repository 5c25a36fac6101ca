import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvents } from '../src/core/event-log.js';
import type { MessageTemplateList } from '../src/moderation/message-contract.js';
import type { ComplaintView } from '../src/moderation/complaint-contract.js';
import type { NoticeReceipt, NoticeStatus } from '../src/moderation/notice-contract.js';
import { contentNotices } from '../src/moderation/notice-tables.js';
import { decisions, notices } from '../src/moderation/tables.js';
import type { StatementOfReasons } from '../src/moderation/contract.js';
import { outbox } from '../src/webhooks/tables.js';
import { problemOf } from './http.js';
import { openModerationRig, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

const RESULT = 'notifier.outcome.result';

describeEachStore('messages in the recipient’s language, from templates policy staff keep', (kind) => {
  let rig: ModerationRig;
  let n = 0;

  /** Content the platform pushed in `language`, a notice on it, and the case decided `remove`. */
  async function noticeDecided(
    language: string,
    options: { notifierLanguage?: string; acceptLanguage?: string; authorLanguage?: string } = {},
  ): Promise<{
    status: NoticeStatus;
    ref: string;
    caseId: string;
    decisionId: string;
    token: string;
    receipt: string;
    mail: { subject: string; text: string };
  }> {
    n += 1;
    const location = `https://lumen.example/m/${n}`;
    if (options.authorLanguage) {
      const account = { externalId: `author-${n}`, kind: 'account', language: options.authorLanguage };
      expect((await rig.push('/api/subjects', account)).statusCode).toBeLessThan(300);
    }
    const pushed = await rig.push('/api/subjects', {
      externalId: `m-${n}`,
      kind: 'content',
      contentType: 'text',
      body: 'Threatening words.',
      url: location,
      language,
      authorExternalId: `author-${n}`,
    });
    expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    const filed = await rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      remoteAddress: `203.0.113.${n}`,
      headers: options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {},
      payload: {
        location,
        explanation: 'It threatens a named journalist with a beating at her home.',
        policyId: 'violence-incitement',
        name: 'Ana Notifier',
        email: `ana${n}@example.org`,
        goodFaith: true,
        ...(options.notifierLanguage ? { language: options.notifierLanguage } : {}),
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const receipt = filed.json<NoticeReceipt>();
    const [row] = await rig.docket.store.db
      .select({ caseId: contentNotices.caseId, id: contentNotices.id })
      .from(contentNotices)
      .where(eq(contentNotices.ref, receipt.ref));
    const caseId = row?.caseId as string;
    expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
    const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      outcome: 'remove',
      facts: 'A threat of violence against a named journalist.',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const status = await rig.app.inject({ method: 'GET', url: `/api/public${new URL(receipt.statusUrl).pathname}` });
    expect(status.statusCode, status.body).toBe(200);
    const [mail] = await rig.docket.store.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.type, 'content_notice.outcome'), eq(outbox.groupRef, row?.id as string)));
    return {
      status: status.json<NoticeStatus>(),
      ref: receipt.ref,
      caseId,
      decisionId: decided.json<{ decisionId: string }>().decisionId,
      token: new URL(receipt.statusUrl).pathname.split('/').pop() as string,
      receipt: receipt.message,
      mail: mail?.payload as { subject: string; text: string },
    };
  }

  /** The summary of the statement of reasons the affected user was sent with the case's decision. */
  const summaryOf = async (caseId: string): Promise<string> => {
    const [row] = await rig.docket.store.db
      .select({ statement: notices.statement })
      .from(notices)
      .innerJoin(decisions, eq(decisions.id, notices.decisionId))
      .where(eq(decisions.caseId, caseId));
    return (row?.statement as StatementOfReasons).summary;
  };

  beforeAll(async () => {
    // An SMTP address makes the notifier's e-mail go to the outbox; the test reads it there, not from a server.
    rig = await openModerationRig(kind, { smtp: { url: 'smtp://127.0.0.1:9', from: 'docket@lumen.example' } });
  });
  afterAll(async () => rig?.close());

  it('lists every message with its arguments and its template in each shipped language, to policy staff only', async () => {
    const listed = await rig.policy.request('GET', '/api/message-templates');
    expect(listed.statusCode, listed.body).toBe(200);
    const list = listed.json<MessageTemplateList>();
    expect(list.languages.map((l) => l.code)).toEqual(['en', 'fr', 'de', 'es']);
    const result = list.messages.find((m) => m.key === RESULT);
    expect(result?.arguments).toEqual([
      expect.objectContaining({ name: 'outcome', kind: 'select', values: expect.arrayContaining(['remove']) }),
    ]);
    expect(result?.templates.find((t) => t.language === 'fr')).toMatchObject({
      overridden: false,
      updatedBy: null,
      preview: expect.stringContaining('Aucune mesure'),
    });
    expect((await rig.moderator.request('GET', '/api/message-templates')).statusCode).toBe(403);
  });

  it('refuses a template that is not ICU MessageFormat or uses an unknown argument, naming /text, and writes nothing', async () => {
    const before = await rig.written();
    const broken = problemOf(
      await rig.policy.request('PUT', `/api/message-templates/${RESULT}/en`, { text: '{outcome, select, remove {x}' }),
    );
    expect(broken).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ field: '/text' }] });
    const unknown = problemOf(
      await rig.policy.request('PUT', '/api/message-templates/notifier.outcome.subject/de', {
        text: 'Ihre Meldung {ref} vom {receivedOn}',
      }),
    );
    expect(unknown.errors?.[0]).toMatchObject({ field: '/text', message: expect.stringContaining('{receivedOn}') });
    const noKey = await rig.policy.request('PUT', '/api/message-templates/no.such.message/en', { text: 'Hello' });
    expect(problemOf(noKey).status).toBe(404);
    const noLanguage = await rig.policy.request('PUT', `/api/message-templates/${RESULT}/it`, { text: 'Ciao' });
    expect(problemOf(noLanguage).status).toBe(404);
    const moderator = await rig.moderator.request('PUT', `/api/message-templates/${RESULT}/en`, { text: 'Hello' });
    expect(moderator.statusCode).toBe(403);
    expect(await rig.written()).toBe(before);
  });

  it('sends the next notice’s outcome from the template policy staff saved, then from the default once reverted', async () => {
    const text =
      '{outcome, select, remove {We took the content down: it broke the rules.} other {We looked into it: {outcome}.}}';
    const saved = await rig.policy.request('PUT', `/api/message-templates/${RESULT}/en`, { text });
    expect(saved.statusCode, saved.body).toBe(204);
    const listed = (await rig.policy.request('GET', '/api/message-templates')).json<MessageTemplateList>();
    expect(listed.messages.find((m) => m.key === RESULT)?.templates[0]).toMatchObject({
      language: 'en',
      text,
      overridden: true,
      updatedBy: 'policy1',
    });

    const edited = await noticeDecided('en');
    expect(edited.status.language).toBe('en');
    expect(edited.status.outcome?.text).toBe('We took the content down: it broke the rules.');
    expect(edited.mail.text).toContain('We took the content down: it broke the rules.');

    expect((await rig.policy.request('DELETE', `/api/message-templates/${RESULT}/en`)).statusCode).toBe(204);
    expect(problemOf(await rig.policy.request('DELETE', `/api/message-templates/${RESULT}/en`)).status).toBe(404);
    const reverted = await noticeDecided('en');
    expect(reverted.status.outcome?.text).toBe('The content was removed.');

    const { entries } = await readEvents(rig.docket.store.db, { after: 0, limit: 5_000 });
    const changes = entries.filter((e) => e.type.startsWith('message_template.'));
    expect(changes.map((e) => [e.type, e.stream])).toEqual([
      ['message_template.saved', `message-template/${RESULT}/en`],
      ['message_template.reverted', `message-template/${RESULT}/en`],
    ]);
  });

  it('tells the notifier and the affected user of French content in French, unless their own language is known', async () => {
    const french = await noticeDecided('fr');
    expect(french.status.language).toBe('fr');
    expect(french.receipt).toBe(
      `Merci : votre notification a bien été reçue sous la référence ${french.ref}. Conservez le lien de suivi : il indique où en est votre notification et, une fois la décision prise, son issue et les moyens de la contester.`,
    );
    expect(french.status.outcome?.text).toBe('Le contenu a été retiré.');
    expect(french.status.redress.map((r) => r.title)).toEqual([
      'Demander le réexamen de la décision',
      'Règlement extrajudiciaire des litiges',
      'Juridiction',
    ]);
    expect(french.mail.subject).toBe(`Votre notification ${french.ref} : décision prise`);
    expect(french.mail.text).toContain('organe de règlement extrajudiciaire des litiges certifié');
    expect(await summaryOf(french.caseId)).toMatch(/^Nous avons retiré votre contenu\. Motif : /);

    const fromBrowser = await noticeDecided('fr', { acceptLanguage: 'de-AT, de;q=0.9, en;q=0.5' });
    expect(fromBrowser.status.language).toBe('de');
    expect(fromBrowser.receipt).toMatch(/^Vielen Dank: Ihre Meldung ist unter der Referenznummer N-/);
    expect(fromBrowser.mail.subject).toBe(`Ihre Meldung ${fromBrowser.ref}: Entscheidung getroffen`);
    expect(await summaryOf(fromBrowser.caseId)).toMatch(/^Nous avons retiré votre contenu\./);

    const germanAuthor = await noticeDecided('fr', { authorLanguage: 'de' });
    expect(germanAuthor.status.language).toBe('fr');
    expect(await summaryOf(germanAuthor.caseId)).toMatch(/^Wir haben Ihren Inhalt entfernt\. Grund: /);

    const chosen = await noticeDecided('fr', { notifierLanguage: 'es', acceptLanguage: 'de' });
    expect(chosen.status.outcome?.text).toBe('El contenido ha sido retirado.');
    const unshipped = await noticeDecided('pl', { acceptLanguage: 'it' });
    expect(unshipped.status.language).toBe('en');
  });

  it('shows each complainant the complaint page in their language: a notifier in theirs, the affected user in the content’s', async () => {
    const { token, decisionId } = await noticeDecided('fr', { acceptLanguage: 'es-ES, es;q=0.9' });
    const notifierView = await rig.app.inject({ method: 'GET', url: `/api/public/complaints/${token}` });
    expect(notifierView.statusCode, notifierView.body).toBe(200);
    expect(notifierView.json<ComplaintView>()).toMatchObject({
      language: 'es',
      decision: { text: 'El contenido ha sido retirado.' },
    });
    const link = await rig.push(`/api/decisions/${decisionId}/complaint-link`, {});
    expect(link.statusCode, link.body).toBe(201);
    const userToken = new URL(link.json<{ url: string }>().url).pathname.split('/').pop() as string;
    const complained = await rig.app.inject({
      method: 'POST',
      url: `/api/public/complaints/${userToken}`,
      payload: { statement: 'Je citais un article de presse, sans menacer personne.' },
    });
    expect(complained.statusCode, complained.body).toBe(201);
    expect(complained.json<ComplaintView>()).toMatchObject({
      language: 'fr',
      complaint: { state: 'received', stateText: expect.stringMatching(/^Reçue : votre réclamation attend/) },
    });
    const userPage = await rig.app.inject({ method: 'GET', url: `/complaints/${userToken}` });
    expect(userPage.statusCode, userPage.body).toBe(200);
    expect(userPage.body).toContain('<div lang="fr"><p>Le contenu a été retiré.</p></div>');
    expect(userPage.body).toContain('lang="fr">Reçue : votre réclamation');
  });

  it('takes the language the notifier chooses on the public form over their browser’s, and answers the receipt in it', async () => {
    n += 1;
    const location = `https://lumen.example/m/${n}`;
    expect((await rig.push('/api/subjects', { externalId: `m-${n}`, kind: 'content', url: location })).statusCode).toBe(
      201,
    );
    const fields = {
      location,
      policyId: 'violence-incitement',
      explanation: 'Es droht einer Journalistin mit Gewalt vor ihrer Wohnung.',
      name: 'Jonas Melder',
      email: 'jonas@example.org',
      goodFaith: 'yes',
      language: 'de',
    };
    const page = await rig.app.inject({
      method: 'POST',
      url: '/notices',
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
      remoteAddress: '192.0.2.91',
    });
    expect(page.statusCode, page.body).toBe(201);
    expect(page.body).toContain('Vielen Dank: Ihre Meldung ist unter der Referenznummer N-');
    const form = await rig.app.inject({ method: 'GET', url: '/notices/new' });
    expect(form.body).toContain('<option value="es">Español</option>');
  });

  it('uses a French template policy staff saved for French recipients only', async () => {
    const saved = await rig.policy.request('PUT', '/api/message-templates/redress.court.title/fr', {
      text: 'Tribunal',
    });
    expect(saved.statusCode, saved.body).toBe(204);
    const french = await noticeDecided('fr');
    expect(french.status.redress[2]?.title).toBe('Tribunal');
    const german = await noticeDecided('de');
    expect(german.status.redress[2]?.title).toBe('Gericht');
  });
});
