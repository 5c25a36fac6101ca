import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, like, min } from 'drizzle-orm';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import { DocketError, invalid } from '../core/errors.js';
import type { OutboxQueue } from '../core/outbox.js';
import { checkSenderAllowance, senderHashOf, SENDER_WINDOW_MS } from '../core/public-forms.js';
import { EMAIL_TRANSPORT, type MailPayload } from '../core/smtp.js';
import { currentSectionsOf } from '../policy/reads.js';
import type { Db } from '../store/database.js';
import { receiveReports, type ContextOf } from './ingestion.js';
import type { NoticeBody, NoticeReceipt, NoticeStatus } from './notice-contract.js';
import { noticeStatus, notifierLanguage } from './notice-reads.js';
import { flaggerOfKey } from './flagger-reads.js';
import { checkNotSuspended } from './misuse-reads.js';
import { notifierKey } from './misuse-rules.js';
import { preferredLanguage, sayIn, type Say } from './message-reads.js';
import {
  checkNotice,
  linkTokenHash,
  noticeRef,
  originPrefix,
  outcomeForNotifier,
  redressFor,
  unconfirmedExternalId,
  type NoticeRules,
} from './notice-rules.js';
import { contentNotices, noticeLinks } from './notice-tables.js';
import type { ModerationRules } from './rules.js';
import { cases, decisions, subjects } from './tables.js';
import type { ReportInput } from './contract.js';

/** Where a notice's status page is, for a token: the path the public site serves. */
export const statusPath = (token: string): string => `/notices/status/${token}`;

/**
 * Notices of content from anyone (EU DSA Art. 16). A notice becomes a report on its subject's case, so it is worked
 * like any report; the notifier gets a reference and a capability link at once, and the outcome with their redress
 * once the case is decided (always on the status page, by e-mail too when Docket can send it).
 */
export function createNoticeDesk(deps: {
  db: Db;
  now: () => Date;
  run: CommandRunner;
  rules: ModerationRules;
  noticeRules: NoticeRules;
  contextOf: ContextOf;
  /** Messages to the platform (webhooks): asks it to confirm content Docket did not know. */
  notify: Notify;
  /** The outbox for e-mail; null when no SMTP server is configured (the status page only). */
  mail: OutboxQueue | null;
}) {
  const { db, run, rules, noticeRules, contextOf, notify, mail } = deps;

  /**
   * Files a notice through the public form or API. `origin` makes the status link absolute (`https://host`). With a
   * trusted flagger's key (EU DSA Art. 22) the notice is the flagger's: its case is lifted by the trusted flagger
   * factor, and the flagger's name and contact stand for the notifier's when the notice gives none. Without a
   * `language`, the notifier's is the one their browser prefers (`acceptLanguage`) among those messages are kept in.
   */
  async function file(
    body: NoticeBody,
    senderAddress: string,
    origin: string,
    flaggerKey?: string,
    acceptLanguage?: string,
  ): Promise<NoticeReceipt> {
    const flagger = flaggerKey === undefined ? null : await activeFlagger(flaggerKey);
    const input = flagger
      ? { ...body, name: body.name?.trim() || flagger.name, email: body.email?.trim() || flagger.contactEmail }
      : body;
    checkNotice(input, noticeRules);
    const token = randomBytes(32).toString('base64url');
    return run(flagger ? `trusted-flagger:${flagger.id}` : 'public:notice-form', async (ctx) => {
      const { tx, now, ids, record } = ctx;
      // A notifier suspended under Art. 23 is told so, and until when (a notice without an address names no one).
      await checkNotSuspended(
        tx,
        'notifier',
        notifierKey({ flaggerId: flagger?.id ?? null, email: input.email ?? null }),
        now,
      );
      const senderHash = senderHashOf('notice', senderAddress, now);
      const [recent] = await tx
        .select({ n: count(), oldest: min(contentNotices.receivedAt) })
        .from(contentNotices)
        .where(
          and(
            eq(contentNotices.senderHash, senderHash),
            gt(contentNotices.receivedAt, new Date(now.getTime() - SENDER_WINDOW_MS)),
          ),
        );
      // A trusted flagger is known and answerable for its notices (Art. 22(6)): the per-address request limit holds,
      // the anonymous sender's hourly allowance does not.
      if (!flagger)
        checkSenderAllowance({
          recent: recent?.n ?? 0,
          oldestRecentAt: recent?.oldest,
          now,
          perHour: noticeRules.noticesPerHour,
          what: 'notices',
        });
      const policyId = (input.policyId ?? '').trim();
      if (!(await currentSectionsOf(tx, [policyId])).has(policyId))
        throw invalid('/policyId', `there is no policy "${policyId}" in the library`);
      const location = (input.location ?? '').trim();
      const target = await subjectOfLocation(ctx, location);
      const ref = noticeRef(now, randomBytes(5));
      const [receipt] = await receiveReports(
        ctx,
        target.platform,
        [
          {
            ...target.item,
            policyId,
            text: (input.explanation ?? '').trim(),
            reporterRef: `notice:${ref}`,
            source: flagger ? 'trusted_flagger' : 'user',
            ...(flagger ? { trustedFlagger: flagger.name } : {}),
          },
        ],
        rules,
        contextOf,
      );
      if (!receipt) throw new DocketError('internal', 'the notice made no report');
      const noticeId = ids.next();
      const row = {
        id: noticeId,
        ref,
        location,
        explanation: (input.explanation ?? '').trim(),
        policyId,
        legalReference: input.legalReference?.trim() || null,
        childSexualAbuse: input.childSexualAbuse ?? false,
        notifierName: input.name?.trim() || null,
        notifierEmail: input.email?.trim() || null,
        goodFaith: input.goodFaith === true,
        language: input.language ?? preferredLanguage(acceptLanguage) ?? null,
        trustedFlaggerId: flagger?.id ?? null,
        subjectId: receipt.subjectId,
        caseId: receipt.caseId,
        reportId: receipt.reportId,
        platform: target.platform,
        confirmationRequested: target.confirm,
        senderHash,
        receivedAt: now,
      };
      await tx.insert(contentNotices).values(row);
      const linkId = ids.next();
      await tx
        .insert(noticeLinks)
        .values({ id: linkId, noticeId, purpose: 'status', tokenHash: linkTokenHash(token), createdAt: now });
      record('content_notice.received', `notice/${noticeId}`, {
        noticeId,
        ref,
        location,
        explanation: row.explanation,
        policyId,
        legalReference: row.legalReference,
        childSexualAbuse: row.childSexualAbuse,
        goodFaith: row.goodFaith,
        contactGiven: row.notifierEmail !== null,
        language: row.language,
        trustedFlaggerId: row.trustedFlaggerId,
        subjectId: row.subjectId,
        caseId: row.caseId,
        reportId: row.reportId,
        platform: row.platform,
        confirmationRequested: row.confirmationRequested,
        statusLinkId: linkId,
      });
      // A notice on content already decided, bringing no new facts, is told that decision at once.
      if (receipt.disposition === 'recorded_on_closed_case') {
        const [standing] = await tx
          .select({ decisionId: decisions.id, outcome: decisions.outcome })
          .from(cases)
          .innerJoin(decisions, eq(decisions.id, cases.lastDecisionId))
          .where(eq(cases.id, receipt.caseId));
        if (standing) await tell(ctx, { ...row, notifiedAt: null, decisionId: null, outcome: null }, standing);
      }
      if (target.confirm)
        await notify(ctx, target.platform, 'subject.confirmation_requested', {
          subjectId: receipt.subjectId,
          externalId: unconfirmedExternalId(location),
          url: location,
          noticeRef: ref,
          caseId: receipt.caseId,
        });
      return {
        ref,
        receivedAt: now.toISOString(),
        statusUrl: `${origin}${statusPath(token)}`,
        confirmationRequested: target.confirm,
        message: (await sayToNotifier(tx, row))('notifier.receipt', { ref }),
      };
    });
  }

  /** The flagger a key belongs to, if its status is active: an unknown key or another status is refused. */
  async function activeFlagger(key: string) {
    const flagger = await flaggerOfKey(db, key);
    if (!flagger)
      throw new DocketError(
        'invalid_token',
        'the trusted flagger key (x-flagger-key) is unknown or was replaced; nothing was stored',
      );
    if (flagger.status !== 'active')
      throw new DocketError(
        'forbidden',
        `the trusted flagger status of ${flagger.name} is ${flagger.status} since ${flagger.statusSince}: its notices are not taken as a trusted flagger's; nothing was stored (anyone may file without the key)`,
      );
    return flagger;
  }

  /**
   * The subject a location names: the content pushed with that address; else new content on the platform whose
   * content shares the address's origin, which the platform is asked to confirm. An address on no platform Docket
   * serves is refused.
   */
  async function subjectOfLocation(
    ctx: CommandContext,
    location: string,
  ): Promise<{ platform: string; item: Pick<ReportInput, 'subject' | 'subjectExternalId'>; confirm: boolean }> {
    const [known] = await ctx.tx
      .select({ platform: subjects.platform, externalId: subjects.externalId })
      .from(subjects)
      .where(eq(subjects.url, location))
      .orderBy(asc(subjects.registeredAt))
      .limit(1);
    if (known) return { platform: known.platform, item: { subjectExternalId: known.externalId }, confirm: false };
    const prefix = originPrefix(location);
    const [sibling] = prefix
      ? await ctx.tx.select({ platform: subjects.platform }).from(subjects).where(like(subjects.url, prefix)).limit(1)
      : [];
    if (!sibling)
      throw invalid(
        '/location',
        `Docket moderates no content at ${new URL(location).host}: give the address of content on a platform it serves`,
      );
    return {
      platform: sibling.platform,
      item: { subject: { externalId: unconfirmedExternalId(location), kind: 'content', url: location } },
      confirm: true,
    };
  }

  /**
   * After a decision on a case (`decision.taken`, in the deciding command): each notice on the case records the
   * outcome, which its status page shows from then on, and an e-mail goes to the notifiers who gave an address.
   */
  const afterDecision: Notify = async (ctx, _platform, type, payload) => {
    if (type !== 'decision.taken') return;
    const { caseId, decisionId, outcome } = payload as { caseId: string; decisionId: string; outcome: string };
    const onCase = await ctx.tx.select().from(contentNotices).where(eq(contentNotices.caseId, caseId));
    for (const notice of onCase) await tell(ctx, notice, { decisionId, outcome });
  };

  /** The notifier is told a decision: the status page shows it from now on, and an e-mail goes when it can. */
  async function tell(
    ctx: CommandContext,
    notice: typeof contentNotices.$inferSelect,
    decision: { decisionId: string; outcome: string },
  ): Promise<void> {
    const { tx, now, record } = ctx;
    const { decisionId, outcome } = decision;
    await tx
      .update(contentNotices)
      .set({ decisionId, outcome, notifiedAt: now })
      .where(eq(contentNotices.id, notice.id));
    const byEmail = mail !== null && notice.notifierEmail !== null;
    if (byEmail)
      await mail.enqueue(ctx, {
        platform: notice.platform,
        transport: EMAIL_TRANSPORT,
        type: 'content_notice.outcome',
        purpose: `tells the notifier of ${notice.ref} the outcome`,
        groupRef: notice.id,
        payload: {
          ...outcomeMail(notice.ref, notice.notifierEmail as string, outcome, now, await sayToNotifier(tx, notice)),
        },
      });
    record('content_notice.notifier_notified', `notice/${notice.id}`, {
      noticeId: notice.id,
      decisionId,
      outcome,
      channels: byEmail ? ['status_page', 'email'] : ['status_page'],
    });
  }

  /** Messages to a notice's notifier, in their language (notifierLanguage) from the templates in force. */
  const sayToNotifier = async (tx: Db, notice: { language: string | null; subjectId: string }): Promise<Say> =>
    sayIn(tx, await notifierLanguage(tx, notice));

  /**
   * The e-mail: the outcome and the redress, in full, in the notifier's language (the status link is the notifier's
   * own: never stored).
   */
  function outcomeMail(ref: string, to: string, outcome: string, now: Date, say: Say): MailPayload {
    const redress = redressFor(ref, now, noticeRules, say);
    return {
      to,
      subject: say('notifier.outcome.subject', { ref }),
      text: [
        say('notifier.outcome.intro', { ref, decidedOn: now }),
        '',
        outcomeForNotifier(outcome, say),
        '',
        say('notifier.outcome.redress_heading'),
        ...redress.map((r) => `- ${r.title}: ${r.text}`),
        '',
        say('notifier.outcome.closing'),
      ].join('\n'),
    };
  }

  /** The notice a status link opens, as its page shows it. */
  const status = (token: string): Promise<NoticeStatus> => noticeStatus(db, token, deps.now(), noticeRules);

  return { file, afterDecision, status };
}
