/** The vocabulary of moderation decisions (DOMAIN.md section 1). */
export const CONTENT_OUTCOMES = [
  'no_violation',
  'remove',
  'warning_screen',
  'keep_newsworthy',
  'restrict_visibility',
] as const;
export type ContentOutcome = (typeof CONTENT_OUTCOMES)[number];

export const ACCOUNT_ACTIONS = [
  'strike',
  'feature_limit',
  'restrict_account',
  'suspend_account',
  'disable_account',
] as const;
export type AccountActionKind = (typeof ACCOUNT_ACTIONS)[number];

export const REPORT_SOURCES = ['user', 'trusted_flagger', 'automated', 'staff', 'legal_order'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Queue levels: frontline moderators, senior reviewers, policy staff. */
export const ESCALATION_LEVELS = ['frontline', 'senior', 'policy'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ACTOR_KINDS = ['private', 'public_figure', 'head_of_state_or_government'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const CONTEXT_KINDS = ['none', 'acute', 'chronic'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

/** Outcomes that leave the content up: a reporter may appeal these ("decisions not to act"). */
export const NOT_ACTING: readonly ContentOutcome[] = ['no_violation', 'keep_newsworthy'];

export const PUBLIC_FIGURE_KINDS = [
  'head_of_state',
  'head_of_government',
  'minister',
  'legislator',
  'candidate',
  'official',
  'other',
] as const;
export type PublicFigureKind = (typeof PUBLIC_FIGURE_KINDS)[number];

export function actorKindOf(publicFigure: string | null | undefined): ActorKind {
  if (publicFigure === 'head_of_state' || publicFigure === 'head_of_government') return 'head_of_state_or_government';
  return publicFigure ? 'public_figure' : 'private';
}
