import { DocketError } from '../core/errors.js';
import { CONTENT_OUTCOMES } from '../core/outcomes.js';
import type { PolicySection } from './contract.js';

export interface PolicyDraft {
  title: string;
  summary: string;
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
  });
}

function fieldError(field: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field, message }]);
}
