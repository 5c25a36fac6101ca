import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import type { NewEvent } from '../events.js';
import type { JsonValue } from './canonical-json.js';
import { checkHead, GENESIS_HASH, linkEntries, verifyEntries, type ChainBreak, type ChainEntry } from './chain.js';
import { eventLogHead, events } from './tables.js';

/**
 * Appends a command's events at the end of the chain, inside the command's transaction. The head row is locked
 * first, so concurrent commands (several processes on PostgreSQL) append one after another, never forking it.
 * Then ONE statement inserts every event (as eight array parameters, whatever the count) and moves the head:
 * the lock is held for two round trips plus the commit.
 */
export async function appendEvents(tx: Db, actor: string, at: Date, newEvents: readonly NewEvent[]): Promise<ChainEntry[]> {
  if (newEvents.length === 0) return [];
  const [head] = await tx.select().from(eventLogHead).where(eq(eventLogHead.id, 1)).for('update');
  if (!head) throw new Error('the event log has no head row: the database was not migrated');
  const iso = at.toISOString();
  const linked = linkEntries(
    head,
    newEvents.map((event) => ({ stream: event.stream, type: event.type, actor, at: iso, payload: event.payload as JsonValue })),
  );
  const last = linked[linked.length - 1] as ChainEntry;
  const column = <T>(pick: (entry: ChainEntry) => T) => sql.param(linked.map(pick));
  await tx.execute(sql`
    with appended as (
      insert into ${events} (seq, stream, type, actor, at, payload, prev, hash)
      select * from unnest(
        ${column((e) => e.seq)}::bigint[], ${column((e) => e.stream)}::text[], ${column((e) => e.type)}::text[],
        ${column((e) => e.actor)}::text[], ${column((e) => e.at)}::timestamptz[], ${column((e) => JSON.stringify(e.payload))}::jsonb[],
        ${column((e) => e.prev)}::text[], ${column((e) => e.hash)}::text[])
    )
    update ${eventLogHead} set seq = ${last.seq}, hash = ${last.hash} where id = 1`);
  return linked;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
}

/** The recorded end of the chain: the last sequence number and its hash. */
export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select({ seq: eventLogHead.seq, hash: eventLogHead.hash }).from(eventLogHead).where(eq(eventLogHead.id, 1));
  if (!head) throw new Error('the event log has no head row: the database was not migrated');
  return head;
}

/** Walks the whole chain in pages (constant memory) and names the first entry that does not verify. */
export async function verifyLog(db: Db, pageSize = 5_000): Promise<VerifyReport> {
  const recorded = await readHead(db);
  let state = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const page = await db.select().from(events).where(gt(events.seq, state.seq)).orderBy(asc(events.seq)).limit(pageSize);
    if (page.length === 0) break;
    const result = verifyEntries(state, page.map(toChainEntry));
    if (!result.ok) return { ok: false, checked: checked + (result.break.seq - state.seq - 1), head: recorded, firstBreak: result.break };
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
