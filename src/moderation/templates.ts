import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { actorOf, type Principal } from '../core/roles.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { currentSection } from '../policy/reads.js';
import { rowById } from '../store/rows.js';
import type { Db } from '../store/database.js';
import { mayManageTemplates } from './case-tools-rules.js';
import type { NoticeTemplate, TemplateInput } from './contract.js';
import { displayNames, nameOf } from './people.js';
import { noticeTemplates } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;
type TemplateRow = typeof noticeTemplates.$inferSelect;

/** A team keeps tens of templates, not thousands: a listing is bounded by this, never paged. */
const MAX_LISTED = 1_000;

/**
 * The team's saved statements of facts for decisions, per policy section. Senior reviewers and policy staff keep
 * them; every reviewer starts a decision's facts from one and edits the text for the case at hand.
 */
export function createNoticeTemplates(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  function assertKeeper(user: User): void {
    if (!mayManageTemplates(user.roles))
      throw new DocketError(
        'forbidden',
        'notice templates are kept by senior reviewers and policy staff; reviewers use them',
      );
  }

  const titleTaken = (title: string) =>
    new DocketError('already_exists', `this section already has a template called "${title}"`, [
      { field: '/title', message: 'is already used by another template of this section' },
    ]);

  /** The templates in use, of one section or of all, by section then title. */
  async function list(filter: {
    policyId?: string | undefined;
    sectionId?: string | undefined;
  }): Promise<NoticeTemplate[]> {
    const rows = await db
      .select()
      .from(noticeTemplates)
      .where(
        and(
          isNull(noticeTemplates.retiredAt),
          filter.policyId ? eq(noticeTemplates.policyId, filter.policyId) : undefined,
          filter.sectionId ? eq(noticeTemplates.sectionId, filter.sectionId) : undefined,
        ),
      )
      .orderBy(asc(noticeTemplates.policyId), asc(noticeTemplates.sectionId), asc(noticeTemplates.title))
      .limit(MAX_LISTED);
    return views(rows);
  }

  async function views(rows: TemplateRow[]): Promise<NoticeTemplate[]> {
    const names = await displayNames(
      db,
      rows.map((r) => r.updatedBy),
    );
    return rows.map((r) => ({
      id: r.id,
      policyId: r.policyId,
      sectionId: r.sectionId,
      title: r.title,
      text: r.text,
      updatedBy: nameOf(names, r.updatedBy),
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  async function create(user: User, input: TemplateInput): Promise<NoticeTemplate> {
    assertKeeper(user);
    const row = await run(actorOf(user), async ({ tx, now, ids, record }) => {
      await currentSection(tx, input.policyId, input.sectionId);
      const id = ids.next();
      const [inserted] = await tx
        .insert(noticeTemplates)
        .values({ id, ...input, createdBy: user.id, createdAt: now, updatedBy: user.id, updatedAt: now })
        .onConflictDoNothing({
          target: [noticeTemplates.policyId, noticeTemplates.sectionId, noticeTemplates.title],
          where: sql`${noticeTemplates.retiredAt} is null`,
        })
        .returning();
      if (!inserted) throw titleTaken(input.title);
      record('notice_template.created', `notice-template/${id}`, { templateId: id, ...input });
      return inserted;
    });
    return (await views([row]))[0] as NoticeTemplate;
  }

  async function update(
    user: User,
    templateId: string,
    change: { title?: string | undefined; text?: string | undefined },
  ): Promise<NoticeTemplate> {
    assertKeeper(user);
    const row = await run(actorOf(user), async ({ tx, now, record }) => {
      const current = await rowById(tx, noticeTemplates, templateId, 'notice template', { lock: true });
      if (current.retiredAt) throw new DocketError('not_found', `no notice template ${templateId}: it was retired`);
      const title = change.title ?? current.title;
      const text = change.text ?? current.text;
      if (title !== current.title) {
        const [clash] = await tx
          .select({ id: noticeTemplates.id })
          .from(noticeTemplates)
          .where(
            and(
              eq(noticeTemplates.policyId, current.policyId),
              eq(noticeTemplates.sectionId, current.sectionId),
              eq(noticeTemplates.title, title),
              isNull(noticeTemplates.retiredAt),
              ne(noticeTemplates.id, templateId),
            ),
          );
        if (clash) throw titleTaken(title);
      }
      const [updated] = await tx
        .update(noticeTemplates)
        .set({ title, text, updatedBy: user.id, updatedAt: now })
        .where(eq(noticeTemplates.id, templateId))
        .returning();
      record('notice_template.updated', `notice-template/${templateId}`, { templateId, title, text });
      return updated as TemplateRow;
    });
    return (await views([row]))[0] as NoticeTemplate;
  }

  /** Takes a template out of use; decisions that started from it keep their own facts. */
  async function retire(user: User, templateId: string): Promise<void> {
    assertKeeper(user);
    await run(actorOf(user), async ({ tx, now, record }) => {
      const current = await rowById(tx, noticeTemplates, templateId, 'notice template', { lock: true });
      if (current.retiredAt) throw new DocketError('not_found', `no notice template ${templateId}: it was retired`);
      await tx
        .update(noticeTemplates)
        .set({ retiredAt: now, updatedBy: user.id, updatedAt: now })
        .where(eq(noticeTemplates.id, templateId));
      record('notice_template.retired', `notice-template/${templateId}`, { templateId });
    });
  }

  return { list, create, update, retire };
}
