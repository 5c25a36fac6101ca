import type { ChainEntry } from '../core/chain.js';
import { applyReplay, dateOf, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { contentNotices, noticeLinks } from './notice-tables.js';

/**
 * Notices of content rebuilt from their events. The notifier's name and e-mail, the sender's hash and the status
 * link's token hash are not on the log (personal data, operational state and a secret): the replay leaves the
 * contact empty and writes a token hash no link opens, so a rebuilt notice's status link must be issued anew.
 */
const handlers: ReplayHandlers = {
  'content_notice.received': async (tx, p, e) => {
    const receivedAt = dateOf(e.at) as Date;
    await tx.insert(contentNotices).values({
      id: p.noticeId,
      ref: p.ref,
      location: p.location,
      explanation: p.explanation,
      policyId: p.policyId,
      legalReference: p.legalReference,
      childSexualAbuse: p.childSexualAbuse,
      notifierName: null,
      notifierEmail: null,
      goodFaith: p.goodFaith,
      language: p.language,
      trustedFlaggerId: p.trustedFlaggerId,
      subjectId: p.subjectId,
      caseId: p.caseId,
      reportId: p.reportId,
      platform: p.platform,
      confirmationRequested: p.confirmationRequested,
      senderHash: `replayed:${p.noticeId}`,
      receivedAt,
    });
    await tx.insert(noticeLinks).values({
      id: p.statusLinkId,
      noticeId: p.noticeId,
      purpose: 'status',
      tokenHash: `replayed:${p.statusLinkId}`,
      createdAt: receivedAt,
    });
  },
  'content_notice.notifier_notified': async (tx, p, e) => {
    await setRow(tx, contentNotices, p.noticeId, {
      decisionId: p.decisionId,
      outcome: p.outcome,
      notifiedAt: dateOf(e.at),
    });
  },
};

export async function replayNotices(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
