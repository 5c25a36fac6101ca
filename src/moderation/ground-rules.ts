import { iso31661Alpha2ToAlpha3 } from 'iso-3166';
import { DocketError } from '../core/errors.js';
import { NOT_ACTING, type ContentOutcome } from '../core/outcomes.js';
import type { EEA_COUNTRY_CODES } from '../core/dsa-tdb-enums.js';

/**
 * The ground a decision rests on (EU DSA Art. 17(3)(d) and (e)): the platform's terms (the policy section it
 * cites), or illegal content: the legal provision relied on, why the content is illegal under it, and the Member
 * States where it is (the decision's territorial scope). Pure rules; the decision service applies them.
 */

/** The longest legal provision and explanation the EU DSA Transparency Database takes (its max:500 and max:2000). */
export const MAX_LEGAL_PROVISION = 500;
export const MAX_ILLEGALITY_EXPLANATION = 2000;

export interface IllegalContentGround {
  /** The provision relied on, e.g. "Germany, StGB § 130 (Volksverhetzung)". */
  legalProvision: string;
  /** Why the content is illegal under that provision. */
  explanation: string;
  /** The EU/EEA Member States concerned, as the Transparency Database's ISO 3166-1 alpha-2 codes. */
  memberStates: (typeof EEA_COUNTRY_CODES)[number][];
}

function field(path: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field: path, message }]);
}

/** A Member State's alpha-2 code as Docket stores countries (ISO 3166-1 alpha-3). */
export function memberStateAsCountry(alpha2: string): string {
  const alpha3 = iso31661Alpha2ToAlpha3[alpha2];
  if (!alpha3) throw field('/illegalContent/memberStates', `${alpha2} is not an ISO 3166-1 alpha-2 code`);
  return alpha3;
}

/**
 * Checks a draft decision's ground and returns its territorial scope (alpha-3 codes, or WORLD):
 * - illegal content is a ground for restricting content, so it goes with no decision that keeps content up
 *   (no violation, or kept as newsworthy);
 * - an illegal-content decision applies where the content is illegal: its scope is the Member States concerned,
 *   and a territorial scope given beside them must name exactly those states;
 * - a decision on the terms applies where the reviewer says, WORLD when unsaid.
 */
export function decisionScope(
  draft: {
    outcome: ContentOutcome;
    illegalContent: IllegalContentGround | null;
    territorialScope: readonly string[] | null;
  },
  path = '',
): string[] {
  const given = draft.territorialScope?.length ? [...draft.territorialScope] : null;
  const ground = draft.illegalContent;
  if (!ground) return given ?? ['WORLD'];
  if (NOT_ACTING.includes(draft.outcome))
    throw field(
      `${path}/illegalContent`,
      `illegal content is a ground for acting on content; a decision to keep it up (${draft.outcome}) rests on no such ground`,
    );
  if (ground.legalProvision.trim().length === 0)
    throw field(`${path}/illegalContent/legalProvision`, 'name the legal provision the decision relies on');
  if (ground.explanation.trim().length === 0)
    throw field(`${path}/illegalContent/explanation`, 'explain why the content is illegal under that provision');
  if (ground.memberStates.length === 0)
    throw field(`${path}/illegalContent/memberStates`, 'name the Member States where the content is illegal');
  const scope = [...new Set(ground.memberStates.map(memberStateAsCountry))].sort();
  if (given && [...new Set(given)].sort().join() !== scope.join())
    throw field(
      `${path}/territorialScope`,
      `an illegal-content decision applies in the Member States concerned (${scope.join(', ')}); leave the territorial scope out or name the same states`,
    );
  return scope;
}

/** The legal provision a section's laws suggest for an illegal-content decision under it (the console prefills it). */
export function suggestedProvision(legalReferences: readonly string[] | undefined): string {
  return (legalReferences ?? []).join('; ').slice(0, MAX_LEGAL_PROVISION);
}
