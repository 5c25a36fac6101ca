import { DocketError } from '../core/errors.js';

/**
 * Automated moderation on the record (EU DSA Art. 17(3)(c), Art. 15(1)(e), Art. 20(6)). A decision can come from a
 * tool: which tool and version, the score it gave, and whether a person reviewed it before it took effect. Pure
 * rules; the decision service applies them.
 */

export interface Automation {
  tool: string;
  toolVersion: string;
  /** The tool's confidence, from 0 to 1. */
  score: number;
  /** A person reviewed the tool's decision before it took effect. */
  humanReviewed: boolean;
}

/** The statement of reasons' `automated_decision`, in Docket's words. */
export type AutomatedMeans = 'fully' | 'partially' | 'not';

/**
 * How automated a decision was: fully when a tool decided and no person reviewed it (or a platform's automation
 * closed the case on its own), partially when a person reviewed the tool's decision, not at all otherwise.
 */
export function automatedMeans(automation: Automation | null, decidedWithoutReview = false): AutomatedMeans {
  if (decidedWithoutReview) return 'fully';
  if (!automation) return 'not';
  return automation.humanReviewed ? 'partially' : 'fully';
}

function field(path: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field: path, message }]);
}

/**
 * Who may record a tool's decision, and how:
 * - a decision on a complaint (an internal appeal, Art. 20(6)) is never solely automated: a tool may inform it, a
 *   person reviews it;
 * - a decision a person records is reviewed by that person, so it cannot say no one reviewed it;
 * - an integration records a tool's decision with or without a person's review, as it happened on the platform.
 */
export function checkAutomation(
  automation: Automation | null,
  context: { decider: 'person' | 'integration'; onAppeal: boolean },
  path = '',
): void {
  if (!automation) return;
  if (!automation.humanReviewed && context.onAppeal)
    throw field(
      `${path}/automation/humanReviewed`,
      'a decision on an appeal is never taken by automated means alone: a person must review it (EU DSA Art. 20(6))',
    );
  if (!automation.humanReviewed && context.decider === 'person')
    throw field(
      `${path}/automation/humanReviewed`,
      'a decision you record is reviewed by you: a tool decision without human review comes from an integration',
    );
  if (!Number.isFinite(automation.score) || automation.score < 0 || automation.score > 1)
    throw field(`${path}/automation/score`, 'the score is a confidence from 0 to 1');
}

/** A tool by its name and version. */
export const toolKey = (automation: Pick<Automation, 'tool' | 'toolVersion'>): string =>
  `${automation.tool} ${automation.toolVersion}`;
