import { and, desc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import type { MisuseMeasure } from './misuse-contract.js';
import { accountKey, reporterKey, suspendedMessage, type MisuseParty } from './misuse-rules.js';
import { misuseMeasures } from './misuse-tables.js';
import { notifierKey } from './misuse-rules.js';
import { contentNotices } from './notice-tables.js';
import { decisions, subjects } from './tables.js';

export type { MisuseStanding } from './misuse-contract.js';

type MeasureRow = typeof misuseMeasures.$inferSelect;

/** A measure as it is taken: not contested, not reviewed. */
export const NOT_REVIEWED = {
  appealStatement: null,
  appealedAt: null,
  reviewResult: null,
  reviewReason: null,
  reviewedBy: null,
  reviewedAt: null,
} as const;

/** Where a measure stands at `now`: a warning; a suspension in force, ended, or lifted on review. */
export function measureState(row: MeasureRow, now: Date): MisuseMeasure['state'] {
  if (row.kind === 'warning') return 'warning';
  if (row.reviewResult === 'lifted') return 'lifted';
  return row.endsAt && row.endsAt.getTime() > now.getTime() ? 'in_force' : 'ended';
}

export function measureView(row: MeasureRow, now: Date): MisuseMeasure {
  return {
    id: row.id,
    party: row.party,
    partyLabel: row.partyLabel,
    platform: row.platform,
    kind: row.kind,
    reason: row.reason,
    marks: row.marks,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    state: measureState(row, now),
    appeal:
      row.appealStatement && row.appealedAt
        ? { statement: row.appealStatement, appealedAt: row.appealedAt.toISOString() }
        : null,
    review:
      row.reviewResult && row.reviewReason && row.reviewedAt
        ? { result: row.reviewResult, reason: row.reviewReason, reviewedAt: row.reviewedAt.toISOString() }
        : null,
  };
}

/** The person's suspension in force at `now`, if any: the one that ends last. */
export async function suspensionInForce(
  tx: Db,
  party: MisuseParty,
  partyKey: string,
  now: Date,
): Promise<MeasureRow | null> {
  const [row] = await tx
    .select()
    .from(misuseMeasures)
    .where(
      and(
        eq(misuseMeasures.party, party),
        eq(misuseMeasures.partyKey, partyKey),
        eq(misuseMeasures.kind, 'suspension'),
        gt(misuseMeasures.endsAt, now),
        or(isNull(misuseMeasures.reviewResult), ne(misuseMeasures.reviewResult, 'lifted')),
      ),
    )
    .orderBy(desc(misuseMeasures.endsAt))
    .limit(1);
  return row ?? null;
}

/**
 * Refuses what a person suspended under Art. 23 tries to submit, telling them so and until when (403
 * `suspended_for_misuse`); nothing is written. A person no key identifies (a notice without an address) is not
 * refused.
 */
export async function checkNotSuspended(tx: Db, party: MisuseParty, partyKey: string | null, now: Date): Promise<void> {
  if (!partyKey) return;
  const suspension = await suspensionInForce(tx, party, partyKey, now);
  if (suspension?.endsAt) {
    const message = suspendedMessage(party, suspension.endsAt);
    throw new DocketError('suspended_for_misuse', message, [{ field: '', message }]);
  }
}

/** The account a decision is about: the account itself, or the content's author. */
export async function accountOfDecision(
  tx: Db,
  decisionId: string,
): Promise<{ platform: string; accountRef: string | null; caseId: string } | null> {
  const [row] = await tx
    .select({
      platform: subjects.platform,
      kind: subjects.kind,
      externalId: subjects.externalId,
      author: subjects.authorExternalId,
      caseId: decisions.caseId,
    })
    .from(decisions)
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .where(eq(decisions.id, decisionId));
  if (!row) return null;
  return {
    platform: row.platform,
    accountRef: row.kind === 'account' ? row.externalId : row.author,
    caseId: row.caseId,
  };
}

/** Who filed a complaint, as the measures know them, with where they are told; null when no one is identified. */
export interface Complainant {
  key: string;
  label: string;
  /** The platform, when the platform speaks for them (its webhook tells it). */
  platform: string | null;
  email: string | null;
  /** The notice whose status link shows their measures, for a notifier, and its platform (the e-mail's). */
  noticeRef: string | null;
  mailPlatform: string | null;
}

/** The person who sent a notice, by its address or flagger; null for a notice that gives neither. */
export function notifierOf(notice: typeof contentNotices.$inferSelect): Complainant | null {
  const key = notifierKey({ flaggerId: notice.trustedFlaggerId, email: notice.notifierEmail });
  if (!key) return null;
  return {
    key,
    label: `the notifier of ${notice.ref}`,
    platform: null,
    email: notice.notifierEmail,
    noticeRef: notice.ref,
    mailPlatform: notice.platform,
  };
}

/**
 * A complainant's key: a notifier's (their notice's address or flagger) when they complain through their notice; the
 * affected user's account; or a reporter a platform names.
 */
export async function complainantOf(
  tx: Db,
  appeal: { appellant: 'affected_user' | 'reporter'; appellantRef: string | null; noticeId: string | null },
  decisionId: string,
): Promise<Complainant | null> {
  if (appeal.noticeId) {
    const [notice] = await tx.select().from(contentNotices).where(eq(contentNotices.id, appeal.noticeId));
    return notice ? notifierOf(notice) : null;
  }
  const account = await accountOfDecision(tx, decisionId);
  if (!account) return null;
  if (appeal.appellant === 'affected_user')
    return account.accountRef
      ? {
          key: accountKey(account.platform, account.accountRef),
          label: `account ${account.platform}/${account.accountRef}`,
          platform: account.platform,
          email: null,
          noticeRef: null,
          mailPlatform: null,
        }
      : null;
  return appeal.appellantRef
    ? {
        key: reporterKey(account.platform, appeal.appellantRef),
        label: `a reporter on ${account.platform}`,
        platform: account.platform,
        email: null,
        noticeRef: null,
        mailPlatform: null,
      }
    : null;
}
