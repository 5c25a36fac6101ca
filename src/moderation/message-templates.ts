import { and, eq } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import { userIdOfActor } from '../core/roles.js';
import type { Db } from '../store/database.js';
import type { MessageTemplate, MessageTemplateList } from './message-contract.js';
import {
  checkTemplate,
  isMessageKey,
  isMessageLanguage,
  LANGUAGE_NAMES,
  MESSAGE_KEYS,
  MESSAGE_LANGUAGES,
  MESSAGES,
  overridesOf,
  previewOf,
  type MessageKey,
  type MessageLanguage,
} from './message-rules.js';
import { messageTemplates } from './message-tables.js';
import { displayNames, nameOf } from './people.js';

/**
 * The messages Docket sends to notifiers and affected users, per language: the shipped defaults and the templates
 * policy staff save in their place (checked to compile as ICU MessageFormat and to use only the message's
 * arguments), each change an event. The next message sent uses the template in force.
 */
export function createMessageTemplates(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  /** Every message with its arguments and, per language, the template in force beside the default. */
  async function list(): Promise<MessageTemplateList> {
    const rows = await db.select().from(messageTemplates);
    const overrides = overridesOf(rows);
    const saved = new Map(rows.map((r) => [`${r.language}|${r.key}`, r]));
    const names = await displayNames(
      db,
      rows.map((r) => userIdOfActor(r.updatedBy)),
    );
    return {
      languages: MESSAGE_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
      messages: MESSAGE_KEYS.map((key) => ({
        key,
        description: MESSAGES[key].description,
        arguments: MESSAGES[key].arguments.map((a) => ({
          name: a.name,
          kind: a.kind,
          values: a.kind === 'select' ? [...a.values] : [],
        })),
        templates: MESSAGE_LANGUAGES.map((language): MessageTemplate => {
          const row = saved.get(`${language}|${key}`);
          const defaultText = MESSAGES[key].defaults[language];
          return {
            language,
            text: row?.text ?? defaultText,
            defaultText,
            overridden: row !== undefined,
            preview: previewOf(key, language, overrides),
            updatedBy: row ? (nameOf(names, userIdOfActor(row.updatedBy)) ?? row.updatedBy) : null,
            updatedAt: row?.updatedAt.toISOString() ?? null,
          };
        }),
      })),
    };
  }

  function messageOf(key: string, language: string): { key: MessageKey; language: MessageLanguage } {
    if (!isMessageKey(key)) throw new DocketError('not_found', `there is no message "${key}"`);
    if (!isMessageLanguage(language))
      throw new DocketError(
        'not_found',
        `messages are kept in ${MESSAGE_LANGUAGES.join(', ')}; there are none in "${language}"`,
      );
    return { key, language };
  }

  /** Saves a template in place of the default; refused with nothing written when it does not check. */
  async function save(actor: string, key: string, language: string, text: string): Promise<void> {
    const message = messageOf(key, language);
    checkTemplate(message.key, message.language, text);
    await run(actor, async ({ tx, now, record }) => {
      const values = { text, updatedBy: actor, updatedAt: now };
      await tx
        .insert(messageTemplates)
        .values({ ...message, ...values })
        .onConflictDoUpdate({ target: [messageTemplates.key, messageTemplates.language], set: values });
      record('message_template.saved', `message-template/${key}/${language}`, { ...message, text });
    });
  }

  /** Goes back to the shipped default; `not_found` when no template was saved for it. */
  async function revert(actor: string, key: string, language: string): Promise<void> {
    const message = messageOf(key, language);
    await run(actor, async ({ tx, record }) => {
      const removed = await tx
        .delete(messageTemplates)
        .where(and(eq(messageTemplates.key, message.key), eq(messageTemplates.language, message.language)))
        .returning({ key: messageTemplates.key });
      if (removed.length === 0)
        throw new DocketError('not_found', `"${key}" in ${language} is already the shipped default`);
      record('message_template.reverted', `message-template/${key}/${language}`, message);
    });
  }

  return { list, save, revert };
}
