import type { Docket } from '../../app.js';
import { isDocketError, type DocketError, type FieldError } from '../../core/errors.js';
import type { App } from '../../http/types.js';
import type { MisuseStanding } from '../../moderation/misuse-reads.js';
import { day, html, paragraphs } from './html.js';
import { notFoundPage, page, sendPage } from './layout.js';
import { formPosts } from './form-posts.js';

const STATE_TEXT: Record<MisuseStanding['measures'][number]['state'], string> = {
  warning: 'Warning',
  in_force: 'Suspended',
  ended: 'Suspension ended',
  lifted: 'Suspension lifted on review',
};

/**
 * The measures against misuse (EU DSA Art. 23) taken against a notifier, on the public site through their notice's
 * status link: each warning and suspension with its reasons and end, and a form to contest a suspension in force. A
 * plain HTML form that works without JavaScript; the JSON API is /api/public/misuse/{token}, with the same rules.
 */
export async function misusePages(app: App, docket: Docket): Promise<void> {
  const tokenOf = (request: { params: unknown }) => (request.params as { token: string }).token;
  const gone = () =>
    notFoundPage('This status link opens no notice. Check that it was copied whole.', {
      path: '/notices/new',
      label: 'File a notice',
    });

  app.get(
    '/misuse/:token',
    { schema: { hide: true }, config: { limit: 'read', page: true } },
    async (request, reply) => {
      const token = tokenOf(request);
      try {
        return sendPage(reply, misusePage(token, await docket.misuse.standing(token), { statement: '', errors: [] }));
      } catch (error) {
        if (!isDocketError(error) || error.code !== 'not_found') throw error;
        return sendPage(reply, gone(), 404);
      }
    },
  );

  await formPosts(app, (scope) => {
    // No session: the status link is the notifier's authority, as for their complaint.
    scope.post(
      '/misuse/:token',
      { schema: { hide: true }, config: { limit: 'notice', csrfExempt: true, page: true } },
      async (request, reply) => {
        const token = tokenOf(request);
        const statement = ((request.body ?? {}) as Record<string, string | undefined>).statement ?? '';
        try {
          const standing = await docket.misuse.appealByLink(token, { statement });
          return sendPage(reply, misusePage(token, standing, { statement: '', errors: [], filed: true }), 201);
        } catch (error) {
          if (!isDocketError(error)) throw error;
          if (error.code === 'not_found') return sendPage(reply, gone(), 404);
          if (error.code !== 'validation_failed' && error.code !== 'conflict') throw error;
          const standing = await docket.misuse.standing(token);
          const errors = error.code === 'validation_failed' ? error.fields : [];
          return sendPage(
            reply,
            misusePage(token, standing, { statement, errors, refused: error.code === 'conflict' ? error : undefined }),
            error.status,
          );
        }
      },
    );
  });
}

export function misusePage(
  token: string,
  standing: MisuseStanding,
  form: { statement: string; errors: readonly FieldError[]; filed?: boolean; refused?: DocketError | undefined },
): string {
  const problem = form.errors.find((e) => e.field === '/statement') ?? form.errors[0];
  return page({
    title: 'Measures against misuse',
    body: html`<h1>Measures against misuse</h1>
<p>Warnings and suspensions taken against you for manifestly unfounded notices or complaints (EU Digital Services Act, Art. 23).</p>
${form.filed ? html`<p role="status"><strong>Thank you: your appeal was received.</strong> A person reviews it; this page shows the outcome.</p>` : ''}
${form.refused ? html`<p role="alert" class="refusal">${form.refused.message.charAt(0).toUpperCase()}${form.refused.message.slice(1)}.</p>` : ''}
${
  standing.measures.length === 0
    ? html`<p>No measure has been taken against you.</p>`
    : html`<ul class="measures">${standing.measures.map(
        (
          m,
        ) => html`<li data-state="${m.state}"><strong>${STATE_TEXT[m.state]}</strong>, ${day(m.startsAt)}${m.endsAt ? html` until ${m.endsAt.slice(0, 16).replace('T', ' ')} UTC` : ''}
${paragraphs(m.reason)}
${m.appeal ? html`<p class="muted">You contested it on ${day(m.appeal.appealedAt)}.</p>` : ''}
${m.review ? html`<p>Reviewed on ${day(m.review.reviewedAt)}: ${m.review.result === 'lifted' ? 'lifted' : 'it stands'}. ${m.review.reason}</p>` : ''}</li>`,
      )}</ul>`
}
${
  standing.mayAppeal
    ? html`<section aria-labelledby="appeal-title">
<h2 id="appeal-title">Contest the suspension</h2>
<p>Free of charge. A person reviews it and may lift it.</p>
${problem ? html`<section class="errors" role="alert"><h3>The appeal was not sent</h3><p>${problem.message}</p></section>` : ''}
<form method="post" action="/misuse/${token}" aria-label="Contest the suspension" novalidate>
<div class="field">
<label for="misuse-statement">Why should the suspension be lifted?</label>
<textarea id="misuse-statement" name="statement" rows="6" maxlength="5000" required${problem ? html` aria-invalid="true"` : ''}>${form.statement}</textarea>
</div>
<p><button type="submit">Send appeal</button></p>
</form>
</section>`
    : ''
}`,
  });
}
