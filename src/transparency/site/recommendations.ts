import {
  ASSESSMENTS,
  groupRecommendations,
  RESPONSE_CATEGORIES,
  type RecommendationGroup,
} from '../../board/contract.js';
import { countryLabel, type CountryLabeller } from '../../core/countries.js';
import type { FieldError } from '../../core/errors.js';
import { responseStateTag } from './decisions.js';
import type { TrackerFilter } from '../../board/tracker-reads.js';
import { queryString, RESPONSE_STATES } from './filters.js';
import { countryChoices, errorSummary, searchForm, selectField, time } from './form-controls.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { ASSESSMENT, REQUIRED_OUTCOME, RESPONSE, RESPONSE_STATE } from './labels.js';
import type { PublicRecords } from './records.js';
import type { ObligationState } from '../../board/tracker-reads.js';

type Tracker = Awaited<ReturnType<PublicRecords['tracker']>>;
type Choices = Awaited<ReturnType<PublicRecords['trackerChoices']>>;

const FIELD_LABELS: Record<string, string> = {
  state: 'Response state',
  category: 'Response',
  assessment: "Board's assessment",
  case: 'Case',
  country: 'Country',
};

export interface TrackerPageInput {
  filter: Partial<TrackerFilter>;
  errors: FieldError[];
  /** Null when the search could not run. */
  tracker: Tracker | null;
  choices: Choices;
  country?: CountryLabeller;
}

/**
 * Every recommendation the board made, the platform's latest answer and the board's latest assessment, and the
 * binding decisions' implementation. What is late is marked in words, not only in colour.
 */
export function trackerPage(input: TrackerPageInput): string {
  const { filter, tracker } = input;
  const label = input.country ?? countryLabel;
  const form = searchForm('/recommendations', 'Filter recommendations', [
    selectField(
      'state',
      'Response state',
      RESPONSE_STATES.map((s) => ({ value: s, label: RESPONSE_STATE[s] })),
      filter.state,
    ),
    selectField(
      'category',
      'Response',
      [
        ...RESPONSE_CATEGORIES.map((c) => ({ value: c, label: RESPONSE[c] })),
        { value: 'none', label: 'No response yet' },
      ],
      filter.category,
    ),
    selectField(
      'assessment',
      "Board's assessment",
      [...ASSESSMENTS.map((a) => ({ value: a, label: ASSESSMENT[a] })), { value: 'none', label: 'Not assessed yet' }],
      filter.assessment,
    ),
    selectField(
      'case',
      'Case',
      input.choices.cases.map((c) => ({ value: c.ref, label: c.ref })),
      filter.case,
    ),
    selectField('country', 'Country', countryChoices(input.choices.countries, label), filter.country),
  ]);
  return page({
    title: 'Recommendation tracker',
    section: '/recommendations',
    description:
      "Every recommendation of the oversight board, the platform's public answer and whether it was implemented.",
    body: html`<h1>Recommendation tracker</h1>
<p class="lead">The board's recommendations do not bind the platform, but it must answer each one publicly within 60 days of the decision. The board then assesses whether it was implemented. Its binding decisions must be carried out within 7 days.</p>
${tracker ? counts(tracker.counts, filter) : ''}
${form}
${errorSummary(input.errors, FIELD_LABELS)}
${tracker ? html`${recommendationTable(tracker.recommendations, filter, label)}${obligationTable(tracker.obligations)}` : ''}`,
  });
}

const scopeOf = (filter: Partial<TrackerFilter>) => ({ case: filter.case, country: filter.country });

function counts(c: Tracker['counts'], filter: Partial<TrackerFilter>): Html {
  const link = (extra: Partial<TrackerFilter>) => `/recommendations${queryString({ ...scopeOf(filter), ...extra })}`;
  const card = (n: number, label: string, href: string | null, tone = '') =>
    html`<li${tone ? html` class="${tone}"` : ''}>${href ? html`<a href="${href}"><span class="count">${n}</span>${label}</a>` : html`<span class="count">${n}</span>${label}`}</li>`;
  const obligationsOverdue = c.obligations.overdue;
  return html`<h2 class="visually-hidden">Status</h2>
<ul class="cards" aria-label="Recommendations by status">
${card(c.recommendations, c.recommendations === 1 ? 'recommendation' : 'recommendations', link({}))}
${card(c.byState.awaiting, 'awaiting a response', link({ state: 'awaiting' }))}
${card(c.byState.overdue, 'response overdue', link({ state: 'overdue' }), c.byState.overdue > 0 ? 'alert' : '')}
${card(c.byState.answered, 'answered on time', link({ state: 'answered' }))}
${card(c.byState.answered_late, 'answered late', link({ state: 'answered_late' }))}
${RESPONSE_CATEGORIES.map((k) => card(c.byCategory[k], RESPONSE[k].toLowerCase(), link({ category: k })))}
${card(c.byAssessment.implemented, 'implemented, as the board assessed', link({ assessment: 'implemented' }))}
${card(c.closed, 'closed by the board', null)}
${card(obligationsOverdue, obligationsOverdue === 1 ? 'binding decision overdue' : 'binding decisions overdue', '#implementation', obligationsOverdue > 0 ? 'alert' : '')}
</ul>`;
}

/** The headings of the board's recommendation groups, as its decisions publish them. */
export const RECOMMENDATION_GROUP: Record<RecommendationGroup, string> = {
  policy: 'Policy',
  enforcement: 'Enforcement',
  transparency: 'Transparency',
};

function recommendationTable(
  recs: Tracker['recommendations'],
  filter: Partial<TrackerFilter>,
  label: CountryLabeller,
): Html {
  const searched = Object.values(filter).some((v) => v !== undefined);
  if (recs.length === 0) {
    return html`<h2>Recommendations</h2><p class="empty">${searched ? 'No recommendation matches these filters.' : 'The board has not published recommendations yet.'}${searched ? html` <a href="/recommendations">Show every recommendation.</a>` : ''}</p>`;
  }
  return html`<h2>Recommendations</h2>
<p class="muted">${recs.length === 1 ? '1 recommendation' : `${recs.length} recommendations`}${searched ? ' match' : ''}, by group (policy, enforcement, transparency), newest first in each.</p>
${groupRecommendations(recs).map(({ group, recommendations }) => groupTable(group, recommendations, label))}`;
}

/** One group's recommendations: its heading says the group and how many it holds. */
function groupTable(group: RecommendationGroup | null, recs: Tracker['recommendations'], label: CountryLabeller): Html {
  const name = group ? `${RECOMMENDATION_GROUP[group]} recommendations` : 'Recommendations without a group';
  return html`<h3 id="group-${group ?? 'none'}">${name} <span class="muted">(${recs.length})</span></h3>
<table class="tracker">
<caption class="visually-hidden">${name}, their responses and assessments</caption>
<thead><tr><th scope="col">Recommendation</th><th scope="col">Case</th><th scope="col">Text</th><th scope="col">Platform's response</th><th scope="col">Board's assessment</th><th scope="col">Response due</th><th scope="col">State</th></tr></thead>
<tbody>${recs.map(
    (r) => html`<tr${r.responseState === 'overdue' ? html` class="overdue"` : ''}>
<th scope="row" class="ref"><a href="/decisions/${r.caseRef}#${r.ref}">${r.ref}</a></th>
<td class="ref"><a href="/decisions/${r.caseRef}">${r.caseRef}</a>${r.country ? html`<br><span class="muted">${label(r.country)}</span>` : ''}</td>
<td>${r.text}</td>
<td>${r.latestResponse ? html`${RESPONSE[r.latestResponse]}${r.responses.length > 1 ? html`<br><span class="muted">${r.responses.length} responses</span>` : ''}` : html`<span class="muted">None yet</span>`}</td>
<td>${r.latestAssessment ? ASSESSMENT[r.latestAssessment] : html`<span class="muted">Not assessed</span>`}${r.closed ? html`<br><span class="tag">Closed</span>` : ''}</td>
<td>${time(r.responseDueAt)}</td>
<td>${responseStateTag(r.responseState)}</td>
</tr>`,
  )}</tbody>
</table>`;
}

const OBLIGATION_TAG: Record<ObligationState, { tone: string; label: string }> = {
  overdue: { tone: 'alert', label: 'Overdue' },
  open: { tone: 'warn', label: 'Open' },
  implemented: { tone: 'ok', label: 'Implemented on time' },
  implemented_late: { tone: 'warn', label: 'Implemented late' },
};

function obligationTable(list: Tracker['obligations']): Html {
  const body =
    list.length === 0
      ? html`<p class="empty">No binding decision to implement here.</p>`
      : html`<table>
<caption class="visually-hidden">Binding decisions and their implementation</caption>
<thead><tr><th scope="col">Case</th><th scope="col">Required</th><th scope="col">Due</th><th scope="col">State</th><th scope="col">Implemented</th><th scope="col">Identical content</th></tr></thead>
<tbody>${list.map((o) => {
          const tag = OBLIGATION_TAG[o.state];
          // An overdue implementation is marked like an overdue response; one still within its 7 days, as open.
          const marked = o.state === 'overdue' || o.state === 'open' ? o.state : null;
          return html`<tr${marked ? html` class="${marked}"` : ''}>
<th scope="row"><a href="/decisions/${o.caseRef}">${o.caseRef}</a><br><span class="muted">${o.caseTitle}</span></th>
<td>${REQUIRED_OUTCOME[o.requiredOutcome]}</td>
<td>${time(o.dueAt)}</td>
<td><span class="tag ${tag.tone}">${tag.label}</span></td>
<td>${time(o.implementedAt)}</td>
<td>${o.sweepMatched === null ? html`<span class="muted">—</span>` : html`${o.sweepMatched} found, ${o.sweepActioned ?? 0} acted on`}</td>
</tr>`;
        })}</tbody>
</table>`;
  return html`<h2 id="implementation">Binding decisions: implementation within 7 days</h2>${body}`;
}
