import type { DisputeBody } from '../../disputes/contract.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

const REGION = new Intl.DisplayNames(['en'], { type: 'region' });
const LANGUAGE = new Intl.DisplayNames(['en'], { type: 'language' });
const named = (names: Intl.DisplayNames, code: string) => {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
};

const STATUS: Record<DisputeBody['status'], string> = {
  certified: 'Certified',
  suspended: 'Certification suspended',
  revoked: 'Certification revoked',
};

/**
 * The register of certified out-of-court dispute settlement bodies (EU DSA Art. 21): where a user whose content or
 * account was acted on, or a person whose notice was decided, can take the decision after (or instead of) an internal
 * appeal. The redress in each statement of reasons points here.
 */
export function disputeBodiesPage(bodies: readonly DisputeBody[]): string {
  const current = bodies.filter((b) => b.certifiedNow);
  const other = bodies.filter((b) => !b.certifiedNow);
  return page({
    title: 'Out-of-court dispute settlement',
    section: '/dispute-bodies',
    description: 'The certified out-of-court dispute settlement bodies that can review a moderation decision.',
    body: html`<h1>Out-of-court dispute settlement</h1>
<p class="lead">If you disagree with a decision about your content or account, or about something you reported, you may take it to an out-of-court dispute settlement body certified by a Digital Services Coordinator of an EU Member State (EU Digital Services Act, Art. 21). You can do so whether or not you appealed inside the platform, and you keep the right to go to court.</p>
<p>The body's decision is not binding, but the platform engages with it in good faith, and when the body decides in your favour the platform changes its decision and pays the body's fees and your reasonable expenses. If the body decides for the platform, you pay nothing of the platform's costs unless the body finds you acted in manifest bad faith. A body charges you nothing, or only a nominal fee.</p>
<h2>Certified bodies (${current.length})</h2>
${current.length === 0 ? html`<p class="empty">No certified body is in the register yet.</p>` : current.map(card)}
${other.length === 0 ? '' : html`<h2>No longer certified (${other.length})</h2><p class="muted">Bodies whose certification ended, was suspended or was revoked: disputes cannot be brought to them now.</p>${other.map(card)}`}`,
  });
}

function card(b: DisputeBody): Html {
  const id = `body-${b.id}`;
  return html`<article class="card" aria-labelledby="${id}">
<h3 id="${id}">${b.name}</h3>
<dl class="facts">
<dt>Certified by</dt><dd>${b.coordinator}, ${named(REGION, b.memberState)}</dd>
<dt>Status</dt><dd>${b.certifiedNow ? STATUS.certified : html`<span class="tag warn">${b.status === 'certified' ? 'Certification expired' : STATUS[b.status]}</span>`}</dd>
<dt>Certified</dt><dd>from ${b.certifiedOn}${b.certifiedUntil ? html` until ${b.certifiedUntil}` : ''}</dd>
<dt>Areas</dt><dd>${b.areas.join(', ')}</dd>
<dt>Languages</dt><dd>${b.languages.map((l) => named(LANGUAGE, l)).join(', ')}</dd>
<dt>Website</dt><dd><a href="${b.website}" rel="external">${b.website}</a></dd>
</dl>
</article>`;
}
