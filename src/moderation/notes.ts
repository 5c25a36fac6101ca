import { asc, eq } from 'drizzle-orm';
import { actorOf, type Principal } from '../core/roles.js';
import type { CommandRunner } from '../core/command.js';
import type { Db } from '../store/database.js';
import type { CaseNote } from './contract.js';
import { displayNames, nameOf } from './people.js';
import { findCase } from './queue.js';
import { caseNotes } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;

/** The notes a case page shows; a case gathers a handful, so this bound is a guard, not a page. */
const MAX_NOTES = 500;

/**
 * Reviewers' internal notes on a case: what they found, asked, or want the next reviewer to know. Notes are
 * append-only (each is an event) and internal: no notice, statement of reasons, export, public entry or webhook
 * reads this table or the notes' stream.
 */
export function createCaseNotes(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  async function add(user: User, caseId: string, text: string): Promise<CaseNote> {
    return run(actorOf(user), async ({ tx, now, ids, record }) => {
      await findCase(tx, caseId);
      const id = ids.next();
      await tx.insert(caseNotes).values({ id, caseId, authorId: user.id, text, createdAt: now });
      record('case.note_added', `case-notes/${caseId}`, { noteId: id, caseId, text, authorId: user.id });
      return { id, caseId, author: user.displayName, text, createdAt: now.toISOString() };
    });
  }

  /** A case's notes, oldest first, each by its author's name. */
  async function list(caseId: string): Promise<CaseNote[]> {
    await findCase(db, caseId);
    const rows = await db
      .select()
      .from(caseNotes)
      .where(eq(caseNotes.caseId, caseId))
      .orderBy(asc(caseNotes.createdAt))
      .limit(MAX_NOTES);
    const names = await displayNames(
      db,
      rows.map((r) => r.authorId),
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      author: nameOf(names, r.authorId) ?? '',
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  return { add, list };
}
