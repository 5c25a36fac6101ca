import type { Role } from '../core/roles.js';

/**
 * The rules behind the reviewers' case tools: who keeps the team's notice templates, and how a search box's words
 * become index lookups. Pure functions: no I/O, no clock.
 */

/** Notice templates are shared by the team: senior reviewers and policy staff keep them, every reviewer uses them. */
export function mayManageTemplates(roles: readonly Role[]): boolean {
  return roles.includes('senior_reviewer') || roles.includes('policy');
}

/** Words longer than this are cut: no real word needs more, and a long token only makes a useless index probe. */
const MAX_WORD = 60;
const MAX_WORDS = 8;

export interface SearchTerms {
  /** The query as typed (trimmed): matched as a prefix of external ids and authors, exactly as the platform spells them. */
  prefix: string;
  /**
   * The same query as words for the full-text index, each matched as a word prefix (`kamb:*`), all required. Only
   * letters and digits reach the tsquery text, so no character of the query is read as tsquery syntax.
   */
  tsquery: string | null;
}

/** How a search box's text is looked up; null when it holds nothing to look for. */
export function searchTermsOf(query: string): SearchTerms | null {
  const prefix = query.trim();
  if (prefix.length === 0) return null;
  const words = [...prefix.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)]
    .map((m) => m[0].slice(0, MAX_WORD))
    .slice(0, MAX_WORDS);
  return { prefix, tsquery: words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null };
}

/** A LIKE pattern matching values that start with `prefix`: its own `%`, `_` and `\` match only themselves. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
