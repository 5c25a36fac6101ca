import type { Role } from '../core/roles.js';
import { addMonths } from '../core/days.js';
import { DocketError } from '../core/errors.js';
import type { PolicySection } from '../policy/contract.js';
import {
  NOT_ACTING,
  type AccountActionKind,
  type ActorKind,
  type ContentOutcome,
  type ContextKind,
  type EscalationLevel,
  type PublicFigureKind,
  type ReportSource,
} from '../core/outcomes.js';

/** Moderation rules as data, with the defaults of DOMAIN.md section 1. Every number here is configuration. */
export interface ModerationRules {
  strikeLifetimeDays: number;
  /** Content older than this when removed earns no strike. */
  strikeContentAgeLimitDays: number;
  ladder: PenaltyRung[];
  leaseMinutes: number;
  appealWindowMonths: number;
  priority: {
    actorFactors: Record<ActorKind, number>;
    contextFactors: Record<ContextKind, number>;
    /** Waiting lifts a case's priority x2 for every this many hours... */
    ageDoublingHours: number;
    /** ...up to this ceiling, so age keeps a case from starving without outranking severity. */
    ageFactorCeiling: number;
    /** A case holding a notice from an active trusted flagger (EU DSA Art. 22) is lifted by this factor. */
    trustedFlaggerFactor: number;
  };
}

export type Penalty =
  { kind: 'none' } | { kind: 'warning' } | { kind: 'feature_limit' } | { kind: 'block_content_creation'; days: number };

/** The penalty for `minStrikes` or more active strikes, up to the next rung. */
export interface PenaltyRung {
  minStrikes: number;
  penalty: Penalty;
}

/** Meta's current ladder: 1 warning; 2-6 feature limits; 7: 1-day block; 8: 3 days; 9: 7 days; 10+: 30 days. */
export const CURRENT_META_LADDER: PenaltyRung[] = [
  { minStrikes: 1, penalty: { kind: 'warning' } },
  { minStrikes: 2, penalty: { kind: 'feature_limit' } },
  { minStrikes: 7, penalty: { kind: 'block_content_creation', days: 1 } },
  { minStrikes: 8, penalty: { kind: 'block_content_creation', days: 3 } },
  { minStrikes: 9, penalty: { kind: 'block_content_creation', days: 7 } },
  { minStrikes: 10, penalty: { kind: 'block_content_creation', days: 30 } },
];

/** Meta's earlier ladder: 1 warning; 2: 1 day; 3: 3 days; 4: 7 days; 5+: 30 days. */
export const EARLIER_META_LADDER: PenaltyRung[] = [
  { minStrikes: 1, penalty: { kind: 'warning' } },
  { minStrikes: 2, penalty: { kind: 'block_content_creation', days: 1 } },
  { minStrikes: 3, penalty: { kind: 'block_content_creation', days: 3 } },
  { minStrikes: 4, penalty: { kind: 'block_content_creation', days: 7 } },
  { minStrikes: 5, penalty: { kind: 'block_content_creation', days: 30 } },
];

export const DEFAULT_MODERATION_RULES: ModerationRules = {
  strikeLifetimeDays: 365,
  strikeContentAgeLimitDays: 90,
  ladder: CURRENT_META_LADDER,
  leaseMinutes: 15,
  appealWindowMonths: 6,
  priority: {
    actorFactors: { private: 1, public_figure: 2, head_of_state_or_government: 3 },
    contextFactors: { none: 1, chronic: 1.5, acute: 2 },
    ageDoublingHours: 72,
    ageFactorCeiling: 4,
    // Art. 22(1): trusted flaggers' notices are given priority: as much lift as a chronic-risk designation gives.
    trustedFlaggerFactor: 1.5,
  },
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------------------------
// Priority

export interface PriorityInput {
  severity: number;
  severityOf: string;
  views: number;
  followers: number;
  postedAt: Date | null;
  actor: ActorKind;
  context: ContextKind;
  /** The trusted flaggers whose notices the case holds (their names); none or absent: no trusted flagger factor. */
  trustedFlaggers?: readonly string[];
  openedAt: Date;
  now: Date;
}

export interface PriorityFactor {
  factor: 'severity' | 'reach' | 'actor' | 'context' | 'trusted_flagger' | 'age';
  value: number;
  detail: string;
  /** For severity: the policy/section alleged; for a trusted flagger: the flaggers' names, one per line. */
  ref?: string;
}

export interface Priority {
  /** severity × reach × actor × context (× trusted flagger): the shown factors before waiting time, multiplied. */
  base: number;
  /**
   * log2(base) − opened at / doubling period: cases under the age ceiling, in this order, are in priority order at
   * any moment (the young run of the queue).
   */
  rankKey: number;
  /** The factors as stored on the case; the age factor here is the one at opening (×1). */
  factors: PriorityFactor[];
}

/** Reach grows with the logarithm of views and followers and of the rate of views since posting. */
export function reachFactor(views: number, followers: number, viewsPerHour: number): number {
  return 1 + 0.5 * Math.log10(1 + views) + 0.25 * Math.log10(1 + followers) + 0.25 * Math.log10(1 + viewsPerHour);
}

export function priorityOf(input: PriorityInput, rules: ModerationRules): Priority {
  const hoursLive = input.postedAt ? Math.max(1, (input.now.getTime() - input.postedAt.getTime()) / HOUR_MS) : null;
  const viewsPerHour = hoursLive ? input.views / hoursLive : 0;
  // Rounded as shown, so the stored base is exactly the product of the factors a reviewer reads.
  const reach = round2(reachFactor(input.views, input.followers, viewsPerHour));
  const actor = rules.priority.actorFactors[input.actor];
  const context = rules.priority.contextFactors[input.context];
  const flagger = trustedFlaggerFactor(input.trustedFlaggers ?? [], rules);
  const base = input.severity * reach * actor * context * (flagger?.value ?? 1);
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  return {
    base,
    rankKey: Math.log2(base) - input.openedAt.getTime() / (rules.priority.ageDoublingHours * HOUR_MS),
    factors: [
      {
        factor: 'severity',
        value: input.severity,
        detail: `gravest alleged breach: ${input.severityOf} (severity ${input.severity} of 5)`,
        ref: input.severityOf,
      },
      {
        factor: 'reach',
        value: reach,
        detail: `${fmt(input.views)} views, ${fmt(input.followers)} author followers${hoursLive ? `, ${fmt(viewsPerHour)} views per hour since posting` : ''}`,
      },
      { factor: 'actor', value: actor, detail: actorDetail[input.actor] },
      { factor: 'context', value: context, detail: contextDetail[input.context] },
      ...(flagger ? [flagger] : []),
      ageFactorAt(input.openedAt, input.now, rules),
    ],
  };
}

/**
 * A case holding a notice from an active trusted flagger (EU DSA Art. 22(1)) is lifted by the configured factor,
 * once however many flaggers sent one; shown only when it applies, so every factor shown multiplies into the score.
 */
export function trustedFlaggerFactor(names: readonly string[], rules: ModerationRules): PriorityFactor | null {
  if (names.length === 0) return null;
  const unique = [...new Set(names)];
  return {
    factor: 'trusted_flagger',
    value: rules.priority.trustedFlaggerFactor,
    detail: `notice from a trusted flagger (EU DSA Art. 22): ${unique.join(', ')}`,
    ref: unique.join('\n'),
  };
}

/** How long a case waits before its age factor reaches the ceiling (144 hours with the defaults). */
export function ageCeilingAfterMs(rules: ModerationRules): number {
  return Math.log2(rules.priority.ageFactorCeiling) * rules.priority.ageDoublingHours * HOUR_MS;
}

/** Waiting lifts a case x2 per doubling period, up to the ceiling: gently, so none starves but age never outranks severity. */
export function ageFactorAt(openedAt: Date, now: Date, rules: ModerationRules): PriorityFactor {
  const { ageDoublingHours, ageFactorCeiling } = rules.priority;
  const waitedMs = Math.max(0, now.getTime() - openedAt.getTime());
  const value = round2(Math.min(ageFactorCeiling, 2 ** (waitedMs / (ageDoublingHours * HOUR_MS))));
  const hours = Math.floor(waitedMs / HOUR_MS);
  return {
    factor: 'age',
    value,
    detail: `waited ${hours} hour${hours === 1 ? '' : 's'}: x2 per ${ageDoublingHours} hours waited, at most x${ageFactorCeiling}`,
  };
}

/** A case's priority at one moment: the factors shown and the score they multiply to. */
export interface PriorityNow {
  score: number;
  factors: PriorityFactor[];
  at: Date;
}

/**
 * THE priority rule: the stored factors with the age factor at `now`, and their product (to 2 decimals, as shown).
 * The queue list, the claim, the case page and the CLI all show and order by this score.
 */
export function priorityAt(
  stored: { factors: PriorityFactor[]; openedAt: Date },
  now: Date,
  rules: ModerationRules,
): PriorityNow {
  const factors = [...stored.factors.filter((f) => f.factor !== 'age'), ageFactorAt(stored.openedAt, now, rules)];
  return { score: round2(factors.reduce((product, f) => product * f.value, 1)), factors, at: now };
}

const actorDetail: Record<ActorKind, string> = {
  private: 'author is a private person',
  public_figure: 'author is a public figure',
  head_of_state_or_government: 'author is a head of state or government (highest)',
};
const contextDetail: Record<ContextKind, string> = {
  none: 'country under no crisis designation',
  chronic: 'country under a chronic-risk designation',
  acute: 'country under an acute crisis designation',
};

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------------------------
// Cases and queue

/** Which queue levels a role works: each level includes the ones below it. */
export function queueLevelsOf(roles: readonly Role[]): EscalationLevel[] {
  if (roles.includes('policy')) return ['frontline', 'senior', 'policy'];
  if (roles.includes('senior_reviewer')) return ['frontline', 'senior'];
  if (roles.includes('moderator')) return ['frontline'];
  return [];
}

/** A case escalates upwards only. */
export function checkEscalation(from: EscalationLevel, to: EscalationLevel): void {
  const order: EscalationLevel[] = ['frontline', 'senior', 'policy'];
  if (order.indexOf(to) <= order.indexOf(from)) {
    throw new DocketError('conflict', `a case at the ${from} level can only be escalated upwards, not to ${to}`);
  }
}

export interface ClosedCaseFacts {
  decidedAt: Date;
  policiesConsidered: string[];
  /** The most authoritative source among the reports the decision answered. */
  strongestSource: ReportSource;
  subjectChangedAt: Date | null;
}

const SOURCE_WEIGHT: Record<ReportSource, number> = {
  user: 0,
  automated: 1,
  staff: 2,
  trusted_flagger: 3,
  legal_order: 4,
};

/**
 * A closed case reopens only on new facts: the subject changed after the decision, the report alleges a breach of
 * a policy the decision did not consider, or it comes from a more authoritative source (a trusted flagger or a
 * legal order after user reports). Otherwise the report is recorded on the closed case. Returns the reason, or null.
 */
export function reopenReason(
  closed: ClosedCaseFacts,
  report: { policyId: string; source: ReportSource },
): string | null {
  if (closed.subjectChangedAt && closed.subjectChangedAt > closed.decidedAt)
    return 'the subject changed after the decision';
  if (!closed.policiesConsidered.includes(report.policyId))
    return `a new allegation under ${report.policyId}, not considered before`;
  if (SOURCE_WEIGHT[report.source] > SOURCE_WEIGHT[closed.strongestSource])
    return `a report from a more authoritative source (${report.source})`;
  return null;
}

export function leaseUntil(now: Date, rules: ModerationRules): Date {
  return new Date(now.getTime() + rules.leaseMinutes * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions

export const PUBLIC_INTEREST_FACTORS = [
  'political_speech',
  'leader_accountability',
  'elections',
  'press_freedom',
] as const;
export const HARM_FACTORS = [
  'imminent_violence',
  'threat_to_identifiable_people',
  'speaker_reach_and_power',
  'country_risk_designation',
] as const;

export interface NewsworthinessBalancing {
  publicInterest: (typeof PUBLIC_INTEREST_FACTORS)[number][];
  harms: (typeof HARM_FACTORS)[number][];
  assessment: string;
}

export interface AccountAction {
  kind: AccountActionKind;
  /** Required for restrict_account and suspend_account: nothing is open-ended. */
  days?: number | undefined;
}

export const MAX_ACCOUNT_ACTION_DAYS = 730;

export interface DecisionDraft {
  outcome: ContentOutcome;
  accountAction: AccountAction | null;
  balancing: NewsworthinessBalancing | null;
}

/** Whether a reviewer with these roles may take this decision under this policy section. */
export function checkDecision(draft: DecisionDraft, section: PolicySection, roles: readonly Role[]): void {
  if (!section.allowedOutcomes.includes(draft.outcome)) {
    throw field(
      '/outcome',
      `"${draft.outcome}" is not an allowed outcome under section ${section.id} (allowed: ${section.allowedOutcomes.join(', ')})`,
    );
  }
  if (draft.outcome === 'keep_newsworthy') {
    if (!roles.includes('senior_reviewer') && !roles.includes('policy')) {
      throw new DocketError(
        'forbidden',
        'only senior reviewers and policy staff may keep violating content under the newsworthiness allowance',
      );
    }
    if (!draft.balancing)
      throw field(
        '/balancing',
        'keeping content as newsworthy needs the recorded balancing of public interest against harm',
      );
    if (draft.balancing.publicInterest.length === 0)
      throw field('/balancing/publicInterest', 'name at least one public-interest factor');
    if (draft.balancing.assessment.trim().length < 20)
      throw field('/balancing/assessment', 'explain the balancing in at least 20 characters');
  } else if (draft.balancing) {
    throw field('/balancing', 'a balancing is recorded only for keep_newsworthy');
  }
  const action = draft.accountAction;
  if (action) {
    if (draft.outcome === 'no_violation')
      throw field('/accountAction', 'no account action follows a finding of no violation');
    const needsDays = action.kind === 'restrict_account' || action.kind === 'suspend_account';
    if (
      needsDays &&
      (!Number.isInteger(action.days) || (action.days ?? 0) < 1 || (action.days ?? 0) > MAX_ACCOUNT_ACTION_DAYS)
    ) {
      throw field(
        '/accountAction/days',
        `${action.kind} needs a duration of 1 to ${MAX_ACCOUNT_ACTION_DAYS} days: nothing is open-ended`,
      );
    }
    if (!needsDays && action.days !== undefined) throw field('/accountAction/days', `${action.kind} takes no duration`);
  }
}

/**
 * Whether a decision earns the author a strike: removals, and explicit strikes, do; content older than the age
 * limit when removed does not; severe sections skip the ladder (the account is disabled instead).
 */
export function earnsStrike(
  input: {
    outcome: ContentOutcome;
    accountAction: AccountAction | null;
    severe: boolean;
    postedAt: Date | null;
    decidedAt: Date;
  },
  rules: ModerationRules,
): boolean {
  if (input.severe) return false;
  if (input.outcome !== 'remove' && input.accountAction?.kind !== 'strike') return false;
  if (input.postedAt && input.decidedAt.getTime() - input.postedAt.getTime() > rules.strikeContentAgeLimitDays * DAY_MS)
    return false;
  return true;
}

export function strikeExpiry(issuedAt: Date, rules: ModerationRules): Date {
  return new Date(issuedAt.getTime() + rules.strikeLifetimeDays * DAY_MS);
}

/** The penalty for a number of active strikes: the highest rung reached. */
export function penaltyFor(activeStrikes: number, ladder: readonly PenaltyRung[]): Penalty {
  let penalty: Penalty = { kind: 'none' };
  for (const rung of [...ladder].sort((a, b) => a.minStrikes - b.minStrikes)) {
    if (activeStrikes >= rung.minStrikes) penalty = rung.penalty;
  }
  return penalty;
}

// ---------------------------------------------------------------------------------------------------------------
// Internal appeals

export type Appellant = 'affected_user' | 'reporter';

/** Calendar months in UTC (core's date arithmetic), as the appeal window counts them. */
export { addMonths };

/**
 * EU DSA Art. 20: the affected user may appeal any decision, and a reporter a decision not to act, within the
 * appeal window (6 months) of the decision.
 */
export function checkAppeal(
  input: { appellant: Appellant; outcome: ContentOutcome; decidedAt: Date; now: Date; alreadyAppealed: boolean },
  rules: ModerationRules,
): void {
  const deadline = addMonths(input.decidedAt, rules.appealWindowMonths);
  if (input.now > deadline) {
    throw new DocketError(
      'conflict',
      `the appeal window closed on ${deadline.toISOString().slice(0, 10)} (${rules.appealWindowMonths} months after the decision)`,
    );
  }
  if (input.appellant === 'reporter' && !NOT_ACTING.includes(input.outcome)) {
    throw new DocketError('conflict', 'a reporter may appeal only a decision not to act on the content');
  }
  if (input.alreadyAppealed) throw new DocketError('conflict', 'this decision has already been appealed by that party');
}

/** Appeals are decided by a person other than the one who took the decision. */
export function checkAppealReviewer(originalDecider: string, reviewer: string): void {
  if (originalDecider === reviewer)
    throw new DocketError(
      'forbidden',
      'an appeal must be decided by a different reviewer from the one who took the decision',
    );
}

function field(path: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field: path, message }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Newsworthiness in a crisis context

export interface NewsworthinessContext {
  context: ContextKind;
  actor: ActorKind;
  /** The section is about threats of violence or incitement. */
  threatOfViolence: boolean;
  /** The author's public role: the registry's verified kind, else what the platform states. */
  figure?: PublicFigureKind | null;
}

/**
 * In a designated country (acute or chronic), a head of state's or government's threat of violence cannot be kept
 * as newsworthy unless policy staff decide it and put it behind a warning screen.
 */
export function checkNewsworthyInContext(
  draft: { outcome: ContentOutcome; warningScreen: boolean },
  situation: NewsworthinessContext,
  roles: readonly Role[],
): void {
  if (draft.outcome !== 'keep_newsworthy') return;
  if (situation.context === 'none' || situation.actor !== 'head_of_state_or_government' || !situation.threatOfViolence)
    return;
  if (!roles.includes('policy')) {
    throw new DocketError(
      'forbidden',
      `a threat of violence by a head of state or government in a country under a ${situation.context} designation can be kept as newsworthy only by policy staff`,
    );
  }
  if (!draft.warningScreen) {
    throw new DocketError(
      'validation_failed',
      'kept as newsworthy in a designated country, this threat must go behind a warning screen',
      [{ field: '/warningScreen', message: 'required here' }],
    );
  }
}

/**
 * A recommendation from the recorded balancing: each public-interest factor weighs 1 for keeping, each harm 1
 * against; harms weigh double in a designated country; a head of state's or government's threat of violence in a
 * designated country recommends removal whatever the balance.
 */
export function recommendNewsworthiness(
  balancing: Pick<NewsworthinessBalancing, 'publicInterest' | 'harms'>,
  situation: NewsworthinessContext,
): { recommendation: 'keep' | 'remove'; reasons: string[] } {
  const harmWeight = situation.context === 'none' ? 1 : 2;
  const keep = balancing.publicInterest.length;
  const against = balancing.harms.length * harmWeight;
  const reasons = [
    `public interest ${keep} (${balancing.publicInterest.join(', ') || 'none'})`,
    `harm ${against}${harmWeight > 1 ? ` (counted double under a ${situation.context} designation)` : ''} (${balancing.harms.join(', ') || 'none'})`,
  ];
  if (situation.context !== 'none' && situation.actor === 'head_of_state_or_government' && situation.threatOfViolence) {
    return {
      recommendation: 'remove',
      reasons: [
        ...reasons,
        `a head of state or government threatening violence in a country under a ${situation.context} designation`,
      ],
    };
  }
  return { recommendation: keep > against ? 'keep' : 'remove', reasons };
}
