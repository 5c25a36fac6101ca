import { assessFile } from './assess.js';
import type { DesignationService } from './designations.js';
import { DEFAULT_CRISIS_RULES } from './rules.js';
import type { Assessment, AssessmentResult, Proposal, SignalsBody } from './contract.js';
import { isDocketError } from '../core/errors.js';

/**
 * Runs the detector on imported signals and proposes a designation for every country it flags (acute and
 * chronic separately), with the assessment as evidence. Proposals wait for policy staff's approval.
 */
export async function assessAndPropose(
  designations: DesignationService,
  actor: string,
  input: SignalsBody,
): Promise<AssessmentResult> {
  const result = await assess(input);
  await designations.keepAssessment(actor, result);
  return proposeFor(designations, actor, result);
}

async function assess(input: SignalsBody): Promise<Assessment> {
  return assessFile({
    eventsPath: { name: 'events', text: input.events },
    contextPath: input.context === undefined ? undefined : { name: 'context', text: input.context },
    asOf: input.asOf,
    skipInvalid: false,
    rules: DEFAULT_CRISIS_RULES,
  });
}

async function proposeFor(
  designations: DesignationService,
  actor: string,
  assessment: Assessment,
): Promise<AssessmentResult> {
  const proposals: Proposal[] = [];
  for (const country of assessment.countries) {
    for (const kind of ['acute', 'chronic'] as const) {
      if (!country[kind].flag) continue;
      try {
        const { id } = await designations.propose(actor, {
          iso3: country.iso3,
          kind,
          source: 'detector',
          reasons: country.explanation,
          evidence: { asOf: assessment.asOf, ...country },
        });
        proposals.push({ iso3: country.iso3, kind, designationId: id, note: null });
      } catch (error) {
        if (!isDocketError(error) || error.code !== 'conflict') throw error;
        proposals.push({ iso3: country.iso3, kind, designationId: null, note: error.message });
      }
    }
  }
  return { assessment, proposals };
}
