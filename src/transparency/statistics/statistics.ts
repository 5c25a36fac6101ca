import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { boardCaseCountries, obligationCountries, recommendationCountries } from '../../board/record-reads.js';
import type { ChainEntry } from '../../core/chain.js';
import { events } from '../../core/tables.js';
import type { Projection } from '../../core/projection.js';
import type { EventPayload, EventType } from '../../events.js';
import { restrictionCountries } from '../../figures/record-reads.js';
import { flaggerAccuracies } from '../../moderation/flagger-reads.js';
import {
  appealCountries,
  caseCountries,
  decisionCountries,
  decisionGrounds,
  decisionTools,
} from '../../moderation/record-reads.js';
import { dsaDataOfVersions } from '../../policy/reads.js';
import type { Db } from '../../store/database.js';
import { executeNamed } from '../../store/named.js';
import { statisticsCounts, statisticsMonthly } from './tables.js';
import {
  automationKey,
  bucketStart,
  buildReport,
  misuseSuspensionKey,
  noticeAction,
  noticeWait,
  toolName,
  combine,
  durationBucket,
  fillSeries,
  splitPeriod,
  stepFor,
  type Increment,
  type SummedRow,
} from './rules.js';
import type { Metric, Period, TransparencyReport } from './contract.js';

type Payload<T extends EventType> = EventPayload<T>;

/** The ids an event's country is found through: a case, a decision, an appeal, a board case, a recommendation, an obligation. */
interface Lookups {
  cases: Map<string, { country: string; openedAt: Date }>;
  /** When each decided case was opened or reopened (seq and time), from the log: a decision is timed from the opening before it. */
  openings: Map<string, { seq: number; at: number }[]>;
  decisions: Map<string, string>;
  /** The tool of each reversed decision that came from one (name and version), with its country. */
  tools: Map<string, { tool: string; country: string }>;
  appeals: Map<string, { country: string; filedAt: Date }>;
  boardCases: Map<string, string>;
  recommendations: Map<string, string>;
  obligations: Map<string, string>;
  restrictions: Map<string, string>;
  /** Each notice's stream: when it was received and when its notifier was told a decision (seqs), stored and in the batch. */
  notices: Map<string, { receivedAt: string | null; notified: number[] }>;
  /** What the decisions notifiers are told of rest on, and whether they were automated. */
  grounds: Map<string, { country: string; illegalContent: boolean; automatedDecision: boolean; tool: boolean }>;
  /** The EU DSA category of each policy version (`policyId@version`) and of each policy's latest version (`policyId`). */
  categories: Map<string, string>;
}

/**
 * Keeps the transparency report's daily counts in step with the log. Countries are looked up in one query per
 * kind of id for the whole batch, so a bulk ingest of a thousand reports costs two statements, not a thousand.
 */
export const statisticsProjection: Projection = {
  name: 'statistics',
  // 2: the median time to decide internal appeals (appeals.time). 3: public-figure restrictions and their reviews.
  // 4: monthly sums beside the daily counts. 5: a decision is timed from its case's opening before it, not from the
  // case's latest (re)opening, so a case reopened after a decision counts the same live and when rebuilt.
  // 6: partially automated decisions apart, and each automated tool's decisions and reversals on appeal.
  // 7: notices (DSA Art. 16) by category, trusted flagger, action, automation and time; legal orders and decisions by
  // category; decisions by ground.
  version: 7,
  async reset(tx) {
    await tx.delete(statisticsCounts);
    await tx.delete(statisticsMonthly);
  },
  async apply(tx, entries) {
    const relevant = entries.filter((e) => COUNTED.has(e.type));
    if (relevant.length === 0) return;
    const lookups = await lookUp(tx, relevant, entries);
    const increments = combine(relevant.flatMap((entry) => incrementsOf(entry, lookups)));
    if (increments.length === 0) return;
    const monthly = combine(increments.map((inc) => ({ ...inc, day: bucketStart(inc.day, 'month') })));
    await addCounts(tx, increments, monthly);
  },
};

/** Adds to the day's counts and the month's sums in one statement (each an upsert of its rows). */
async function addCounts(tx: Db, daily: readonly Increment[], monthly: readonly Increment[]): Promise<void> {
  const columns = (rows: readonly Increment[]) => ({
    metric: sql.param(rows.map((r) => r.metric)),
    country: sql.param(rows.map((r) => r.country)),
    key: sql.param(rows.map((r) => r.key)),
    count: sql.param(rows.map((r) => r.count)),
    day: sql.param(rows.map((r) => r.day)),
  });
  const d = columns(daily);
  const m = columns(monthly);
  await executeNamed(
    tx,
    'add_statistics_counts',
    sql`
    with days as (
      insert into ${statisticsCounts} (metric, country, key, count, day)
      select * from unnest(${d.metric}::text[], ${d.country}::text[], ${d.key}::text[], ${d.count}::bigint[], ${d.day}::date[])
      on conflict (metric, day, country, key) do update set count = ${statisticsCounts.count} + excluded.count
    )
    insert into ${statisticsMonthly} (metric, country, key, count, month)
    select * from unnest(${m.metric}::text[], ${m.country}::text[], ${m.key}::text[], ${m.count}::bigint[], ${m.day}::date[])
    on conflict (metric, month, country, key) do update set count = ${statisticsMonthly.count} + excluded.count`,
  );
}

const COUNTED = new Set<string>([
  'report.received',
  'decision.taken',
  'decision.reversed',
  'appeal.filed',
  'appeal.decided',
  'board.case_submitted',
  'board.case_selected',
  'board.decision_published',
  'board.recommendation_published',
  'board.response_recorded',
  'board.response_overdue',
  'board.assessment_recorded',
  'board.obligation_implemented',
  'board.obligation_overdue',
  'restriction.imposed',
  'restriction.extended',
  'restriction.lifted',
  'restriction.lapsed',
  'dispute.filed',
  'dispute.concluded',
  'dispute.implemented',
  'content_notice.received',
  'content_notice.notifier_notified',
  'misuse.measure_taken',
]);

/** The counts one event adds. */
function incrementsOf(entry: ChainEntry, l: Lookups): Increment[] {
  const day = entry.at.slice(0, 10);
  const count = (metric: Metric, country: string | undefined, key: string): Increment => ({
    metric,
    day,
    country: country ?? '',
    key,
    count: 1,
  });
  const p = entry.payload as Record<string, unknown>;
  switch (entry.type as EventType) {
    case 'report.received': {
      const r = p as Payload<'report.received'>;
      const country = l.cases.get(r.caseId)?.country;
      return [
        count('reports.source', country, r.source),
        count('reports.policy', country, r.policyId),
        ...(r.source === 'legal_order' ? [count('orders.category', country, category(l, r.policyId))] : []),
      ];
    }
    case 'content_notice.received': {
      const n = p as Payload<'content_notice.received'>;
      const country = l.cases.get(n.caseId)?.country;
      const alleged = category(l, n.policyId);
      return [
        count('notices.category', country, alleged),
        ...(n.trustedFlaggerId ? [count('notices.trusted_flagger', country, alleged)] : []),
      ];
    }
    case 'misuse.measure_taken': {
      // A suspension under Art. 23, by whom it suspends; a person has no country here.
      const m = p as Payload<'misuse.measure_taken'>;
      const key = m.kind === 'suspension' ? misuseSuspensionKey(m.party) : null;
      return key ? [count('misuse.suspensions', undefined, key)] : [];
    }
    case 'content_notice.notifier_notified': {
      const n = p as Payload<'content_notice.notifier_notified'>;
      const notice = l.notices.get(n.noticeId);
      const seconds = noticeWait(
        notice?.receivedAt ?? null,
        (notice?.notified ?? []).filter((seq) => seq < entry.seq).length,
        entry.at,
      );
      const decision = l.grounds.get(n.decisionId);
      // Counted once per notice, at the first decision its notifier is told of.
      if (seconds === null || !decision) return [];
      return [
        count('notices.action', decision.country, noticeAction(n.outcome, decision.illegalContent)),
        count('notices.automation', decision.country, automationKey(decision.automatedDecision, decision.tool)),
        count('notices.time', decision.country, String(durationBucket(seconds))),
      ];
    }
    case 'decision.taken': {
      const d = p as Payload<'decision.taken'>;
      const c = l.cases.get(d.caseId);
      const out = [
        count('actions.outcome', c?.country, d.outcome),
        count('actions.policy', c?.country, d.policyId),
        count('actions.automation', c?.country, automationKey(d.automatedDecision, Boolean(d.automation))),
        count('actions.detection', c?.country, d.automatedDetection ? 'automated' : 'human'),
        count('actions.ground', c?.country, d.illegalContent ? 'illegal_content' : 'terms'),
        count('actions.category', c?.country, category(l, d.policyId, d.policyVersion)),
      ];
      if (d.automation) out.push(count('automation.tool', c?.country, toolName(d.automation)));
      if (d.accountAction) out.push(count('actions.account', c?.country, d.accountAction.kind));
      if (c && d.reviewOf === null) {
        const opened =
          (l.openings.get(d.caseId) ?? [])
            .filter((o) => o.seq < entry.seq)
            .reduce<number | null>((latest, o) => Math.max(latest ?? o.at, o.at), null) ?? c.openedAt.getTime();
        const seconds = (Date.parse(entry.at) - opened) / 1000;
        out.push(count('actions.time', c.country, String(durationBucket(seconds))));
      }
      return out;
    }
    case 'decision.reversed': {
      const r = p as Payload<'decision.reversed'>;
      // A tool's decision reversed on internal appeal: the measure of its accuracy (Art. 15(1)(e)).
      const tool = r.appealId ? l.tools.get(r.decisionId) : undefined;
      return [
        ...(tool ? [count('automation.reversed', tool.country, tool.tool)] : []),
        count(
          'reversals.by',
          l.decisions.get(r.decisionId),
          r.appealId
            ? 'internal_appeal'
            : r.boardCaseId
              ? 'oversight_board'
              : r.disputeId
                ? 'out_of_court_dispute'
                : 'platform',
        ),
      ];
    }
    case 'appeal.filed': {
      const a = p as Payload<'appeal.filed'>;
      return [count('appeals.filed', l.decisions.get(a.decisionId), a.appellant)];
    }
    case 'appeal.decided': {
      const a = p as Payload<'appeal.decided'>;
      const appeal = l.appeals.get(a.appealId);
      const out = [count('appeals.decided', appeal?.country, a.result)];
      if (appeal)
        out.push(
          count(
            'appeals.time',
            appeal.country,
            String(durationBucket((Date.parse(entry.at) - appeal.filedAt.getTime()) / 1000)),
          ),
        );
      return out;
    }
    case 'board.case_submitted': {
      const b = p as Payload<'board.case_submitted'>;
      return [count('board.submitted', l.boardCases.get(b.boardCaseId), b.kind)];
    }
    case 'board.case_selected':
      return [count('board.selected', l.boardCases.get(p.boardCaseId as string), 'selected')];
    case 'board.decision_published': {
      const b = p as Payload<'board.decision_published'>;
      return [
        count('board.outcome', l.boardCases.get(b.boardCaseId), b.summary ? `${b.outcome} (summary)` : b.outcome),
      ];
    }
    case 'board.recommendation_published':
      return [count('board.recommendations', l.recommendations.get(p.recommendationId as string), 'published')];
    case 'board.response_recorded': {
      const r = p as Payload<'board.response_recorded'>;
      const country = l.recommendations.get(r.recommendationId);
      return [
        count('board.responses', country, r.category),
        count('board.response_timeliness', country, r.late ? 'late' : 'on_time'),
      ];
    }
    case 'board.response_overdue':
      return [count('board.overdue', l.recommendations.get(p.recommendationId as string), 'response')];
    case 'board.assessment_recorded': {
      const a = p as Payload<'board.assessment_recorded'>;
      return [count('board.assessments', l.recommendations.get(a.recommendationId), a.assessment)];
    }
    case 'board.obligation_implemented': {
      const o = p as Payload<'board.obligation_implemented'>;
      return [count('board.implementation', l.obligations.get(o.obligationId), o.onTime ? 'on_time' : 'late')];
    }
    case 'board.obligation_overdue':
      return [count('board.overdue', l.obligations.get(p.obligationId as string), 'implementation')];
    case 'restriction.imposed': {
      const r = p as Payload<'restriction.imposed'>;
      return [count('figures.restricted', l.restrictions.get(r.restrictionId), `tier_${r.tier}`)];
    }
    case 'restriction.extended':
    case 'restriction.lifted':
    case 'restriction.lapsed':
      return [
        count(
          'figures.reviews',
          l.restrictions.get(p.restrictionId as string),
          entry.type.slice('restriction.'.length),
        ),
      ];
    case 'dispute.filed': {
      const d = p as Payload<'dispute.filed'>;
      return [
        { ...count('disputes.submitted', l.decisions.get(d.decisionId), d.complainant), day: d.filedAt.slice(0, 10) },
      ];
    }
    case 'dispute.concluded': {
      const d = p as Payload<'dispute.concluded'>;
      const country = l.decisions.get(d.decisionId);
      const seconds = (Date.parse(d.concludedAt) - Date.parse(d.filedAt)) / 1000;
      const on = { day: d.concludedAt.slice(0, 10) };
      return [
        { ...count('disputes.outcome', country, d.outcome), ...on },
        { ...count('disputes.time', country, String(durationBucket(seconds))), ...on },
        ...(d.implementationDueAt ? [{ ...count('disputes.implementation', country, 'required'), ...on }] : []),
      ];
    }
    case 'dispute.implemented': {
      const d = p as Payload<'dispute.implemented'>;
      return [count('disputes.implementation', l.decisions.get(d.decisionId), 'implemented')];
    }
    default:
      return [];
  }
}

type StreamEvent = { type: string; seq: number; at: number };

/**
 * The events of these streams of the given types, stored ones and those appended in the same batch, by stream. Read by
 * stream alone (events_stream_idx), the type checked here: with both conditions the planner may combine the type
 * index and read every such event ever recorded.
 */
async function streamEvents(
  tx: Db,
  streams: string[],
  types: ReadonlySet<string>,
  batch: readonly ChainEntry[],
): Promise<Map<string, StreamEvent[]>> {
  const wanted = new Set(streams);
  const onStreams = streams.length
    ? await tx
        .select({ stream: events.stream, type: events.type, seq: events.seq, at: events.at })
        .from(events)
        .where(inArray(events.stream, streams))
    : [];
  const found = [
    ...onStreams.map((e) => ({ stream: e.stream, type: e.type, seq: e.seq, at: e.at.getTime() })),
    ...batch.filter((e) => wanted.has(e.stream)).map((e) => ({ ...e, at: Date.parse(e.at) })),
  ];
  const byStream = new Map<string, StreamEvent[]>();
  const seen = new Set<number>();
  for (const e of found) {
    if (!types.has(e.type) || seen.has(e.seq)) continue;
    seen.add(e.seq);
    const list = byStream.get(e.stream);
    const event = { type: e.type, seq: e.seq, at: e.at };
    if (list) list.push(event);
    else byStream.set(e.stream, [event]);
  }
  return byStream;
}

/** The openings of the cases decided in the batch: stored ones, and those appended in the same batch. */
async function openingsOf(
  tx: Db,
  caseIds: string[],
  batch: readonly ChainEntry[],
): Promise<Map<string, { seq: number; at: number }[]>> {
  const found = await streamEvents(
    tx,
    caseIds.map((id) => `case/${id}`),
    new Set(['case.opened', 'case.reopened']),
    batch,
  );
  return new Map([...found].map(([stream, list]) => [stream.slice('case/'.length), list]));
}

/** When each notice was received, and the seqs at which its notifier was told a decision. */
async function noticesOf(tx: Db, noticeIds: string[], batch: readonly ChainEntry[]): Promise<Lookups['notices']> {
  const found = await streamEvents(
    tx,
    noticeIds.map((id) => `notice/${id}`),
    new Set(['content_notice.received', 'content_notice.notifier_notified']),
    batch,
  );
  return new Map(
    noticeIds.map((id) => {
      const list = found.get(`notice/${id}`) ?? [];
      const received = list.find((e) => e.type === 'content_notice.received');
      return [
        id,
        {
          receivedAt: received ? new Date(received.at).toISOString() : null,
          notified: list.filter((e) => e.type === 'content_notice.notifier_notified').map((e) => e.seq),
        },
      ];
    }),
  );
}

/** The EU DSA category of the policies the batch's reports, notices and decisions name. */
async function categoriesOf(tx: Db, policyIds: string[]): Promise<Map<string, string>> {
  const categories = new Map<string, string>();
  const latest = new Map<string, number>();
  for (const [key, data] of await dsaDataOfVersions(tx, policyIds)) {
    categories.set(key, data.dsaCategory);
    const [policyId = '', version = '0'] = key.split('@');
    if ((latest.get(policyId) ?? -1) < Number(version)) {
      latest.set(policyId, Number(version));
      categories.set(policyId, data.dsaCategory);
    }
  }
  return categories;
}

/** A policy's EU DSA category (of the version when given, else its latest); `unknown` for a policy not in the library. */
const category = (l: Lookups, policyId: string, version?: number): string =>
  l.categories.get(version === undefined ? policyId : `${policyId}@${version}`) ??
  l.categories.get(policyId) ??
  'unknown';

async function lookUp(tx: Db, entries: readonly ChainEntry[], batch: readonly ChainEntry[]): Promise<Lookups> {
  const ids = (field: string, types: string[]) => [
    ...new Set(
      entries
        .filter((e) => types.includes(e.type))
        .map((e) => (e.payload as Record<string, unknown>)[field])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ];
  const caseIds = ids('caseId', ['report.received', 'decision.taken', 'content_notice.received']);
  const decisionIds = ids('decisionId', [
    'decision.reversed',
    'appeal.filed',
    'dispute.filed',
    'dispute.concluded',
    'dispute.implemented',
  ]);
  const appealIds = ids('appealId', ['appeal.decided']);
  const boardCaseIds = ids('boardCaseId', ['board.case_submitted', 'board.case_selected', 'board.decision_published']);
  const recommendationIds = ids('recommendationId', [
    'board.recommendation_published',
    'board.response_recorded',
    'board.response_overdue',
    'board.assessment_recorded',
  ]);
  const obligationIds = ids('obligationId', ['board.obligation_implemented', 'board.obligation_overdue']);
  const restrictionIds = ids('restrictionId', [
    'restriction.imposed',
    'restriction.extended',
    'restriction.lifted',
    'restriction.lapsed',
  ]);
  // One after another: a transaction is one connection, and pg wants one query at a time on it.
  const byId = async (ids: string[], query: (ids: string[]) => Promise<{ id: string; country: string | null }[]>) =>
    new Map((ids.length ? await query(ids) : []).map((row) => [row.id, row.country ?? '']));
  const c = caseIds.length ? await caseCountries(tx, caseIds) : [];
  return {
    cases: new Map(c.map((row) => [row.id, { country: row.country ?? '', openedAt: row.openedAt }])),
    openings: await openingsOf(tx, ids('caseId', ['decision.taken']), batch),
    decisions: await byId(decisionIds, (ids) => decisionCountries(tx, ids)),
    tools: await toolsOf(tx, ids('decisionId', ['decision.reversed'])),
    appeals: new Map(
      (appealIds.length ? await appealCountries(tx, appealIds) : []).map((row) => [
        row.id,
        { country: row.country ?? '', filedAt: row.filedAt },
      ]),
    ),
    boardCases: await byId(boardCaseIds, (ids) => boardCaseCountries(tx, ids)),
    recommendations: await byId(recommendationIds, (ids) => recommendationCountries(tx, ids)),
    obligations: await byId(obligationIds, (ids) => obligationCountries(tx, ids)),
    // The figure's country as the registry holds it now ('' once the entry is removed).
    restrictions: await byId(restrictionIds, (ids) => restrictionCountries(tx, ids)),
    notices: await noticesOf(tx, ids('noticeId', ['content_notice.notifier_notified']), batch),
    grounds: await groundsOf(tx, ids('decisionId', ['content_notice.notifier_notified'])),
    categories: await categoriesOf(
      tx,
      ids('policyId', ['report.received', 'decision.taken', 'content_notice.received']),
    ),
  };
}

/** What the decisions notifiers are told of rest on, with their case's country. */
async function groundsOf(tx: Db, ids: string[]): Promise<Lookups['grounds']> {
  if (ids.length === 0) return new Map();
  return new Map(
    (await decisionGrounds(tx, ids)).map(({ id, country, ...rest }) => [id, { country: country ?? '', ...rest }]),
  );
}

/** The tools of the reversed decisions that came from one. */
async function toolsOf(tx: Db, ids: string[]): Promise<Map<string, { tool: string; country: string }>> {
  const tools = new Map<string, { tool: string; country: string }>();
  if (ids.length === 0) return tools;
  for (const row of await decisionTools(tx, ids))
    if (row.automation) tools.set(row.id, { tool: toolName(row.automation), country: row.country ?? '' });
  return tools;
}

type Part = {
  table: typeof statisticsCounts | typeof statisticsMonthly;
  date: typeof statisticsCounts.day | typeof statisticsMonthly.month;
  range: Period;
};

/** Where a period's counts are read: its whole months from the monthly sums, the days at either end from the daily counts. */
function partsOf(period: Period, wholeMonths = true): Part[] {
  const { months, days } = wholeMonths ? splitPeriod(period) : { months: null, days: [period] };
  return [
    ...(months ? [{ table: statisticsMonthly, date: statisticsMonthly.month, range: months }] : []),
    ...days.map((range) => ({ table: statisticsCounts, date: statisticsCounts.day, range })),
  ];
}

const within = ({ date, range }: Part) => and(gte(date, range.from), lte(date, range.to));

/** The transparency report for a period (inclusive days). */
export async function transparencyReport(db: Db, period: Period, country: string | null): Promise<TransparencyReport> {
  const rows: SummedRow[] = [];
  for (const part of partsOf(period)) {
    const t = part.table;
    const summed = await db
      .select({ metric: t.metric, key: t.key, country: t.country, count: sql<string>`sum(${t.count})` })
      .from(t)
      .where(within(part))
      .groupBy(t.metric, t.key, t.country);
    rows.push(...summed.map((r) => ({ ...r, count: Number(r.count) })));
  }
  const series = await overTime(db, period, country);
  return buildReport(period, country, rows, series, await flaggerAccuracies(db, period, country));
}

const SERIES_METRICS = { reports: 'reports.source', actions: 'actions.automation', appeals: 'appeals.filed' } as const;

/**
 * Reports, decisions and appeals per day, week, month or year of the period. Charted by month or year, whole months come from
 * the monthly sums; days and weeks (periods of half a year at most) from the daily counts. Rows come back per
 * date and are put into buckets here, so the database does no date arithmetic per row.
 */
async function overTime(db: Db, period: Period, country: string | null) {
  const step = stepFor(period);
  const buckets = new Map<string, { start: string; reports: number; actions: number; appeals: number }>();
  for (const part of partsOf(period, step === 'month' || step === 'year')) {
    const t = part.table;
    const total = (metric: Metric) => sql<string>`coalesce(sum(${t.count}) filter (where ${t.metric} = ${metric}), 0)`;
    const rows = await db
      .select({
        date: part.date,
        reports: total(SERIES_METRICS.reports),
        actions: total(SERIES_METRICS.actions),
        appeals: total(SERIES_METRICS.appeals),
      })
      .from(t)
      .where(
        and(
          within(part),
          inArray(t.metric, Object.values(SERIES_METRICS)),
          country === null ? undefined : eq(t.country, country),
        ),
      )
      .groupBy(part.date);
    for (const row of rows) {
      const start = bucketStart(row.date, step);
      const point = buckets.get(start) ?? { start, reports: 0, actions: 0, appeals: 0 };
      point.reports += Number(row.reports);
      point.actions += Number(row.actions);
      point.appeals += Number(row.appeals);
      buckets.set(start, point);
    }
  }
  return { step, points: fillSeries(period, step, [...buckets.values()]) };
}

/** The first and last day with any count: the default period. */
export async function countedDays(db: Db): Promise<{ first: string | null; last: string | null }> {
  const [row] = await db
    .select({
      first: sql<string | null>`min(${statisticsCounts.day})`,
      last: sql<string | null>`max(${statisticsCounts.day})`,
    })
    .from(statisticsCounts);
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** Every country with a count (for the report's country choice), '' standing for unknown. */
export async function countedCountries(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ country: statisticsMonthly.country }).from(statisticsMonthly);
  return rows.map((r) => r.country);
}
