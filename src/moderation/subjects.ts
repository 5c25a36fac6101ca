import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { CommandContext } from '../core/command.js';
import { insertMany } from '../store/insert-many.js';
import type { Db } from '../store/database.js';
import { contentHashOf } from './content-hash.js';
import type { Subject, SubjectInput } from './contract.js';
import { subjects } from './tables.js';

export type SubjectRow = typeof subjects.$inferSelect;
export type SubjectService = ReturnType<typeof createSubjectService>;

/** Reach figures a platform may update on every push; a change of content is recorded as such. */
const REACH_FIELDS = ['views', 'shares', 'followers'] as const;
const CONTENT_FIELDS = ['title', 'body', 'url'] as const;
const OTHER_FIELDS = ['contentType', 'authorExternalId', 'language', 'country', 'publicFigure', 'accountType'] as const;

/**
 * Registers or updates subjects pushed by a platform, by (platform, externalId), in the caller's command. Returns
 * every subject by external id and which were created.
 */
export async function upsertSubjects(
  ctx: CommandContext,
  platform: string,
  inputs: readonly SubjectInput[],
): Promise<{ byExternalId: Map<string, SubjectRow>; created: Set<string> }> {
  const { tx, now, ids, record } = ctx;
  const latest = new Map(inputs.map((input) => [input.externalId, input]));
  const byExternalId = new Map<string, SubjectRow>();
  const created = new Set<string>();
  if (latest.size === 0) return { byExternalId, created };
  const existing = await tx
    .select()
    .from(subjects)
    .where(and(eq(subjects.platform, platform), inArray(subjects.externalId, [...latest.keys()])));
  for (const row of existing) byExternalId.set(row.externalId, row);

  const fresh: SubjectRow[] = [];
  for (const input of latest.values()) {
    const row = byExternalId.get(input.externalId);
    if (!row) {
      const inserted = newRow(ids.next(), platform, input, now);
      fresh.push(inserted);
      byExternalId.set(input.externalId, inserted);
      created.add(input.externalId);
      continue;
    }
    const changes = changedFields(row, input);
    if (changes.fields.length === 0) continue;
    const contentChanged = CONTENT_FIELDS.some((field) => changes.fields.includes(field));
    const update = {
      ...changes.values,
      ...(contentChanged ? { contentHash: contentHashOf({ ...row, ...changes.values }), contentChangedAt: now } : {}),
    };
    const [updated] = await tx.update(subjects).set(update).where(eq(subjects.id, row.id)).returning();
    byExternalId.set(input.externalId, updated as SubjectRow);
    record('subject.updated', `subject/${row.id}`, {
      subjectId: row.id,
      fields: changes.fields,
      contentChanged,
      values: changes.values as Record<string, string | number | null>,
      contentHash: (updated as SubjectRow).contentHash,
    });
  }
  await insertMany(tx, subjects, fresh);
  for (const row of fresh) {
    record('subject.registered', `subject/${row.id}`, {
      subjectId: row.id,
      platform,
      externalId: row.externalId,
      kind: row.kind,
      contentType: row.contentType,
      authorExternalId: row.authorExternalId,
      country: row.country,
      language: row.language,
      title: row.title,
      body: row.body,
      url: row.url,
      views: row.views,
      shares: row.shares,
      followers: row.followers,
      publicFigure: row.publicFigure as Subject['publicFigure'],
      accountType: row.accountType,
      contentHash: row.contentHash,
      postedAt: row.postedAt?.toISOString() ?? null,
    });
  }
  return { byExternalId, created };
}

function newRow(id: string, platform: string, input: SubjectInput, now: Date): SubjectRow {
  return {
    id,
    platform,
    externalId: input.externalId,
    kind: input.kind,
    contentType: input.contentType ?? null,
    authorExternalId: input.authorExternalId ?? (input.kind === 'account' ? input.externalId : null),
    title: input.title ?? null,
    body: input.body ?? null,
    url: input.url ?? null,
    language: input.language ?? null,
    country: input.country ?? null,
    views: input.views ?? 0,
    shares: input.shares ?? 0,
    followers: input.followers ?? 0,
    publicFigure: input.publicFigure ?? null,
    accountType: input.accountType ?? null,
    contentHash: contentHashOf(input),
    contentChangedAt: null,
    postedAt: input.postedAt ? new Date(input.postedAt) : null,
    registeredAt: now,
  };
}

/** Fields the push states differently from what is stored; fields it leaves out are left alone. */
function changedFields(row: SubjectRow, input: SubjectInput): { fields: string[]; values: Partial<SubjectRow> } {
  const values: Record<string, unknown> = {};
  for (const field of [...REACH_FIELDS, ...CONTENT_FIELDS, ...OTHER_FIELDS]) {
    const next = input[field];
    if (next !== undefined && next !== row[field]) values[field] = next;
  }
  return { fields: Object.keys(values), values: values as Partial<SubjectRow> };
}

export function subjectView(row: SubjectRow): Subject {
  return {
    id: row.id,
    platform: row.platform,
    externalId: row.externalId,
    kind: row.kind,
    contentType: row.contentType,
    authorExternalId: row.authorExternalId,
    title: row.title,
    body: row.body,
    url: row.url,
    language: row.language,
    country: row.country,
    views: row.views,
    shares: row.shares,
    followers: row.followers,
    publicFigure: row.publicFigure as Subject['publicFigure'],
    accountType: row.accountType,
    contentHash: row.contentHash,
    postedAt: row.postedAt?.toISOString() ?? null,
    registeredAt: row.registeredAt.toISOString(),
  };
}

export function createSubjectService(deps: { db: Db }) {
  const { db } = deps;

  async function list(options: {
    after?: string | undefined;
    limit: number;
    country?: string | undefined;
  }): Promise<Subject[]> {
    const filters = [
      options.after ? gt(subjects.id, options.after) : undefined,
      options.country ? eq(subjects.country, options.country) : undefined,
    ];
    const rows = await db
      .select()
      .from(subjects)
      .where(and(...filters))
      .orderBy(asc(subjects.id))
      .limit(options.limit);
    return rows.map(subjectView);
  }

  async function get(id: string): Promise<Subject | null> {
    const [row] = await db.select().from(subjects).where(eq(subjects.id, id));
    return row ? subjectView(row) : null;
  }

  return { list, get };
}
