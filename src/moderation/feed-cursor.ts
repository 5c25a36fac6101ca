import { UUID_PATTERN } from '../core/ids.js';

/**
 * A place in the decision feed: just after the decision taken at `at` with id `id`. The feed is ordered by
 * (taken at, id), so a cursor stays valid however many decisions arrive after it. Clients treat it as opaque text.
 */
export interface FeedPosition {
  at: Date;
  id: string;
}

const VERSION = 'd1';
const uuid = new RegExp(UUID_PATTERN);

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${VERSION}|${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not a cursor this feed gave out. */
export function decodeCursor(cursor: string): FeedPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [version, at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (version !== VERSION || at === undefined || id === undefined || rest.length > 0) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) || !uuid.test(id)) return null;
  const time = new Date(at);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== at) return null;
  return { at: time, id };
}
