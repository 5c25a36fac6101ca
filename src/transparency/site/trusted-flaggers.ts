import type { TrustedFlagger } from '../../moderation/flagger-reads.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

const REGION = new Intl.DisplayNames(['en'], { type: 'region' });
const memberStateName = (code: string) => {
  try {
    return REGION.of(code) ?? code;
  } catch {
    return code;
  }
};

const STATUS: Record<TrustedFlagger['status'], string> = {
  active: 'Active',
  suspended: 'Suspended',
  revoked: 'Revoked',
};

/**
 * The register of trusted flaggers (EU DSA Art. 22): entities a Digital Services Coordinator awarded the status for
 * their expertise, whose notices are decided with priority. Their accuracy is on the statistics page.
 */
export function trustedFlaggersPage(flaggers: readonly TrustedFlagger[]): string {
  const active = flaggers.filter((f) => f.status === 'active');
  const other = flaggers.filter((f) => f.status !== 'active');
  return page({
    title: 'Trusted flaggers',
    section: '/trusted-flaggers',
    description: 'The trusted flaggers whose notices are decided with priority, and their status.',
    body: html`<h1>Trusted flaggers</h1>
<p class="lead">A trusted flagger is an organisation that the Digital Services Coordinator of an EU Member State has recognised for its expertise in detecting illegal content (EU Digital Services Act, Art. 22). Its notices are decided with priority: in the review queue they carry a priority factor, which the reviewer sees among the reasons for the case's place.</p>
<p>How accurate each flagger's notices were, the share of its decided notices on which action was taken, is on the <a href="/statistics#trusted-flaggers">statistics page</a>. Anyone else can <a href="/notices/new">report content</a> too.</p>
<h2>Active (${active.length})</h2>
${active.length === 0 ? html`<p class="empty">No trusted flagger is in the register yet.</p>` : active.map(card)}
${other.length === 0 ? '' : html`<h2>Suspended or revoked (${other.length})</h2><p class="muted">Their notices are taken as anyone's, without priority.</p>${other.map(card)}`}`,
  });
}

function card(f: TrustedFlagger): Html {
  const id = `flagger-${f.id}`;
  return html`<article class="card" aria-labelledby="${id}">
<h3 id="${id}">${f.name}</h3>
<dl class="facts">
<dt>Awarded by</dt><dd>the Digital Services Coordinator of ${memberStateName(f.memberState)}, on ${f.awardedOn}</dd>
<dt>Status</dt><dd>${f.status === 'active' ? html`${STATUS.active} since ${f.statusSince}` : html`<span class="tag warn">${STATUS[f.status]}</span> since ${f.statusSince}`}${f.statusReason ? html`: ${f.statusReason}` : ''}</dd>
<dt>Areas of expertise</dt><dd>${f.areas.map((a) => a.label).join(', ')}</dd>
<dt>Contact</dt><dd><a href="mailto:${f.contactEmail}">${f.contactEmail}</a>${f.website ? html` · <a href="${f.website}" rel="external">${f.website}</a>` : ''}</dd>
</dl>
</article>`;
}
