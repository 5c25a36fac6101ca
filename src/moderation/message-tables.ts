import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The message templates policy staff saved in place of the shipped defaults (message-catalog.ts), one per message and
 * language; a message with no row here goes out in its default. Removing a row reverts to the default.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    key: text('key').notNull(),
    language: text('language').notNull(),
    /** ICU MessageFormat, checked when saved to compile and to use only the message's arguments. */
    text: text('text').notNull(),
    /** The actor who saved it (`user:<id>`). */
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.language] })],
);
