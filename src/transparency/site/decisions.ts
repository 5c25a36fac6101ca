import type { createBoardReads } from '../../board/reads.js';
import { countryLabel, type CountryLabeller } from '../../core/countries.js';
import type { FieldError } from '../../core/errors.js';
import {
  countryChoices,
  errorSummary,
  inputField,
  searchForm,
  selectField,
  time,
  type Choice,
} from './form-controls.js';
import { html, paragraphs, type Html } from './html.js';
import { page } from './layout.js';
import type { RecordedEntry } from '../public-log/reads.js';
import {
  ASSESSMENT,
  BOARD_OUTCOMES,
  CASE_KIND,
  CASE_STATUS,
  OUTCOME,
  REQUIRED_OUTCOME,
  RESPONSE,
  RESPONSE_STATE,
  TRACK,
  VOTE,
  type BoardOutcome,
} from './labels.js';
import { queryString, type DecisionFilter } from './filters.js';

type BoardReads = ReturnType<typeof createBoardReads>;
type PublicCases = Awaited<ReturnType<BoardReads['publicCases']>>;
type PublicCase = Awaited<ReturnType<BoardReads['publicCase']>>;
type Listed = PublicCases['cases'][number];

const FIELD_LABELS: Record<string, string> = {
  q: 'Words in the title',
  country: 'Country',
  policy: 'Policy',
  outcome: 'Outcome',
  from: 'Published from',
  to: 'Published to',
  page: 'Page',
};

export interface DecisionsPageInput {
  filter: Partial<DecisionFilter>;
  errors: FieldError[];
  /** Null when the search could not run. */
  result: PublicCases | null;
  countries: string[];
  policies: Choice[];
  country?: CountryLabeller;
}

/** The board's decisions, searchable with a GET form: a search is a link that can be shared. */
export function decisionsPage(input: DecisionsPageInput): string {
  const { filter, result } = input;
  const label = input.country ?? countryLabel;
  const form = searchForm('/decisions', 'Search board decisions', [
    inputField('q', 'Words in the title', 'search', filter.q, { maxlength: 200 }),
    selectField('country', 'Country', countryChoices(input.countries, label), filter.country),
    selectField('policy', 'Policy', input.policies, filter.policy),
    selectField(
      'outcome',
      'Outcome',
      BOARD_OUTCOMES.map((o) => ({ value: o, label: OUTCOME[o] })),
      filter.outcome,
    ),
    inputField('from', 'Published from', 'date', filter.from),
    inputField('to', 'Published to', 'date', filter.to),
  ]);
  return page({
    title: 'Board decisions',
    section: '/decisions',
    description:
      "The oversight board's cases and decisions, with their reasoning, separate opinions, public comments and recommendations.",
    body: html`<h1>Board decisions</h1>
<p class="lead">The cases the independent oversight board took: those under deliberation and those decided, with the full decision, the separate opinions, the public comments, what the platform had to do and the board's recommendations.</p>
${form}
${errorSummary(input.errors, FIELD_LABELS)}
${result ? results(result, filter, label) : ''}`,
  });
}

function results(result: PublicCases, filter: Partial<DecisionFilter>, label: CountryLabeller): Html {
  if (result.total === 0) {
    return html`<p class="empty">No case matches this search.${queryString(searchOf(filter)) ? html` <a href="/decisions">Show every case.</a>` : ''}</p>`;
  }
  if (result.cases.length === 0) {
    return html`<p class="empty">There is no page ${result.page} of this search: it finds ${result.total === 1 ? '1 case' : `${result.total} cases`}. <a href="/decisions${queryString(searchOf(filter))}">Back to the first page.</a></p>`;
  }
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.cases.length - 1;
  return html`<p class="muted">${result.total === 1 ? '1 case matches' : `${result.total} cases match`}${result.total > result.pageSize ? `; ${first} to ${last} shown` : ''}.</p>
<table>
<caption class="visually-hidden">Board cases, newest first</caption>
<thead><tr><th scope="col">Case</th><th scope="col">Title</th><th scope="col">Country</th><th scope="col">Policy</th><th scope="col">Outcome</th><th scope="col">Date</th><th scope="col" class="num">Recommendations</th></tr></thead>
<tbody>${result.cases.map((c) => row(c, label))}</tbody>
</table>
${pager(result, filter)}`;
}

function row(c: Listed, label: CountryLabeller): Html {
  return html`<tr>
<td class="ref"><a href="/decisions/${c.ref}">${c.ref}</a></td>
<td>${c.title}<br><span class="muted">${CASE_KIND[c.kind]}</span>${c.question ? html`<br><span class="question">Question: ${c.question}</span>` : ''}</td>
<td>${c.country ? label(c.country) : html`<span class="muted">—</span>`}</td>
<td>${c.policy ? html`<a href="/policies/${c.policy.id}">${c.policy.title ?? c.policy.id}</a>` : html`<span class="muted">—</span>`}</td>
<td>${outcomeTag(c.status, c.outcome)}${c.summary ? html` <span class="tag">Summary decision</span>` : ''}</td>
<td>${c.publishedAt ? html`${time(c.publishedAt)}<br><span class="muted">published</span>` : html`${time(c.selectedAt)}<br><span class="muted">selected</span>`}</td>
<td class="num">${c.recommendations}</td>
</tr>`;
}

function outcomeTag(status: string, outcome: string | null): Html {
  if (status === 'decided' && outcome) return html`<span class="tag ok">${OUTCOME[outcome as BoardOutcome]}</span>`;
  return html`<span class="tag warn">${CASE_STATUS[status as keyof typeof CASE_STATUS] ?? status}</span>`;
}

const searchOf = (filter: Partial<DecisionFilter>) => ({
  q: filter.q,
  country: filter.country,
  policy: filter.policy,
  outcome: filter.outcome,
  from: filter.from,
  to: filter.to,
});

function pager(result: PublicCases, filter: Partial<DecisionFilter>): Html {
  const pages = Math.ceil(result.total / result.pageSize);
  if (pages <= 1) return html``;
  const link = (n: number, label: string, rel: string) =>
    html`<a href="/decisions${queryString({ ...searchOf(filter), page: n })}" rel="${rel}">${label}</a>`;
  return html`<nav class="pager" aria-label="Pages">${result.page > 1 ? link(result.page - 1, 'Newer cases', 'prev') : ''}<span>Page ${result.page} of ${pages}</span>${result.page < pages ? link(result.page + 1, 'Older cases', 'next') : ''}</nav>`;
}

/** Where each published part of a case sits in the public log, by case or recommendation ref. */
export type RecordIndex = ReadonlyMap<string, readonly RecordedEntry[]>;

/** A link to the public log entry that published this (the n-th entry of its type about `stream`), if there is one. */
function recorded(index: RecordIndex, stream: string, type: string, n = 0): Html {
  const entry = index.get(stream)?.filter((e) => e.type === type)[n];
  if (!entry) return html``;
  return html` <a class="record" href="/public/log?after=${entry.seq - 1}&amp;limit=1" title="SHA-256 ${entry.hash}">public log #${entry.seq}</a>`;
}

/** One case as the public sees it: the facts, the decision, what the platform owes, the recommendations, the comments. */
export function decisionPage(
  c: PublicCase,
  now: Date,
  index: RecordIndex = new Map(),
  label: CountryLabeller = countryLabel,
): string {
  const late = c.status === 'selected' && c.decisionDueAt !== null && Date.parse(c.decisionDueAt) < now.getTime();
  return page({
    title: `${c.ref}: ${c.title}`,
    section: '/decisions',
    description: `Oversight board case ${c.ref}: ${c.title}`,
    body: html`<p><a href="/decisions">All board decisions</a></p>
<h1>${c.title}</h1>
<p class="lead">${c.ref} · ${CASE_KIND[c.kind]} · ${outcomeTag(c.status, c.decision?.outcome ?? null)}</p>
${c.question ? html`<h2>The question put to the board</h2><blockquote class="question">${paragraphs(c.question)}</blockquote>` : ''}
${facts(c, late, label)}
${comments(c)}
${c.decision ? decided(c, index) : html`<h2>Decision</h2><p class="empty">The board has not decided this case yet.${c.decisionDueAt && c.status === 'selected' ? html` Its decision is due by ${time(c.decisionDueAt)}.` : ''}</p>`}`,
  });
}

function facts(c: PublicCase, late: boolean, label: CountryLabeller): Html {
  const item = (term: string, value: Html | string | null | undefined) =>
    value ? html`<dt>${term}</dt><dd>${value}</dd>` : '';
  return html`<dl class="facts">
${item('Case', c.ref)}
${item('Kind', CASE_KIND[c.kind])}
${item('Track', TRACK[c.track])}
${item('Country', c.country ? label(c.country) : 'none')}
${item('Policy', c.policy ? html`<a href="/policies/${c.policy.id}">${c.policy.title ?? c.policy.id}</a>` : 'none (a policy question)')}
${item('Status', CASE_STATUS[c.status as keyof typeof CASE_STATUS])}
${item('Selected', c.selectedAt ? time(c.selectedAt) : null)}
${c.commentsClosedEarly ? item('Public comments closed early', c.commentsCloseAt ? time(c.commentsCloseAt) : null) : item('Public comments until', c.commentsCloseAt ? time(c.commentsCloseAt) : null)}
${item('Decision due', c.status === 'selected' && c.decisionDueAt ? html`${time(c.decisionDueAt)}${late ? html` <span class="tag alert">Overdue</span>` : ''}` : null)}
${item('Decision published', c.decision?.publishedAt ? time(c.decision.publishedAt) : null)}
</dl>`;
}

function comments(c: PublicCase): Html {
  if (c.commentsOpen) {
    return html`<p class="card">Public comments are open until ${time(c.commentsCloseAt)}. <a class="button" href="/board/cases/${c.ref}/comment">Send a public comment</a></p>`;
  }
  if (c.status === 'platform_reversed') {
    return html`<p class="muted">After the board selected this case, the platform reversed its own decision. The board may confirm it in a short summary decision.</p>`;
  }
  if (c.commentsClosedEarly && c.commentsCloseAt) {
    return html`<p class="muted">Public comments closed early on ${time(c.commentsCloseAt)}: ${c.commentsClosedEarlyReason ?? ''}${c.decision ? '' : ' The board publishes the comments it received with its decision.'}</p>`;
  }
  if (!c.decision)
    return html`<p class="muted">Public comments are closed. The board publishes the comments it received with its decision.</p>`;
  return html``;
}

function decided(c: PublicCase & { decision: NonNullable<PublicCase['decision']> }, index: RecordIndex): Html {
  const d = c.decision;
  const votes = Object.entries(d.votes ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const list = 'comments' in c ? c : null;
  return html`<h2>Decision</h2>
<p><span class="tag ok">${d.outcome ? OUTCOME[d.outcome] : ''}</span>${d.summary ? html` <span class="tag">Summary decision, after the platform reversed itself</span>` : ''}${recorded(index, c.ref, 'board.decision')}</p>
<div class="decision-text">${paragraphs(d.text ?? '')}</div>
${
  votes.length
    ? html`<h3>Votes of the panel</h3><p>${votes.map(([vote, n], i) => html`${i > 0 ? ' · ' : ''}${VOTE[vote as BoardOutcome] ?? vote}: <strong>${n}</strong>`)}</p>`
    : d.summary
      ? html`<p class="muted">A summary decision is published without a panel vote.</p>`
      : d.voteSplitPublished === false
        ? html`<p>Approved by a majority of the board. The board did not publish the vote split.</p>`
        : ''
}
${
  d.separateOpinions.length
    ? html`<h3>Separate opinions</h3>${d.separateOpinions.map((o) => html`<figure class="quote"><figcaption><strong>${o.position === 'dissenting' ? 'Dissenting opinion' : 'Concurring opinion'}</strong> (members are not named)</figcaption>${paragraphs(o.text ?? '')}</figure>`)}`
    : ''
}
${list ? obligation(list.obligation, index, c.ref) : ''}
${list ? recommendationList(list.recommendations, index) : ''}
${list ? commentList(list.comments) : ''}`;
}

type Decided = Extract<PublicCase, { comments: unknown }>;

function obligation(o: Decided['obligation'], index: RecordIndex, ref: string): Html {
  if (!o) return html``;
  // The public view's `overdue` is: past due while open, or implemented after the due date.
  const tag =
    o.status === 'open'
      ? o.overdue
        ? html`<span class="tag alert">Overdue</span>`
        : html`<span class="tag warn">Open</span>`
      : o.overdue
        ? html`<span class="tag warn">Implemented late</span>`
        : html`<span class="tag ok">Implemented on time</span>`;
  return html`<h2>What the platform must do</h2>
<div class="card${o.status === 'open' && o.overdue ? ' overdue' : ''}">
<p>The decision binds the platform: it must act on the content within 7 days, and on identical content with parallel context where it can.</p>
<dl class="facts">
<dt>Required</dt><dd>${REQUIRED_OUTCOME[o.requiredOutcome]}</dd>
<dt>Due</dt><dd>${time(o.dueAt)}</dd>
<dt>Status</dt><dd>${tag}${o.implementedAt ? html` on ${time(o.implementedAt)}` : ''}${recorded(index, ref, 'board.implementation')}</dd>
<dt>Identical content</dt><dd>${o.sweepMatched === null ? html`<span class="muted">not swept yet</span>` : html`${o.sweepMatched} found, ${o.sweepActioned ?? 0} acted on`}</dd>
</dl>
</div>`;
}

function recommendationList(recs: Decided['recommendations'], index: RecordIndex): Html {
  if (recs.length === 0) return html``;
  return html`<h2 id="recommendations">Recommendations (${recs.length})</h2>
<p class="muted">Recommendations do not bind the platform, but it must answer each one publicly within 60 days. Every answer is kept, as is each of the board's assessments of implementation.</p>
${recs.map(
  (
    r,
  ) => html`<article class="card${r.responseState === 'overdue' ? ' overdue' : ''}" id="${r.ref}" aria-labelledby="${r.ref}-title">
<h3 id="${r.ref}-title">${r.ref}</h3>
${paragraphs(r.text)}
<dl class="facts">
<dt>Published</dt><dd>${time(r.publishedAt)}${recorded(index, r.ref, 'board.recommendation')}</dd>
<dt>Measure of implementation</dt><dd>${r.measure}</dd>
<dt>Response due</dt><dd>${time(r.responseDueAt)} ${responseStateTag(r.responseState)}</dd>
${r.closed ? html`<dt>Status</dt><dd><span class="tag">Closed by the board</span></dd>` : ''}
</dl>
<h4>The platform's responses</h4>
${
  r.responses.length
    ? html`<ol class="history">${r.responses.map((x, i) => html`<li><p><strong>${RESPONSE[x.category]}</strong> · ${time(x.respondedAt)}${recorded(index, r.ref, 'board.response', i)}</p>${paragraphs(x.reasons)}${x.timeline ? html`<p class="muted">Timeline: ${x.timeline}</p>` : ''}</li>`)}</ol>`
    : html`<p class="empty">No response yet.</p>`
}
<h4>The board's assessments</h4>
${
  r.assessments.length
    ? html`<ol class="history">${r.assessments.map((x, i) => html`<li><p><strong>${ASSESSMENT[x.assessment]}</strong> · ${time(x.assessedAt)}${recorded(index, r.ref, 'board.assessment', i)}</p>${paragraphs(x.note)}</li>`)}</ol>`
    : html`<p class="empty">Not assessed yet.</p>`
}
</article>`,
)}`;
}

export function responseStateTag(state: keyof typeof RESPONSE_STATE): Html {
  const tone = { awaiting: 'warn', overdue: 'alert', answered: 'ok', answered_late: 'warn' }[state];
  return html`<span class="tag ${tone}">${RESPONSE_STATE[state]}</span>`;
}

function commentList(list: Decided['comments']): Html {
  return html`<h2 id="comments">Public comments and briefs (${list.length})</h2>
${
  list.length === 0
    ? html`<p class="empty">No comment was published with this decision.</p>`
    : list.map(
        (c) =>
          html`<article class="card comment"><p><strong>${c.author}</strong> · ${c.kind === 'brief' ? 'Brief' : 'Public comment'} · ${time(c.submittedAt)}</p>${paragraphs(c.body)}</article>`,
      )
}`;
}
