import { eq } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf as date, setRow, userOfActor as userOf, type ReplayHandlers } from '../core/replay.js';
import type { EventPayload } from '../events.js';
import type { Db } from '../store/database.js';
import type { PriorityFactor } from './rules.js';
import {
  accountOwnerEvents,
  accountRestrictions,
  appeals,
  caseNotes,
  cases,
  decisions,
  noticeTemplates,
  notices,
  reports,
  strikes,
  subjects,
} from './tables.js';

const subjectOf = async (tx: Db, subjectId: string) =>
  (await tx.select().from(subjects).where(eq(subjects.id, subjectId)))[0];
const decisionOf = async (tx: Db, decisionId: string) =>
  (await tx.select().from(decisions).where(eq(decisions.id, decisionId)))[0];

/**
 * A report.received written before issue 14 lacks the case's state after its batch. An open case counts the report,
 * adds its policy to those alleged (the first one the gravest and its source the strongest, as for a case opened
 * by it: later reports' sections and sources are not weighed) and takes the priority the entry states; its priority
 * factors stay as they were.
 */
async function countReportOfOldEntry(tx: Db, p: EventPayload<'report.received'>): Promise<void> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, p.caseId));
  if (row?.status !== 'open') return;
  await setRow(tx, cases, row.id, {
    reportCount: row.reportCount + 1,
    policiesAlleged: row.policiesAlleged.includes(p.policyId)
      ? row.policiesAlleged
      : [...row.policiesAlleged, p.policyId],
    gravestPolicyId: row.gravestPolicyId || p.policyId,
    strongestSource: row.reportCount === 0 ? p.source : row.strongestSource,
    priorityBase: p.priority,
  });
}

/** Open cases a designation repriced take the priority the command gave them (absent on older entries). */
async function reprice(tx: Db, repriced: EventPayload<'designation.ended'>['repriced'] | undefined): Promise<void> {
  for (const { caseId, priorityBase, priorityFactors } of repriced ?? [])
    await setRow(tx, cases, caseId, { priorityBase, priorityFactors });
}

/**
 * Moderation's read model rebuilt from its events alone, applied in log order to empty tables: subjects, reports,
 * cases, decisions, strikes, account restrictions, notices, appeals, case notes, notice templates and account
 * owners' events. What the log deliberately does not hold (reporters' and appellants' identities, the queue's rank
 * key) is left empty; test/event-replay.test.ts lists those columns with the reason.
 *
 * Entries written before issue 14 lack fields added since (`?? …` below); each takes a stated default, checked by
 * test/event-replay-old-entries.test.ts: a subject's title, body, url, public-figure claim, content hash and posting
 * time are null and its counts 0; an update keeps the registered values (the entry names the changed fields, not
 * their values) and a content change leaves no content hash; a case opens with its subject's country and language,
 * its reports then count as countReportOfOldEntry says; a report's text is null; a decision has no warning screen
 * and was taken by the entry's actor, as were appeal decisions; a strike's policy is its decision's; a notice goes
 * to the decision's subject's platform and account (its author, or the account itself) with an empty statement
 * (`{}`: the entry did not carry it); an appeal's statement is empty; repricings by a designation are not replayed
 * (the cases keep the priority their reports gave them).
 */
const handlers: ReplayHandlers = {
  'subject.registered': async (tx, p, e) => {
    await tx.insert(subjects).values({
      id: p.subjectId,
      platform: p.platform,
      externalId: p.externalId,
      kind: p.kind,
      contentType: p.contentType as (typeof subjects.$inferInsert)['contentType'],
      authorExternalId: p.authorExternalId,
      title: p.title ?? null,
      body: p.body ?? null,
      url: p.url ?? null,
      language: p.language,
      country: p.country,
      views: p.views ?? 0,
      shares: p.shares ?? 0,
      followers: p.followers ?? 0,
      publicFigure: p.publicFigure ?? null,
      accountType: p.accountType ?? null,
      contentHash: p.contentHash ?? null,
      postedAt: date(p.postedAt),
      registeredAt: new Date(e.at),
    });
  },
  'subject.updated': async (tx, p, e) => {
    const values = {
      ...(p.values as Partial<typeof subjects.$inferInsert> | undefined),
      ...(p.contentChanged ? { contentHash: p.contentHash ?? null, contentChangedAt: new Date(e.at) } : {}),
    };
    if (Object.keys(values).length > 0) await setRow(tx, subjects, p.subjectId, values);
  },
  'case.opened': async (tx, p, e) => {
    const subject = p.country === undefined ? await subjectOf(tx, p.subjectId) : undefined;
    await tx.insert(cases).values({
      id: p.caseId,
      subjectId: p.subjectId,
      status: 'open',
      level: p.level,
      openedAt: new Date(e.at),
      priorityBase: 0,
      rankKey: null,
      priorityFactors: [],
      reportCount: 0,
      policiesAlleged: p.policiesAlleged ?? [],
      gravestPolicyId: p.gravestPolicyId ?? '',
      strongestSource: p.strongestSource ?? 'user',
      country: subject ? subject.country : p.country,
      language: subject ? subject.language : p.language,
      escalationNote: p.escalationNote ?? null,
    });
  },
  'case.reopened': (tx, p, e) =>
    setRow(tx, cases, p.caseId, {
      status: 'open',
      level: 'frontline',
      openedAt: new Date(e.at),
      closedAt: null,
      claimedBy: null,
      leaseExpiresAt: null,
      escalationNote: null,
    }),
  'report.received': async (tx, p, e) => {
    const [subject] = await tx
      .select({ platform: subjects.platform })
      .from(subjects)
      .where(eq(subjects.id, p.subjectId));
    await tx.insert(reports).values({
      id: p.reportId,
      platform: subject?.platform ?? '',
      subjectId: p.subjectId,
      caseId: p.caseId,
      policyId: p.policyId,
      sectionId: p.sectionId,
      text: p.text ?? null,
      reporterRef: null,
      source: p.source,
      receivedAt: new Date(e.at),
    });
    if (p.caseState === undefined) await countReportOfOldEntry(tx, p);
    else if (p.caseState)
      await setRow(tx, cases, p.caseId, {
        ...p.caseState,
        priorityFactors: p.caseState.priorityFactors as PriorityFactor[],
      });
  },
  'case.claimed': (tx, p) =>
    setRow(tx, cases, p.caseId, { claimedBy: p.userId, leaseExpiresAt: new Date(p.leaseExpiresAt) }),
  'case.released': (tx, p) => setRow(tx, cases, p.caseId, { claimedBy: null, leaseExpiresAt: null }),
  'case.escalated': (tx, p) =>
    setRow(tx, cases, p.caseId, { level: p.to, claimedBy: null, leaseExpiresAt: null, escalationNote: p.note }),
  // A crisis designation approved or ended repriced the country's open cases: each takes the priority it was given.
  'designation.approved': (tx, p) => reprice(tx, p.repriced),
  'designation.ended': (tx, p) => reprice(tx, p.repriced),
  'decision.taken': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx.insert(decisions).values({
      id: p.decisionId,
      caseId: p.caseId,
      subjectId: p.subjectId,
      decidedBy: p.decidedBy ?? userOf(e.actor),
      decidedAt: at,
      policyId: p.policyId,
      sectionId: p.sectionId,
      policyVersion: p.policyVersion,
      outcome: p.outcome,
      accountAction: p.accountAction,
      facts: p.facts,
      automatedDetection: p.automatedDetection,
      automatedDecision: p.automatedDecision,
      territorialScope: p.territorialScope,
      balancing: p.balancing,
      warningScreen: p.warningScreen ?? false,
      status: 'in_force',
      reviewOf: p.reviewOf,
      illegalContent: p.illegalContent ?? null,
      automation: p.automation ?? null,
    });
    // A first decision closes its case; a decision on review replaces the case's last one.
    await setRow(
      tx,
      cases,
      p.caseId,
      p.reviewOf
        ? { lastDecisionId: p.decisionId }
        : { status: 'closed', closedAt: at, claimedBy: null, leaseExpiresAt: null, lastDecisionId: p.decisionId },
    );
  },
  'decision.reversed': (tx, p) => setRow(tx, decisions, p.decisionId, { status: 'reversed' }),
  'strike.issued': async (tx, p, e) => {
    const policyId = p.policyId ?? (await decisionOf(tx, p.decisionId))?.policyId ?? '';
    await tx.insert(strikes).values({
      id: p.strikeId,
      platform: p.platform,
      accountRef: p.accountRef,
      decisionId: p.decisionId,
      policyId,
      issuedAt: new Date(e.at),
      expiresAt: new Date(p.expiresAt),
    });
  },
  'strike.reversed': (tx, p, e) => setRow(tx, strikes, p.strikeId, { reversedAt: new Date(e.at) }),
  'account.restricted': async (tx, p, e) => {
    await tx.insert(accountRestrictions).values({
      id: p.restrictionId,
      platform: p.platform,
      accountRef: p.accountRef,
      kind: p.kind as (typeof accountRestrictions.$inferInsert)['kind'],
      decisionId: p.decisionId,
      reason: p.reason,
      startsAt: new Date(e.at),
      endsAt: date(p.endsAt),
    });
  },
  'account.restriction_lifted': (tx, p, e) =>
    setRow(tx, accountRestrictions, p.restrictionId, { liftedAt: new Date(e.at) }),
  'notice.issued': async (tx, p, e) => {
    const decision = p.platform === undefined ? await decisionOf(tx, p.decisionId) : undefined;
    const subject = decision ? await subjectOf(tx, decision.subjectId) : undefined;
    await tx.insert(notices).values({
      id: p.noticeId,
      decisionId: p.decisionId,
      platform: p.platform ?? subject?.platform ?? '',
      recipientRef: subject
        ? subject.kind === 'account'
          ? subject.externalId
          : subject.authorExternalId
        : (p.recipientRef ?? null),
      statement: p.statement ?? {},
      createdAt: new Date(e.at),
    });
  },
  'appeal.filed': async (tx, p, e) => {
    await tx.insert(appeals).values({
      id: p.appealId,
      decisionId: p.decisionId,
      appellant: p.appellant,
      // Not on the log (erasable identity). A placeholder per appeal keeps reporters distinct parties for the
      // one-appeal-per-party index, as their references did.
      appellantRef: p.appellant === 'reporter' ? `appeal:${p.appealId}` : null,
      noticeId: p.noticeId ?? null,
      statement: p.statement ?? '',
      filedAt: new Date(e.at),
      status: 'pending',
    });
  },
  'appeal.decided': (tx, p, e) =>
    setRow(tx, appeals, p.appealId, {
      status: 'decided',
      decidedBy: p.decidedBy ?? userOf(e.actor),
      decidedAt: new Date(e.at),
      result: p.result,
      reason: p.reason,
      reviewDecisionId: p.reviewDecisionId,
    }),
  'appeal.closed_moot': (tx, p, e) =>
    setRow(tx, appeals, p.appealId, {
      status: 'closed',
      result: 'moot',
      reason: p.reason,
      decidedBy: p.decidedBy ?? userOf(e.actor),
      decidedAt: new Date(e.at),
    }),
  'case.note_added': async (tx, p, e) => {
    await tx.insert(caseNotes).values({
      id: p.noteId,
      caseId: p.caseId,
      authorId: p.authorId ?? userOf(e.actor),
      text: p.text,
      createdAt: new Date(e.at),
    });
  },
  'notice_template.created': async (tx, p, e) => {
    const at = new Date(e.at);
    const by = userOf(e.actor);
    await tx.insert(noticeTemplates).values({
      id: p.templateId,
      policyId: p.policyId,
      sectionId: p.sectionId,
      title: p.title,
      text: p.text,
      createdBy: by,
      createdAt: at,
      updatedBy: by,
      updatedAt: at,
    });
  },
  'notice_template.updated': (tx, p, e) =>
    setRow(tx, noticeTemplates, p.templateId, {
      title: p.title,
      text: p.text,
      updatedBy: userOf(e.actor),
      updatedAt: new Date(e.at),
    }),
  'notice_template.retired': async (tx, p, e) => {
    const at = new Date(e.at);
    await setRow(tx, noticeTemplates, p.templateId, { retiredAt: at, updatedBy: userOf(e.actor), updatedAt: at });
  },
  'account.owner_event': async (tx, p, e) => {
    await tx.insert(accountOwnerEvents).values({
      id: p.eventId,
      subjectId: p.subjectId,
      platform: p.platform,
      accountRef: p.accountRef,
      kind: p.kind,
      occurredAt: new Date(p.occurredAt),
      note: p.note,
      recordedAt: new Date(e.at),
      recordedBy: e.actor,
    });
  },
};

/** Applies entries, in log order, to moderation's tables; entries of other capabilities are passed over. */
export async function replayModeration(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
