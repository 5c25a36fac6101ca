import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { ContentOutcome } from '../core/outcomes.js';
import { currentSectionsOf, currentTitlesOf } from '../policy/reads.js';
import type { Db } from '../store/database.js';
import type { createAppeals } from './appeals.js';
import type { ComplaintBody, ComplaintLink, ComplaintView } from './complaint-contract.js';
import {
  checkComplaintStatement,
  checkComplaintWindow,
  checkLinkLive,
  complaintDeadline,
  complaintRefusal,
  complaintState,
  complaintStateText,
  type Complainant,
} from './complaint-rules.js';
import { complaintLinks } from './complaint-tables.js';
import { LINK_TOKEN, linkTokenHash, outcomeForNotifier } from './notice-rules.js';
import { complainantLanguage } from './notice-reads.js';
import { sayIn } from './message-reads.js';
import { contentNotices, noticeLinks } from './notice-tables.js';
import { findDecision } from './reads.js';
import type { ModerationRules } from './rules.js';
import { appeals, decisions, notices, subjects } from './tables.js';

/** Where a complaint link opens: the public site's complaint page. */
export const complaintPath = (token: string): string => `/complaints/${token}`;

type DecisionRow = typeof decisions.$inferSelect;

/** What a link opens: whose complaint, about which decision, and since when they know of it. */
interface Opened {
  complainant: Complainant;
  decision: DecisionRow;
  platform: string;
  informedAt: Date;
  /** The notifier's notice, for a notifier's link. */
  notice: { id: string; ref: string } | null;
}

/**
 * Complaints from the people concerned (EU DSA Art. 20) through capability links, without an account: the affected
 * user through a complaint link the platform puts in the notice it sends them, the notifier through their notice's
 * status link. A complaint is an internal appeal like one a platform files (appeals.ts): the same queue, the same
 * reviewer rules, one per complainant per decision.
 */
export function createComplaintDesk(deps: {
  db: Db;
  now: () => Date;
  run: CommandRunner;
  rules: ModerationRules;
  appeals: ReturnType<typeof createAppeals>;
}) {
  const { db, run, rules, appeals: appealService } = deps;
  const months = rules.appealWindowMonths;

  /**
   * A platform asks for its user's complaint link on a decision, to put in the notice it sends them. Each call
   * issues a new link (only its hash is kept); each opens until the time to complain ends.
   */
  async function issueLink(
    actor: string,
    platform: string,
    decisionId: string,
    origin: string,
  ): Promise<ComplaintLink> {
    const token = randomBytes(32).toString('base64url');
    return run(actor, async ({ tx, now, ids, record }) => {
      const decision = await findDecision(tx, decisionId, platform);
      const informedAt = await noticeTimeOf(tx, decision);
      checkComplaintWindow({ informedAt, now }, months);
      const expiresAt = complaintDeadline(informedAt, months);
      const linkId = ids.next();
      await tx
        .insert(complaintLinks)
        .values({ id: linkId, decisionId: decision.id, tokenHash: linkTokenHash(token), createdAt: now, expiresAt });
      record('complaint_link.issued', `case/${decision.caseId}`, {
        linkId,
        decisionId: decision.id,
        expiresAt: expiresAt.toISOString(),
      });
      return { url: `${origin}${complaintPath(token)}`, until: expiresAt.toISOString() };
    });
  }

  /** The decision's notice, when the affected user was told it (its decision time for a decision without one). */
  async function noticeTimeOf(tx: Db, decision: DecisionRow): Promise<Date> {
    const [notice] = await tx
      .select({ createdAt: notices.createdAt })
      .from(notices)
      .where(eq(notices.decisionId, decision.id))
      .limit(1);
    return notice?.createdAt ?? decision.decidedAt;
  }

  /**
   * What a token opens. A token that matches no link (malformed or forged) is `not_found`; an expired one is
   * `link_expired`, naming the day; a notifier's link before their notice is decided opens nothing to complain of.
   */
  async function open(tx: Db, token: string, now: Date): Promise<Opened> {
    const forged = () =>
      new DocketError(
        'not_found',
        'this link opens no complaint: check that it was copied whole, or ask for a new one',
      );
    if (!LINK_TOKEN.test(token)) throw forged();
    const hash = linkTokenHash(token);
    const [link] = await tx.select().from(complaintLinks).where(eq(complaintLinks.tokenHash, hash));
    if (link) {
      checkLinkLive(link.expiresAt, now);
      const { decision, platform } = await decisionOf(tx, link.decisionId);
      return {
        complainant: 'affected_user',
        decision,
        platform,
        informedAt: await noticeTimeOf(tx, decision),
        notice: null,
      };
    }
    const [status] = await tx
      .select({ notice: contentNotices, expiresAt: noticeLinks.expiresAt })
      .from(noticeLinks)
      .innerJoin(contentNotices, eq(contentNotices.id, noticeLinks.noticeId))
      .where(and(eq(noticeLinks.tokenHash, hash), eq(noticeLinks.purpose, 'status')));
    if (!status) throw forged();
    checkLinkLive(status.expiresAt, now);
    const { notice } = status;
    if (!notice.decisionId || !notice.notifiedAt)
      throw new DocketError(
        'conflict',
        `your notice ${notice.ref} is not decided yet: you may complain once you are told the decision`,
      );
    const { decision, platform } = await decisionOf(tx, notice.decisionId);
    return {
      complainant: 'notifier',
      decision,
      platform,
      informedAt: notice.notifiedAt,
      notice: { id: notice.id, ref: notice.ref },
    };
  }

  async function decisionOf(tx: Db, decisionId: string): Promise<{ decision: DecisionRow; platform: string }> {
    const [row] = await tx
      .select({ decision: decisions, platform: subjects.platform })
      .from(decisions)
      .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
      .where(eq(decisions.id, decisionId));
    if (!row) throw new DocketError('not_found', 'the decision this link names is gone');
    return row;
  }

  /** The complainant's complaints: the notifier's by their notice, the affected user's on the decision. */
  async function complaintsOf(tx: Db, opened: Opened) {
    const mine = opened.notice
      ? eq(appeals.noticeId, opened.notice.id)
      : and(eq(appeals.decisionId, opened.decision.id), eq(appeals.appellant, 'affected_user'));
    return tx.select().from(appeals).where(mine).orderBy(desc(appeals.filedAt));
  }

  /** Why no complaint can be filed now, or null when one can: its window, who may complain, one each. */
  function refusal(opened: Opened, filed: readonly (typeof appeals.$inferSelect)[], now: Date): DocketError | null {
    const { decision } = opened;
    if (filed.some((a) => a.decisionId === decision.id))
      return new DocketError('conflict', 'you have already complained about this decision: its status is shown here');
    if (decision.status !== 'in_force')
      return new DocketError('conflict', 'this decision no longer stands: it was reversed and replaced');
    const why = complaintRefusal(opened.complainant, decision.outcome as ContentOutcome);
    if (why) return new DocketError('conflict', why);
    try {
      checkComplaintWindow({ informedAt: opened.informedAt, now }, months);
    } catch (error) {
      return error as DocketError;
    }
    return null;
  }

  async function viewOf(tx: Db, opened: Opened, now: Date): Promise<ComplaintView> {
    const { decision } = opened;
    const filed = await complaintsOf(tx, opened);
    const [titles, sections] = await Promise.all([
      currentTitlesOf(tx, [decision.policyId]),
      currentSectionsOf(tx, [decision.policyId]),
    ]);
    const section = sections.get(decision.policyId)?.find((s) => s.id === decision.sectionId);
    const latest = filed[0];
    const cannot = refusal(opened, filed, now);
    const state = latest ? complaintState(latest) : null;
    const language = await complainantLanguage(tx, {
      noticeId: opened.notice?.id ?? null,
      subjectId: decision.subjectId,
    });
    const say = await sayIn(tx, language);
    return {
      complainant: opened.complainant,
      language,
      noticeRef: opened.notice?.ref ?? null,
      decision: {
        outcome: decision.outcome,
        text: outcomeForNotifier(decision.outcome, say),
        policyTitle: titles.get(decision.policyId) ?? decision.policyId,
        sectionTitle: section?.title ?? null,
        facts: decision.facts,
        decidedAt: decision.decidedAt.toISOString(),
        informedAt: opened.informedAt.toISOString(),
      },
      deadline: complaintDeadline(opened.informedAt, months).toISOString(),
      mayComplain: cannot === null,
      why: cannot?.message ?? null,
      complaint:
        latest && state
          ? {
              filedAt: latest.filedAt.toISOString(),
              statement: latest.statement,
              state,
              stateText: complaintStateText(state, say),
              reason: latest.status === 'pending' ? null : latest.reason,
              decidedAt: latest.decidedAt?.toISOString() ?? null,
            }
          : null,
    };
  }

  /** The complaint page's content for a link: the decision, the time to complain, and the complaint's status. */
  async function view(token: string): Promise<ComplaintView> {
    const now = deps.now();
    return viewOf(db, await open(db, token, now), now);
  }

  /**
   * Files the complaint a link's holder writes. A bad link, a closed window, a second complaint or a missing
   * statement is refused before anything is written.
   */
  async function file(token: string, body: ComplaintBody): Promise<ComplaintView> {
    const now = deps.now();
    const opened = await open(db, token, now);
    const cannot = refusal(opened, await complaintsOf(db, opened), now);
    if (cannot) throw cannot;
    const statement = checkComplaintStatement(body.statement);
    await appealService.file(
      'public:complaint-link',
      opened.platform,
      opened.notice
        ? {
            decisionId: opened.decision.id,
            appellant: 'reporter',
            appellantRef: `notice:${opened.notice.ref}`,
            statement,
          }
        : { decisionId: opened.decision.id, appellant: 'affected_user', statement },
      opened.notice ? { noticeId: opened.notice.id, informedAt: opened.informedAt } : null,
    );
    return viewOf(db, opened, deps.now());
  }

  return { issueLink, view, file };
}
