import { and, asc, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { IdSource } from '../../core/ids.js';
import type { Projection } from '../../core/projection.js';
import type { Db } from '../../store/database.js';
import type { DsaRecord } from './contract.js';
import { exportStatementsOf } from './exports.js';
import {
  backoffSeconds,
  batchOutcome,
  existingPuidOutcome,
  singleOutcome,
  TDB_BATCH_SIZE,
  tokenFingerprint,
  type ExistingFailure,
  type StoredStatement,
  type TdbAnswer,
} from './submission-rules.js';
import { TdbUnreachable, type TdbClient } from './tdb-client.js';
import { tdbProblems, tdbSummary, type TdbEndpoint, type TdbErrors } from './tdb-rules.js';
import { dsaSubmissions, dsaSubmitter } from './tables.js';

/**
 * Every statement of reasons becomes a pending submission when its notice is chained into the log: in log order,
 * once, in the transaction that advances the cursor. A replay (an upgrade, a raised version) adds the statements
 * not there yet and never touches one already sent: this table records what the database answered.
 */
export const dsaSubmissionProjection: Projection = {
  name: 'dsa-submissions',
  version: 1,
  async reset() {
    // Nothing to empty: a statement's submission is the database's answer, which a replay cannot re-derive.
  },
  async apply(tx, entries) {
    const issued = entries.filter((entry) => entry.type === 'notice.issued');
    if (issued.length === 0) return;
    const rows = issued.map((entry) => {
      const at = new Date(entry.at);
      const decisionId = String((entry.payload as { decisionId: string }).decisionId);
      return { decisionId, decidedAt: at, state: 'pending' as const, nextAttemptAt: at, updatedAt: at };
    });
    await tx.insert(dsaSubmissions).values(rows).onConflictDoNothing();
  },
};

/** Timings of one batch from its claim, for the benchmark: Docket's part is `totalMs - databaseMs`. */
export interface BatchTiming {
  statements: number;
  totalMs: number;
  databaseMs: number;
}

export interface SubmitterDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  client: TdbClient;
  /** The configured token, whose fingerprint a stop is kept with. */
  token: string;
  /** How long a claim holds: far longer than a request may take, so no other process resolves one in flight. */
  leaseMs?: number;
  /** Statements per request, 1 to 100 (the database's limit, and the default). */
  batchSize?: number;
  onBatch?: (timing: BatchTiming) => void;
}

export interface SubmitOptions {
  /** Only the statements of decisions taken in [start, end) (`docket dsa submit --from --to`). */
  range?: { start: Date; end: Date };
  /**
   * Asked for by a person (the CLI): it tries even after a stop (a success clears it) and does not skip a pause;
   * the loop of a server process honours both.
   */
  manual?: boolean;
  /** At most this many batches in one run; the loop of a server process comes back at its next poll. */
  maxBatches?: number;
}

/** Why a run stopped before the due statements were all sent. */
export type SubmitHalt =
  | { kind: 'stopped'; message: string }
  | { kind: 'paused'; until: Date; message: string }
  | { kind: 'unreachable'; message: string };

export interface SubmitTally {
  submitted: number;
  /** Of the submitted, those the database already had (a duplicate puid, confirmed by existing-puid). */
  confirmed: number;
  refused: number;
  held: number;
  notRequired: number;
  /** Sendings left by a process that stopped, resolved by asking the database. */
  resolved: number;
  halt: SubmitHalt | null;
}

interface Claimed {
  decisionId: string;
  record: DsaRecord;
}

const NO_STATEMENT = 'Docket has no statement of reasons for this decision.';
const DEFAULT_LEASE_MS = 5 * 60_000;
/** Rounds of one batch after partial answers (refused items, duplicates): each round removes statements. */
const MAX_ROUNDS = 4;
const RECOVERY_CONCURRENCY = 4;

export function createDsaSubmitter(deps: SubmitterDeps) {
  const { db, clock, ids, client } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = Math.max(1, Math.min(TDB_BATCH_SIZE, deps.batchSize ?? TDB_BATCH_SIZE));
  const fingerprint = tokenFingerprint(deps.token);

  async function runDue(options: SubmitOptions = {}): Promise<SubmitTally> {
    const tally = emptyTally();
    const blocked = await blockedBy(options.manual ?? false);
    if (blocked) return { ...tally, halt: blocked };
    tally.halt = await resolveUnknown(tally);
    for (let batch = 0; !tally.halt && batch < (options.maxBatches ?? Infinity); batch += 1) {
      const claimStarted = performance.now();
      const claimed = await claim(options.range, tally);
      if (!claimed) break;
      if (claimed.items.length > 0) tally.halt = await send(claimed.batchId, claimed.items, tally, claimStarted);
    }
    if (!tally.halt && options.manual) await clearStop();
    return tally;
  }

  /** A stop for this token, or a pause not over yet; a person's run goes on regardless (and clears a stop). */
  async function blockedBy(manual: boolean): Promise<SubmitHalt | null> {
    const [state] = await db.select().from(dsaSubmitter).where(eq(dsaSubmitter.id, 1));
    if (!state || manual) return null;
    if (state.stoppedAt && state.stoppedToken === fingerprint) {
      return { kind: 'stopped', message: state.stoppedReason ?? 'stopped' };
    }
    if (state.pausedUntil && state.pausedUntil > clock.now()) {
      return { kind: 'paused', until: state.pausedUntil, message: state.lastError ?? 'backing off' };
    }
    return null;
  }

  /**
   * Claims up to a batch of due statements and, in the same transaction, checks each against the database's
   * rules: the ones it would refuse are held with the reasons, the others marked `sending` under a new batch id
   * before anything is sent. Null when nothing is due.
   */
  async function claim(
    range: SubmitOptions['range'],
    tally: SubmitTally,
  ): Promise<{ batchId: string; items: Claimed[] } | null> {
    const now = clock.now();
    const batchId = ids.next();
    return db.transaction(async (tx) => {
      const due = await dueStatements(tx, now, range, batchSize);
      if (due.length === 0) return null;
      const records = await exportStatementsOf(
        tx,
        due.map((row) => row.decisionId),
      );
      const items: Claimed[] = [];
      const notRequired: string[] = [];
      const hold = async (decisionId: string, problems: TdbErrors) => {
        await settle(tx, [decisionId], { state: 'held', problems, lastError: tdbSummary(problems), at: now });
        tally.held += 1;
      };
      for (const { decisionId } of due) {
        const checked = checkStatement(records, decisionId, 'statements');
        if (checked.kind === 'not_required') notRequired.push(decisionId);
        else if (checked.kind === 'send') items.push({ decisionId, record: checked.record });
        else await hold(decisionId, checked.problems);
      }
      // One statement goes to POST /api/v1/statement, whose rules differ a little from a batch item's.
      const [only] = items;
      if (items.length === 1 && only) {
        const checked = checkStatement(records, only.decisionId, 'statement');
        if (checked.kind === 'held') {
          await hold(only.decisionId, checked.problems);
          items.length = 0;
        }
      }
      await settle(tx, notRequired, { state: 'not_required', at: now });
      tally.notRequired += notRequired.length;
      if (items.length > 0) {
        await tx
          .update(dsaSubmissions)
          .set({
            state: 'sending',
            batchId,
            leaseUntil: new Date(now.getTime() + leaseMs),
            attempts: sql`${dsaSubmissions.attempts} + 1`,
            updatedAt: now,
          })
          .where(
            inArray(
              dsaSubmissions.decisionId,
              items.map((item) => item.decisionId),
            ),
          );
      }
      return { batchId, items };
    });
  }

  /**
   * Sends one claimed batch until every statement in it is settled or released. A batch of one goes to the single
   * endpoint (POST /api/v1/statement), a statement sent as soon as it is due; larger ones to POST /api/v1/statements.
   */
  async function send(
    batchId: string,
    claimed: Claimed[],
    tally: SubmitTally,
    started = performance.now(),
  ): Promise<SubmitHalt | null> {
    let items = claimed;
    const single = claimed.length === 1;
    let databaseMs = 0;
    try {
      for (let round = 0; items.length > 0; round += 1) {
        if (round === MAX_ROUNDS) {
          await release(batchId, items, 'unknown', 'the database kept refusing parts of the batch', null);
          return null;
        }
        const asked = performance.now();
        let answer: TdbAnswer;
        try {
          answer = single
            ? await client.postStatement((items[0] as Claimed).record)
            : await client.postStatements(items.map((item) => item.record));
        } catch (error) {
          if (!(error instanceof TdbUnreachable)) throw error;
          // The batch may have arrived: its statements stay `sending` and are asked about before any resend.
          return await release(batchId, items, 'unknown', error.message, null, 'unreachable');
        } finally {
          databaseMs += performance.now() - asked;
        }
        const now = clock.now();
        const outcome = single
          ? singleOutcome(answer, (items[0] as Claimed).decisionId, now)
          : batchOutcome(
              answer,
              items.map((item) => item.decisionId),
              now,
            );
        switch (outcome.kind) {
          case 'stored':
            await markSubmitted(batchId, outcome.stored);
            tally.submitted += outcome.stored.size;
            await recovered();
            items = [];
            break;
          case 'refused':
            await db.transaction(async (tx) => {
              for (const [decisionId, problems] of outcome.refused) {
                await settle(
                  tx,
                  [decisionId],
                  { state: 'refused', problems, lastError: tdbSummary(problems), at: now },
                  batchId,
                );
              }
            });
            tally.refused += outcome.refused.size;
            items = items.filter((item) => !outcome.refused.has(item.decisionId));
            break;
          case 'duplicates': {
            const halt = await confirmExisting(batchId, outcome.puids, tally);
            if (halt) return await release(batchId, items, 'pending', halt.message, null, halt);
            const settled = new Set(outcome.puids);
            items = items.filter((item) => !settled.has(item.decisionId));
            break;
          }
          case 'unauthorized':
            await stop(outcome.message);
            return await release(batchId, items, 'pending', outcome.message, 0, 'stopped');
          case 'throttled':
            return await release(batchId, items, 'pending', outcome.message, outcome.retryAfterSeconds, 'paused');
          case 'unknown':
            return await release(batchId, items, 'unknown', outcome.message, null, 'paused');
        }
      }
      return null;
    } finally {
      deps.onBatch?.({ statements: claimed.length, totalMs: performance.now() - started, databaseMs });
    }
  }

  /**
   * Puids the database says it has (a duplicate): confirmed one by one with existing-puid, then submitted (the
   * answer gives no uuid). One it does not have stays in the batch. Returns a halt if the database stopped answering.
   */
  async function confirmExisting(batchId: string, puids: string[], tally: SubmitTally): Promise<SubmitHalt | null> {
    const found = new Map<string, StoredStatement>();
    for (const puid of puids) {
      const outcome = await askExisting(puid);
      if (outcome.kind === 'found') found.set(puid, { uuid: null, permalink: null });
      else if (outcome.kind !== 'absent') {
        await markSubmitted(batchId, found);
        tally.submitted += found.size;
        tally.confirmed += found.size;
        return haltFor(outcome);
      }
    }
    await markSubmitted(batchId, found);
    tally.submitted += found.size;
    tally.confirmed += found.size;
    return null;
  }

  async function askExisting(puid: string): Promise<ReturnType<typeof existingPuidOutcome>> {
    try {
      return existingPuidOutcome(await client.existingPuid(puid), clock.now());
    } catch (error) {
      if (!(error instanceof TdbUnreachable)) throw error;
      return { kind: 'unknown', message: error.message };
    }
  }

  function haltFor(outcome: ExistingFailure): SubmitHalt {
    if (outcome.kind === 'unauthorized') return { kind: 'stopped', message: outcome.message };
    return {
      kind: 'paused',
      until: new Date(
        clock.now().getTime() +
          backoffSeconds(1, outcome.kind === 'throttled' ? outcome.retryAfterSeconds : null) * 1000,
      ),
      message: outcome.message,
    };
  }

  /**
   * Sendings whose lease ran out (their process stopped between claiming and recording): the database is asked
   * whether it has each, so none is sent twice and none is lost. Found: submitted; absent: pending again.
   */
  async function resolveUnknown(tally: SubmitTally): Promise<SubmitHalt | null> {
    for (;;) {
      const now = clock.now();
      const batchId = ids.next();
      const stale = await db.transaction(async (tx) => {
        const rows = await tx
          .select({ decisionId: dsaSubmissions.decisionId })
          .from(dsaSubmissions)
          .where(and(eq(dsaSubmissions.state, 'sending'), lte(dsaSubmissions.leaseUntil, now)))
          .orderBy(asc(dsaSubmissions.leaseUntil))
          .limit(TDB_BATCH_SIZE)
          .for('update', { skipLocked: true });
        if (rows.length > 0) {
          await tx
            .update(dsaSubmissions)
            .set({ batchId, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
            .where(
              inArray(
                dsaSubmissions.decisionId,
                rows.map((row) => row.decisionId),
              ),
            );
        }
        return rows.map((row) => row.decisionId);
      });
      if (stale.length === 0) return null;
      const found = new Map<string, StoredStatement>();
      const absent: string[] = [];
      let halt: SubmitHalt | null = null;
      for (let at = 0; at < stale.length && !halt; at += RECOVERY_CONCURRENCY) {
        const slice = stale.slice(at, at + RECOVERY_CONCURRENCY);
        const outcomes = await Promise.all(slice.map(askExisting));
        outcomes.forEach((outcome, index) => {
          const puid = slice[index]!;
          if (outcome.kind === 'found') found.set(puid, { uuid: null, permalink: null });
          else if (outcome.kind === 'absent') absent.push(puid);
          else halt ??= haltFor(outcome);
        });
      }
      await markSubmitted(batchId, found);
      await release(
        batchId,
        absent.map((decisionId) => ({ decisionId })),
        'pending',
        'not in the database after an interrupted sending',
        0,
      );
      tally.submitted += found.size;
      tally.resolved += found.size + absent.length;
      if (halt) {
        const unresolved = stale.filter((puid) => !found.has(puid) && !absent.includes(puid));
        const { kind, message } = halt as SubmitHalt;
        if (kind === 'stopped') await stop(message);
        return release(
          batchId,
          unresolved.map((decisionId) => ({ decisionId })),
          'unknown',
          message,
          null,
          halt,
        );
      }
    }
  }

  async function markSubmitted(batchId: string, stored: Map<string, StoredStatement>): Promise<void> {
    if (stored.size === 0) return;
    const now = clock.now().toISOString();
    const values = [...stored].map(
      ([decisionId, { uuid, permalink }]) => sql`(${decisionId}::uuid, ${uuid}::text, ${permalink}::text)`,
    );
    await db.execute(sql`
      update dsa_submissions as s
         set state = 'submitted', uuid = v.uuid, permalink = v.permalink, submitted_at = ${now}::timestamptz,
             problems = null, last_error = null, batch_id = null, lease_until = null, updated_at = ${now}::timestamptz
        from (values ${sql.join(values, sql`, `)}) as v(id, uuid, permalink)
       where s.decision_id = v.id and s.batch_id = ${batchId}::uuid`);
  }

  /**
   * Gives claimed statements back. `pending`: the database said it stored none of them, so they go again after the
   * wait. `unknown`: it may have stored them, so they stay `sending` and are asked about once the wait is over.
   * A wait (Retry-After, or the back-off) pauses every process's submitter. Returns the halt, if any.
   */
  async function release(
    batchId: string,
    items: { decisionId: string }[],
    as: 'pending' | 'unknown',
    error: string,
    retryAfter: number | null,
    halt: SubmitHalt['kind'] | SubmitHalt | null = null,
  ): Promise<SubmitHalt | null> {
    const now = clock.now();
    const paused = halt === 'paused' || halt === 'unreachable' || (typeof halt === 'object' && halt?.kind === 'paused');
    const failures = paused ? await failed(error) : 0;
    const wait = halt === 'stopped' || !paused ? (retryAfter ?? 0) : backoffSeconds(failures, retryAfter);
    const until = new Date(now.getTime() + wait * 1000);
    if (paused) await db.update(dsaSubmitter).set({ pausedUntil: until }).where(eq(dsaSubmitter.id, 1));
    if (items.length > 0) {
      await db
        .update(dsaSubmissions)
        .set(
          as === 'pending'
            ? {
                state: 'pending',
                batchId: null,
                leaseUntil: null,
                nextAttemptAt: until,
                lastError: error,
                updatedAt: now,
              }
            : { leaseUntil: until, lastError: error, updatedAt: now },
        )
        .where(
          and(
            inArray(
              dsaSubmissions.decisionId,
              items.map((item) => item.decisionId),
            ),
            eq(dsaSubmissions.batchId, batchId),
          ),
        );
    }
    if (halt === null) return null;
    if (typeof halt === 'object') return halt.kind === 'paused' ? { ...halt, until } : halt;
    if (halt === 'paused') return { kind: 'paused', until, message: error };
    return { kind: halt, message: error };
  }

  /** Counts one more failure in a row; returns how many. */
  async function failed(error: string): Promise<number> {
    const [row] = await db
      .update(dsaSubmitter)
      .set({ failures: sql`${dsaSubmitter.failures} + 1`, lastError: error })
      .where(eq(dsaSubmitter.id, 1))
      .returning({ failures: dsaSubmitter.failures });
    return row?.failures ?? 1;
  }

  /** A batch stored: the back-off is over, and a stop (for an older token) no longer holds. */
  async function recovered(): Promise<void> {
    await clearStop();
    await db
      .update(dsaSubmitter)
      .set({ failures: 0, pausedUntil: null })
      .where(
        and(eq(dsaSubmitter.id, 1), sql`(${dsaSubmitter.failures} > 0 or ${dsaSubmitter.pausedUntil} is not null)`),
      );
  }

  async function stop(reason: string): Promise<void> {
    await db
      .update(dsaSubmitter)
      .set({ stoppedAt: clock.now(), stoppedReason: reason, stoppedToken: fingerprint, lastError: reason })
      .where(eq(dsaSubmitter.id, 1));
  }

  async function clearStop(): Promise<void> {
    await db
      .update(dsaSubmitter)
      .set({ stoppedAt: null, stoppedReason: null, stoppedToken: null })
      .where(and(eq(dsaSubmitter.id, 1), isNotNull(dsaSubmitter.stoppedAt)));
  }

  return { runDue };
}

/** A statement as the export writes it, against the database's rules: to send, to hold (why), or not for it. */
function checkStatement(
  records: Map<string, DsaRecord | null>,
  decisionId: string,
  endpoint: TdbEndpoint,
): { kind: 'send'; record: DsaRecord } | { kind: 'held'; problems: TdbErrors } | { kind: 'not_required' } {
  const record = records.get(decisionId);
  if (record === null) return { kind: 'not_required' };
  if (record === undefined) return { kind: 'held', problems: { puid: [NO_STATEMENT] } };
  const problems = tdbProblems(record, endpoint);
  return Object.keys(problems).length === 0 ? { kind: 'send', record } : { kind: 'held', problems };
}

/** A tally of nothing done yet. */
export function emptyTally(): SubmitTally {
  return { submitted: 0, confirmed: 0, refused: 0, held: 0, notRequired: 0, resolved: 0, halt: null };
}

/**
 * The claim's read: up to `limit` due pending statements, oldest due first, locked and skipping those another
 * process holds. It follows dsa_submissions_pending_idx, so it reads one batch however long the backlog is.
 */
export function dueStatements(db: Db, now: Date, range: SubmitOptions['range'], limit: number) {
  return db
    .select({ decisionId: dsaSubmissions.decisionId })
    .from(dsaSubmissions)
    .where(and(eq(dsaSubmissions.state, 'pending'), lte(dsaSubmissions.nextAttemptAt, now), ...inRange(range)))
    .orderBy(asc(dsaSubmissions.nextAttemptAt), asc(dsaSubmissions.decidedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

function inRange(range: SubmitOptions['range']): SQL[] {
  return range ? [gte(dsaSubmissions.decidedAt, range.start), lt(dsaSubmissions.decidedAt, range.end)] : [];
}

/** Sets a final or held state on statements, optionally only those still in a batch. */
async function settle(
  tx: Db,
  decisionIds: string[],
  to: { state: 'held' | 'refused' | 'not_required'; problems?: TdbErrors; lastError?: string; at: Date },
  batchId?: string,
): Promise<void> {
  if (decisionIds.length === 0) return;
  await tx
    .update(dsaSubmissions)
    .set({
      state: to.state,
      problems: to.problems ?? null,
      lastError: to.lastError ?? null,
      batchId: null,
      leaseUntil: null,
      updatedAt: to.at,
    })
    .where(
      and(inArray(dsaSubmissions.decisionId, decisionIds), ...(batchId ? [eq(dsaSubmissions.batchId, batchId)] : [])),
    );
}

/** What a server process's loop says, through its logger. */
export interface SubmissionLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * One poll of a server process's submitter: due statements, a bounded number of batches, and a log line when the
 * submitter stops (the token refused) or resumes, once per change, not at every poll.
 */
export function dsaSubmissionWork(
  submitter: ReturnType<typeof createDsaSubmitter>,
  log: SubmissionLog,
  maxBatches = 50,
): () => Promise<Record<string, number>> {
  let lastHalt: string | null = null;
  return async () => {
    const tally = await submitter.runDue({ maxBatches });
    const halt = tally.halt?.kind === 'stopped' ? tally.halt.message : null;
    if (halt && halt !== lastHalt) {
      log.error(
        { dsaSubmissions: 'stopped' },
        `Submission to the DSA Transparency Database stopped: ${halt}. Nothing is marked submitted; it resumes with a new token (or after docket dsa submit succeeds).`,
      );
    } else if (!halt && lastHalt)
      log.info({ dsaSubmissions: 'resumed' }, 'Submission to the DSA Transparency Database resumed.');
    lastHalt = halt;
    const { submitted, confirmed, refused, held, notRequired, resolved } = tally;
    return { submitted, confirmed, refused, held, notRequired, resolved };
  };
}

/**
 * Statements held by Docket's check, in a period or all, go back to pending so that they are checked again (after
 * their policy's data or the statements were corrected). Returns how many.
 */
export async function recheckHeld(db: Db, now: Date, range?: SubmitOptions['range']): Promise<number> {
  const rows = await db
    .update(dsaSubmissions)
    .set({ state: 'pending', nextAttemptAt: now, problems: null, updatedAt: now })
    .where(and(eq(dsaSubmissions.state, 'held'), ...inRange(range)))
    .returning({ decisionId: dsaSubmissions.decisionId });
  return rows.length;
}

export interface SubmissionPreview {
  send: DsaRecord[];
  held: { puid: string; problems: TdbErrors }[];
  notRequired: number;
}

/** What a run would do with the pending and held statements (of a period), changing nothing: a dry run. */
export async function previewSubmission(db: Db, range?: SubmitOptions['range']): Promise<SubmissionPreview> {
  const preview: SubmissionPreview = { send: [], held: [], notRequired: 0 };
  const pageSize = 1_000;
  for (let page = 0; ; page += 1) {
    const rows = await db
      .select({ decisionId: dsaSubmissions.decisionId })
      .from(dsaSubmissions)
      .where(and(inArray(dsaSubmissions.state, ['pending', 'held']), ...inRange(range)))
      .orderBy(asc(dsaSubmissions.decidedAt), asc(dsaSubmissions.decisionId))
      .limit(pageSize)
      .offset(page * pageSize);
    const records = await exportStatementsOf(
      db,
      rows.map((row) => row.decisionId),
    );
    for (const { decisionId } of rows) {
      const checked = checkStatement(records, decisionId, 'statements');
      if (checked.kind === 'not_required') preview.notRequired += 1;
      else if (checked.kind === 'send') preview.send.push(checked.record);
      else preview.held.push({ puid: decisionId, problems: checked.problems });
    }
    if (rows.length < pageSize) return preview;
  }
}
