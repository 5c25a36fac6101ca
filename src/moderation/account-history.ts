import { and, desc, eq, inArray } from 'drizzle-orm';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import type { AccountHistory } from './contract.js';
import { displayNames, nameOf } from './people.js';
import { accountRestrictions, appeals, decisions, reports, strikes, subjects } from './tables.js';

/** Each list of the page shows this many, newest first, and says when there are more. */
export const ACCOUNT_LIST_LIMIT = 100;

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** The newest `limit` rows and whether more exist (the query asked for one more). */
function newest<T>(rows: T[], limit: number): { items: T[]; more: boolean } {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * An account's whole record with the platform: the account itself, the content it posted, the reports on them,
 * the decisions, strikes, account restrictions and appeals. Each list reads an index of its own (author, subject,
 * account ref, decision) and is bounded, so the page costs the same for an account with a long history.
 * Reporters stay unnamed, staff appear by name.
 */
export async function accountHistory(db: Db, platform: string, accountRef: string, now: Date): Promise<AccountHistory> {
  const limit = ACCOUNT_LIST_LIMIT;
  const [account] = await db
    .select()
    .from(subjects)
    .where(and(eq(subjects.platform, platform), eq(subjects.externalId, accountRef), eq(subjects.kind, 'account')));
  const posted = newest(
    await db
      .select()
      .from(subjects)
      .where(
        and(eq(subjects.authorExternalId, accountRef), eq(subjects.platform, platform), eq(subjects.kind, 'content')),
      )
      .orderBy(desc(subjects.id))
      .limit(limit + 1),
    limit,
  );
  const subjectIds = [...(account ? [account.id] : []), ...posted.items.map((s) => s.id)];
  const subjectReports = newest(
    subjectIds.length
      ? await db
          .select({
            id: reports.id,
            subjectId: reports.subjectId,
            caseId: reports.caseId,
            policyId: reports.policyId,
            sectionId: reports.sectionId,
            source: reports.source,
            text: reports.text,
            receivedAt: reports.receivedAt,
          })
          .from(reports)
          .where(inArray(reports.subjectId, subjectIds))
          .orderBy(desc(reports.receivedAt))
          .limit(limit + 1)
      : [],
    limit,
  );
  const subjectDecisions = newest(
    subjectIds.length
      ? await db
          .select()
          .from(decisions)
          .where(inArray(decisions.subjectId, subjectIds))
          .orderBy(desc(decisions.decidedAt))
          .limit(limit + 1)
      : [],
    limit,
  );
  const accountStrikes = newest(
    await db
      .select()
      .from(strikes)
      .where(and(eq(strikes.platform, platform), eq(strikes.accountRef, accountRef)))
      .orderBy(desc(strikes.issuedAt))
      .limit(limit + 1),
    limit,
  );
  const restrictions = newest(
    await db
      .select()
      .from(accountRestrictions)
      .where(and(eq(accountRestrictions.platform, platform), eq(accountRestrictions.accountRef, accountRef)))
      .orderBy(desc(accountRestrictions.startsAt))
      .limit(limit + 1),
    limit,
  );
  const decisionIds = subjectDecisions.items.map((d) => d.id);
  const decisionAppeals = decisionIds.length
    ? await db
        .select({
          id: appeals.id,
          decisionId: appeals.decisionId,
          appellant: appeals.appellant,
          status: appeals.status,
          result: appeals.result,
          reason: appeals.reason,
          filedAt: appeals.filedAt,
          decidedAt: appeals.decidedAt,
          decidedBy: appeals.decidedBy,
        })
        .from(appeals)
        .where(inArray(appeals.decisionId, decisionIds))
        .orderBy(desc(appeals.filedAt))
    : [];
  if (!account && posted.items.length === 0 && accountStrikes.items.length === 0 && restrictions.items.length === 0) {
    throw new DocketError('not_found', `no account ${accountRef} on ${platform}`);
  }
  const names = await displayNames(db, [
    ...subjectDecisions.items.map((d) => d.decidedBy),
    ...decisionAppeals.map((a) => a.decidedBy),
  ]);
  const subjectView = (s: typeof subjects.$inferSelect) => ({
    id: s.id,
    externalId: s.externalId,
    kind: s.kind,
    contentType: s.contentType,
    title: s.title,
    excerpt: s.body ? s.body.slice(0, 240) : null,
    country: s.country,
    postedAt: iso(s.postedAt),
    registeredAt: s.registeredAt.toISOString(),
  });
  return {
    platform,
    accountRef,
    account: account
      ? { ...subjectView(account), followers: account.followers, publicFigure: account.publicFigure }
      : null,
    subjects: { items: posted.items.map(subjectView), more: posted.more },
    reports: {
      items: subjectReports.items.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
      more: subjectReports.more,
    },
    decisions: {
      items: subjectDecisions.items.map((d) => ({
        id: d.id,
        caseId: d.caseId,
        subjectId: d.subjectId,
        outcome: d.outcome,
        accountAction: d.accountAction,
        policyId: d.policyId,
        sectionId: d.sectionId,
        policyVersion: d.policyVersion,
        status: d.status,
        decidedBy: nameOf(names, d.decidedBy),
        decidedAt: d.decidedAt.toISOString(),
      })),
      more: subjectDecisions.more,
    },
    strikes: {
      items: accountStrikes.items.map((s) => ({
        id: s.id,
        decisionId: s.decisionId,
        policyId: s.policyId,
        issuedAt: s.issuedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        reversedAt: iso(s.reversedAt),
        active: s.reversedAt === null && s.expiresAt > now,
      })),
      more: accountStrikes.more,
    },
    restrictions: {
      items: restrictions.items.map((r) => ({
        id: r.id,
        decisionId: r.decisionId,
        kind: r.kind,
        reason: r.reason,
        startsAt: r.startsAt.toISOString(),
        endsAt: iso(r.endsAt),
        liftedAt: iso(r.liftedAt),
        inForce: r.liftedAt === null && (r.endsAt === null || r.endsAt > now),
      })),
      more: restrictions.more,
    },
    appeals: decisionAppeals.map((a) => ({
      ...a,
      filedAt: a.filedAt.toISOString(),
      decidedAt: iso(a.decidedAt),
      decidedBy: nameOf(names, a.decidedBy),
    })),
  };
}
