import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { messageTemplates } from './message-tables.js';
import { subjects } from './tables.js';
import { messageLanguage, overridesOf, sayer, type MessageLanguage, type Say } from './message-rules.js';

export { messageLanguage, preferredLanguage, type Say } from './message-rules.js';

/** Messages in `language` from the templates in force: policy staff's saved ones, else the shipped defaults. */
export async function sayIn(db: Db, language: MessageLanguage): Promise<Say> {
  const rows = await db.select().from(messageTemplates).where(eq(messageTemplates.language, language));
  return sayer(language, overridesOf(rows));
}

/**
 * The affected user's language: their account's as the platform states it (the account itself, or the account of
 * the content's author when the platform pushed it), else the content's, else English (messageLanguage).
 */
export async function affectedUserLanguage(
  db: Db,
  subject: { platform: string; kind: string; language: string | null; authorExternalId: string | null },
): Promise<MessageLanguage> {
  if (subject.kind === 'account') return messageLanguage({ recipient: subject.language });
  const [account] = subject.authorExternalId
    ? await db
        .select({ language: subjects.language })
        .from(subjects)
        .where(
          and(
            eq(subjects.platform, subject.platform),
            eq(subjects.externalId, subject.authorExternalId),
            eq(subjects.kind, 'account'),
          ),
        )
    : [];
  return messageLanguage({ recipient: account?.language, content: subject.language });
}

/** Messages to the affected user, in their language (affectedUserLanguage) from the templates in force. */
export async function sayToAffectedUser(db: Db, subject: Parameters<typeof affectedUserLanguage>[1]): Promise<Say> {
  return sayIn(db, await affectedUserLanguage(db, subject));
}
