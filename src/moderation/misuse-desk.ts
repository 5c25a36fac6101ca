import { and, desc, eq, gt } from 'drizzle-orm';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import { DocketError, invalid } from '../core/errors.js';
import { NOT_ACTING, type ContentOutcome } from '../core/outcomes.js';
import type { OutboxQueue } from '../core/outbox.js';
import { EMAIL_TRANSPORT } from '../core/smtp.js';
import type { Db } from '../store/database.js';
import { isId } from '../store/rows.js';
import type {
  MarkBody,
  MarkResult,
  MeasureAppealBody,
  MeasureList,
  MeasureListQuery,
  MisuseMeasure,
  MisuseRulesBody,
  MisuseRulesView,
  MisuseStanding,
  ReviewBody,
} from './misuse-contract.js';
import {
  accountOfDecision,
  complainantOf,
  measureState,
  measureView,
  NOT_REVIEWED,
  notifierOf,
  type Complainant,
} from './misuse-reads.js';
import {
  accountKey,
  DEFAULT_MISUSE_RULES,
  measureDue,
  measureReason,
  MISUSE_PARTIES,
  misuseRuleProblems,
  notifierKey,
  PARTY_OF_MARK,
  suspensionEnd,
  type MisuseParty,
  type MisuseRules,
} from './misuse-rules.js';
import { misuseMarks, misuseMeasures, misuseRules } from './misuse-tables.js';
import { LINK_TOKEN, linkTokenHash } from './notice-rules.js';
import { contentNotices, noticeLinks } from './notice-tables.js';
import { accountRestrictions, appeals, decisions } from './tables.js';

type MeasureRow = typeof misuseMeasures.$inferSelect;

/** Whom a mark counts against, and how they are told of a measure (a complainant's fields, misuse-reads.ts). */
interface Person extends Complainant {
  party: MisuseParty;
  /** For a user: the decision and case whose account restriction carries the suspension. */
  account: { platform: string; accountRef: string; decisionId: string; caseId: string } | null;
}

const DAY_MS = 86_400_000;

/**
 * Measures against misuse (EU DSA Art. 23). A reviewer marks a notice or complaint manifestly unfounded, or content
 * manifestly illegal; each mark is counted against the rules (data, with defaults), and a warning, then a suspension
 * for a set time follow, each recorded with its reasons and told to the person: a notifier by e-mail when they gave
 * an address and on their notice's status link, a platform's user (or complainant) through the platform's webhook.
 * A suspended notifier's notices and a suspended complainant's complaints are refused (misuse-reads.ts
 * checkNotSuspended); a user's suspension is an account restriction. Each suspension can be appealed and lifted.
 */
export function createMisuseDesk(deps: {
  db: Db;
  now: () => Date;
  run: CommandRunner;
  /** Messages to the platform (webhooks). */
  notify: Notify;
  /** The outbox for e-mail; null when no SMTP server is configured. */
  mail: OutboxQueue | null;
}) {
  const { db, run, notify, mail } = deps;

  async function currentRules(tx: Db): Promise<{ rules: MisuseRules; updatedAt: Date | null }> {
    const rows = await tx.select().from(misuseRules);
    const rules = structuredClone(DEFAULT_MISUSE_RULES);
    let updatedAt: Date | null = null;
    for (const row of rows) {
      const { warnAfter, suspendAfter, windowDays, suspensionDays } = row;
      rules[row.party] = { warnAfter, suspendAfter, windowDays, suspensionDays };
      if (!updatedAt || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
    }
    return { rules, updatedAt };
  }

  async function rules(): Promise<MisuseRulesView> {
    const { rules: current, updatedAt } = await currentRules(db);
    return { rules: current, defaults: DEFAULT_MISUSE_RULES, updatedAt: updatedAt?.toISOString() ?? null };
  }

  /** Sets the rules; a rule with a problem refuses them all, naming each field. Only changed rules are recorded. */
  async function setRules(actor: string, body: MisuseRulesBody): Promise<MisuseRulesView> {
    const problems = MISUSE_PARTIES.flatMap((party) => misuseRuleProblems(body[party], `/${party}`));
    const first = problems[0];
    if (first)
      throw new DocketError('validation_failed', `${first.field}: ${first.message}; nothing was stored`, problems);
    await run(actor, async ({ tx, now, record }) => {
      const { rules: before } = await currentRules(tx);
      for (const party of MISUSE_PARTIES) {
        const rule = body[party];
        if (JSON.stringify(rule) === JSON.stringify(before[party])) continue;
        const values = { ...rule, updatedAt: now, updatedBy: actor };
        await tx
          .insert(misuseRules)
          .values({ party, ...values })
          .onConflictDoUpdate({ target: misuseRules.party, set: values });
        record('misuse.rules_changed', 'misuse/rules', { party, ...rule });
      }
    });
    return rules();
  }

  /** The person a marked item counts against, once the item is checked to be one that may be marked. */
  async function personOf(tx: Db, kind: MarkBody['kind'], itemId: string): Promise<{ itemId: string; person: Person }> {
    const none = (what: string) => new DocketError('not_found', `there is no ${what} ${itemId}`);
    const unidentified = (why: string) => new DocketError('conflict', `${why}: no measure can be taken against them`);
    if (kind === 'unfounded_notice') {
      const [notice] = await tx
        .select()
        .from(contentNotices)
        .where(isId(itemId) ? eq(contentNotices.id, itemId) : eq(contentNotices.ref, itemId));
      if (!notice) throw none('notice');
      if (!notice.outcome || !NOT_ACTING.includes(notice.outcome as ContentOutcome))
        throw new DocketError(
          'conflict',
          `notice ${notice.ref} is ${notice.outcome ? `decided with ${notice.outcome}` : 'not decided yet'}: only a notice decided without action can be manifestly unfounded`,
        );
      const notifier = notifierOf(notice);
      if (!notifier) throw unidentified(`the notifier of ${notice.ref} gave no e-mail address`);
      return { itemId: notice.id, person: { party: 'notifier', ...notifier, account: null } };
    }
    if (!isId(itemId)) throw none(kind === 'unfounded_complaint' ? 'complaint' : 'decision');
    if (kind === 'unfounded_complaint') {
      const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, itemId));
      if (!appeal) throw none('complaint');
      if (appeal.status !== 'decided' || appeal.result !== 'upheld')
        throw new DocketError(
          'conflict',
          'only a complaint reviewed and rejected (the decision upheld) can be manifestly unfounded',
        );
      const complainant = await complainantOf(tx, appeal, appeal.decisionId);
      if (!complainant) throw unidentified('the complainant is not identified');
      return { itemId, person: { party: 'complainant', ...complainant, account: null } };
    }
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, itemId));
    if (!decision) throw none('decision');
    if (decision.status !== 'in_force' || !decision.illegalContent || NOT_ACTING.includes(decision.outcome))
      throw new DocketError(
        'conflict',
        'only a decision in force that acted on content on the ground that it is illegal can find it manifestly illegal',
      );
    const account = await accountOfDecision(tx, decision.id);
    if (!account?.accountRef) throw unidentified('the content has no known author');
    const { platform, accountRef, caseId } = account;
    return {
      itemId,
      person: {
        party: 'user',
        key: accountKey(platform, accountRef),
        label: `account ${platform}/${accountRef}`,
        platform,
        email: null,
        noticeRef: null,
        mailPlatform: null,
        account: { platform, accountRef, decisionId: decision.id, caseId },
      },
    };
  }

  /**
   * Marks an item (a notice, a complaint, a decision's content) and takes the measure the person's marks now call
   * for, if any: one mark per item; an item that is not of the kind is refused with nothing written.
   */
  async function mark(actor: string, body: MarkBody): Promise<MarkResult> {
    const reason = body.reason.trim();
    if (reason.length < 5) throw invalid('/reason', 'say why it is manifest');
    return run(actor, async (ctx) => {
      const { tx, now, ids, record } = ctx;
      const { itemId, person } = await personOf(tx, body.kind, body.itemId.trim());
      if (PARTY_OF_MARK[body.kind] !== person.party) throw new DocketError('internal', 'mark and person disagree');
      const [marked] = await tx
        .select({ id: misuseMarks.id })
        .from(misuseMarks)
        .where(and(eq(misuseMarks.kind, body.kind), eq(misuseMarks.itemId, itemId)));
      if (marked) throw new DocketError('already_exists', `this item is already marked (${body.kind})`);
      const markId = ids.next();
      const row = {
        id: markId,
        kind: body.kind,
        itemId,
        party: person.party,
        partyKey: person.key,
        reason,
        markedBy: actor,
        markedAt: now,
      };
      await tx.insert(misuseMarks).values(row);
      record('misuse.marked', streamOf(person.key), {
        markId,
        kind: body.kind,
        itemId,
        party: person.party,
        partyKey: person.key,
        reason,
      });
      const measure = await evaluate(ctx, person, markId);
      return {
        mark: { id: markId, kind: body.kind, itemId, party: person.party, reason, markedAt: now.toISOString() },
        measure: measure ? measureView(measure, now) : null,
      };
    });
  }

  /** The measure a person's marks call for now (misuse-rules.ts measureDue), taken and told; null when none. */
  async function evaluate(ctx: CommandContext, person: Person, markId: string): Promise<MeasureRow | null> {
    const { tx, now, ids, record } = ctx;
    const rule = (await currentRules(tx)).rules[person.party];
    const marks = await tx
      .select({ at: misuseMarks.markedAt })
      .from(misuseMarks)
      .where(
        and(
          eq(misuseMarks.party, person.party),
          eq(misuseMarks.partyKey, person.key),
          gt(misuseMarks.markedAt, new Date(now.getTime() - rule.windowDays * DAY_MS)),
        ),
      );
    const past = await tx
      .select({ kind: misuseMeasures.kind, startsAt: misuseMeasures.startsAt })
      .from(misuseMeasures)
      .where(and(eq(misuseMeasures.party, person.party), eq(misuseMeasures.partyKey, person.key)))
      .orderBy(desc(misuseMeasures.startsAt), desc(misuseMeasures.id));
    const lastOf = (kind: 'warning' | 'suspension') => past.find((m) => m.kind === kind)?.startsAt ?? null;
    const due = measureDue({
      rule,
      marks: marks.map((m) => m.at),
      lastWarningAt: lastOf('warning'),
      lastSuspensionAt: lastOf('suspension'),
      now,
    });
    if (!due) return null;
    const since = Math.max(now.getTime() - rule.windowDays * DAY_MS, lastOf('suspension')?.getTime() ?? -Infinity);
    const counted = marks.filter((m) => m.at.getTime() > since).length;
    const reason = measureReason(person.party, due, counted, rule);
    const endsAt = due === 'suspension' ? suspensionEnd(now, rule) : null;
    const measureId = ids.next();
    const restrictionId =
      due === 'suspension' && person.account ? await restrictAccount(ctx, person.account, reason, endsAt) : null;
    const row: MeasureRow = {
      id: measureId,
      party: person.party,
      partyKey: person.key,
      partyLabel: person.label,
      platform: person.platform,
      kind: due,
      reason,
      markId,
      marks: counted,
      startsAt: now,
      endsAt,
      restrictionId,
      ...NOT_REVIEWED,
    };
    await tx.insert(misuseMeasures).values(row);
    const channels = await tell(ctx, row, person, measureNotice(row, person));
    record('misuse.measure_taken', streamOf(person.key), {
      measureId,
      party: row.party,
      partyKey: row.partyKey,
      partyLabel: row.partyLabel,
      platform: row.platform,
      kind: row.kind,
      reason,
      marks: counted,
      markId,
      startsAt: now.toISOString(),
      endsAt: endsAt?.toISOString() ?? null,
      restrictionId,
      channels,
    });
    return row;
  }

  /** A user's suspension as an account restriction on the decision that brought it, as decisions impose them. */
  async function restrictAccount(
    ctx: CommandContext,
    account: NonNullable<Person['account']>,
    reason: string,
    endsAt: Date | null,
  ): Promise<string> {
    const { tx, now, ids, record } = ctx;
    const id = ids.next();
    const { platform, accountRef, decisionId, caseId } = account;
    await tx
      .insert(accountRestrictions)
      .values({ id, platform, accountRef, kind: 'suspend_account', decisionId, reason, startsAt: now, endsAt });
    record('account.restricted', `case/${caseId}`, {
      restrictionId: id,
      decisionId,
      platform,
      accountRef,
      kind: 'suspend_account',
      endsAt: endsAt?.toISOString() ?? null,
      reason,
    });
    return id;
  }

  /** What the person is told of a measure: the reasons, until when, and how to contest it. */
  function measureNotice(row: MeasureRow, person: Person): { subject: string; text: string } {
    const until = row.endsAt ? `until ${row.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
    const how = person.noticeRef
      ? `open the status link you were given with notice ${person.noticeRef}: it shows this measure and takes your appeal`
      : 'answer through the platform, which forwards your appeal';
    const subject = row.kind === 'warning' ? 'A warning about misuse' : `You are suspended ${until}`;
    const lines = [row.reason, ''];
    if (row.kind === 'suspension')
      lines.push(
        `The suspension runs ${until}. You may contest it, free of charge: ${how}. A person reviews it and may lift it.`,
      );
    else lines.push('No action is needed. If more follow, you will be suspended for a time; you may contest it then.');
    return { subject, text: lines.join('\n') };
  }

  /** Tells the person: by e-mail when they gave an address and Docket sends e-mail, and the platform by webhook. */
  async function tell(
    ctx: CommandContext,
    row: MeasureRow,
    person: Pick<Person, 'email' | 'mailPlatform' | 'account'>,
    message: { subject: string; text: string },
  ): Promise<('email' | 'webhook')[]> {
    const channels: ('email' | 'webhook')[] = [];
    if (mail && person.email) {
      await mail.enqueue(ctx, {
        platform: row.platform ?? person.mailPlatform ?? 'docket',
        transport: EMAIL_TRANSPORT,
        type: 'misuse.measure',
        purpose: `tells ${row.partyLabel} of a measure against misuse`,
        groupRef: row.id,
        payload: { to: person.email, subject: message.subject, text: message.text },
      });
      channels.push('email');
    }
    if (row.platform) {
      await notify(ctx, row.platform, 'misuse.measure_taken', {
        measureId: row.id,
        party: row.party,
        accountRef: person.account?.accountRef ?? null,
        kind: row.kind,
        state: measureState(row, ctx.now),
        reason: row.reason,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt?.toISOString() ?? null,
        restrictionId: row.restrictionId,
        notice: message.text,
        appeal: `POST /api/misuse/measures/${row.id}/appeal`,
      });
      channels.push('webhook');
    }
    return channels;
  }

  async function list(query: MeasureListQuery): Promise<MeasureList> {
    const now = deps.now();
    const rows = await db
      .select()
      .from(misuseMeasures)
      .where(query.party ? eq(misuseMeasures.party, query.party) : undefined)
      .orderBy(desc(misuseMeasures.startsAt), desc(misuseMeasures.id))
      .limit(query.limit);
    return { measures: rows.map((row) => measureView(row, now)) };
  }

  async function measureFor(tx: Db, id: string): Promise<MeasureRow> {
    const [row] = await tx.select().from(misuseMeasures).where(eq(misuseMeasures.id, id)).for('update');
    if (!row) throw new DocketError('not_found', `there is no measure ${id}`);
    return row;
  }

  /** An appeal against a suspension in force, once; the statement is required. */
  async function appealIn(ctx: CommandContext, row: MeasureRow, body: MeasureAppealBody): Promise<MisuseMeasure> {
    const { tx, now, record } = ctx;
    const statement = body.statement.trim();
    if (measureState(row, now) !== 'in_force')
      throw new DocketError('conflict', 'only a suspension in force can be contested');
    if (row.appealedAt) throw new DocketError('conflict', 'this suspension is already contested: its review follows');
    if (!statement) throw invalid('/statement', 'say why the suspension should be lifted');
    if (statement.length > 5_000) throw invalid('/statement', 'must be at most 5000 characters');
    const [updated] = await tx
      .update(misuseMeasures)
      .set({ appealStatement: statement, appealedAt: now })
      .where(eq(misuseMeasures.id, row.id))
      .returning();
    record('misuse.measure_appealed', streamOf(row.partyKey), { measureId: row.id, statement });
    return measureView(updated as MeasureRow, now);
  }

  /** A platform contests its user's (or complainant's) suspension for them. */
  async function appealByPlatform(
    actor: string,
    platform: string,
    id: string,
    body: MeasureAppealBody,
  ): Promise<MisuseMeasure> {
    return run(actor, async (ctx) => {
      const row = await measureFor(ctx.tx, id);
      if (row.platform !== platform) throw new DocketError('not_found', `there is no measure ${id}`);
      return appealIn(ctx, row, body);
    });
  }

  /** The notifier a status link identifies, and their measures (as notifier and as complainant). */
  async function notifierOfLink(tx: Db, token: string): Promise<{ key: string; rows: MeasureRow[] }> {
    const gone = () => new DocketError('not_found', 'no notice has this status link');
    if (!LINK_TOKEN.test(token)) throw gone();
    const [found] = await tx
      .select({ notice: contentNotices })
      .from(noticeLinks)
      .innerJoin(contentNotices, eq(contentNotices.id, noticeLinks.noticeId))
      .where(eq(noticeLinks.tokenHash, linkTokenHash(token)));
    if (!found) throw gone();
    const key = notifierKey({ flaggerId: found.notice.trustedFlaggerId, email: found.notice.notifierEmail });
    if (!key) return { key: '', rows: [] };
    const rows = await tx
      .select()
      .from(misuseMeasures)
      .where(eq(misuseMeasures.partyKey, key))
      .orderBy(desc(misuseMeasures.startsAt), desc(misuseMeasures.id));
    return { key, rows };
  }

  function standingOf(rows: MeasureRow[], now: Date): MisuseStanding {
    const contestable = rows.find((r) => measureState(r, now) === 'in_force' && !r.appealedAt);
    return {
      measures: rows.map((row) => {
        const { partyLabel: _label, platform: _platform, ...view } = measureView(row, now);
        return view;
      }),
      mayAppeal: contestable?.id ?? null,
    };
  }

  /** What a notifier's status link shows of the measures against them. */
  async function standing(token: string): Promise<MisuseStanding> {
    return standingOf((await notifierOfLink(db, token)).rows, deps.now());
  }

  /** A notifier contests their suspension in force through their notice's status link. */
  async function appealByLink(token: string, body: MeasureAppealBody): Promise<MisuseStanding> {
    return run('public:misuse-appeal', async (ctx) => {
      const { rows } = await notifierOfLink(ctx.tx, token);
      const open = rows.find((r) => measureState(r, ctx.now) === 'in_force');
      if (!open) throw new DocketError('conflict', 'you have no suspension in force to contest');
      await appealIn(ctx, await measureFor(ctx.tx, open.id), body);
      return standingOf((await notifierOfLink(ctx.tx, token)).rows, ctx.now);
    });
  }

  /**
   * Policy staff review a suspension: `lifted` ends it at once (with its account restriction), on an appeal or not;
   * `upheld` answers an appeal and keeps it. The person is told as they were told of the measure.
   */
  async function review(actor: string, id: string, body: ReviewBody): Promise<MisuseMeasure> {
    const reason = body.reason.trim();
    if (reason.length < 5) throw invalid('/reason', 'say why');
    return run(actor, async (ctx) => {
      const { tx, now, record } = ctx;
      const row = await measureFor(tx, id);
      if (measureState(row, now) !== 'in_force')
        throw new DocketError(
          'conflict',
          `only a suspension in force can be reviewed; this one is ${measureState(row, now)}`,
        );
      if (body.result === 'upheld' && !row.appealedAt)
        throw new DocketError('conflict', 'upheld answers an appeal: this suspension is not contested');
      const [updated] = await tx
        .update(misuseMeasures)
        .set({ reviewResult: body.result, reviewReason: reason, reviewedBy: actor, reviewedAt: now })
        .where(eq(misuseMeasures.id, id))
        .returning();
      record('misuse.measure_reviewed', streamOf(row.partyKey), { measureId: id, result: body.result, reason });
      if (body.result === 'lifted' && row.restrictionId) {
        const [restriction] = await tx
          .update(accountRestrictions)
          .set({ liftedAt: now })
          .where(eq(accountRestrictions.id, row.restrictionId))
          .returning({ decisionId: accountRestrictions.decisionId });
        const [decision] = restriction
          ? await tx
              .select({ caseId: decisions.caseId })
              .from(decisions)
              .where(eq(decisions.id, restriction.decisionId))
          : [];
        if (decision)
          record('account.restriction_lifted', `case/${decision.caseId}`, {
            restrictionId: row.restrictionId,
            reason: `suspension for misuse lifted: ${reason}`,
          });
      }
      const measure = updated as MeasureRow;
      await tell(
        ctx,
        measure,
        { email: await emailOf(tx, measure), mailPlatform: null, account: null },
        {
          subject: body.result === 'lifted' ? 'Your suspension is lifted' : 'Your appeal was decided',
          text:
            body.result === 'lifted'
              ? `Your suspension was lifted on review: ${reason}`
              : `Your suspension was reviewed by a person and stands until ${measure.endsAt?.toISOString() ?? ''}: ${reason}`,
        },
      );
      return measureView(measure, now);
    });
  }

  /** A notifier's address, from the notice whose mark brought the measure (null for anyone else). */
  async function emailOf(tx: Db, row: MeasureRow): Promise<string | null> {
    if (row.party === 'user') return null;
    const [marked] = await tx.select().from(misuseMarks).where(eq(misuseMarks.id, row.markId));
    if (!marked) return null;
    if (marked.kind === 'unfounded_notice') {
      const [notice] = await tx
        .select({ email: contentNotices.notifierEmail })
        .from(contentNotices)
        .where(eq(contentNotices.id, marked.itemId));
      return notice?.email ?? null;
    }
    const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, marked.itemId));
    return appeal ? ((await complainantOf(tx, appeal, appeal.decisionId))?.email ?? null) : null;
  }

  return { rules, setRules, mark, list, review, appealByPlatform, standing, appealByLink };
}

/** A person's stream on the log: their key (a notifier's is a hash of their address). */
const streamOf = (partyKey: string): string => `misuse/${partyKey}`;
