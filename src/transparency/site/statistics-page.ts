import { countryLabel as standardLabel, type CountryLabeller } from '../../core/countries.js';
import { STATEMENT_CATEGORIES } from '../../core/dsa-tdb-enums.js';
import type { Metric, TransparencyReport } from '../statistics/contract.js';
import { barChart, timeChart } from './charts.js';
import { tierLabel } from './labels.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

const LABELS: Record<string, string> = {
  user: 'Users',
  trusted_flagger: 'Trusted flaggers',
  automated: 'Automated',
  partially_automated: 'A tool, reviewed by a person',
  staff: 'Staff',
  legal_order: 'Legal orders',
  human: 'A person',
  no_violation: 'No violation (kept)',
  remove: 'Removed',
  warning_screen: 'Warning screen',
  keep_newsworthy: 'Kept as newsworthy',
  restrict_visibility: 'Visibility restricted',
  strike: 'Strike',
  feature_limit: 'Feature limit',
  restrict_account: 'Account restricted',
  suspend_account: 'Account suspended',
  disable_account: 'Account disabled',
  affected_user: 'Affected user',
  reporter: 'Reporter',
  upheld: 'Upheld',
  reversed: 'Reversed',
  internal_appeal: 'Internal appeal',
  oversight_board: 'Oversight board',
  platform: 'The platform itself',
  appeal: 'Appeals',
  referral: 'Platform referrals',
  advisory_opinion: 'Policy advisory opinions',
  selected: 'Selected',
  uphold: 'Upheld',
  overturn: 'Overturned',
  adopt: 'Adopted',
  reject: 'Rejected',
  published: 'Published',
  on_time: 'On time',
  late: 'Late',
  response: 'Response to a recommendation',
  implementation: 'Implementation of a decision',
  extended: 'Extended',
  lifted: 'Lifted',
  lapsed: 'Lapsed unreviewed',
  out_of_court_dispute: 'Out-of-court dispute settlement',
  notifier: 'Notifier',
  complainant_favour: "In the complainant's favour",
  platform_favour: "In the platform's favour",
  settled: 'Settled',
  withdrawn: 'Withdrawn',
  declined_by_body: 'Declined by the body',
  required: 'Requiring the decision to change',
  implemented: 'Implemented',
  illegal_content: 'Illegal content (the law)',
  terms: "The platform's terms",
  no_action: 'No action taken',
  unknown: 'Unknown category',
  manifestly_illegal_content: 'Manifestly illegal content',
  unfounded_notices: 'Manifestly unfounded notices',
  unfounded_complaints: 'Manifestly unfounded complaints',
};

export const label = (key: string): string =>
  LABELS[key] ??
  STATEMENT_CATEGORIES[key as keyof typeof STATEMENT_CATEGORIES] ??
  (/^tier_\d$/.test(key) ? tierLabel(Number(key.slice(5))) : null) ??
  key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

const percent = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)}%`);
const hours = (n: number | null) =>
  n === null ? '–' : n < 1 ? `${Math.round(n * 60)} min` : n < 48 ? `${n.toFixed(1)} h` : `${(n / 24).toFixed(1)} days`;

const CHARTS: { metric: Metric; title: string }[] = [
  { metric: 'reports.source', title: 'Reports by source' },
  { metric: 'reports.policy', title: 'Reports by alleged policy' },
  { metric: 'actions.outcome', title: 'Decisions by outcome' },
  { metric: 'actions.policy', title: 'Decisions by policy applied' },
  { metric: 'actions.account', title: 'Account actions' },
  { metric: 'actions.automation', title: 'Who decided' },
  { metric: 'actions.detection', title: 'How the content was found' },
  { metric: 'appeals.decided', title: 'Internal appeals decided' },
  { metric: 'reversals.by', title: 'Decisions reversed, by whom' },
  { metric: 'board.outcome', title: 'Board decisions by outcome' },
  { metric: 'board.responses', title: 'Platform responses to recommendations' },
  { metric: 'board.assessments', title: "The board's assessments of responses" },
  { metric: 'board.overdue', title: 'Missed deadlines' },
  { metric: 'figures.restricted', title: "Public figures' accounts restricted under the crisis protocol, by tier" },
  { metric: 'figures.reviews', title: 'Reviews of those restrictions' },
  { metric: 'disputes.submitted', title: 'Out-of-court disputes submitted, by who brought them' },
  { metric: 'disputes.outcome', title: 'Out-of-court disputes by outcome' },
  { metric: 'disputes.implementation', title: 'Dispute outcomes that change the decision, and their implementation' },
  { metric: 'notices.category', title: 'Notices (EU DSA Art. 16) by category alleged' },
  { metric: 'notices.trusted_flagger', title: "Trusted flaggers' notices by category alleged" },
  { metric: 'notices.action', title: 'Notices decided, by what the decision rested on' },
  { metric: 'notices.automation', title: 'Notices decided, by who decided' },
  { metric: 'orders.category', title: "Authorities' orders by category" },
  { metric: 'actions.ground', title: 'Decisions by ground' },
  { metric: 'actions.category', title: 'Decisions by EU DSA category' },
  { metric: 'misuse.suspensions', title: 'Suspensions for misuse (EU DSA Art. 23), by reason' },
];

/** The statistics page: the period form, headline numbers, a chart per breakdown, countries, downloads. */
export function statisticsPage(
  report: TransparencyReport,
  countries: readonly string[],
  policyTitles: ReadonlyMap<string, string>,
  error: Html | null = null,
  countryLabel: CountryLabeller = standardLabel,
  /** Said under the period when the page chose it (no period was asked for). */
  periodNote: Html | null = null,
): string {
  const { from, to } = report.period;
  const scope = report.country === null ? '' : report.country === '' ? 'UNKNOWN' : report.country;
  const query = `from=${from}&to=${to}${scope ? `&country=${scope}` : ''}`;
  const t = report.totals;
  const cards: [string, string][] = [
    ['Reports', t.reports.toLocaleString('en')],
    ['Decisions', t.actions.toLocaleString('en')],
    ['Decided automatically', percent(t.automatedShare)],
    ['Decided by a tool, reviewed by a person', percent(t.partiallyAutomatedShare)],
    ['Median time to decision', hours(t.medianHoursToDecision)],
    ['Internal appeals', t.appealsFiled.toLocaleString('en')],
    ['Appeals that reversed the decision', percent(t.appealReversalRate)],
    ['Median time to decide an appeal', hours(t.medianHoursToDecideAppeal)],
    ['Board cases taken', t.boardCasesSelected.toLocaleString('en')],
    ['Board decisions', t.boardDecisions.toLocaleString('en')],
    ['Recommendations', t.recommendations.toLocaleString('en')],
    ['Platform responses', t.responses.toLocaleString('en')],
    ['Public figures restricted', t.figuresRestricted.toLocaleString('en')],
    ['Out-of-court disputes submitted', t.disputesSubmitted.toLocaleString('en')],
    ['Out-of-court disputes concluded', t.disputesConcluded.toLocaleString('en')],
    [
      'Median time to conclude a dispute',
      hours(t.medianDaysToConcludeDispute === null ? null : t.medianDaysToConcludeDispute * 24),
    ],
    ['Dispute outcomes implemented', percent(t.disputeOutcomesImplementedShare)],
    ['Notices received (EU DSA Art. 16)', t.noticesReceived.toLocaleString('en')],
    ['Notices from trusted flaggers', t.noticesFromTrustedFlaggers.toLocaleString('en')],
    ['Notices acted on', t.noticesActedOn.toLocaleString('en')],
    ['Median time to act on a notice', hours(t.medianHoursToActOnNotice)],
  ];
  const body = html`<h1>Transparency statistics</h1>
<p class="lead">What was reported, decided, appealed and reviewed in a period, by policy and country: the numbers of the EU Digital Services Act's transparency reports (Art. 15 and 24) and of the Santa Clara Principles. They are counted as each decision is recorded, from the same log the public record is built from.</p>
${error ?? ''}
<form class="filters" method="get" action="/statistics">
<label>From <input type="date" name="from" value="${from}"></label>
<label>To <input type="date" name="to" value="${to}"></label>
<label>Country <select name="country"><option value="">All countries</option>${countries.map((c) => html`<option value="${c === '' ? 'UNKNOWN' : c}"${(c === '' ? 'UNKNOWN' : c) === scope ? html` selected` : ''}>${countryLabel(c)}</option>`)}</select></label>
<button type="submit">Show</button>
</form>
<p class="muted">Period ${from} to ${to}${report.country === null ? ', all countries' : `, ${countryLabel(report.country)}`}. Days are UTC.</p>
${periodNote ?? ''}
<div class="downloads"><a class="button secondary" href="/api/public/statistics?${query}&amp;format=csv" download>Download CSV</a><a class="button secondary" href="/api/public/statistics?${query}" download>Download JSON</a><a class="button secondary" id="harmonised-report" href="/api/transparency/harmonised-report?from=${from}&amp;to=${to}&amp;format=csv" download>EU harmonised report (CSV)</a></div>
<p class="muted">The EU harmonised report gives the period, for all countries, in the sections of the Commission's templates for transparency reports (Implementing Regulation (EU) 2024/2835): a field Docket does not record is marked not available. Also <a href="/api/transparency/harmonised-report?from=${from}&amp;to=${to}">as JSON</a>.</p>
<ul class="cards" aria-label="Headline numbers">${cards.map(([name, value]) => html`<li><span class="count">${value}</span>${name}</li>`)}</ul>
<p class="muted">The median time to decision runs from a case's opening to its first decision, an appeal's from its filing to its decision; both are read from counts in duration bands four to a doubling, so they are exact to within 19%.</p>
<p class="muted">A notice's time to act runs from the notice to the first decision its notifier is told of; a notice is acted on when that decision acted on the content.</p>
<p class="muted">Out-of-court disputes (EU DSA Art. 21 and 24(1)) are those brought before a <a href="/dispute-bodies">certified dispute settlement body</a>: a dispute's time runs from its filing to the body's conclusion, and the share implemented counts the outcomes requiring the platform to change its decision that it has carried out.</p>
<h2>Over time</h2>
${timeChart({
  id: 'over-time',
  title: `Reports, decisions and appeals by ${report.overTime.step}`,
  buckets: report.overTime.points.map((p) => p.start),
  step: report.overTime.step,
  series: [
    { label: 'Reports', className: 'bar', values: report.overTime.points.map((p) => p.reports) },
    { label: 'Decisions', className: 'bar alt', values: report.overTime.points.map((p) => p.actions) },
    { label: 'Appeals', className: 'bar third', values: report.overTime.points.map((p) => p.appeals) },
  ],
})}
<h2>Breakdowns</h2>
${CHARTS.map((c) => barChart({ id: c.metric.replace('.', '-'), title: c.title, bars: report.breakdowns[c.metric].map((x) => ({ label: c.metric.endsWith('.policy') ? (policyTitles.get(x.key) ?? x.key) : label(x.key), value: x.count })) }))}
<h2>Automated tools</h2>
<p class="muted">Each tool's decisions in the period and those reversed on internal appeal, and its accuracy: the share of its decisions not reversed (EU DSA Art. 15(1)(e)).</p>
${report.automatedTools.length === 0 ? html`<p class="empty">No decision came from an automated tool in this period.</p>` : html`<table aria-label="Automated tools"><thead><tr><th scope="col">Tool and version</th><th scope="col" class="num">Decisions</th><th scope="col" class="num">Reversed on appeal</th><th scope="col" class="num">Accuracy</th></tr></thead><tbody>${report.automatedTools.map((x) => html`<tr><td>${x.tool}</td><td class="num">${x.decisions.toLocaleString('en')}</td><td class="num">${x.reversedOnAppeal.toLocaleString('en')}</td><td class="num">${percent(x.accuracy)}</td></tr>`)}</tbody></table>`}
<h2 id="trusted-flaggers">Trusted flaggers</h2>
<p class="muted">Notices from the <a href="/trusted-flaggers">trusted flaggers</a> (EU DSA Art. 22) received in the period. A notice is upheld when the decision on its content acted on it; a flagger's accuracy is the share of its decided notices upheld.</p>
${report.trustedFlaggers.length === 0 ? html`<p class="empty">No notice from a trusted flagger in this period.</p>` : html`<table aria-labelledby="trusted-flaggers"><thead><tr><th scope="col">Trusted flagger</th><th scope="col" class="num">Notices</th><th scope="col" class="num">Decided</th><th scope="col" class="num">Upheld</th><th scope="col" class="num">Accuracy</th></tr></thead><tbody>${report.trustedFlaggers.map((f) => html`<tr><td>${f.name} (${f.memberState})</td><td class="num">${f.notices.toLocaleString('en')}</td><td class="num">${f.decided.toLocaleString('en')}</td><td class="num">${f.upheld.toLocaleString('en')}</td><td class="num">${percent(f.accuracy)}</td></tr>`)}</tbody></table>`}
<h2>By country</h2>
${report.byCountry.length === 0 ? html`<p class="empty">Nothing counted in this period.</p>` : html`<table><thead><tr><th scope="col">Country</th><th scope="col" class="num">Reports</th><th scope="col" class="num">Decisions</th><th scope="col" class="num">Appeals</th></tr></thead><tbody>${report.byCountry.map((c) => html`<tr><td><a href="/statistics?from=${from}&amp;to=${to}&amp;country=${c.country === '' ? 'UNKNOWN' : c.country}">${countryLabel(c.country)}</a></td><td class="num">${c.reports.toLocaleString('en')}</td><td class="num">${c.actions.toLocaleString('en')}</td><td class="num">${c.appeals.toLocaleString('en')}</td></tr>`)}</tbody></table>`}`;
  return page({
    title: 'Transparency statistics',
    section: '/statistics',
    description: 'Reports, decisions, appeals and board reviews by period, policy and country.',
    body,
  });
}
