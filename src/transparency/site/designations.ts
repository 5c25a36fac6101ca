import { countryLabel, type CountryLabeller } from '../../core/countries.js';
import { REVIEW_DAYS } from '../../crisis/contract.js';
import { time } from './form-controls.js';
import { html, paragraphs, type Html } from './html.js';
import { page } from './layout.js';
import { plainReasons } from './designation-reasons.js';
import { DESIGNATION_KIND, FIGURE_ROLE, RESTRICTION_STATUS, TIER_LENGTHS, tierLabel } from './labels.js';
import type { PublicRecords } from './records.js';

type Designations = Awaited<ReturnType<PublicRecords['designations']>>;
type Designation = Designations['current'][number];
type Restriction = Designations['restrictions'][number];

/**
 * The crisis designations in force, with their reasons and next review, and those that have ended; then the
 * public figures whose accounts were restricted under the protocol those designations open.
 */
export function designationsPage(list: Designations, now: Date, label: CountryLabeller = countryLabel): string {
  return page({
    title: 'Crisis designations',
    section: '/designations',
    description: 'Countries under a crisis designation, why, and when each is reviewed.',
    body: html`<h1>Crisis designations</h1>
<p class="lead">A designation marks a country where the risk of offline harm is high: reports from it rank higher in the review queue, and the public-figure protocol applies there: a leader who incites or celebrates violence can have their account restricted. An <strong>acute crisis</strong> is a sudden spike in violence or unrest and is reviewed every ${REVIEW_DAYS.acute} days; a <strong>chronic risk</strong> is a continuing threat, reviewed every ${REVIEW_DAYS.chronic} days.</p>
<h2>In force (${list.current.length})</h2>
${list.current.length === 0 ? html`<p class="empty">No country is under a crisis designation.</p>` : list.current.map((d) => current(d, now, label))}
<h2>Ended (${list.past.length})</h2>
${list.past.length === 0 ? html`<p class="empty">No designation has ended yet.</p>` : past(list.past, label)}
<h2 id="restrictions">Public figures restricted under the protocol (${list.restrictions.length})</h2>
<p>Where a country is designated, a head of state or government, minister, legislator, candidate or official whose post incites or celebrates violence has their account restricted for a fixed time set by the severity tier (${TIER_LENGTHS}), moving up a tier for each earlier restriction. At the end the restriction is reviewed: lifted if the risk has receded, otherwise extended by the tier's length with published reasons. A review left undone lets it lapse: no restriction is open-ended.</p>
${list.restrictions.length === 0 ? html`<p class="empty">No public figure's account has been restricted under the protocol.</p>` : restrictions(list.restrictions, label)}`,
  });
}

function current(d: Designation, now: Date, label: CountryLabeller): Html {
  const reviewDue = d.reviewAt !== null && Date.parse(d.reviewAt) < now.getTime();
  const id = `${d.iso3}-${d.kind}`;
  return html`<article class="card" aria-labelledby="${id}">
<h3 id="${id}">${label(d.iso3)}: ${DESIGNATION_KIND[d.kind]}</h3>
<dl class="facts">
<dt>Country</dt><dd>${label(d.iso3)} (${d.iso3})</dd>
<dt>Kind</dt><dd>${DESIGNATION_KIND[d.kind]}</dd>
<dt>In force since</dt><dd>${time(d.since)}</dd>
<dt>Next review</dt><dd>${time(d.reviewAt)}${reviewDue ? html` <span class="tag warn">Review due</span>` : ''}</dd>
</dl>
<h4>Reasons</h4>
${reasonsOf(d, label)}
${d.approvalNote ? html`<h4>Why it was approved</h4>${paragraphs(d.approvalNote)}` : ''}
</article>`;
}

/**
 * The reasons in plain sentences, with the detector's own statement (its counts, baselines and thresholds) behind a
 * "Details" toggle; reasons a person wrote are shown as written.
 */
function reasonsOf(d: Designation, label: CountryLabeller): Html {
  const plain = plainReasons(d.reasons, label(d.iso3), d.kind);
  if (!plain) return paragraphs(d.reasons);
  return html`${plain.map((sentence) => html`<p>${sentence}</p>`)}
<details><summary>Details</summary><p class="muted">The detector's finding, as recorded:</p>${paragraphs(d.reasons)}</details>`;
}

function past(list: Designation[], label: CountryLabeller): Html {
  return html`<table>
<caption class="visually-hidden">Designations that have ended</caption>
<thead><tr><th scope="col">Country</th><th scope="col">Kind</th><th scope="col">From</th><th scope="col">Ended</th><th scope="col">Reasons</th></tr></thead>
<tbody>${list.map(
    (d) =>
      html`<tr><th scope="row">${label(d.iso3)}</th><td>${DESIGNATION_KIND[d.kind]}</td><td>${time(d.since)}</td><td>${time(d.endedAt)}</td><td>${reasonsOf(d, label)}${d.approvalNote ? html`<p class="muted">Approved because: ${d.approvalNote}</p>` : ''}</td></tr>`,
  )}</tbody>
</table>`;
}

function restrictions(list: Restriction[], label: CountryLabeller): Html {
  return html`<table>
<caption class="visually-hidden">Public figures' accounts restricted under the protocol</caption>
<thead><tr><th scope="col">Public figure</th><th scope="col">Country</th><th scope="col">Restriction</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">Status</th><th scope="col">Reasons</th></tr></thead>
<tbody>${list.map(
    (r) =>
      html`<tr><th scope="row">${r.name}<br><span class="muted">${FIGURE_ROLE[r.role]} · ${r.platform}</span></th><td>${r.country ? label(r.country) : '–'}</td><td>${tierLabel(r.tier)}<br><span class="muted">under a ${DESIGNATION_KIND[r.context].toLowerCase()} designation</span></td><td>${time(r.startsAt)}</td><td>${time(r.closedAt ?? r.endsAt)}</td><td>${r.status === 'active' ? RESTRICTION_STATUS.active : html`<span class="tag${r.status === 'lapsed' || r.status === 'review_due' ? ' warn' : ''}">${RESTRICTION_STATUS[r.status]}</span>`}</td><td>${paragraphs(r.reason)}</td></tr>`,
  )}</tbody>
</table>`;
}
