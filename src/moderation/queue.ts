import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { readEvents } from '../core/event-log.js';
import { rowById } from '../store/rows.js';
import type { Db } from '../store/database.js';
import { verifiedFigureOf } from '../figures/reads.js';
import type { EscalationLevel } from '../core/outcomes.js';
import {
  checkEscalation,
  leaseUntil,
  priorityAt,
  queueLevelsOf,
  recommendNewsworthiness,
  type ModerationRules,
  type NewsworthinessBalancing,
} from './rules.js';
import { lockNextCase, queueHead } from './queue-order.js';
import { readQueuePage } from './queue-page.js';
import type {
  CaseDecision,
  CaseSummary,
  CaseView,
  NewsworthinessAdvice,
  QueueEntry,
  QueuePage,
  QueuePageQuery,
  StatementOfReasons,
} from './contract.js';
import { situationOf } from './situation.js';
import type { ContextOf } from './ingestion.js';
import { actorLabel, displayNames, userOfActor } from './people.js';
import { subjectView } from './subjects.js';
import { accountRestrictions, cases, decisions, notices, reports, strikes, subjects } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;
export type CaseRow = typeof cases.$inferSelect;

/**
 * A claim answers at its commit: the lease is taken and its event durable (pending), chained by a pass that starts
 * at once. What the reviewer waits for is the lease, not the log; the case page they open next reads its history
 * after the pass (`chained`), which runs meanwhile on another connection.
 */
const CLAIM_ANSWERS_AT_COMMIT = { awaitChain: false } as const;

/** Whether a claim leaves the reviewer's other held cases with them; by default a reviewer holds one case at a time. */
export interface ClaimOptions {
  keepOthers?: boolean | undefined;
}

export interface QueueFilters {
  level?: EscalationLevel | undefined;
  policyId?: string | undefined;
  country?: string | undefined;
  language?: string | undefined;
}

const LEVEL_ORDER: EscalationLevel[] = ['policy', 'senior', 'frontline'];

export function createQueue(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  rules: ModerationRules;
  contextOf: ContextOf;
  chained: () => Promise<void>;
}) {
  const { db, run, clock, rules, contextOf, chained } = deps;

  const filtersOf = (filters: QueueFilters): SQL[] =>
    [
      filters.policyId ? eq(cases.gravestPolicyId, filters.policyId) : undefined,
      filters.country ? eq(cases.country, filters.country) : undefined,
      filters.language ? eq(cases.language, filters.language) : undefined,
    ].filter((f) => f !== undefined);

  function levelsFor(user: User, filters: QueueFilters): EscalationLevel[] {
    const allowed = queueLevelsOf(user.roles);
    if (allowed.length === 0) throw new DocketError('forbidden', 'your roles work no moderation queue');
    if (filters.level && !allowed.includes(filters.level))
      throw new DocketError('forbidden', `your roles do not work the ${filters.level} queue`);
    return filters.level ? [filters.level] : allowed;
  }

  /** Open cases the user may work, highest current priority first, each with why. */
  async function list(user: User, filters: QueueFilters, limit: number) {
    return withHolderNames(await top(levelsFor(user, filters), filters, limit));
  }

  /**
   * One page of the queue under the reviewer's filters (status, holder, date reported, and the list's own), with
   * the count of all matching cases and the reviewers holding cases now, for the holder filter.
   */
  async function page(user: User, query: QueuePageQuery): Promise<QueuePage> {
    const { limit, offset, status, holder, reportedFrom, reportedTo, ...filters } = query;
    const levels = levelsFor(user, filters);
    if (reportedFrom && reportedTo && reportedFrom > reportedTo) {
      throw new DocketError('validation_failed', 'the first day reported comes after the last', [
        { field: '/reportedTo', message: 'is before the first day reported' },
      ]);
    }
    const now = clock.now();
    const { rows, total, depth } = await readQueuePage(db, rules, {
      where: and(inArray(cases.level, levels), ...filtersOf(filters)),
      status,
      holder:
        holder === 'anyone' || holder === 'unclaimed'
          ? { kind: holder }
          : { kind: 'reviewer', userId: holder === 'me' ? user.id : holder },
      from: reportedFrom ? new Date(`${reportedFrom}T00:00:00.000Z`) : undefined,
      until: reportedTo ? new Date(new Date(`${reportedTo}T00:00:00.000Z`).getTime() + 86_400_000) : undefined,
      now,
      offset,
      limit,
    });
    return {
      cases: await withHolderNames(await withSubjects(rows, now)),
      offset,
      depth,
      total,
      holders: await holdersNow(now),
    };
  }

  /** The reviewers holding open cases now, by name (read from the index of held cases). */
  async function holdersNow(now: Date) {
    const held = await db
      .selectDistinct({ id: cases.claimedBy })
      .from(cases)
      .where(and(eq(cases.status, 'open'), isNotNull(cases.claimedBy), gt(cases.leaseExpiresAt, now)));
    const named = await withHolderNames(held.map((h) => ({ claimedBy: h.id })));
    return named
      .flatMap((h) => (h.claimedBy && h.claimedByName ? [{ id: h.claimedBy, name: h.claimedByName }] : []))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Reviewers see who holds a claimed case by name, not by id. */
  async function withHolderNames<T extends { claimedBy: string | null }>(
    entries: T[],
  ): Promise<(T & { claimedByName: string | null })[]> {
    const names = await displayNames(
      db,
      entries.map((e) => e.claimedBy),
    );
    return entries.map((e) => ({ ...e, claimedByName: e.claimedBy ? (names.get(e.claimedBy) ?? null) : null }));
  }

  /** The top of the queue at the given levels (the CLI reads it as an operator). */
  async function top(levels: EscalationLevel[], filters: QueueFilters, limit: number) {
    const now = clock.now();
    return withSubjects(
      await queueHead(db, and(inArray(cases.level, levels), ...filtersOf(filters)), now, rules, limit),
      now,
    );
  }

  /** Queue entries: each case's summary with its subject in brief. */
  async function withSubjects(rows: CaseRow[], now: Date): Promise<Omit<QueueEntry, 'claimedByName'>[]> {
    const subjectRows = rows.length
      ? await db
          .select()
          .from(subjects)
          .where(
            inArray(
              subjects.id,
              rows.map((row) => row.subjectId),
            ),
          )
      : [];
    const subjectById = new Map(subjectRows.map((subject) => [subject.id, subject]));
    return rows.flatMap((row) => {
      const subject = subjectById.get(row.subjectId);
      return subject ? [{ ...caseSummary(row, now), subject: subjectOf(subject) }] : [];
    });
  }

  function subjectOf(subject: typeof subjects.$inferSelect) {
    return {
      id: subject.id,
      kind: subject.kind,
      contentType: subject.contentType,
      title: subject.title ?? subject.body?.slice(0, 120) ?? subject.externalId,
      country: subject.country,
      language: subject.language,
    };
  }

  function caseSummary(row: CaseRow, now: Date): Omit<CaseSummary, 'claimedByName'> {
    const leased = row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
    return {
      id: row.id,
      status: row.status,
      level: row.level,
      ...priorityShown(row, now),
      reportCount: row.reportCount,
      policiesAlleged: row.policiesAlleged,
      country: row.country,
      language: row.language,
      openedAt: row.openedAt.toISOString(),
      claimedBy: leased ? row.claimedBy : null,
      leaseExpiresAt: leased ? (row.leaseExpiresAt?.toISOString() ?? null) : null,
      escalationNote: row.escalationNote,
    };
  }

  /** The case's priority by the one rule, with the moment it holds for: the factors multiply to the score. */
  function priorityShown(row: CaseRow, now: Date) {
    const priority = priorityAt({ factors: row.priorityFactors, openedAt: row.openedAt }, now, rules);
    return { priority: priority.score, priorityFactors: priority.factors, priorityAt: priority.at.toISOString() };
  }

  /**
   * Claims the most urgent case the user may work, with a lease: the user's highest level first. Rows locked by
   * another transaction are skipped, so concurrent claims (several processes on PostgreSQL) never share a case.
   * A reviewer who already holds a case gets that case back (its lease renewed) rather than a second one: "claim
   * next" twice, or after wandering off, must not pile cases up or silently drop the one in hand. To move on, the
   * reviewer decides, escalates or releases it; `keepOthers` claims one more on purpose.
   */
  async function claimNext(user: User, filters: QueueFilters, options: ClaimOptions = {}): Promise<string> {
    const levels = levelsFor(user, filters);
    return run(
      `user:${user.id}`,
      async (ctx) => {
        const { tx, now } = ctx;
        await takeClaimsInTurn(tx, user);
        if (!options.keepOthers) {
          const [held, ...extra] = await heldBy(tx, user, now);
          if (held) {
            await leaseTo(ctx, user, held.id);
            await releaseHeld(
              ctx,
              user,
              extra.map((c) => c.id),
            );
            return held.id;
          }
        }
        for (const level of LEVEL_ORDER.filter((l) => levels.includes(l))) {
          const caseId = await lockNextCase(tx, and(eq(cases.level, level), ...filtersOf(filters)), now, rules);
          if (!caseId) continue;
          await leaseTo(ctx, user, caseId);
          return caseId;
        }
        throw new DocketError('not_found', 'no case is waiting in your queue');
      },
      CLAIM_ANSWERS_AT_COMMIT,
    );
  }

  /** Claims one case by id (or renews the user's own lease on it); the user's other held cases go back to the queue unless kept. */
  async function claim(user: User, caseId: string, options: ClaimOptions = {}): Promise<void> {
    await run(
      `user:${user.id}`,
      async (ctx) => {
        const { tx, now } = ctx;
        await takeClaimsInTurn(tx, user);
        assertClaimable(await lockCase(tx, caseId), user, now);
        await leaseTo(ctx, user, caseId);
        if (!options.keepOthers)
          await releaseHeld(
            ctx,
            user,
            (await heldBy(tx, user, now)).map((c) => c.id).filter((id) => id !== caseId),
          );
      },
      CLAIM_ANSWERS_AT_COMMIT,
    );
  }

  /**
   * Puts a case in the user's hands for a bulk action, as claiming it would, keeping the cases they hold. Answers
   * whether it took the case now (false: the user held it already), so a refused action can give it back.
   */
  async function takeInHand(user: User, caseId: string): Promise<boolean> {
    return run(`user:${user.id}`, async (ctx) => {
      const row = await lockCase(ctx.tx, caseId);
      if (row.status === 'open' && holdsLease(row, user, ctx.now)) return false;
      assertClaimable(row, user, ctx.now);
      await leaseTo(ctx, user, caseId);
      return true;
    });
  }

  /**
   * One reviewer's claims run one after another (a lock on the reviewer for the transaction): two claims sent at
   * once would otherwise each miss the case the other is taking, and leave the reviewer holding both.
   */
  async function takeClaimsInTurn(tx: Db, user: User): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case-claims:${user.id}`}, 0))`);
  }

  /** The open cases whose unexpired lease the user holds, the one claimed last (the one in hand) first. */
  function heldBy(tx: Db, user: User, now: Date) {
    return tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.status, 'open'), eq(cases.claimedBy, user.id), gt(cases.leaseExpiresAt, now)))
      .orderBy(desc(cases.leaseExpiresAt))
      .for('update');
  }

  async function leaseTo({ tx, now, record }: CommandContext, user: User, caseId: string): Promise<void> {
    const until = leaseUntil(now, rules);
    await tx.update(cases).set({ claimedBy: user.id, leaseExpiresAt: until }).where(eq(cases.id, caseId));
    record('case.claimed', `case/${caseId}`, { caseId, userId: user.id, leaseExpiresAt: until.toISOString() });
  }

  /** Gives held cases back to the queue, each with its release event, as a reviewer's own release would. */
  async function releaseHeld({ tx, record }: CommandContext, user: User, caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await tx
      .update(cases)
      .set({ claimedBy: null, leaseExpiresAt: null })
      .where(and(inArray(cases.id, caseIds), eq(cases.claimedBy, user.id)));
    for (const caseId of caseIds) record('case.released', `case/${caseId}`, { caseId, userId: user.id });
  }

  async function release(user: User, caseId: string): Promise<void> {
    await run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, caseId);
      assertHolds(row, user, now);
      await tx.update(cases).set({ claimedBy: null, leaseExpiresAt: null }).where(eq(cases.id, caseId));
      record('case.released', `case/${caseId}`, { caseId, userId: user.id });
    });
  }

  /** Sends a held case up to senior reviewers or policy staff, with a note; it leaves the holder's hands. */
  async function escalate(user: User, caseId: string, to: EscalationLevel, note: string): Promise<void> {
    await run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = await lockCase(tx, caseId);
      assertHolds(row, user, now);
      checkEscalation(row.level, to);
      await tx
        .update(cases)
        .set({ level: to, claimedBy: null, leaseExpiresAt: null, escalationNote: note })
        .where(eq(cases.id, caseId));
      record('case.escalated', `case/${caseId}`, { caseId, from: row.level, to, note });
    });
  }

  /** A case with its subject, and the situation the newsworthiness balancing weighs (designation, author, policy). */
  async function caseInSituation(caseId: string) {
    const row = await findCase(db, caseId);
    const [subject] = await db.select().from(subjects).where(eq(subjects.id, row.subjectId));
    if (!subject) throw new DocketError('not_found', `no subject for case ${caseId}`);
    return { row, subject, situation: await situationOf(db, subject, row.gravestPolicyId, contextOf) };
  }

  /** Everything a reviewer needs on one case, with what this user may do with it. Reporter identities are left out. */
  async function detail(user: User, caseId: string): Promise<CaseView> {
    const now = clock.now();
    const { row, subject, situation } = await caseInSituation(caseId);
    const accountRef = subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
    const [author] = accountRef
      ? await db
          .select()
          .from(subjects)
          .where(
            and(
              eq(subjects.platform, subject.platform),
              eq(subjects.kind, 'account'),
              eq(subjects.externalId, accountRef),
            ),
          )
      : [];
    const caseReports = await db
      .select({
        id: reports.id,
        policyId: reports.policyId,
        sectionId: reports.sectionId,
        text: reports.text,
        source: reports.source,
        receivedAt: reports.receivedAt,
      })
      .from(reports)
      .where(eq(reports.caseId, caseId))
      .orderBy(asc(reports.receivedAt));
    const caseDecisions = await db
      .select()
      .from(decisions)
      .where(eq(decisions.caseId, caseId))
      .orderBy(asc(decisions.decidedAt));
    const decisionIds = caseDecisions.map((d) => d.id);
    const caseNotices = decisionIds.length
      ? await db.select().from(notices).where(inArray(notices.decisionId, decisionIds))
      : [];
    const accountStrikes = accountRef
      ? await db
          .select()
          .from(strikes)
          .where(
            and(
              eq(strikes.platform, subject.platform),
              eq(strikes.accountRef, accountRef),
              isNull(strikes.reversedAt),
              gt(strikes.expiresAt, now),
            ),
          )
      : [];
    const restrictions = accountRef
      ? await db
          .select()
          .from(accountRestrictions)
          .where(
            and(
              eq(accountRestrictions.platform, subject.platform),
              eq(accountRestrictions.accountRef, accountRef),
              isNull(accountRestrictions.liftedAt),
            ),
          )
      : [];
    // The case's own history includes a claim this process just committed (claims answer before their chaining).
    await chained();
    const history = await readEvents(db, { stream: `case/${caseId}`, limit: 500 });
    const actorNames = await displayNames(
      db,
      history.entries.map((e) => userOfActor(e.actor)),
    );
    const [summary] = await withHolderNames([caseSummary(row, now)]);
    if (!summary) throw new DocketError('not_found', `no case ${caseId}`);
    const holds = summary.claimedBy === user.id;
    const inCrisis =
      situation.context !== 'none' && situation.actor === 'head_of_state_or_government' && situation.threatOfViolence;
    const works = queueLevelsOf(user.roles).includes(row.level);
    const verified = accountRef ? await verifiedFigureOf(db, subject.platform, accountRef) : null;
    return {
      case: summary,
      subject: subjectView(subject),
      author: author ? subjectView(author) : null,
      reports: caseReports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
      decisions: caseDecisions.map((d) => ({
        ...d,
        balancing: d.balancing as CaseDecision['balancing'],
        decidedAt: d.decidedAt.toISOString(),
      })),
      notices: caseNotices.map((n) => ({
        id: n.id,
        decisionId: n.decisionId,
        statement: n.statement as StatementOfReasons,
        createdAt: n.createdAt.toISOString(),
      })),
      activeStrikes: accountStrikes.map((s) => ({
        id: s.id,
        policyId: s.policyId,
        issuedAt: s.issuedAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
      })),
      restrictions: restrictions
        .filter((r) => r.endsAt === null || r.endsAt > now)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          reason: r.reason,
          startsAt: r.startsAt.toISOString(),
          endsAt: r.endsAt?.toISOString() ?? null,
        })),
      history: history.entries.map((e) => ({
        seq: e.seq,
        type: e.type,
        actor: e.actor,
        actorName: actorLabel(e.actor, actorNames),
        at: e.at,
        payload: e.payload as Record<string, unknown>,
      })),
      permissions: {
        claim: row.status === 'open' && works && (summary.claimedBy === null || holds),
        decide: row.status === 'open' && holds,
        escalate: row.status === 'open' && holds && row.level !== 'policy',
        keepNewsworthy: inCrisis
          ? user.roles.includes('policy')
          : user.roles.includes('senior_reviewer') || user.roles.includes('policy'),
      },
      designation: situation.context,
      situation,
      /** The registry's verified entry for the author, which overrides the role the platform states. */
      verifiedFigure: verified
        ? {
            kind: verified.kind,
            kindWhenPosted: situation.figure ?? verified.kind,
            name: verified.name,
            country: verified.country,
            verifiedAt: verified.verifiedAt.toISOString(),
          }
        : null,
      newsworthyNeedsWarningScreen: inCrisis,
    };
  }

  /** The balancing's recommendation for this case, in its current situation (designation, verified author, policy). */
  async function newsworthiness(
    caseId: string,
    balancing: Pick<NewsworthinessBalancing, 'publicInterest' | 'harms'>,
  ): Promise<NewsworthinessAdvice> {
    const { situation } = await caseInSituation(caseId);
    return { ...recommendNewsworthiness(balancing, situation), situation };
  }

  return { list, page, top, claimNext, claim, takeInHand, release, escalate, detail, newsworthiness };
}

/** A case the user may claim: open, at a level their roles work, and not held by another reviewer. */
function assertClaimable(row: CaseRow, user: User, now: Date): void {
  if (row.status !== 'open') throw new DocketError('conflict', 'the case is closed');
  if (!queueLevelsOf(user.roles).includes(row.level))
    throw new DocketError('forbidden', `the case is at the ${row.level} level, which your roles do not work`);
  if (row.claimedBy && row.claimedBy !== user.id && row.leaseExpiresAt && row.leaseExpiresAt > now) {
    throw new DocketError('conflict', `another reviewer holds this case until ${row.leaseExpiresAt.toISOString()}`);
  }
}

const holdsLease = (row: CaseRow, user: User, now: Date): boolean =>
  row.claimedBy === user.id && row.leaseExpiresAt !== null && row.leaseExpiresAt > now;

export const findCase = (db: Db, caseId: string): Promise<CaseRow> => rowById(db, cases, caseId, 'case');

export const lockCase = (tx: Db, caseId: string): Promise<CaseRow> =>
  rowById(tx, cases, caseId, 'case', { lock: true });

/** Only the holder of an unexpired lease may act on a case. */
export function assertHolds(row: CaseRow, user: User, now: Date): void {
  if (!holdsLease(row, user, now)) {
    throw new DocketError('conflict', 'claim the case first: only the reviewer holding its lease may act on it');
  }
}
