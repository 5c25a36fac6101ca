import { and, eq } from 'drizzle-orm';
import type { ChainEntry } from '../core/chain.js';
import { applyReplay, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { messageTemplates } from './message-tables.js';

/** The saved message templates rebuilt from their events. */
const handlers: ReplayHandlers = {
  'message_template.saved': async (tx, p, e) => {
    const values = { text: p.text, updatedBy: e.actor, updatedAt: new Date(e.at) };
    await tx
      .insert(messageTemplates)
      .values({ key: p.key, language: p.language, ...values })
      .onConflictDoUpdate({ target: [messageTemplates.key, messageTemplates.language], set: values });
  },
  'message_template.reverted': async (tx, p) => {
    await tx
      .delete(messageTemplates)
      .where(and(eq(messageTemplates.key, p.key), eq(messageTemplates.language, p.language)));
  },
};

export async function replayMessageTemplates(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
