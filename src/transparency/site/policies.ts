import type { ContentOutcome } from '../../core/outcomes.js';
import type { PolicySection, PolicyVersion as PolicyVersionView } from '../../policy/contract.js';
import { time } from './form-controls.js';
import { html, paragraphs, type Html } from './html.js';
import { page } from './layout.js';

const OUTCOME: Record<ContentOutcome, string> = {
  no_violation: 'no violation',
  remove: 'remove',
  warning_screen: 'warning screen',
  keep_newsworthy: 'keep as newsworthy',
  restrict_visibility: 'restrict visibility',
};

/** The policy library: the current version of every policy, with its sections, and a link to its history. */
export function policiesPage(current: readonly PolicyVersionView[]): string {
  return page({
    title: 'Policy library',
    section: '/policies',
    description: 'The rules every moderation decision cites, with each version since the first.',
    body: html`<h1>Policy library</h1>
<p class="lead">The rules every moderation decision cites. Each section has a severity from 1 (least) to 5 (gravest); a decision names the section and the version it applied, and earlier versions stay published.</p>
${
  current.length === 0
    ? html`<p class="empty">No policy is published yet.</p>`
    : current.map(
        (p) => html`<article class="card" aria-labelledby="policy-${p.policyId}">
<h2 id="policy-${p.policyId}"><a href="/policies/${p.policyId}">${p.title}</a></h2>
<p>${p.summary}</p>
<p class="muted">Version ${p.version}, published ${time(p.publishedAt)} · <a href="/policies/${p.policyId}" aria-label="Version history of ${p.title}">Version history</a></p>
${sectionTable(p.sections, p.title)}
</article>`,
      )
}`,
  });
}

/** One policy's versions, newest first, each whole: what changed, its summary and its sections. */
export function policyPage(versions: readonly PolicyVersionView[]): string {
  const [latest] = versions;
  if (!latest) throw new Error('a policy has at least one version');
  return page({
    title: latest.title,
    section: '/policies',
    description: `${latest.title}: ${latest.summary}`,
    body: html`<p><a href="/policies">Policy library</a></p>
<h1>${latest.title}</h1>
<p class="lead">${latest.summary}</p>
<h2>History</h2>
<ol class="history" aria-label="History of ${latest.title}" reversed>${versions.map(
      (v) => html`<li><a href="#v${v.version}">Version ${v.version}</a>, ${time(v.publishedAt)}: ${v.changeNote}</li>`,
    )}</ol>
${versions.map(
  (v) => html`<section class="card" aria-labelledby="v${v.version}">
<h2 id="v${v.version}">Version ${v.version}${v === latest ? html` <span class="tag ok">Current</span>` : ''}</h2>
<dl class="facts"><dt>Published</dt><dd>${time(v.publishedAt)}</dd><dt>What changed</dt><dd>${v.changeNote}</dd>${v.title !== latest.title ? html`<dt>Title</dt><dd>${v.title}</dd>` : ''}</dl>
${paragraphs(v.summary)}
${sectionTable(v.sections, `${v.title}, version ${v.version}`)}
</section>`,
)}`,
  });
}

function sectionTable(sections: readonly PolicySection[], of: string): Html {
  return html`<table class="sections">
<caption class="visually-hidden">Sections of ${of}</caption>
<thead><tr><th scope="col">Section</th><th scope="col" class="num">Severity</th><th scope="col">What it covers</th><th scope="col">Decisions allowed</th></tr></thead>
<tbody>${sections.map(
    (s) =>
      html`<tr><th scope="row">${s.title}<br><code>${s.id}</code></th><td class="num">${s.severity} of 5${s.severe ? html`<br><span class="tag alert">Severe</span>` : ''}</td><td>${s.text}${s.severe ? html`<br><span class="muted">A breach disables the account at once, without the strike ladder.</span>` : ''}</td><td>${s.allowedOutcomes.map((o, i) => html`${i > 0 ? ', ' : ''}${OUTCOME[o] ?? o}`)}</td></tr>`,
  )}</tbody>
</table>`;
}
