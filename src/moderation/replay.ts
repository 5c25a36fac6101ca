import { eq } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf as date, userOfActor as userOf, type ReplayHandlers } from '../core/replay.js';
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

/** Open cases a designation repriced take the priority the command gave them (absent on older entries). */
async function reprice(tx: Db, repriced: EventPayload<'designation.ended'>['repriced'] | undefined): Promise<void> {
  for (const { caseId, priorityBase, priorityFactors } of repriced ?? [])
    await tx.update(cases).set({ priorityBase, priorityFactors }).where(eq(cases.id, caseId));
}

/**
 * Moderation's read model rebuilt from its events alone, applied in log order to empty tables: subjects, reports,
 * cases, decisions, strikes, account restrictions, notices, appeals, case notes, notice templates and account
 * owners' events. What the log deliberately does not hold (reporters' and appellants' identities, the queue's rank
 * key) is left empty; test/event-replay.test.ts lists those columns with the reason.
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
      contentHash: p.contentHash ?? null,
      postedAt: date(p.postedAt),
      registeredAt: new Date(e.at),
    });
  },
  'subject.updated': async (tx, p, e) => {
    if (!p.values) return;
    await tx
      .update(subjects)
      .set({
        ...(p.values as Partial<typeof subjects.$inferInsert>),
        ...(p.contentChanged ? { contentHash: p.contentHash, contentChangedAt: new Date(e.at) } : {}),
      })
      .where(eq(subjects.id, p.subjectId));
  },
  'case.opened': async (tx, p, e) => {
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
      country: p.country ?? null,
      language: p.language ?? null,
      escalationNote: p.escalationNote ?? null,
    });
  },
  'case.reopened': async (tx, p, e) => {
    await tx
      .update(cases)
      .set({
        status: 'open',
        level: 'frontline',
        openedAt: new Date(e.at),
        closedAt: null,
        claimedBy: null,
        leaseExpiresAt: null,
        escalationNote: null,
      })
      .where(eq(cases.id, p.caseId));
  },
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
    if (p.caseState)
      await tx
        .update(cases)
        .set({ ...p.caseState, priorityFactors: p.caseState.priorityFactors as PriorityFactor[] })
        .where(eq(cases.id, p.caseId));
  },
  'case.claimed': async (tx, p) => {
    await tx
      .update(cases)
      .set({ claimedBy: p.userId, leaseExpiresAt: new Date(p.leaseExpiresAt) })
      .where(eq(cases.id, p.caseId));
  },
  'case.released': async (tx, p) => {
    await tx.update(cases).set({ claimedBy: null, leaseExpiresAt: null }).where(eq(cases.id, p.caseId));
  },
  'case.escalated': async (tx, p) => {
    await tx
      .update(cases)
      .set({ level: p.to, claimedBy: null, leaseExpiresAt: null, escalationNote: p.note })
      .where(eq(cases.id, p.caseId));
  },
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
    });
    // A first decision closes its case; a decision on review replaces the case's last one.
    await tx
      .update(cases)
      .set(
        p.reviewOf
          ? { lastDecisionId: p.decisionId }
          : { status: 'closed', closedAt: at, claimedBy: null, leaseExpiresAt: null, lastDecisionId: p.decisionId },
      )
      .where(eq(cases.id, p.caseId));
  },
  'decision.reversed': async (tx, p) => {
    await tx.update(decisions).set({ status: 'reversed' }).where(eq(decisions.id, p.decisionId));
  },
  'strike.issued': async (tx, p, e) => {
    await tx.insert(strikes).values({
      id: p.strikeId,
      platform: p.platform,
      accountRef: p.accountRef,
      decisionId: p.decisionId,
      policyId: p.policyId ?? '',
      issuedAt: new Date(e.at),
      expiresAt: new Date(p.expiresAt),
    });
  },
  'strike.reversed': async (tx, p, e) => {
    await tx
      .update(strikes)
      .set({ reversedAt: new Date(e.at) })
      .where(eq(strikes.id, p.strikeId));
  },
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
  'account.restriction_lifted': async (tx, p, e) => {
    await tx
      .update(accountRestrictions)
      .set({ liftedAt: new Date(e.at) })
      .where(eq(accountRestrictions.id, p.restrictionId));
  },
  'notice.issued': async (tx, p, e) => {
    await tx.insert(notices).values({
      id: p.noticeId,
      decisionId: p.decisionId,
      platform: p.platform ?? '',
      recipientRef: p.recipientRef ?? null,
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
      statement: p.statement ?? '',
      filedAt: new Date(e.at),
      status: 'pending',
    });
  },
  'appeal.decided': async (tx, p, e) => {
    await tx
      .update(appeals)
      .set({
        status: 'decided',
        decidedBy: p.decidedBy ?? userOf(e.actor),
        decidedAt: new Date(e.at),
        result: p.result,
        reason: p.reason,
        reviewDecisionId: p.reviewDecisionId,
      })
      .where(eq(appeals.id, p.appealId));
  },
  'appeal.closed_moot': async (tx, p, e) => {
    await tx
      .update(appeals)
      .set({
        status: 'closed',
        result: 'moot',
        reason: p.reason,
        decidedBy: p.decidedBy ?? userOf(e.actor),
        decidedAt: new Date(e.at),
      })
      .where(eq(appeals.id, p.appealId));
  },
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
  'notice_template.updated': async (tx, p, e) => {
    await tx
      .update(noticeTemplates)
      .set({ title: p.title, text: p.text, updatedBy: userOf(e.actor), updatedAt: new Date(e.at) })
      .where(eq(noticeTemplates.id, p.templateId));
  },
  'notice_template.retired': async (tx, p, e) => {
    const at = new Date(e.at);
    await tx
      .update(noticeTemplates)
      .set({ retiredAt: at, updatedBy: userOf(e.actor), updatedAt: at })
      .where(eq(noticeTemplates.id, p.templateId));
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
