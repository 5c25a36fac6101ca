import type { AccountAction } from './rules.js';
import type { ContentOutcome, ReportSource } from '../core/outcomes.js';
import type { StatementOfReasons } from './contract.js';
import type { IllegalContentGround } from './ground-rules.js';
import type { Automation } from './automation-rules.js';
import { ENGLISH, type Say } from './message-rules.js';

/**
 * The statement of reasons sent with every decision's notice (EU DSA Art. 17), using the field names and
 * enumerations of the EU DSA Transparency Database API so the export can reuse it. It states what was restricted,
 * on what ground, on what facts, whether automation was involved and how to seek redress. It never names the
 * person who reported the content. Its shape is the contract's.
 */
export type { StatementOfReasons };

const VISIBILITY: Record<ContentOutcome, string[]> = {
  no_violation: [],
  keep_newsworthy: [],
  remove: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
  warning_screen: ['DECISION_VISIBILITY_CONTENT_LABELLED'],
  restrict_visibility: ['DECISION_VISIBILITY_CONTENT_DEMOTED'],
};

const SOURCE_TYPE: Record<ReportSource, StatementOfReasons['source_type']> = {
  user: 'SOURCE_ARTICLE_16',
  trusted_flagger: 'SOURCE_TRUSTED_FLAGGER',
  legal_order: 'SOURCE_TYPE_OTHER_NOTIFICATION',
  automated: 'SOURCE_VOLUNTARY',
  staff: 'SOURCE_VOLUNTARY',
};

const CONTENT_TYPE: Record<string, string> = {
  text: 'CONTENT_TYPE_TEXT',
  image: 'CONTENT_TYPE_IMAGE',
  video: 'CONTENT_TYPE_VIDEO',
  link: 'CONTENT_TYPE_OTHER',
};

export interface StatementInput {
  outcome: ContentOutcome;
  warningScreen?: boolean;
  /** Account measures actually applied: the chosen action and any penalty from the strike ladder. */
  accountMeasures: {
    kind: AccountAction['kind'] | 'feature_limit' | 'block_content_creation' | 'warning';
    endsAt: Date | null;
  }[];
  policyId: string;
  policyTitle: string;
  sectionId: string;
  sectionTitle: string;
  policyVersion: number;
  /** The policy version's EU DSA Transparency Database category (its data, checked when it was published). */
  dsaCategory: string;
  facts: string;
  contentType: string | null;
  territorialScope: string[];
  /** The most authoritative source among the reports the decision answered; null for own-initiative cases. */
  source: ReportSource | null;
  automatedDetection: boolean;
  automatedDecision: 'fully' | 'partially' | 'not';
  /** The tool the decision came from, named to the user (Art. 17(3)(c)); null for a person's decision. */
  automation?: Automation | null;
  /** Set, the decision rests on illegal content (Art. 17(3)(d)) instead of the terms (the policy section). */
  illegalContent?: IllegalContentGround | null;
  postedAt: Date | null;
  decidedAt: Date;
  appealUntil: Date | null;
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The statement of a decision; its summary for the affected user is told in their language by `say`. */
export function statementOfReasons(input: StatementInput, say: Say = ENGLISH): StatementOfReasons {
  const account = input.accountMeasures.find((m) => m.kind === 'disable_account' || m.kind === 'suspend_account');
  const service = input.accountMeasures.find((m) =>
    ['feature_limit', 'block_content_creation', 'restrict_account'].includes(m.kind),
  );
  const ground = `${input.policyTitle}, section "${input.sectionTitle}" (${input.policyId}/${input.sectionId}, version ${input.policyVersion})`;
  return {
    decision_visibility:
      input.warningScreen && VISIBILITY[input.outcome].length === 0
        ? ['DECISION_VISIBILITY_CONTENT_LABELLED']
        : VISIBILITY[input.outcome],
    end_date_visibility_restriction: null,
    decision_account: account
      ? account.kind === 'disable_account'
        ? 'DECISION_ACCOUNT_TERMINATED'
        : 'DECISION_ACCOUNT_SUSPENDED'
      : null,
    end_date_account_restriction: account ? day(account.endsAt) : null,
    decision_provision: service ? 'DECISION_PROVISION_PARTIAL_SUSPENSION' : null,
    end_date_service_restriction: service ? day(service.endsAt) : null,
    ...(input.illegalContent
      ? {
          decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' as const,
          illegal_content_legal_ground: input.illegalContent.legalProvision,
          illegal_content_explanation: input.illegalContent.explanation,
        }
      : {
          decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT' as const,
          incompatible_content_ground: ground,
          incompatible_content_explanation: input.facts,
        }),
    content_type: input.contentType ? [CONTENT_TYPE[input.contentType] ?? 'CONTENT_TYPE_OTHER'] : [],
    category: input.dsaCategory,
    territorial_scope: input.territorialScope,
    source_type: input.source ? SOURCE_TYPE[input.source] : 'SOURCE_VOLUNTARY',
    automated_detection: input.automatedDetection ? 'Yes' : 'No',
    automated_decision:
      input.automatedDecision === 'fully'
        ? 'AUTOMATED_DECISION_FULLY'
        : input.automatedDecision === 'partially'
          ? 'AUTOMATED_DECISION_PARTIALLY'
          : 'AUTOMATED_DECISION_NOT_AUTOMATED',
    decision_facts: input.facts,
    content_date: day(input.postedAt),
    application_date: day(input.decidedAt) as string,
    summary: summaryOf(input, ground, say),
    redress: {
      internal_appeal_until: input.appealUntil?.toISOString() ?? null,
      out_of_court_settlement: true,
      judicial_redress: true,
    },
  };
}

function summaryOf(input: StatementInput, ground: string, say: Say): string {
  const measures = input.accountMeasures.map((m) =>
    say('statement.measure', { kind: m.kind, ends: m.endsAt ? 'yes' : 'no', ...(m.endsAt ? { until: m.endsAt } : {}) }),
  );
  return [
    say('statement.outcome', { outcome: input.outcome }),
    input.warningScreen && input.outcome !== 'warning_screen' ? say('statement.warning_screen') : null,
    input.outcome === 'no_violation' ? null : groundSentence(input, ground, say),
    automationSentence(input, say),
    measures.length > 0 ? say('statement.measures', { measures: measures.join('; ') }) : null,
    input.appealUntil ? say('statement.redress', { until: input.appealUntil }) : null,
  ]
    .filter((line) => line !== null)
    .join(' ');
}

/** The ground in the user's words: the legal provision and where the content is illegal, or the policy section. */
function groundSentence(input: StatementInput, ground: string, say: Say): string {
  const illegal = input.illegalContent;
  if (!illegal) return say('statement.ground_terms', { ground });
  return say('statement.ground_illegal', {
    provision: illegal.legalProvision,
    memberStates: illegal.memberStates.join(', '),
    explanation: illegal.explanation,
    ground,
  });
}

/** Whether and how automated means took the decision, naming the tool. */
function automationSentence(input: StatementInput, say: Say): string | null {
  if (input.automatedDecision === 'not') return null;
  const tool = input.automation
    ? `${input.automation.tool} ${input.automation.toolVersion}`
    : say('statement.automated_tool');
  return say('statement.automated', { means: input.automatedDecision, tool });
}
