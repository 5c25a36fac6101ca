import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../core/command.js';
import type { ContextOf } from '../core/designations.js';
import { DocketError, type FieldError } from '../core/errors.js';
import type { PolicySection } from '../policy/contract.js';
import { insertMany } from '../store/insert-many.js';
import { verifiedKinds } from '../figures/reads.js';
import { currentSectionsOf } from '../policy/reads.js';
import { actorKindOf, type ReportSource } from '../core/outcomes.js';
import { priorityOf, reopenReason, type ModerationRules } from './rules.js';
import type { ReportInput, ReportReceipt } from './contract.js';
import { upsertSubjects, type SubjectRow } from './subjects.js';
import { cases, reports, subjects } from './tables.js';

/** Where a country's crisis designation comes from; the crisis protocol provides it. */
export type { ContextOf };

type CaseRow = typeof cases.$inferSelect;
const SOURCE_ORDER: ReportSource[] = ['user', 'automated', 'staff', 'trusted_flagger', 'legal_order'];
const stronger = (a: ReportSource, b: ReportSource) => (SOURCE_ORDER.indexOf(a) >= SOURCE_ORDER.indexOf(b) ? a : b);

type ReportRow = typeof reports.$inferInsert;
type SubjectOf = (item: ReportInput) => SubjectRow | undefined;

/**
 * A report as Docket receives it: a platform's (the API's ReportInput), or a notice from an active trusted flagger
 * (EU DSA Art. 22), which names the flagger so its case is lifted by the trusted flagger factor.
 */
export type ReportItem = ReportInput & { trustedFlagger?: string };

/** The batch grouped into cases: the cases it opens, the ones it changes, its reports and their receipts. */
interface Grouping {
  created: Map<string, CaseRow>;
  changed: Map<string, CaseRow>;
  newReports: ReportRow[];
  receipts: ReportReceipt[];
  /** The gravest section the batch alleges of each case it touches, and its `policy/section` label. */
  severityOf: Map<string, { severity: number; label: string }>;
  /** The trusted flaggers whose notices the batch puts on each case. */
  flaggersOf: Map<string, string[]>;
}

/** What a case's priority weighs besides its reports: the authors' accounts, verified roles, crisis contexts. */
interface Surroundings {
  authors: Map<string, SubjectRow>;
  verified: Awaited<ReturnType<typeof verifiedKinds>>;
  contexts: Awaited<ReturnType<ContextOf>>;
}

/**
 * Receives a batch of reports in the caller's command, all or nothing: subjects are registered or updated, each
 * report joins its subject's open case, reopens a closed one on new facts, is recorded on the closed case
 * otherwise, or opens a new case; every touched open case gets its priority recomputed with an explanation.
 * The work is set-based (a handful of statements per batch, not per report).
 */
export async function receiveReports(
  ctx: CommandContext,
  platform: string,
  items: readonly ReportItem[],
  rules: ModerationRules,
  contextOf: ContextOf,
): Promise<ReportReceipt[]> {
  const { tx, now } = ctx;
  checkOneSubjectEach(items);
  const { registered, subjectOf } = await registerSubjects(ctx, platform, items);
  const alleged = await allegedSections(tx, platform, items, subjectOf);
  const touchedSubjects = [...new Set(items.map((item) => (subjectOf(item) as SubjectRow).id))];
  const { openCases, closedCases } = await currentCases(tx, touchedSubjects);
  const surroundings = await surroundingsOf(tx, platform, registered, contextOf);
  const grouping = groupIntoCases(ctx, platform, items, subjectOf, alleged, openCases, closedCases);
  const touched = new Map([...grouping.created, ...grouping.changed]);
  priceCases(touched, registered, grouping, surroundings, now, rules);
  await storeBatch(ctx, grouping, touched, closedCases);
  return grouping.receipts;
}

/** Each report names its subject once: inline, or by the external id of one pushed before. */
function checkOneSubjectEach(items: readonly ReportInput[]): void {
  const problems: FieldError[] = [];
  items.forEach((item, i) => {
    if (Boolean(item.subject) === Boolean(item.subjectExternalId)) {
      problems.push({
        field: `/items/${i}`,
        message: 'give exactly one of `subject` (the subject itself) or `subjectExternalId` (one pushed before)',
      });
    }
  });
  fail(problems);
}

/** Inline subjects are registered or updated; referenced ones are read (a missing one is refused later). */
async function registerSubjects(
  ctx: CommandContext,
  platform: string,
  items: readonly ReportInput[],
): Promise<{ registered: SubjectRow[]; subjectOf: SubjectOf }> {
  const inline = items.flatMap((item) => (item.subject ? [item.subject] : []));
  const { byExternalId } = await upsertSubjects(ctx, platform, inline);
  const referenced = [
    ...new Set(
      items.flatMap((item) =>
        item.subjectExternalId && !byExternalId.has(item.subjectExternalId) ? [item.subjectExternalId] : [],
      ),
    ),
  ];
  if (referenced.length > 0) {
    const rows = await ctx.tx
      .select()
      .from(subjects)
      .where(and(eq(subjects.platform, platform), inArray(subjects.externalId, referenced)));
    for (const row of rows) byExternalId.set(row.externalId, row);
  }
  return {
    registered: [...byExternalId.values()],
    subjectOf: (item) => byExternalId.get(item.subject?.externalId ?? item.subjectExternalId ?? ''),
  };
}

/**
 * The section each report alleges, in the current version of the policy it cites (the gravest when it names
 * none). Every report's subject must be known and its policy and section must exist, or nothing is stored.
 */
async function allegedSections(
  tx: CommandContext['tx'],
  platform: string,
  items: readonly ReportInput[],
  subjectOf: SubjectOf,
): Promise<PolicySection[]> {
  const problems: FieldError[] = [];
  const library = await currentSectionsOf(tx, [...new Set(items.map((item) => item.policyId))]);
  const alleged = items.map((item, i) => {
    if (!subjectOf(item))
      problems.push({
        field: `/items/${i}/subjectExternalId`,
        message: `no subject "${item.subjectExternalId}" was pushed by ${platform}`,
      });
    const sections = library.get(item.policyId);
    if (!sections) {
      problems.push({ field: `/items/${i}/policyId`, message: `unknown policy "${item.policyId}"` });
      return null;
    }
    const section = item.sectionId
      ? sections.find((s) => s.id === item.sectionId)
      : [...sections].sort((a, b) => b.severity - a.severity)[0];
    if (!section)
      problems.push({
        field: `/items/${i}/sectionId`,
        message: `policy "${item.policyId}" has no section "${item.sectionId}"`,
      });
    return section ?? null;
  });
  fail(problems);
  return alleged as PolicySection[];
}

/** The batch's subjects' surroundings, in one statement each: their authors, verified roles and crisis contexts. */
async function surroundingsOf(
  tx: CommandContext['tx'],
  platform: string,
  registered: SubjectRow[],
  contextOf: ContextOf,
): Promise<Surroundings> {
  const authors = await authorAccounts(tx, platform, registered);
  const verified = await verifiedKinds(tx, platform, [
    ...new Set(
      registered.flatMap((s) =>
        s.kind === 'account' ? [s.externalId] : s.authorExternalId ? [s.authorExternalId] : [],
      ),
    ),
  ]);
  const countries = [...new Set(registered.flatMap((s) => (s.country ? [s.country] : [])))];
  const contexts = await contextOf(tx, countries);
  return { authors, verified, contexts };
}

/** Puts each report on its subject's case (opening or reopening one as needed), in memory; writes nothing yet. */
function groupIntoCases(
  ctx: CommandContext,
  platform: string,
  items: readonly ReportItem[],
  subjectOf: SubjectOf,
  alleged: readonly PolicySection[],
  openCases: Map<string, CaseRow>,
  closedCases: Map<string, CaseRow>,
): Grouping {
  const { now, ids } = ctx;
  const grouping: Grouping = {
    created: new Map(),
    changed: new Map(),
    newReports: [],
    receipts: [],
    severityOf: new Map(),
    flaggersOf: new Map(),
  };
  items.forEach((item, i) => {
    const subject = subjectOf(item) as SubjectRow;
    const { target, disposition } = caseOfReport(ctx, item, subject, openCases, closedCases, grouping);
    countReport(target, item, alleged[i] as PolicySection, grouping.severityOf);
    if (item.trustedFlagger)
      grouping.flaggersOf.set(target.id, [...(grouping.flaggersOf.get(target.id) ?? []), item.trustedFlagger]);
    const reportId = ids.next();
    grouping.newReports.push({
      id: reportId,
      platform,
      subjectId: subject.id,
      caseId: target.id,
      policyId: item.policyId,
      sectionId: item.sectionId ?? null,
      text: item.text ?? null,
      reporterRef: item.reporterRef ?? null,
      source: item.source,
      receivedAt: now,
    });
    grouping.receipts.push({ reportId, subjectId: subject.id, caseId: target.id, disposition });
  });
  return grouping;
}

/**
 * The case a report goes on: its subject's open case; else its closed case, reopened when the report brings new
 * facts and left closed otherwise; else a new case.
 */
function caseOfReport(
  ctx: CommandContext,
  item: ReportInput,
  subject: SubjectRow,
  openCases: Map<string, CaseRow>,
  closedCases: Map<string, CaseRow>,
  grouping: Grouping,
): { target: CaseRow; disposition: ReportReceipt['disposition'] } {
  const { now, ids, record } = ctx;
  const open = openCases.get(subject.id);
  if (open) {
    if (!grouping.created.has(open.id)) grouping.changed.set(open.id, open);
    return { target: open, disposition: 'joined_case' };
  }
  const closed = closedCases.get(subject.id);
  const reason = closed
    ? reopenReason(
        {
          decidedAt: closed.closedAt ?? closed.openedAt,
          policiesConsidered: closed.policiesAlleged,
          strongestSource: closed.strongestSource,
          subjectChangedAt: subject.contentChangedAt,
        },
        { policyId: item.policyId, source: item.source },
      )
    : null;
  if (closed && !reason) return { target: closed, disposition: 'recorded_on_closed_case' };
  if (closed && reason) {
    const target = reopened(closed, now);
    grouping.changed.set(target.id, target);
    openCases.set(subject.id, target);
    record('case.reopened', `case/${target.id}`, { caseId: target.id, reason });
    return { target, disposition: 'reopened_case' };
  }
  const target = newCase(ids.next(), subject, item, now);
  grouping.created.set(target.id, target);
  openCases.set(subject.id, target);
  record('case.opened', `case/${target.id}`, {
    caseId: target.id,
    subjectId: subject.id,
    level: 'frontline',
    country: target.country,
    language: target.language,
    policiesAlleged: [],
    gravestPolicyId: target.gravestPolicyId,
    strongestSource: target.strongestSource,
    escalationNote: null,
  });
  return { target, disposition: 'opened_case' };
}

/** A closed case open again, back at the front line and held by no one. */
function reopened(closed: CaseRow, now: Date): CaseRow {
  return {
    ...closed,
    // The trusted flaggers' notices before were decided: their priority does not carry over to the new facts.
    priorityFactors: closed.priorityFactors.filter((f) => f.factor !== 'trusted_flagger'),
    status: 'open',
    level: 'frontline',
    openedAt: now,
    closedAt: null,
    claimedBy: null,
    leaseExpiresAt: null,
    escalationNote: null,
  };
}

/** A subject's first case, as the report that opens it finds it: no reports counted and no priority yet. */
function newCase(id: string, subject: SubjectRow, item: ReportInput, now: Date): CaseRow {
  return {
    id,
    subjectId: subject.id,
    status: 'open',
    level: 'frontline',
    openedAt: now,
    closedAt: null,
    priorityBase: 0,
    rankKey: 0,
    priorityFactors: [],
    reportCount: 0,
    policiesAlleged: [],
    gravestPolicyId: item.policyId,
    strongestSource: item.source,
    country: subject.country,
    language: subject.language,
    claimedBy: null,
    leaseExpiresAt: null,
    escalationNote: null,
    lastDecisionId: null,
  };
}

/** A report counts on its case: one more report, its policy alleged, its source and its section's gravity weighed. */
function countReport(
  target: CaseRow,
  item: ReportInput,
  section: PolicySection,
  severityOf: Grouping['severityOf'],
): void {
  target.reportCount += 1;
  if (!target.policiesAlleged.includes(item.policyId))
    target.policiesAlleged = [...target.policiesAlleged, item.policyId];
  target.strongestSource = stronger(target.strongestSource, item.source);
  const gravest = severityOf.get(target.id) ?? { severity: 0, label: '' };
  if (section.severity > gravest.severity) {
    severityOf.set(target.id, { severity: section.severity, label: `${item.policyId}/${section.id}` });
    target.gravestPolicyId = item.policyId;
  }
}

/** Recomputes the priority of the open cases the batch touched (a report recorded on a closed case changes none). */
function priceCases(
  touched: Map<string, CaseRow>,
  registered: SubjectRow[],
  { severityOf, flaggersOf }: Pick<Grouping, 'severityOf' | 'flaggersOf'>,
  surroundings: Surroundings,
  now: Date,
  rules: ModerationRules,
): void {
  const { authors, verified, contexts } = surroundings;
  const subjectsById = new Map(registered.map((row) => [row.id, row]));
  for (const target of touched.values()) {
    if (target.status !== 'open') continue;
    const subject = subjectsById.get(target.subjectId) as SubjectRow;
    const known = severityOf.get(target.id);
    // The gravest section alleged before this batch stands unless the batch alleges a graver one.
    const previous = target.priorityFactors.find((f) => f.factor === 'severity');
    const keepPrevious = previous && (!known || previous.value > known.severity);
    const author = authors.get(subject.authorExternalId ?? '');
    // The flaggers named before this batch stay: their notices are still on the case.
    const flaggedBefore = target.priorityFactors.find((f) => f.factor === 'trusted_flagger')?.ref?.split('\n') ?? [];
    const priority = priorityOf(
      {
        severity: keepPrevious ? previous.value : (known?.severity ?? 0),
        severityOf: keepPrevious ? (previous.ref ?? '') : (known?.label ?? ''),
        views: subject.views,
        followers: subject.kind === 'account' ? subject.followers : (author?.followers ?? subject.followers),
        postedAt: subject.postedAt,
        actor: actorKindOf(
          verified.get(subject.kind === 'account' ? subject.externalId : (subject.authorExternalId ?? '')) ??
            (subject.kind === 'account' ? subject.publicFigure : author?.publicFigure),
        ),
        context: contexts.get(subject.country ?? '') ?? 'none',
        trustedFlaggers: [...flaggedBefore, ...(flaggersOf.get(target.id) ?? [])],
        openedAt: target.openedAt,
        now,
      },
      rules,
    );
    Object.assign(target, {
      priorityBase: priority.base,
      rankKey: priority.rankKey,
      priorityFactors: priority.factors,
    });
  }
}

/** Writes the batch: new cases and reports in one statement each, each changed case, and each report's event. */
async function storeBatch(
  ctx: CommandContext,
  grouping: Grouping,
  touched: Map<string, CaseRow>,
  closedCases: Map<string, CaseRow>,
): Promise<void> {
  const { tx, record } = ctx;
  await insertMany(tx, cases, [...grouping.created.values()]);
  // In id order: two batches touching the same cases lock them in the same order, so neither waits on the other
  // while holding what the other needs (a deadlock PostgreSQL would break by failing one of them).
  for (const target of casesInLockOrder(grouping.changed.values())) {
    const { id, ...rest } = target;
    await tx.update(cases).set(rest).where(eq(cases.id, id));
  }
  await insertMany(tx, reports, grouping.newReports);
  for (const report of grouping.newReports) {
    const changedCase = touched.get(report.caseId as string);
    const target = changedCase ?? closedCases.get(report.subjectId);
    record('report.received', `case/${report.caseId}`, {
      reportId: report.id,
      subjectId: report.subjectId,
      caseId: report.caseId,
      policyId: report.policyId,
      sectionId: report.sectionId ?? null,
      source: report.source,
      priority: Math.round((target?.priorityBase ?? 0) * 1000) / 1000,
      text: report.text ?? null,
      caseState: changedCase
        ? {
            reportCount: changedCase.reportCount,
            policiesAlleged: changedCase.policiesAlleged,
            gravestPolicyId: changedCase.gravestPolicyId,
            strongestSource: changedCase.strongestSource,
            priorityBase: changedCase.priorityBase,
            priorityFactors: changedCase.priorityFactors,
          }
        : null,
    });
  }
}

/** Cases sorted by id: the one order every writer of several cases locks them in. */
function casesInLockOrder<T extends { id: string }>(rows: Iterable<T>): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Each subject's case that a new report concerns, in one statement: its open case, else its most recently closed
 * one. One row per subject, read from cases_subject_idx (a subject's own cases), never a scan of all cases.
 */
async function currentCases(
  tx: CommandContext['tx'],
  subjectIds: string[],
): Promise<{ openCases: Map<string, CaseRow>; closedCases: Map<string, CaseRow> }> {
  const openCases = new Map<string, CaseRow>();
  const closedCases = new Map<string, CaseRow>();
  if (subjectIds.length === 0) return { openCases, closedCases };
  const rows = await tx
    .selectDistinctOn([cases.subjectId])
    .from(cases)
    .where(inArray(cases.subjectId, subjectIds))
    .orderBy(cases.subjectId, sql`${cases.status} = 'open' desc`, sql`${cases.closedAt} desc nulls last`);
  for (const row of rows) (row.status === 'open' ? openCases : closedCases).set(row.subjectId, row);
  return { openCases, closedCases };
}

/** The account subjects of the authors of these subjects: their public-figure status and followers. */
async function authorAccounts(
  tx: CommandContext['tx'],
  platform: string,
  rows: SubjectRow[],
): Promise<Map<string, SubjectRow>> {
  const authorIds = [
    ...new Set(rows.flatMap((row) => (row.kind === 'content' && row.authorExternalId ? [row.authorExternalId] : []))),
  ];
  if (authorIds.length === 0) return new Map();
  const accounts = await tx
    .select()
    .from(subjects)
    .where(and(eq(subjects.platform, platform), eq(subjects.kind, 'account'), inArray(subjects.externalId, authorIds)));
  return new Map(accounts.map((account) => [account.externalId, account]));
}

function fail(problems: FieldError[]): void {
  if (problems.length === 0) return;
  const first = problems[0] as FieldError;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  throw new DocketError('validation_failed', `${first.field}: ${first.message}${more}; nothing was stored`, problems);
}
