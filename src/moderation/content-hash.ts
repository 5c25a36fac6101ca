import { createHash } from 'node:crypto';

/**
 * A fingerprint of what a subject says or shows: title, body and link, lower-cased with white space folded, so the
 * same text posted twice hashes the same (the board's "identical content" sweep), and an edit changes it.
 */
export function contentHashOf(subject: {
  title?: string | null;
  body?: string | null;
  url?: string | null;
}): string | null {
  const parts = [subject.title, subject.body, subject.url].map((part) => normaliseText(part ?? ''));
  if (parts.every((part) => part === '')) return null;
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex');
}

/** Lower case, white space folded: how texts are compared for identity (content hashes, the board's sweep). */
export const normaliseText = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();
