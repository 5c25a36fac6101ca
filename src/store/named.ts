import type { SQL } from 'drizzle-orm';
import type { Db } from './database.js';

interface Internals {
  session: {
    prepareQuery(query: unknown, fields: undefined, name: string, arrayMode: false): { execute(): Promise<unknown> };
  };
  dialect: { sqlToQuery(query: SQL): unknown };
}

/**
 * Runs a statement as a named prepared statement, as `db.execute` runs it otherwise: PostgreSQL parses and plans it
 * once per connection instead of at every call (node-postgres sends the name and the values after the first time).
 * For the statements every command sends (staging its events, the sequencer's pass, the statistics' upsert). The
 * text must be the same at every call: values go in as parameters, lists as one array parameter. PGlite runs it as
 * an ordinary statement.
 */
export function executeNamed(db: Db, name: string, query: SQL): Promise<unknown> {
  const { session, dialect } = db as unknown as Internals;
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
