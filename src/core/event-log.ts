import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/migrate.js';
import { executeNamed } from '../store/named.js';
import type { NewEvent } from '../events.js';
import type { JsonValue } from './canonical-json.js';
import { checkHead, GENESIS_HASH, linkEntries, verifyEntries, type ChainBreak, type ChainEntry } from './chain.js';
import { eventLogHead, events, pendingEvents } from './tables.js';

/**
 * Records a command's events inside the command's transaction, as pending rows: one statement, no lock. They reach
 * the chain when the sequencer next runs (`chainPending`), so concurrent commands never wait for one another here.
 */
export async function stageEvents(tx: Db, actor: string, at: Date, newEvents: readonly NewEvent[]): Promise<void> {
  if (newEvents.length === 0) return;
  const column = <T>(pick: (event: NewEvent) => T) => sql.param(newEvents.map(pick));
  // WITH ORDINALITY and ORDER BY: the ids follow the order in which the command recorded its events.
  await executeNamed(
    tx,
    'stage_events',
    sql`
    insert into ${pendingEvents} (stream, type, actor, at, payload)
    select stream, type, ${actor}, ${at.toISOString()}::timestamptz, payload
    from unnest(${column((e) => e.stream)}::text[], ${column((e) => e.type)}::text[], ${column((e) => JSON.stringify(e.payload))}::jsonb[])
      with ordinality as staged(stream, type, payload, n)
    order by n`,
  );
}

/**
 * Moves up to `limit` pending events into the chain, in the order they became visible: locks the head (one
 * sequencer at a time across every process), takes the oldest pending rows, links and hashes them after the head,
 * inserts them and moves the head, all in the caller's transaction. Returns the entries it chained.
 */
export async function chainPending(tx: Db, limit: number): Promise<ChainEntry[]> {
  const head = await lockHead(tx);
  const moved = rowsOf<{
    id: string | number;
    stream: string;
    type: string;
    actor: string;
    at: string | Date;
    payload: JsonValue;
  }>(
    await executeNamed(
      tx,
      'take_pending_events',
      sql`
    delete from ${pendingEvents}
    where id = any(array(select id from ${pendingEvents} order by id limit ${limit}))
    returning id, stream, type, actor, at, payload`,
    ),
  );
  if (moved.length === 0) return [];
  const rows = [...moved].sort((a, b) => Number(a.id) - Number(b.id));
  return appendAfter(
    tx,
    head,
    rows.map((row) => ({
      stream: row.stream,
      type: row.type,
      actor: row.actor,
      at: new Date(row.at).toISOString(),
      payload: parsed(row.payload),
    })),
  );
}

/** An event with its own actor and time, to be chained as it is. */
export type UnchainedEvent = Omit<ChainEntry, 'seq' | 'prev' | 'hash'>;

/** Entries per INSERT when a bulk load chains many at once: the statement's arrays stay a few megabytes. */
const APPEND_STATEMENT_SIZE = 20_000;

/**
 * Chains events in the caller's transaction, after the head it locks, without passing through the pending queue:
 * for a bulk load, which writes history in large batches. The head stays locked until the caller commits, so every
 * sequencer pass (of any process) waits for it: keep the batches a few seconds long.
 */
export async function chainDirectly(tx: Db, entries: readonly UnchainedEvent[]): Promise<ChainEntry[]> {
  let head = await lockHead(tx);
  const chained: ChainEntry[] = [];
  for (let i = 0; i < entries.length; i += APPEND_STATEMENT_SIZE) {
    const appended = await appendAfter(tx, head, entries.slice(i, i + APPEND_STATEMENT_SIZE));
    const last = appended[appended.length - 1] as ChainEntry;
    head = { seq: last.seq, hash: last.hash };
    chained.push(...appended);
  }
  return chained;
}

/** Locks the log's head row: one writer of the chain at a time, across every process. */
async function lockHead(tx: Db): Promise<{ seq: number; hash: string }> {
  const [head] = rowsOf<{ seq: string | number; hash: string }>(
    await executeNamed(tx, 'lock_event_log_head', sql`select seq, hash from ${eventLogHead} where id = 1 for update`),
  );
  if (!head) throw new Error('the event log has no head row: the database was not migrated');
  return { seq: Number(head.seq), hash: head.hash };
}

/** Links and hashes entries after the (locked) head, inserts them and moves the head, in one statement. */
async function appendAfter(
  tx: Db,
  head: { seq: number; hash: string },
  entries: readonly UnchainedEvent[],
): Promise<ChainEntry[]> {
  if (entries.length === 0) return [];
  const linked = linkEntries(head, [...entries]);
  const last = linked[linked.length - 1] as ChainEntry;
  const column = <T>(pick: (entry: ChainEntry) => T) => sql.param(linked.map(pick));
  await executeNamed(
    tx,
    'append_events',
    sql`
    with appended as (
      insert into ${events} (seq, stream, type, actor, at, payload, prev, hash)
      select * from unnest(
        ${column((e) => e.seq)}::bigint[], ${column((e) => e.stream)}::text[], ${column((e) => e.type)}::text[],
        ${column((e) => e.actor)}::text[], ${column((e) => e.at)}::timestamptz[], ${column((e) => JSON.stringify(e.payload))}::jsonb[],
        ${column((e) => e.prev)}::text[], ${column((e) => e.hash)}::text[])
    )
    update ${eventLogHead} set seq = ${last.seq}, hash = ${last.hash} where id = 1`,
  );
  return linked;
}

/** A jsonb column read through `execute`: node-postgres parses it, PGlite may hand back the text. */
function parsed(payload: JsonValue): JsonValue {
  return typeof payload === 'string' ? (JSON.parse(payload) as JsonValue) : payload;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
}

/** The recorded end of the chain: the last sequence number and its hash. */
export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db
    .select({ seq: eventLogHead.seq, hash: eventLogHead.hash })
    .from(eventLogHead)
    .where(eq(eventLogHead.id, 1));
  if (!head) throw new Error('the event log has no head row: the database was not migrated');
  return head;
}

/** Walks the whole chain in pages (constant memory) and names the first entry that does not verify. */
export async function verifyLog(db: Db, pageSize = 5_000): Promise<VerifyReport> {
  const recorded = await readHead(db);
  let state = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(events)
      .where(gt(events.seq, state.seq))
      .orderBy(asc(events.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    const result = verifyEntries(state, page.map(toChainEntry));
    if (!result.ok)
      return {
        ok: false,
        checked: checked + (result.break.seq - state.seq - 1),
        head: recorded,
        firstBreak: result.break,
      };
    checked += page.length;
    state = { seq: result.seq, hash: result.hash };
  }
  const headBreak = checkHead(state, recorded);
  return { ok: headBreak === null, checked, head: recorded, firstBreak: headBreak };
}

export function toChainEntry(row: typeof events.$inferSelect): ChainEntry {
  return { ...row, at: row.at.toISOString(), payload: row.payload as JsonValue };
}

export interface EventPage {
  entries: ChainEntry[];
  nextAfter: number | null;
}

/** Events in order, after a sequence number, optionally of one stream or type. */
export async function readEvents(
  db: Db,
  options: { after?: number; limit: number; stream?: string | undefined; type?: string | undefined },
): Promise<EventPage> {
  const filters = [
    gt(events.seq, options.after ?? 0),
    options.stream ? eq(events.stream, options.stream) : undefined,
    options.type ? eq(events.type, options.type) : undefined,
  ];
  const rows = await db
    .select()
    .from(events)
    .where(and(...filters))
    .orderBy(asc(events.seq))
    .limit(options.limit + 1);
  const entries = rows.slice(0, options.limit).map(toChainEntry);
  const more = rows.length > options.limit;
  return { entries, nextAfter: more ? (entries[entries.length - 1]?.seq ?? null) : null };
}
