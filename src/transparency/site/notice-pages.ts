import type { Docket } from '../../app.js';
import { isDocketError, type FieldError } from '../../core/errors.js';
import { HONEYPOT_FIELD } from '../../core/public-forms.js';
import type { App } from '../../http/types.js';
import type { NoticeBody, NoticeReceipt, NoticeStatus } from '../../moderation/notice-reads.js';
import { LANGUAGE_NAMES, MESSAGE_LANGUAGES } from '../../moderation/notice-reads.js';
import { html, paragraphs, type Html } from './html.js';
import { formPosts } from './form-posts.js';
import { notFoundPage, page, sendPage } from './layout.js';

/** The form's fields as sent: every value text, a ticked box `yes`. */
type FormFields = Record<string, string | undefined>;

/** What the form answers with its page: problems under their fields, the sender's allowance, an Art. 23 suspension. */
const FORM_REFUSALS = new Set<string>(['validation_failed', 'rate_limited', 'suspended_for_misuse']);

const LABELS: Record<string, string> = {
  '/location': 'Address (URL) of the content',
  '/policyId': 'What kind of problem is it?',
  '/explanation': 'Why is it illegal, or against the policy?',
  '/legalReference': 'The law it breaks (optional)',
  '/name': 'Your name',
  '/email': 'Your e-mail address',
  '/goodFaith': 'Statement of good faith',
  '/childSexualAbuse': 'Child sexual abuse material',
  [`/${HONEYPOT_FIELD}`]: 'Leave this field empty',
  '/language': 'Language of our answers',
};

/** The form's text as a notice: a ticked box is true, an empty field absent. */
export function noticeOfForm(fields: FormFields): NoticeBody {
  const text = (name: string) => {
    const value = fields[name];
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    location: text('location'),
    explanation: text('explanation'),
    policyId: text('policyId'),
    legalReference: text('legalReference'),
    childSexualAbuse: fields.childSexualAbuse === 'yes',
    name: text('name'),
    email: text('email'),
    goodFaith: fields.goodFaith === 'yes',
    language: text('language'),
    website: text(HONEYPOT_FIELD),
  };
}

/**
 * The notice form, the receipt and the status page of the public site: plain HTML forms that work without
 * JavaScript. The form posts `application/x-www-form-urlencoded`, which this scope alone reads; the JSON API is
 * POST /api/public/notices, with the same rules and limits.
 */
export async function noticePages(app: App, docket: Docket): Promise<void> {
  const policies = async () =>
    (await docket.publicReads.policies()).map((p) => ({ value: p.policyId, label: p.title }));

  app.get('/notices/new', { schema: { hide: true }, config: { limit: 'read', page: true } }, async (_request, reply) =>
    sendPage(reply, noticeFormPage({ policies: await policies(), fields: {}, errors: [] })),
  );

  await formPosts(app, (scope) => {
    // No session is used: the CSRF token guards what a signed-in user may do, and filing a notice is open to anyone.
    scope.post(
      '/notices',
      { schema: { hide: true }, config: { limit: 'notice', csrfExempt: true, page: true } },
      async (request, reply) => {
        const fields = (request.body ?? {}) as FormFields;
        try {
          const receipt = await docket.notices.file(
            noticeOfForm(fields),
            request.ip,
            originOf(request),
            undefined,
            request.headers['accept-language'],
          );
          return sendPage(reply, receiptPage(receipt), 201);
        } catch (error) {
          if (!isDocketError(error) || !FORM_REFUSALS.has(error.code)) throw error;
          if (error.retryAfterSeconds !== undefined)
            reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
          const errors = error.fields.length > 0 ? error.fields : [{ field: '', message: error.message }];
          return sendPage(
            reply,
            noticeFormPage({ policies: await policies(), fields, errors }),
            error.code === 'validation_failed' ? 400 : error.status,
          );
        }
      },
    );
  });

  app.get(
    '/notices/status/:token',
    { schema: { hide: true }, config: { limit: 'read', page: true } },
    async (request, reply) => {
      try {
        const token = (request.params as { token: string }).token;
        const status = await docket.notices.status(token);
        const misuse = await docket.misuse.standing(token);
        return sendPage(reply, statusPage(status, token, misuse.measures.length > 0));
      } catch (error) {
        if (!isDocketError(error) || error.code !== 'not_found') throw error;
        return sendPage(
          reply,
          notFoundPage('This status link opens no notice. Check that it was copied whole.', {
            path: '/notices/new',
            label: 'File a notice',
          }),
          404,
        );
      }
    },
  );
}

const originOf = (request: { protocol: string; host: string }): string => `${request.protocol}://${request.host}`;

/** A field of the form: its label, the control, and its problem under it (the control then marked invalid). */
function field(name: string, control: (attributes: Html) => Html, errors: readonly FieldError[], hint?: string): Html {
  const problem = errors.find((e) => e.field === `/${name}`);
  const described = [hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ');
  const attributes = html` id="notice-${name}" name="${name}"${problem ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
  return html`<div class="field">
<label for="notice-${name}">${LABELS[`/${name}`] ?? name}</label>
${hint ? html`<p class="muted" id="${name}-hint">${hint}</p>` : ''}
${control(attributes)}
${problem ? html`<p class="field-error" id="${name}-error">${problem.message}</p>` : ''}
</div>`;
}

function checkbox(name: string, label: string, fields: FormFields, errors: readonly FieldError[]): Html {
  const problem = errors.find((e) => e.field === `/${name}`);
  return html`<div class="field">
<label class="check"><input type="checkbox" name="${name}" value="yes"${fields[name] === 'yes' ? html` checked` : ''}${problem ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}> ${label}</label>
${problem ? html`<p class="field-error" id="${name}-error">${problem.message}</p>` : ''}
</div>`;
}

export function noticeFormPage(options: {
  policies: readonly { value: string; label: string }[];
  fields: FormFields;
  errors: readonly FieldError[];
}): string {
  const { policies, fields, errors } = options;
  const value = (name: string) => fields[name] ?? '';
  const summary =
    errors.length === 0
      ? html``
      : html`<section class="errors" role="alert" aria-labelledby="errors-title">
<h2 id="errors-title">The notice was not sent: please correct the marked fields</h2>
<ul>${errors.map((e) => html`<li>${e.field ? html`<a href="#notice-${e.field.slice(1)}">${LABELS[e.field] ?? e.field}</a>: ` : ''}${e.message}</li>`)}</ul>
</section>`;
  return page({
    title: 'Report illegal or harmful content',
    description: 'File a notice of content you believe is illegal or against the policies (EU DSA Art. 16).',
    body: html`<h1>Report illegal or harmful content</h1>
<p>Tell us about content you believe is illegal or breaks the policies. You get a reference and a status link at once; once the content is decided on, the status page shows the outcome and how to contest it.</p>
${summary}
<form method="post" action="/notices" class="notice-form" aria-label="Notice of content" novalidate>
${field('location', (a) => html`<input type="url"${a} value="${value('location')}" maxlength="2000" required>`, errors, 'The exact address of the post, video or account, e.g. https://…')}
${field(
  'policyId',
  (a) =>
    html`<select${a} required><option value="">Choose…</option>${policies.map((p) => html`<option value="${p.value}"${p.value === value('policyId') ? html` selected` : ''}>${p.label}</option>`)}</select>`,
  errors,
)}
${field('explanation', (a) => html`<textarea${a} rows="6" maxlength="5000" required>${value('explanation')}</textarea>`, errors, 'Explain why you believe it is illegal or against the policy. 20 to 5,000 characters.')}
${field('legalReference', (a) => html`<input type="text"${a} value="${value('legalReference')}" maxlength="500">`, errors, 'e.g. the article of a law of your country')}
${checkbox('childSexualAbuse', 'The notice concerns child sexual abuse material (then your name and e-mail are optional)', fields, errors)}
${field('name', (a) => html`<input type="text"${a} value="${value('name')}" maxlength="200" autocomplete="name">`, errors)}
${field('email', (a) => html`<input type="email"${a} value="${value('email')}" maxlength="320" autocomplete="email">`, errors, 'We write to you here when the content is decided on. Never published or shown to the person concerned.')}
${field('language', (a) => html`<select${a}><option value="">The language of your browser</option>${MESSAGE_LANGUAGES.map((l) => html`<option value="${l}"${l === value('language') ? html` selected` : ''}>${LANGUAGE_NAMES[l]}</option>`)}</select>`, errors, 'The receipt, the outcome and how to contest it are written in this language.')}
<div class="visually-hidden" aria-hidden="true"><label>${LABELS[`/${HONEYPOT_FIELD}`]}<input type="text" name="${HONEYPOT_FIELD}" value="" tabindex="-1" autocomplete="off"></label></div>
${checkbox('goodFaith', 'I believe in good faith that the information and allegations in this notice are accurate and complete.', fields, errors)}
<p><button type="submit">Send notice</button></p>
</form>`,
  });
}

export function receiptPage(receipt: NoticeReceipt): string {
  return page({
    title: `Notice ${receipt.ref} received`,
    body: html`<h1>Notice received</h1>
<section role="status" aria-labelledby="receipt-title">
<h2 id="receipt-title">Your reference: <span class="ref">${receipt.ref}</span></h2>
<p>${receipt.message}</p>
<p>Received ${receipt.receivedAt.slice(0, 16).replace('T', ' ')} UTC.</p>
${receipt.confirmationRequested ? html`<p class="muted">We did not know this content yet: we have asked the platform to confirm it.</p>` : ''}
<p><strong>Your status link</strong> (keep it: it is shown only this once, and anyone who has it can see your notice):</p>
<p><a class="status-link" href="${receipt.statusUrl}">${receipt.statusUrl}</a></p>
</section>`,
  });
}

export function statusPage(status: NoticeStatus, token: string, measures = false): string {
  const outcome = status.outcome;
  return page({
    title: `Notice ${status.ref}`,
    body: html`<h1>Notice ${status.ref}</h1>
<dl class="facts">
<dt>Received</dt><dd>${status.receivedAt.slice(0, 10)}</dd>
<dt>Content</dt><dd><code>${status.location}</code></dd>
<dt>Kind of problem</dt><dd>${status.policyTitle}</dd>
<dt>State</dt><dd class="state">${status.state === 'decided' ? 'Decided' : 'Received: being reviewed'}</dd>
</dl>
${
  outcome
    ? html`<section aria-labelledby="outcome-title">
<h2 id="outcome-title">The outcome</h2>
<div lang="${status.language}">${paragraphs(outcome.text)}</div>
<p class="muted">Decided on ${outcome.decidedAt.slice(0, 10)}.</p>
</section>
<section aria-labelledby="redress-title">
<h2 id="redress-title">If you disagree</h2>
<ul class="redress" lang="${status.language}">${status.redress.map((r) => html`<li><strong>${r.title}.</strong> ${r.text}</li>`)}</ul>
<p><a class="complain" href="/complaints/${token}">Complain about this decision, or follow your complaint</a></p>
</section>`
    : html`<p>Your notice is being reviewed. This page shows the outcome once it is decided, and how to contest it.</p>`
}
${measures ? html`<p><a class="misuse" href="/misuse/${token}">Measures against misuse taken against you, and how to contest them</a></p>` : ''}`,
  });
}
