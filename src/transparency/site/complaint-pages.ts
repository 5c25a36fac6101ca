import type { Docket } from '../../app.js';
import { isDocketError, type DocketError, type FieldError } from '../../core/errors.js';
import type { App } from '../../http/types.js';
import type { ComplaintView } from '../../moderation/complaint-reads.js';
import { html, paragraphs } from './html.js';
import { page, sendPage } from './layout.js';
import { formPosts } from './form-posts.js';

/** What a link's holder is refused with a page: the link opens nothing, has expired, or has nothing to complain of. */
const REFUSED_AS_PAGE = new Set(['not_found', 'link_expired', 'conflict', 'complaint_window_closed']);

/**
 * The complaint page of the public site (EU DSA Art. 20): the decision a complaint link names, a statement box and
 * submit, then the complaint's status on the same link. A plain HTML form that works without JavaScript; the JSON
 * API is /api/public/complaints/{token}, with the same rules.
 */
export async function complaintPages(app: App, docket: Docket): Promise<void> {
  const tokenOf = (request: { params: unknown }) => (request.params as { token: string }).token;

  app.get(
    '/complaints/:token',
    { schema: { hide: true }, config: { limit: 'read', page: true } },
    async (request, reply) => {
      const token = tokenOf(request);
      try {
        return sendPage(
          reply,
          complaintPage(token, await docket.complaints.view(token), { statement: '', errors: [] }),
        );
      } catch (error) {
        if (!isDocketError(error) || !REFUSED_AS_PAGE.has(error.code)) throw error;
        return sendPage(reply, refusedPage(error), error.status);
      }
    },
  );

  await formPosts(app, (scope) => {
    // No session is used: the capability link is the complainant's authority, as the notice form needs none.
    scope.post(
      '/complaints/:token',
      { schema: { hide: true }, config: { limit: 'notice', csrfExempt: true, page: true } },
      async (request, reply) => {
        const token = tokenOf(request);
        const statement = ((request.body ?? {}) as Record<string, string | undefined>).statement ?? '';
        try {
          const view = await docket.complaints.file(token, { statement });
          return sendPage(reply, complaintPage(token, view, { statement: '', errors: [], filed: true }), 201);
        } catch (error) {
          if (!isDocketError(error)) throw error;
          if (error.code === 'validation_failed') {
            const view = await docket.complaints.view(token);
            return sendPage(reply, complaintPage(token, view, { statement, errors: error.fields }), 400);
          }
          if (!REFUSED_AS_PAGE.has(error.code)) throw error;
          return sendPage(reply, refusedPage(error), error.status);
        }
      },
    );
  });
}

const day = (iso: string): string => iso.slice(0, 10);

function refusedPage(error: DocketError): string {
  const title = error.code === 'link_expired' ? 'This link has expired' : 'No complaint can be filed here';
  return page({
    title,
    body: html`<h1>${title}</h1>
<p role="alert" class="refusal">${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.</p>
<p><a href="/">Docket home page</a></p>`,
  });
}

export function complaintPage(
  token: string,
  view: ComplaintView,
  form: { statement: string; errors: readonly FieldError[]; filed?: boolean },
): string {
  const { decision, complaint } = view;
  const problem = form.errors.find((e) => e.field === '/statement') ?? form.errors[0];
  const whose =
    view.complainant === 'notifier'
      ? html`<p>You sent notice <span class="ref">${view.noticeRef ?? ''}</span>. You may ask for the decision on it to be reviewed by a person.</p>`
      : html`<p>This decision concerns your content or account. You may ask for it to be reviewed by a person.</p>`;
  return page({
    title: 'Complaint about a decision',
    body: html`<h1>Complaint about a decision</h1>
${whose}
<section aria-labelledby="decision-title">
<h2 id="decision-title">The decision</h2>
<div lang="${view.language}">${paragraphs(decision.text)}</div>
<dl class="facts">
<dt>Policy</dt><dd>${decision.policyTitle}${decision.sectionTitle ? html`: ${decision.sectionTitle}` : ''}</dd>
<dt>Decided on</dt><dd>${day(decision.decidedAt)}</dd>
<dt>You were told on</dt><dd>${day(decision.informedAt)}</dd>
</dl>
<h3>Facts and reasons given</h3>
${paragraphs(decision.facts)}
</section>
${
  complaint
    ? html`<section aria-labelledby="complaint-title" role="status">
<h2 id="complaint-title">Your complaint</h2>
${form.filed ? html`<p><strong>Thank you: your complaint was received.</strong></p>` : ''}
<p class="complaint-state" data-state="${complaint.state}" lang="${view.language}">${complaint.stateText}</p>
<p class="muted">Filed on ${day(complaint.filedAt)}${complaint.decidedAt ? html`, decided on ${day(complaint.decidedAt)}` : ''}.</p>
<blockquote>${complaint.statement}</blockquote>
${complaint.reason ? html`<h3>The reviewer's reasons</h3>${paragraphs(complaint.reason)}` : ''}
</section>`
    : ''
}
${
  view.mayComplain
    ? html`<section aria-labelledby="complain-title">
<h2 id="complain-title">Complain about this decision</h2>
<p>Free of charge, until ${day(view.deadline)} (EU Digital Services Act, Art. 20). A person other than the one who took the decision reviews it, never by automated means alone, and you can follow it on this page.</p>
${problem ? html`<section class="errors" role="alert"><h3>The complaint was not sent</h3><p>${problem.message}</p></section>` : ''}
<form method="post" action="/complaints/${token}" aria-label="Complaint" novalidate>
<div class="field">
<label for="complaint-statement">Why should the decision be reviewed?</label>
<p class="muted" id="statement-hint">Say what you think is wrong with the decision. Up to 5,000 characters.</p>
<textarea id="complaint-statement" name="statement" rows="6" maxlength="5000" required aria-describedby="statement-hint${problem ? ' statement-error' : ''}"${problem ? html` aria-invalid="true"` : ''}>${form.statement}</textarea>
${problem ? html`<p class="field-error" id="statement-error">${problem.message}</p>` : ''}
</div>
<p><button type="submit">Send complaint</button></p>
</form>
</section>`
    : !complaint && view.why
      ? html`<p class="refusal">No complaint can be filed here: ${view.why}.</p>`
      : ''
}`,
  });
}
