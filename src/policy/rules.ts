import { DocketError } from '../core/errors.js';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';
import { KEYWORDS, RETIRED_V1_CATEGORIES, RETIRED_V1_KEYWORDS, STATEMENT_CATEGORIES } from '../core/dsa-tdb-enums.js';
import type { TdbCategory } from '../core/dsa-tdb-enums.js';
import type { PolicySection } from './contract.js';

export interface PolicyDraft {
  title: string;
  summary: string;
  /** The EU DSA Transparency Database's (v2) category of a breach of this policy. */
  dsaCategory: string;
  sections: PolicySection[];
}

const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/**
 * Words a client sends by mistake in place of an id (a variable it never set), refused as names of a new policy:
 * `POST /api/policies/undefined/versions` once created a public policy called "undefined".
 */
const ACCIDENTAL_IDS = new Set(['undefined', 'null', 'nan', 'true', 'false', 'none', 'new', 'object-object']);

/** A new policy's id: a slug of lower-case letters, digits and dashes, and not a word a client sends by mistake. */
export function checkNewPolicyId(id: string): void {
  if (!SECTION_ID.test(id))
    throw fieldError(
      '/id',
      'a policy id is 1 to 60 lower-case letters, digits or dashes, starting with a letter or digit',
    );
  if (ACCIDENTAL_IDS.has(id))
    throw fieldError(
      '/id',
      `"${id}" looks like a value a program forgot to set, not a policy's name: choose a descriptive id such as "violence-incitement"`,
    );
}

/** A policy version must be complete and unambiguous before it is published. */
export function checkPolicyDraft(draft: PolicyDraft): void {
  if (draft.sections.length === 0) throw fieldError('/sections', 'a policy needs at least one section');
  const seen = new Set<string>();
  draft.sections.forEach((section, index) => {
    const at = `/sections/${index}`;
    if (!SECTION_ID.test(section.id))
      throw fieldError(`${at}/id`, 'a section id is 1 to 60 lower-case letters, digits or dashes');
    if (seen.has(section.id)) throw fieldError(`${at}/id`, `section id "${section.id}" appears twice`);
    seen.add(section.id);
    if (!Number.isInteger(section.severity) || section.severity < 1 || section.severity > 5) {
      throw fieldError(`${at}/severity`, 'severity is a whole number from 1 to 5');
    }
    if (section.allowedOutcomes.length === 0)
      throw fieldError(`${at}/allowedOutcomes`, 'list at least one allowed outcome');
    const unknown = section.allowedOutcomes.filter((o) => !(CONTENT_OUTCOMES as readonly string[]).includes(o));
    if (unknown.length > 0) throw fieldError(`${at}/allowedOutcomes`, `unknown outcome(s): ${unknown.join(', ')}`);
    if (!section.allowedOutcomes.includes('no_violation')) {
      throw fieldError(
        `${at}/allowedOutcomes`,
        'every section must allow "no_violation": a reviewer can always find no breach',
      );
    }
    checkDsaKeywords(section, at);
  });
  checkDsaCategory(draft.dsaCategory);
}

const V2_CATEGORIES = Object.keys(STATEMENT_CATEGORIES);
const V2_KEYWORDS = Object.keys(KEYWORDS);

/**
 * The DSA category is one the Transparency Database takes: its v2 list (mandatory since 1 July 2025). A retired v1
 * category is refused with the v2 category its changelog names, or with the advice to choose one by meaning.
 */
function checkDsaCategory(category: string): void {
  if (V2_CATEGORIES.includes(category)) return;
  const successor = RETIRED_V1_CATEGORIES[category];
  const message =
    successor !== undefined
      ? `"${category}" is a v1 category the DSA Transparency Database refuses since 1 July 2025; ${successor ? `its v2 successor is ${successor}` : 'choose the v2 category that fits the policy'}`
      : `"${category}" is not a category of the DSA Transparency Database; use one of ${V2_CATEGORIES.join(', ')}`;
  throw fieldError('/dsaCategory', message);
}

/** A section's DSA keywords are the database's v2 keywords, each once; words for KEYWORD_OTHER come with it. */
function checkDsaKeywords(section: PolicySection, at: string): void {
  const keywords = section.dsaKeywords ?? [];
  keywords.forEach((keyword, index) => {
    if (V2_KEYWORDS.includes(keyword)) return;
    const successor = RETIRED_V1_KEYWORDS[keyword];
    throw fieldError(
      `${at}/dsaKeywords/${index}`,
      successor !== undefined
        ? `"${keyword}" is a v1 keyword the DSA Transparency Database refuses since 1 July 2025${successor ? `; its v2 successor is ${successor}` : ''}`
        : `"${keyword}" is not a keyword of the DSA Transparency Database (KEYWORD_..., its v2 list)`,
    );
  });
  const twice = keywords.find((keyword, index) => keywords.indexOf(keyword) !== index);
  if (twice) throw fieldError(`${at}/dsaKeywords`, `keyword ${twice} appears twice`);
  if (section.dsaOtherKeyword !== undefined && !keywords.includes('KEYWORD_OTHER'))
    throw fieldError(`${at}/dsaOtherKeyword`, 'words for another keyword go with KEYWORD_OTHER in dsaKeywords');
}

/**
 * The DSA category of a policy version published before versions carried one (migration 0035 gives stored
 * versions the same): the default library's policies by their meaning, any other policy the v2 successor of the
 * v1 category the export used to send for it (STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE).
 */
export const LEGACY_DSA_CATEGORIES: Readonly<Record<string, TdbCategory>> = {
  'violence-incitement': 'STATEMENT_CATEGORY_VIOLENCE',
  'hate-speech': 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'bullying-harassment': 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'dangerous-organizations': 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  misinformation: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  spam: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'child-safety': 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
};

export function legacyDsaCategory(policyId: string): TdbCategory {
  return (
    LEGACY_DSA_CATEGORIES[policyId] ??
    RETIRED_V1_CATEGORIES.STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE ??
    'STATEMENT_CATEGORY_OTHER_VIOLATION_TC'
  );
}

function fieldError(field: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field, message }]);
}
