import { eq } from 'drizzle-orm';
import { DocketError } from '../core/errors.js';
import { currentTitlesOf } from '../policy/reads.js';
import type { Db } from '../store/database.js';
import type { NoticeStatus } from './notice-contract.js';
import {
  DEFAULT_NOTICE_RULES,
  LINK_TOKEN,
  linkTokenHash,
  outcomeForNotifier,
  redressFor,
  type NoticeRules,
} from './notice-rules.js';
import { contentNotices, noticeLinks } from './notice-tables.js';
import { decisions, subjects } from './tables.js';
import { affectedUserLanguage, sayIn } from './message-reads.js';
import { messageLanguage, type MessageLanguage } from './message-rules.js';

export type { NoticeBody, NoticeReceipt, NoticeStatus } from './notice-contract.js';
export type { Redress } from './notice-rules.js';
export { noticeProblems, type NoticeDraft } from './notice-rules.js';
export { LANGUAGE_NAMES, MESSAGE_LANGUAGES } from './message-rules.js';

/**
 * The language a notifier is told the outcome in: the one they filed in (the notice's language, else their browser's
 * then), else the content's, else English.
 */
export async function notifierLanguage(
  db: Db,
  notice: { language: string | null; subjectId: string },
): Promise<MessageLanguage> {
  const [subject] = await db
    .select({ language: subjects.language })
    .from(subjects)
    .where(eq(subjects.id, notice.subjectId));
  return messageLanguage({ recipient: notice.language, content: subject?.language });
}

/**
 * A complainant's language: a notifier's as their notice records it (notifierLanguage), the affected user's as
 * affectedUserLanguage finds it.
 */
export async function complainantLanguage(
  db: Db,
  complainant: { noticeId: string | null; subjectId: string },
): Promise<MessageLanguage> {
  if (complainant.noticeId) {
    const [notice] = await db
      .select({ language: contentNotices.language })
      .from(contentNotices)
      .where(eq(contentNotices.id, complainant.noticeId));
    return notifierLanguage(db, { language: notice?.language ?? null, subjectId: complainant.subjectId });
  }
  const [subject] = await db.select().from(subjects).where(eq(subjects.id, complainant.subjectId));
  return subject ? affectedUserLanguage(db, subject) : 'en';
}

/**
 * A notice as its status link shows it: the notice, where it stands and, once the notifier was told the decision,
 * the outcome and the redress. A token that opens no link is `not_found`, the same whether it is malformed, forged
 * or expired, so the answer tells a guesser nothing.
 */
export async function noticeStatus(
  db: Db,
  token: string,
  now: Date,
  rules: NoticeRules = DEFAULT_NOTICE_RULES,
): Promise<NoticeStatus> {
  const gone = () => new DocketError('not_found', 'no notice has this status link');
  if (!LINK_TOKEN.test(token)) throw gone();
  const [found] = await db
    .select({ notice: contentNotices, expiresAt: noticeLinks.expiresAt })
    .from(noticeLinks)
    .innerJoin(contentNotices, eq(contentNotices.id, noticeLinks.noticeId))
    .where(eq(noticeLinks.tokenHash, linkTokenHash(token)));
  if (!found || (found.expiresAt !== null && found.expiresAt.getTime() <= now.getTime())) throw gone();
  const { notice } = found;
  const [decision] = notice.decisionId
    ? await db.select({ decidedAt: decisions.decidedAt }).from(decisions).where(eq(decisions.id, notice.decisionId))
    : [];
  const titles = await currentTitlesOf(db, [notice.policyId]);
  const decided = notice.notifiedAt !== null && notice.outcome !== null && decision !== undefined;
  const language = await notifierLanguage(db, notice);
  const say = decided ? await sayIn(db, language) : undefined;
  return {
    ref: notice.ref,
    receivedAt: notice.receivedAt.toISOString(),
    location: notice.location,
    policyId: notice.policyId,
    policyTitle: titles.get(notice.policyId) ?? notice.policyId,
    state: decided ? 'decided' : 'received',
    language,
    outcome: decided
      ? {
          outcome: notice.outcome as string,
          text: outcomeForNotifier(notice.outcome as string, say),
          decidedAt: decision.decidedAt.toISOString(),
          notifiedAt: (notice.notifiedAt as Date).toISOString(),
        }
      : null,
    redress: decided ? redressFor(notice.ref, notice.notifiedAt as Date, rules, say) : [],
  };
}
