import { and, asc, eq, gte, inArray, isNotNull, lt, lte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { IdSource } from '../../core/ids.js';
import type { Projection } from '../../core/projection.js';
import type { Db } from '../../store/database.js';
import type { StatementOfReasons } from '../../moderation/contract.js';
import type { DsaRecord } from './contract.js';
import { exportStatementsOf, PolicyVersionCache } from './exports.js';
import { restrictsInEea } from './rules.js';
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
 * Every statement of reasons becomes a submission when its notice is chained into the log: in log order, once, in
 * the transaction that advances the cursor. It is `not_required` at once when its decision restricted nothing in
 * the EEA (the database does not take it). Otherwise it is built as the database will receive it and checked against
 * the database's rules there and then: pending with its `body`, so a claim sends it without reading or checking
 * anything, or held with the reasons. Published policy versions do not change, so the body stays what the decision
 * was; `recheckHeld` sends a held statement back to be built again. A replay (an upgrade, a raised version) adds the
 * statements not there yet and never touches one already sent: this table records what the database answered.
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
      const { decisionId, statement } = entry.payload as { decisionId: string; statement: StatementOfReasons };
      // A statement of an older shape than this rule reads goes to the claim, which decides the same from the tables.
      const known = Array.isArray(statement?.decision_visibility) && Array.isArray(statement?.territorial_scope);
      const state = known && !restrictsInEea(statement, statement.territorial_scope) ? 'not_required' : 'pending';
      return { decisionId, decidedAt: at, state, nextAttemptAt: at, updatedAt: at } as Submission;
    });
    const pending = rows.filter((row) => row.state === 'pending');
    if (pending.length > 0) {
      const records = await exportStatementsOf(
        tx,
        pending.map((row) => row.decisionId),
      );
      for (const row of pending) Object.assign(row, prepared(records, row.decisionId));
    }
    await tx.insert(dsaSubmissions).values(rows).onConflictDoNothing();
  },
};

type Submission = typeof dsaSubmissions.$inferInsert;

/** A pending statement's row as its check leaves it: pending with its body, held with the reasons, or not for it. */
function prepared(records: Map<string, DsaRecord | null>, decisionId: string): Partial<Submission> {
  // No facts in the tables yet (a replay into empty tables): the claim builds it later.
  if (!records.has(decisionId)) return {};
  const checked = checkStatement(records, decisionId, 'statements');
  if (checked.kind === 'not_required') return { state: 'not_required' };
  if (checked.kind === 'held')
    return { state: 'held', problems: checked.problems, lastError: tdbSummary(checked.problems) };
  return { body: JSON.stringify(checked.record) };
}

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
  /** Batches in flight at once, 1 to 8 (default 3): one is claimed and checked while others are sent. */
  inFlight?: number;
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
  /** The statement as the database receives it: its JSON. */
  json: string;
}

/**
 * One run's shared state, for the batches it has in flight at once: why it halts (`halt` once known; `halting` at
 * the first answer that halts it, before anything is written, so no batch is claimed or sent after), the pause
 * every batch of the run waits for (counted once, however many batches met the 429 or 5xx), and whether the shared
 * submitter row has something a stored batch must clear (a back-off, a stop for an older token).
 */
interface Run {
  halt: SubmitHalt | null;
  halting: boolean;
  pause: Promise<Date> | null;
  dirty: boolean;
  /** A batch of the run was stored: the database takes this token and is not throttling, so batches may overlap. */
  open: boolean;
  /** The requests at the database at once, at most `inFlight`. */
  requests: Slots;
}

/** A counting semaphore: `take` waits for one of `size` slots and gives the function that frees it. */
interface Slots {
  take(): Promise<() => void>;
}

function slots(size: number): Slots {
  let used = 0;
  const waiting: (() => void)[] = [];
  const free = () => {
    const next = waiting.shift();
    if (next) next();
    else used -= 1;
  };
  return {
    take: () => {
      let freed = false;
      const once = () => {
        if (freed) return;
        freed = true;
        free();
      };
      if (used < size) {
        used += 1;
        return Promise.resolve(once);
      }
      return new Promise((resolve) => waiting.push(() => resolve(once)));
    },
  };
}

const NO_STATEMENT = 'Docket has no statement of reasons for this decision.';
const DEFAULT_LEASE_MS = 5 * 60_000;
/** Batches one process has in flight at once by default: the next is claimed and built while others are sent. */
export const DEFAULT_IN_FLIGHT = 3;
const MAX_IN_FLIGHT = 8;
/** Rounds of one batch after partial answers (refused items, duplicates): each round removes statements. */
const MAX_ROUNDS = 4;
const RECOVERY_CONCURRENCY = 4;

export function createDsaSubmitter(deps: SubmitterDeps) {
  const { db, clock, ids, client } = deps;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const batchSize = Math.max(1, Math.min(TDB_BATCH_SIZE, deps.batchSize ?? TDB_BATCH_SIZE));
  const inFlight = Math.max(1, Math.min(MAX_IN_FLIGHT, Math.floor(deps.inFlight ?? DEFAULT_IN_FLIGHT)));
  const fingerprint = tokenFingerprint(deps.token);
  const versions = new PolicyVersionCache();
  // A claim runs before every batch: built and prepared once (each process has its own connections to prepare on).
  const claims = claimQuery(db, false).prepare('dsa_claim_due');
  const claimsInRange = claimQuery(db, true).prepare('dsa_claim_due_in_range');

  /**
   * Claims and sends due batches, up to `inFlight` of them at once once the first is stored: while the database
   * answers one, others are claimed, read, checked and recorded. A halting answer (401, 429, 5xx, unreachable) stops
   * the claims; the batches already in flight finish (a 201 is recorded, since the database has them) and nothing
   * else is sent.
   */
  async function runDue(options: SubmitOptions = {}): Promise<SubmitTally> {
    const tally = emptyTally();
    const manual = options.manual ?? false;
    const [state] = await db.select().from(dsaSubmitter).where(eq(dsaSubmitter.id, 1));
    const blocked = blockedBy(state, manual);
    if (blocked) return { ...tally, halt: blocked };
    const run: Run = {
      halt: null,
      halting: false,
      pause: null,
      dirty: Boolean(state && (state.failures > 0 || state.pausedUntil || state.stoppedAt)),
      open: false,
      requests: slots(inFlight),
    };
    run.halt = await resolveUnknown(tally, run);
    run.halting = run.halt !== null;
    const limit = options.maxBatches ?? Infinity;
    let claimCount = 0;
    let drained = false;
    let failure: { error: unknown } | null = null;
    /** One batch: claimed, sent, recorded. False when there is nothing more to do for this worker. */
    const next = async (): Promise<boolean> => {
      if (run.halting || drained || claimCount >= limit) return false;
      claimCount += 1;
      const claimStarted = performance.now();
      const claimed = await claim(options.range, tally);
      if (!claimed) {
        drained = true;
        return false;
      }
      if (claimed.items.length === 0) return true;
      // A batch claimed while another met a halt is given back untouched by `send`, once it has a request slot.
      // The halt is read after the send: another worker may have met one meanwhile, which must not be lost.
      const halt = await send(run, claimed.batchId, claimed.items, tally, claimStarted);
      run.halt = worse(run.halt, halt);
      return true;
    };
    const worker = async () => {
      try {
        while (await next());
      } catch (error) {
        failure ??= { error };
        run.halting = true;
      }
    };
    // The first batches go alone until one is stored: a refused token or a throttle meets one batch, not several.
    // Then twice `inFlight` workers each claim, send and record a batch at a time: while `inFlight` batches are at
    // the database, the others are claimed, read and checked, or recorded, so the database always has the next.
    while (!run.open && (await next().catch((error: unknown) => ((failure ??= { error }), false))));
    if (run.open && !failure) await Promise.all(Array.from({ length: 2 * inFlight }, worker));
    if (failure) throw (failure as { error: unknown }).error;
    tally.halt = run.halt;
    if (!tally.halt && manual) await clearStop();
    return tally;
  }

  /** A stop for this token, or a pause not over yet; a person's run goes on regardless (and clears a stop). */
  function blockedBy(state: typeof dsaSubmitter.$inferSelect | undefined, manual: boolean): SubmitHalt | null {
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
   * Claims up to a batch of due statements in one statement: they become `sending` under a new batch id, locked
   * from other processes while claimed. Then each is read and checked against the database's rules: the ones it
   * would refuse are held with the reasons, those it does not take set aside, before anything is sent. A process
   * stopping in between leaves them `sending`, asked about (and found absent) once the lease is over. Null when
   * nothing is due.
   */
  async function claim(
    range: SubmitOptions['range'],
    tally: SubmitTally,
  ): Promise<{ batchId: string; items: Claimed[] } | null> {
    const now = clock.now();
    const batchId = ids.next();
    const due = await (range ? claimsInRange : claims).execute({
      now: now.toISOString(),
      batchId,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit: batchSize,
      start: range?.start.toISOString(),
      end: range?.end.toISOString(),
    });
    if (due.length === 0) return null;
    due.sort(
      (a, b) =>
        a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() ||
        a.decidedAt.getTime() - b.decidedAt.getTime() ||
        a.decisionId.localeCompare(b.decisionId),
    );
    // Statements built when their notice was chained are sent as they are; the others are built and checked now.
    const unbuilt = due.filter((row) => row.body === null).map((row) => row.decisionId);
    const records =
      unbuilt.length === 0 ? new Map<string, DsaRecord | null>() : await exportStatementsOf(db, unbuilt, versions);
    const items: Claimed[] = [];
    const setAside: Settled[] = [];
    for (const { decisionId, body } of due) {
      if (body !== null) {
        items.push({ decisionId, json: body });
        continue;
      }
      const checked = checkStatement(records, decisionId, 'statements');
      if (checked.kind === 'not_required') setAside.push({ decisionId, state: 'not_required' });
      else if (checked.kind === 'send') items.push({ decisionId, json: JSON.stringify(checked.record) });
      else setAside.push({ decisionId, state: 'held', problems: checked.problems });
    }
    // One statement goes to POST /api/v1/statement, whose rules differ a little from a batch item's.
    const [only] = items;
    if (items.length === 1 && only) {
      const problems = tdbProblems(JSON.parse(only.json), 'statement');
      if (Object.keys(problems).length > 0) {
        setAside.push({ decisionId: only.decisionId, state: 'held', problems });
        items.length = 0;
      }
    }
    // Not an attempt to send: the claim's count is taken back.
    await settleEach(db, setAside, now, batchId, { unclaim: true });
    for (const settled of setAside) {
      if (settled.state === 'held') tally.held += 1;
      else tally.notRequired += 1;
    }
    return { batchId, items };
  }

  /**
   * Sends one claimed batch until every statement in it is settled or released. A batch of one goes to the single
   * endpoint (POST /api/v1/statement), a statement sent as soon as it is due; larger ones to POST /api/v1/statements.
   */
  async function send(
    run: Run,
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
          await release(run, batchId, items, 'unknown', 'the database kept refusing parts of the batch', null);
          return null;
        }
        // At most `inFlight` requests are at the database at once; a batch ready before a slot is free waits.
        const free = await run.requests.take();
        // Another batch met a halt while this one was claimed or waited: none of what is left is sent; it goes back.
        if (run.halting) {
          free();
          const why = round > 0 ? 'not sent again: the submitter halted' : 'not sent: the submitter halted';
          return await release(run, batchId, items, 'pending', why, 0);
        }
        const asked = performance.now();
        let answer: TdbAnswer;
        try {
          answer = single
            ? await client.postStatement((items[0] as Claimed).json)
            : await client.postStatements(items.map((item) => item.json));
        } catch (error) {
          if (!(error instanceof TdbUnreachable)) throw error;
          run.halting = true;
          // The batch may have arrived: its statements stay `sending` and are asked about before any resend.
          return await release(run, batchId, items, 'unknown', error.message, null, 'unreachable');
        } finally {
          free();
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
        if (outcome.kind === 'unauthorized' || outcome.kind === 'throttled' || outcome.kind === 'unknown')
          run.halting = true;
        switch (outcome.kind) {
          case 'stored':
            await markSubmitted(batchId, outcome.stored);
            tally.submitted += outcome.stored.size;
            run.open = true;
            await recovered(run);
            items = [];
            break;
          case 'refused':
            await settleEach(
              db,
              [...outcome.refused].map(([decisionId, problems]) => ({ decisionId, state: 'refused', problems })),
              now,
              batchId,
            );
            tally.refused += outcome.refused.size;
            items = items.filter((item) => !outcome.refused.has(item.decisionId));
            break;
          case 'duplicates': {
            const halt = await confirmExisting(batchId, outcome.puids, tally);
            if (halt) {
              run.halting = true;
              return await release(run, batchId, items, 'pending', halt.message, null, halt);
            }
            const settled = new Set(outcome.puids);
            items = items.filter((item) => !settled.has(item.decisionId));
            break;
          }
          case 'unauthorized':
            await stop(run, outcome.message);
            return await release(run, batchId, items, 'pending', outcome.message, 0, 'stopped');
          case 'throttled':
            return await release(run, batchId, items, 'pending', outcome.message, outcome.retryAfterSeconds, 'paused');
          case 'unknown':
            return await release(run, batchId, items, 'unknown', outcome.message, null, 'paused');
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
  async function resolveUnknown(tally: SubmitTally, run: Run): Promise<SubmitHalt | null> {
    for (;;) {
      const now = clock.now();
      const batchId = ids.next();
      const stale = (
        await db
          .update(dsaSubmissions)
          .set({ batchId, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
          .where(
            sql`${dsaSubmissions.decisionId} = any(array(${db
              .select({ decisionId: dsaSubmissions.decisionId })
              .from(dsaSubmissions)
              .where(and(eq(dsaSubmissions.state, 'sending'), lte(dsaSubmissions.leaseUntil, now)))
              .orderBy(asc(dsaSubmissions.leaseUntil))
              .limit(TDB_BATCH_SIZE)
              .for('update', { skipLocked: true })}))`,
          )
          .returning({ decisionId: dsaSubmissions.decisionId })
      ).map((row) => row.decisionId);
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
        run,
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
        if (kind === 'stopped') await stop(run, message);
        return release(
          run,
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
    const rows = [...stored];
    // Three array parameters, whatever the batch's size: cheap to build, and one plan for every batch.
    await db.execute(sql`
      update dsa_submissions as s
         set state = 'submitted', uuid = v.uuid, permalink = v.permalink, submitted_at = ${now}::timestamptz,
             problems = null, last_error = null, batch_id = null, lease_until = null, body = null,
             updated_at = ${now}::timestamptz
        from unnest(${sql.param(rows.map(([decisionId]) => decisionId))}::uuid[],
                    ${sql.param(rows.map(([, { uuid }]) => uuid))}::text[],
                    ${sql.param(rows.map(([, { permalink }]) => permalink))}::text[]) as v(id, uuid, permalink)
       where s.decision_id = v.id and s.batch_id = ${batchId}::uuid and ${WITHOUT_WAITING_FOR_THE_DISK}`);
  }

  /**
   * Gives claimed statements back. `pending`: the database said it stored none of them, so they go again after the
   * wait. `unknown`: it may have stored them, so they stay `sending` and are asked about once the wait is over.
   * A wait (Retry-After, or the back-off) pauses every process's submitter; the batches of one run in flight that
   * meet it share one pause, counted once. Returns the halt, if any.
   */
  async function release(
    run: Run,
    batchId: string,
    items: { decisionId: string }[],
    as: 'pending' | 'unknown',
    error: string,
    retryAfter: number | null,
    halt: SubmitHalt['kind'] | SubmitHalt | null = null,
  ): Promise<SubmitHalt | null> {
    const now = clock.now();
    const paused = halt === 'paused' || halt === 'unreachable' || (typeof halt === 'object' && halt?.kind === 'paused');
    let until = new Date(now.getTime() + (retryAfter ?? 0) * 1000);
    if (paused) {
      run.pause ??= (async () => {
        const wait = backoffSeconds(await failed(run, error), retryAfter);
        const pausedUntil = new Date(now.getTime() + wait * 1000);
        await db.update(dsaSubmitter).set({ pausedUntil }).where(eq(dsaSubmitter.id, 1));
        return pausedUntil;
      })();
      until = await run.pause;
    }
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
  async function failed(run: Run, error: string): Promise<number> {
    run.dirty = true;
    const [row] = await db
      .update(dsaSubmitter)
      .set({ failures: sql`${dsaSubmitter.failures} + 1`, lastError: error })
      .where(eq(dsaSubmitter.id, 1))
      .returning({ failures: dsaSubmitter.failures });
    return row?.failures ?? 1;
  }

  /**
   * A batch stored: the back-off is over, and a stop (for an older token) no longer holds. One statement, and only
   * when the run saw something to clear; not after a halt of this run (a batch answered before a 401 must not lift
   * the stop the 401 set).
   */
  async function recovered(run: Run): Promise<void> {
    if (!run.dirty || run.halting) return;
    run.dirty = false;
    await db
      .update(dsaSubmitter)
      .set({ failures: 0, pausedUntil: null, stoppedAt: null, stoppedReason: null, stoppedToken: null })
      .where(
        and(
          eq(dsaSubmitter.id, 1),
          sql`(${dsaSubmitter.failures} > 0 or ${dsaSubmitter.pausedUntil} is not null or ${dsaSubmitter.stoppedAt} is not null)`,
        ),
      );
  }

  async function stop(run: Run, reason: string): Promise<void> {
    run.dirty = true;
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

/** Of two halts, a stop (the token refused) wins; else the first. */
function worse(a: SubmitHalt | null, b: SubmitHalt | null): SubmitHalt | null {
  if (b?.kind === 'stopped' && a?.kind !== 'stopped') return b;
  return a ?? b;
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
export function dueStatements(
  db: Db,
  now: Date | Placeholder,
  range: SubmitOptions['range'] | { start: Placeholder; end: Placeholder },
  limit: number | Placeholder,
) {
  return db
    .select({ decisionId: dsaSubmissions.decisionId })
    .from(dsaSubmissions)
    .where(and(eq(dsaSubmissions.state, 'pending'), lte(dsaSubmissions.nextAttemptAt, now), ...inRange(range)))
    .orderBy(asc(dsaSubmissions.nextAttemptAt), asc(dsaSubmissions.decidedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * A claim, and the record of what the database stored, commit without waiting for the disk (`synchronous_commit`
 * off for that statement's own transaction): losing one to a crash loses nothing. A lost record leaves the statements
 * `sending`, asked about with existing-puid once their lease is over; a lost claim leaves them pending, and sending
 * them again meets the database's duplicate-puid answer, confirmed the same way. A commit that waits for the disk
 * took about 4 ms on the development machine, which one statement a claim paid twice.
 */
const WITHOUT_WAITING_FOR_THE_DISK = sql`(select set_config('synchronous_commit', 'off', true)) is not null`;

/**
 * A claim in one statement: the due statements (of a period when `ranged`) become `sending` under a batch id with a
 * lease, their attempt counted. Placeholders: now, batchId, leaseUntil, limit, and start and end when ranged.
 */
function claimQuery(db: Db, ranged: boolean) {
  const due = dueStatements(
    db,
    sql.placeholder('now'),
    ranged ? { start: sql.placeholder('start'), end: sql.placeholder('end') } : undefined,
    sql.placeholder('limit'),
  );
  return db
    .update(dsaSubmissions)
    .set({
      state: 'sending',
      batchId: sql`${sql.placeholder('batchId')}::uuid`,
      leaseUntil: sql`${sql.placeholder('leaseUntil')}::timestamptz`,
      attempts: sql`${dsaSubmissions.attempts} + 1`,
      updatedAt: sql`${sql.placeholder('now')}::timestamptz`,
    })
    .where(sql`${dsaSubmissions.decisionId} = any(array(${due})) and ${WITHOUT_WAITING_FOR_THE_DISK}`)
    .returning({
      decisionId: dsaSubmissions.decisionId,
      nextAttemptAt: dsaSubmissions.nextAttemptAt,
      decidedAt: dsaSubmissions.decidedAt,
      body: dsaSubmissions.body,
    });
}

function inRange(range: SubmitOptions['range'] | { start: Placeholder; end: Placeholder }): SQL[] {
  return range ? [gte(dsaSubmissions.decidedAt, range.start), lt(dsaSubmissions.decidedAt, range.end)] : [];
}

/** A statement of a batch set aside for good: held by Docket's check, refused by the database, or not for it. */
interface Settled {
  decisionId: string;
  state: 'held' | 'refused' | 'not_required';
  problems?: TdbErrors;
}

/**
 * Settles statements still in a batch, each with its own state and problems, in one statement. `unclaim`: they were
 * never sent, so the claim's attempt is taken back.
 */
async function settleEach(
  db: Db,
  settled: readonly Settled[],
  at: Date,
  batchId: string,
  options: { unclaim?: boolean } = {},
): Promise<void> {
  if (settled.length === 0) return;
  const problems = settled.map((item) => (item.problems ? JSON.stringify(item.problems) : null));
  const errors = settled.map((item) => (item.problems ? tdbSummary(item.problems) : null));
  await db.execute(sql`
    update dsa_submissions as s
       set state = v.state, problems = v.problems::jsonb, last_error = v.last_error, batch_id = null,
           lease_until = null, attempts = s.attempts - ${options.unclaim ? 1 : 0}::int,
           updated_at = ${at.toISOString()}::timestamptz
      from unnest(${sql.param(settled.map((item) => item.decisionId))}::uuid[],
                  ${sql.param(settled.map((item) => item.state))}::text[], ${sql.param(problems)}::text[],
                  ${sql.param(errors)}::text[]) as v(id, state, problems, last_error)
     where s.decision_id = v.id and s.batch_id = ${batchId}::uuid`);
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

/**
 * What a run would do with the pending and held statements (of a period), changing nothing: a dry run. As a run
 * claims them, a batch at a time: a batch left with one statement to send goes to POST /api/v1/statement, so that
 * one is checked with that endpoint's rules.
 */
export async function previewSubmission(
  db: Db,
  range?: SubmitOptions['range'],
  batchSize = TDB_BATCH_SIZE,
): Promise<SubmissionPreview> {
  const preview: SubmissionPreview = { send: [], held: [], notRequired: 0 };
  const size = Math.max(1, Math.min(TDB_BATCH_SIZE, batchSize));
  const pageSize = size * 10;
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
    for (let at = 0; at < rows.length; at += size) {
      const send: { decisionId: string; record: DsaRecord }[] = [];
      for (const { decisionId } of rows.slice(at, at + size)) {
        const checked = checkStatement(records, decisionId, 'statements');
        if (checked.kind === 'not_required') preview.notRequired += 1;
        else if (checked.kind === 'send') send.push({ decisionId, record: checked.record });
        else preview.held.push({ puid: decisionId, problems: checked.problems });
      }
      const [only] = send;
      const alone = send.length === 1 && only ? checkStatement(records, only.decisionId, 'statement') : null;
      if (alone?.kind === 'held' && only) preview.held.push({ puid: only.decisionId, problems: alone.problems });
      else preview.send.push(...send.map((item) => item.record));
    }
    if (rows.length < pageSize) return preview;
  }
}
