import { DEFAULT_RESTRICTION_RULES, type Tier } from '../../figures/contract.js';
import type { PublicFigureKind } from '../../core/outcomes.js';
import type {
  Assessment,
  BoardCaseKind,
  BoardCaseStatus,
  ResponseCategory,
  ResponseState,
  Track,
} from '../../board/contract.js';

/** The words the public site uses for the domain's values: plain English, the same on every page. */

export const CASE_KIND: Record<BoardCaseKind, string> = {
  user_appeal: "User's appeal",
  platform_referral: 'Referral by the platform',
  policy_advisory: 'Policy advisory opinion',
};

export const TRACK: Record<Track, string> = { standard: 'Standard (90 days)', expedited: 'Expedited (30 days)' };

export const CASE_STATUS: Record<Exclude<BoardCaseStatus, 'candidate' | 'not_selected'>, string> = {
  selected: 'Under deliberation',
  platform_reversed: 'Platform reversed its decision',
  decided: 'Decided',
};

export const BOARD_OUTCOMES = ['uphold', 'overturn', 'adopt', 'reject'] as const;
export type BoardOutcome = (typeof BOARD_OUTCOMES)[number];

export const OUTCOME: Record<BoardOutcome, string> = {
  uphold: "Upheld the platform's decision",
  overturn: "Overturned the platform's decision",
  adopt: 'Opinion adopted',
  reject: 'Opinion rejected',
};

export const VOTE: Record<BoardOutcome, string> = {
  uphold: 'uphold',
  overturn: 'overturn',
  adopt: 'adopt',
  reject: 'reject',
};

export const RESPONSE: Record<ResponseCategory, string> = {
  implementing_fully: 'Implementing fully',
  implementing_in_part: 'Implementing in part',
  assessing_feasibility: 'Assessing feasibility',
  work_already_done: 'Work already done',
  declined: 'Declined',
};

export const ASSESSMENT: Record<Assessment, string> = {
  implemented: 'Implemented',
  implementation_in_progress: 'Implementation in progress',
  progress_reported: 'Progress reported',
  declined: 'Declined',
  omitted_or_reframed: 'Omitted or reframed',
  not_demonstrated: 'Not demonstrated',
};

export const RESPONSE_STATE: Record<ResponseState, string> = {
  awaiting: 'Awaiting response',
  overdue: 'Overdue',
  answered: 'Answered on time',
  answered_late: 'Answered late',
};

export const REQUIRED_OUTCOME: Record<'remove' | 'no_violation', string> = {
  remove: 'Remove the content',
  no_violation: 'Restore the content',
};

export const DESIGNATION_KIND: Record<'acute' | 'chronic', string> = { acute: 'Acute crisis', chronic: 'Chronic risk' };

export const FIGURE_ROLE: Record<PublicFigureKind, string> = {
  head_of_state: 'Head of state',
  head_of_government: 'Head of government',
  minister: 'Minister',
  legislator: 'Legislator',
  candidate: 'Candidate',
  official: 'Official',
  other: 'Public figure',
};

const NUMBER_WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const count = (n: number, unit: string) => `${NUMBER_WORDS[n] ?? n} ${unit}${n === 1 ? '' : 's'}`;
const period = (months: number) =>
  months === 12 ? 'a year' : months % 12 === 0 ? count(months / 12, 'year') : count(months, 'month');

/** A protocol tier with its length: "Tier 2 (six months)". */
export const tierLabel = (tier: number): string => {
  const months = DEFAULT_RESTRICTION_RULES.tierMonths[tier as Tier];
  return months === undefined ? `Tier ${tier}` : `Tier ${tier} (${period(months)})`;
};

/** Every tier's length, for prose: "tier 1: one month, tier 2: six months, …". */
export const TIER_LENGTHS = (Object.entries(DEFAULT_RESTRICTION_RULES.tierMonths) as [string, number][])
  .map(([tier, months]) => `tier ${tier}: ${period(months)}`)
  .join(', ');

export const RESTRICTION_STATUS: Record<'active' | 'review_due' | 'lifted' | 'lapsed', string> = {
  active: 'In force',
  review_due: 'In force, review due',
  lifted: 'Lifted at review',
  lapsed: 'Lapsed unreviewed',
};
