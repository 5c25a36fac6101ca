import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { userIdOfUsername, usernamesOf } from '../access/reads.js';
import { events } from '../core/tables.js';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/migrate.js';
import { isId } from '../store/rows.js';
import {
  actorOfFilter,
  auditedTypes,
  categoryOf,
  dayBounds,
  isActor,
  isStream,
  streamOfFilter,
  type AuditCategory,
} from './rules.js';
import type { AuditEntry, AuditPage, AuditQuery } from './contract.js';

export type AuditService = ReturnType<typeof createAuditService>;

interface EventRow {
  seq: number | string;
  stream: string;
  type: string;
  actor: string;
  at: Date | string;
  payload: Record<string, unknown>;
}

export interface AuditFilters {
  before: number | null;
  actor: string | null;
  stream: string | null;
  from: Date | null;
  until: Date | null;
}

/**
 * The newest `take` events of these types that pass the filters. Each type is read through the `(type, seq)`
 * index, newest first and at most `take` of it, and the branches are merged: the cost follows the page and the
 * audited types, never the length of the whole log.
 */
export function auditQuery(types: readonly string[], filters: AuditFilters, take: number): SQL {
  const conditions = [
    filters.before ? lt(events.seq, filters.before) : undefined,
    filters.actor ? eq(events.actor, filters.actor) : undefined,
    filters.stream ? eq(events.stream, filters.stream) : undefined,
    filters.from ? gte(events.at, filters.from) : undefined,
    filters.until ? lt(events.at, filters.until) : undefined,
  ];
  const branches = types.map(
    (type) =>
      sql`(select seq, stream, type, actor, at, payload from ${events} where ${and(eq(events.type, type), ...conditions)} order by seq desc limit ${take})`,
  );
  return sql`select * from (${sql.join(branches, sql` union all `)}) as audited order by seq desc limit ${take}`;
}

/** The user an actor (`user:<id>`) or a stream (`user/<id>`) names, if it names one. */
function userIdIn(name: string): string | null {
  const id = /^user[:/](.+)$/.exec(name)?.[1];
  return id && isId(id) ? id : null;
}

/** The administrative actions on the event log, for the admin's audit page. */
export function createAuditService(deps: { db: Db }) {
  const { db } = deps;

  /** One page, newest first. */
  async function list(query: AuditQuery): Promise<AuditPage> {
    const category = query.category as AuditCategory | undefined;
    const types = auditedTypes(category);
    if (types.length === 0) return { entries: [], nextBefore: null };
    const filters: AuditFilters = {
      ...dayBounds(query.from, query.to),
      before: query.before ?? null,
      actor: query.actor ? actorOfFilter(query.actor, isActor(query.actor) ? null : await userIdOf(query.actor)) : null,
      stream: query.subject
        ? streamOfFilter(query.subject, isStream(query.subject) ? null : await userIdOf(query.subject))
        : null,
    };
    const rows = rowsOf<EventRow>(await db.execute(auditQuery(types, filters, query.limit + 1)));
    const page = rows.slice(0, query.limit);
    const names = await usernames(page.flatMap((row) => [row.actor, row.stream]));
    const entries = page.map((row): AuditEntry => ({
      seq: Number(row.seq),
      at: new Date(row.at).toISOString(),
      type: row.type,
      category: category ?? categoryOf(row.type) ?? 'users',
      actor: row.actor,
      actorName: names.get(userIdIn(row.actor) ?? '') ?? null,
      stream: row.stream,
      subjectName: names.get(userIdIn(row.stream) ?? '') ?? null,
      payload: row.payload,
    }));
    return { entries, nextBefore: rows.length > query.limit ? (entries.at(-1)?.seq ?? null) : null };
  }

  const userIdOf = (username: string): Promise<string | null> => userIdOfUsername(db, username);

  /** The usernames of the users these actors and streams name, by user id. */
  const usernames = (names: string[]): Promise<Map<string, string>> =>
    usernamesOf(
      db,
      names.map(userIdIn).filter((id): id is string => id !== null),
    );

  return { list };
}
