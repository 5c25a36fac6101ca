import { and, asc, eq, gt } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import type { IdSource } from '../core/ids.js';
import type { Db } from '../store/database.js';
import type { Subject, SubjectInput } from './schema.js';
import { subjects } from './tables.js';

export type SubjectService = ReturnType<typeof createSubjectService>;

export function createSubjectService(deps: { db: Db; run: CommandRunner; ids: IdSource }) {
  const { db, run, ids } = deps;

  /**
   * Registers what a platform pushed. A subject already known by (platform, externalId) is returned as it is,
   * so a platform may push the same subject again without creating a second one.
   */
  async function register(actor: string, platform: string, input: SubjectInput): Promise<{ subject: Subject; created: boolean }> {
    return run(actor, async ({ tx, now, record }) => {
      const [existing] = await tx
        .select()
        .from(subjects)
        .where(and(eq(subjects.platform, platform), eq(subjects.externalId, input.externalId)));
      if (existing) return { subject: subjectView(existing), created: false };
      const row: typeof subjects.$inferInsert = {
        id: ids.next(),
        platform,
        externalId: input.externalId,
        kind: input.kind,
        contentType: input.contentType ?? null,
        authorExternalId: input.authorExternalId ?? null,
        title: input.title ?? null,
        body: input.body ?? null,
        url: input.url ?? null,
        language: input.language ?? null,
        country: input.country ?? null,
        views: input.views ?? 0,
        shares: input.shares ?? 0,
        followers: input.followers ?? 0,
        postedAt: input.postedAt ? new Date(input.postedAt) : null,
        registeredAt: now,
      };
      const [inserted] = await tx.insert(subjects).values(row).returning();
      record('subject.registered', `subject/${row.id}`, {
        subjectId: row.id,
        platform,
        externalId: input.externalId,
        kind: input.kind,
        contentType: row.contentType ?? null,
        authorExternalId: row.authorExternalId ?? null,
        country: row.country ?? null,
        language: row.language ?? null,
      });
      return { subject: subjectView(inserted as typeof subjects.$inferSelect), created: true };
    });
  }

  async function list(options: { after?: string | undefined; limit: number; country?: string | undefined }): Promise<Subject[]> {
    const filters = [options.after ? gt(subjects.id, options.after) : undefined, options.country ? eq(subjects.country, options.country) : undefined];
    const rows = await db
      .select()
      .from(subjects)
      .where(and(...filters.filter((filter) => filter !== undefined)))
      .orderBy(asc(subjects.id))
      .limit(options.limit);
    return rows.map(subjectView);
  }

  async function get(id: string): Promise<Subject | null> {
    const [row] = await db.select().from(subjects).where(eq(subjects.id, id));
    return row ? subjectView(row) : null;
  }

  return { register, list, get };
}

function subjectView(row: typeof subjects.$inferSelect): Subject {
  return {
    ...row,
    postedAt: row.postedAt?.toISOString() ?? null,
    registeredAt: row.registeredAt.toISOString(),
  };
}
