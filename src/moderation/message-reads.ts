import { eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { messageTemplates } from './message-tables.js';
import { messageLanguage, overridesOf, sayer, type MessageLanguage, type Say } from './message-rules.js';

export { messageLanguage, preferredLanguage, type Say } from './message-rules.js';

/** Messages in `language` from the templates in force: policy staff's saved ones, else the shipped defaults. */
export async function sayIn(db: Db, language: MessageLanguage): Promise<Say> {
  const rows = await db.select().from(messageTemplates).where(eq(messageTemplates.language, language));
  return sayer(language, overridesOf(rows));
}

/** Messages to a recipient: in their language where known, else the content's, else English (messageLanguage). */
export async function sayTo(
  db: Db,
  known: { recipient?: string | null | undefined; content?: string | null | undefined },
): Promise<Say> {
  return sayIn(db, messageLanguage(known));
}
