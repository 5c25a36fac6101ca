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

/**
 * Receives a batch of reports in the caller's command, all or nothing: subjects are registered or updated, each
 * report joins its subject's open case, reopens a closed one on new facts, is recorded on the closed case
 * otherwise, or opens a new case; every touched open case gets its priority recomputed with an explanation.
 * The work is set-based (a handful of statements per batch, not per report).
 */
export async function receiveReports(
  ctx: CommandContext,
  platform: string,
  items: readonly ReportInput[],
  rules: ModerationRules,
  contextOf: ContextOf,
): Promise<ReportReceipt[]> {
  const { tx, now, ids, record } = ctx;
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

  // Subjects: inline ones are registered or updated; referenced ones must exist.
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
    const rows = await tx
      .select()
      .from(subjects)
      .where(and(eq(subjects.platform, platform), inArray(subjects.externalId, referenced)));
    for (const row of rows) byExternalId.set(row.externalId, row);
  }
  const subjectOf = (item: ReportInput) => byExternalId.get(item.subject?.externalId ?? item.subjectExternalId ?? '');

  // Policies: the current version of every policy cited, and the section each report alleges.
  const policyIds = [...new Set(items.map((item) => item.policyId))];
  const library = await currentSectionsOf(tx, policyIds);
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

  const touchedSubjects = [...new Set(items.map((item) => (subjectOf(item) as SubjectRow).id))];
  const { openCases, closedCases } = await currentCases(tx, touchedSubjects);
  const authors = await authorAccounts(tx, platform, [...byExternalId.values()]);
  const verified = await verifiedKinds(tx, platform, [
    ...new Set(
      [...byExternalId.values()].flatMap((s) =>
        s.kind === 'account' ? [s.externalId] : s.authorExternalId ? [s.authorExternalId] : [],
      ),
    ),
  ]);
  const countries = [...new Set([...byExternalId.values()].flatMap((s) => (s.country ? [s.country] : [])))];
  const contexts = await contextOf(tx, countries);

  const created = new Map<string, CaseRow>();
  const changed = new Map<string, CaseRow>();
  const newReports: (typeof reports.$inferInsert)[] = [];
  const receipts: ReportReceipt[] = [];
  const severityOf = new Map<string, { severity: number; label: string }>();

  items.forEach((item, i) => {
    const subject = subjectOf(item) as SubjectRow;
    const section = alleged[i] as PolicySection;
    let target = openCases.get(subject.id);
    let disposition: ReportReceipt['disposition'] = 'joined_case';
    if (!target) {
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
      if (closed && !reason) {
        disposition = 'recorded_on_closed_case';
        target = closed;
      } else if (closed && reason) {
        disposition = 'reopened_case';
        target = {
          ...closed,
          status: 'open',
          level: 'frontline',
          openedAt: now,
          closedAt: null,
          claimedBy: null,
          leaseExpiresAt: null,
          escalationNote: null,
        };
        changed.set(target.id, target);
        openCases.set(subject.id, target);
        record('case.reopened', `case/${target.id}`, { caseId: target.id, reason });
      } else {
        disposition = 'opened_case';
        target = {
          id: ids.next(),
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
        created.set(target.id, target);
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
      }
    } else if (!created.has(target.id)) {
      changed.set(target.id, target);
    }

    target.reportCount += 1;
    if (!target.policiesAlleged.includes(item.policyId))
      target.policiesAlleged = [...target.policiesAlleged, item.policyId];
    target.strongestSource = stronger(target.strongestSource, item.source);
    const gravest = severityOf.get(target.id) ?? { severity: 0, label: '' };
    if (section.severity > gravest.severity) {
      severityOf.set(target.id, { severity: section.severity, label: `${item.policyId}/${section.id}` });
      target.gravestPolicyId = item.policyId;
    }
    const reportId = ids.next();
    newReports.push({
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
    receipts.push({ reportId, subjectId: subject.id, caseId: target.id, disposition });
  });

  // Priorities of open cases touched by the batch (a report recorded on a closed case changes none).
  const subjectsById = new Map([...byExternalId.values()].map((row) => [row.id, row]));
  const touched = new Map([...created, ...changed]);
  for (const target of touched.values()) {
    if (target.status !== 'open') continue;
    const subject = subjectsById.get(target.subjectId) as SubjectRow;
    const known = severityOf.get(target.id);
    const previous = target.priorityFactors.find((f) => f.factor === 'severity');
    const keepPrevious = previous && (!known || previous.value > known.severity);
    const priority = priorityOf(
      {
        severity: keepPrevious ? previous.value : (known?.severity ?? 0),
        severityOf: keepPrevious ? (previous.ref ?? '') : (known?.label ?? ''),
        views: subject.views,
        followers:
          subject.kind === 'account'
            ? subject.followers
            : (authors.get(subject.authorExternalId ?? '')?.followers ?? subject.followers),
        postedAt: subject.postedAt,
        actor: actorKindOf(
          verified.get(subject.kind === 'account' ? subject.externalId : (subject.authorExternalId ?? '')) ??
            (subject.kind === 'account'
              ? subject.publicFigure
              : authors.get(subject.authorExternalId ?? '')?.publicFigure),
        ),
        context: contexts.get(subject.country ?? '') ?? 'none',
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

  await insertMany(tx, cases, [...created.values()]);
  for (const target of changed.values()) {
    const { id, ...rest } = target;
    await tx.update(cases).set(rest).where(eq(cases.id, id));
  }
  await insertMany(tx, reports, newReports);
  for (const report of newReports) {
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
  return receipts;
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
