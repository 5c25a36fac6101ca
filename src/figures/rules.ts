import { DocketError } from '../core/errors.js';
import type { AccountActionKind, PublicFigureKind } from '../core/outcomes.js';
import { addMonths } from '../core/days.js';

/**
 * The public-figure restriction protocol (DOMAIN.md section 2; Meta's protocol of June 2021), as pure functions.
 * Docket applies it in contexts of civil unrest (acute designations) AND of continuing state violence (chronic
 * designations), which the reference platform declined to do.
 */
export type Tier = 1 | 2 | 3 | 4;

export interface RestrictionRules {
  /** Length of a restriction at each tier, in months: 1 month, 6 months, 1 year, 2 years (the longest single period). */
  tierMonths: Record<Tier, number>;
  /** Who the protocol covers. */
  coveredKinds: readonly PublicFigureKind[];
}

export const DEFAULT_RESTRICTION_RULES: RestrictionRules = {
  tierMonths: { 1: 1, 2: 6, 3: 12, 4: 24 },
  coveredKinds: ['head_of_state', 'head_of_government', 'minister', 'legislator', 'candidate', 'official'],
};

export type DesignationContext = 'none' | 'acute' | 'chronic';

/**
 * The protocol applies to covered public figures whose violation incites or celebrates violence, while their
 * country is under a designation: acute (civil unrest) or, in Docket, chronic (continuing state violence).
 */
export function protocolApplies(
  input: { figure: PublicFigureKind | null; incitesOrCelebratesViolence: boolean; context: DesignationContext },
  rules: RestrictionRules,
): { applies: boolean; reason: string } {
  if (!input.figure || !rules.coveredKinds.includes(input.figure))
    return { applies: false, reason: 'the account is not a public figure the protocol covers' };
  if (!input.incitesOrCelebratesViolence)
    return { applies: false, reason: 'the violation does not incite or celebrate violence' };
  if (input.context === 'none') return { applies: false, reason: 'the country is under no crisis designation' };
  return {
    applies: true,
    reason:
      input.context === 'acute'
        ? 'a public figure incited or celebrated violence during civil unrest'
        : 'a public figure incited or celebrated violence where citizens live under continuing state violence',
  };
}

/** Repeat violations move up a tier, up to the highest. */
export function tierFor(severityTier: Tier, earlierRestrictions: number): Tier {
  return Math.min(4, severityTier + Math.max(0, earlierRestrictions)) as Tier;
}

/** A restriction always ends, and is reviewed when it does: never open-ended. */
export function restrictionPeriod(tier: Tier, start: Date, rules: RestrictionRules): { endsAt: Date; reviewAt: Date } {
  const endsAt = addMonths(start, rules.tierMonths[tier]);
  return { endsAt, reviewAt: endsAt };
}

/** What imposing a restriction brings, before it is recorded: the tier after repeat violations, its length, end and review. */
export interface RestrictionPlan {
  severityTier: Tier;
  earlierRestrictions: number;
  /** The tier applied: the severity tier moved up one per earlier restriction of the account. */
  tier: Tier;
  months: number;
  endsAt: Date;
  reviewAt: Date;
}

export function planRestriction(
  input: { severityTier: Tier; earlierRestrictions: number; start: Date },
  rules: RestrictionRules,
): RestrictionPlan {
  const tier = tierFor(input.severityTier, input.earlierRestrictions);
  return {
    severityTier: input.severityTier,
    earlierRestrictions: input.earlierRestrictions,
    tier,
    months: rules.tierMonths[tier],
    ...restrictionPeriod(tier, input.start, rules),
  };
}

/**
 * A restriction runs one at a time: while one runs (or awaits its review), a new one is refused; its review at the
 * end decides whether the risk persists, and an extension carries it on.
 */
export function checkNoRunningRestriction(
  running: { tier: number; endsAt: Date; status: 'active' | 'review_due' } | undefined,
): void {
  if (!running) return;
  const until = running.endsAt.toISOString().slice(0, 10);
  const state =
    running.status === 'active'
      ? `already restricted until ${until} (tier ${running.tier})`
      : `restricted (tier ${running.tier}) and its review fell due on ${until}`;
  throw new DocketError(
    'conflict',
    `the account is ${state}: a restriction runs one at a time, and its review decides whether it is extended`,
    [{ field: '/accountRef', message: `is ${state}` }],
  );
}

/** Where an extension at review takes a restriction: its tier's length again, from its end. */
export function extensionUntil(tier: Tier, endsAt: Date, rules: RestrictionRules): Date {
  return addMonths(endsAt, rules.tierMonths[tier]);
}

export type ReviewOutcome = { action: 'lift'; reason: string } | { action: 'extend'; until: Date; reason: string };

/**
 * At expiry, a review decides whether the risk to public safety has receded: if so the restriction is lifted;
 * if not it is extended by the same tier's length (with the reasons recorded), and reviewed again then.
 */
export function reviewRestriction(
  input: { tier: Tier; endsAt: Date; riskReceded: boolean; reasons: string },
  rules: RestrictionRules,
): ReviewOutcome {
  if (input.reasons.trim().length < 20) throw new Error('a review records its reasons (at least 20 characters)');
  if (input.riskReceded) return { action: 'lift', reason: input.reasons };
  return { action: 'extend', until: extensionUntil(input.tier, input.endsAt, rules), reason: input.reasons };
}

/**
 * Where the protocol applies, a public figure's account is restricted under it (a tier, a fixed end, a review),
 * not by a reviewer's ad-hoc number of days: a decision's restriction or suspension is refused and routed there.
 */
export function checkAccountActionUnderProtocol(
  action: AccountActionKind | null,
  protocol: { applies: boolean; reason: string },
): void {
  if (!protocol.applies || (action !== 'restrict_account' && action !== 'suspend_account')) return;
  throw new DocketError(
    'conflict',
    `${protocol.reason}: the account is restricted under the public-figure protocol (a severity tier, a fixed end and a review), by policy staff through the restrictions of the crisis console, not by this decision's ${action === 'suspend_account' ? 'suspension' : 'restriction'}`,
  );
}
