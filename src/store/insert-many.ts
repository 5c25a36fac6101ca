import { getTableColumns, getTableName, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.js';

/**
 * Inserts many rows with ONE parameter per column: `insert into t (a, b) select * from unnest($1::a_type[],
 * $2::b_type[])`. Drizzle's multi-row insert builds one parameter per value, and building (not running) a
 * 1,000-row, 20-column statement costs more than the database takes to execute it. Array-typed columns travel
 * as text (their array literals) and are cast back, since unnest would flatten them.
 */
export async function insertMany<T extends PgTable>(
  tx: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const params: SQL[] = [];
  const names: SQLWrapper[] = [];
  const selects: SQL[] = [];
  columns.forEach(([key, column], index) => {
    const type = column.getSQLType();
    const isArray = type.endsWith('[]');
    const values = rows.map((row) => toDriver(column, (row as Record<string, unknown>)[key], isArray));
    const alias = sql.raw(`c${index}`);
    names.push(sql.identifier(column.name));
    params.push(sql`${sql.param(values)}::${sql.raw(isArray ? 'text' : baseType(type))}[]`);
    selects.push(isArray ? sql`${alias}::${sql.raw(type)}` : sql`${alias}`);
  });
  const aliases = sql.raw(columns.map((_, index) => `c${index}`).join(', '));
  await tx.execute(sql`
    insert into ${sql.identifier(getTableName(table))} (${sql.join(names, sql`, `)})
    select ${sql.join(selects, sql`, `)} from unnest(${sql.join(params, sql`, `)}) as t(${aliases})`);
}

/** The cast of one element: timestamps as timestamptz whatever their precision. */
function baseType(type: string): string {
  if (type.startsWith('timestamp')) return type.includes('with time zone') ? 'timestamptz' : 'timestamp';
  return type;
}

function toDriver(column: PgColumn, value: unknown, isArray: boolean): unknown {
  if (value === undefined) value = column.hasDefault && typeof column.default !== 'object' ? column.default : null;
  if (value === null) return null;
  if (isArray) return arrayLiteral(value as unknown[]);
  if (value instanceof Date) return value.toISOString();
  if (column.getSQLType() === 'jsonb' || column.getSQLType() === 'json') return JSON.stringify(value);
  return value;
}

/** A PostgreSQL array literal: every element quoted, backslashes and quotes escaped. */
function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
