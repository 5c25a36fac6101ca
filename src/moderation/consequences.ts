import type { ContentOutcome } from '../core/outcomes.js';
import { earnsStrike, type AccountAction, type ModerationRules, type Penalty, type PenaltyRung } from './rules.js';

const DAY_MS = 86_400_000;
/** A feature limit, from the ladder or chosen by a reviewer, runs this long. */
export const FEATURE_LIMIT_DAYS = 30;

export type RestrictionKind =
  'warning' | 'feature_limit' | 'block_content_creation' | 'restrict_account' | 'suspend_account' | 'disable_account';

/** What a draft decision is taken on: the subject's account and strikes as they stand, and the section cited. */
export interface DraftDecision {
  outcome: ContentOutcome;
  accountAction: AccountAction | null;
  warningScreen: boolean;
  policyId: string;
  section: { id: string; severe: boolean };
  /** The account the decision bears on (the content's author, or the account itself); null when unknown. */
  accountRef: string | null;
  postedAt: Date | null;
  decidedAt: Date;
  /** The account's active strikes before this decision. */
  activeStrikes: number;
}

export interface RestrictionConsequence {
  kind: RestrictionKind;
  /** Why: the ladder's rung, the severe section, or the reviewer's choice. */
  cause: 'strike_ladder' | 'severe_section' | 'reviewer';
  days: number | null;
  endsAt: Date | null;
  reason: string;
}

export interface Consequences {
  outcome: ContentOutcome;
  warningScreen: boolean;
  /** The strike issued and the ladder's rung it reaches; null when none is issued. */
  strike: { activeStrikes: number; rung: PenaltyRung | null } | null;
  /** Why a strike the reviewer might expect is not issued, so the form never hides it. */
  strikeWithheld: string | null;
  restrictions: RestrictionConsequence[];
  /** A notice goes to the account, when one is known. */
  noticeTo: string | null;
  /** Every consequence in plain words, in the order they are applied. */
  summary: string[];
}

/**
 * Everything a decision brings, worked out before it is recorded: the decision applies exactly this list, so what
 * the reviewer sees in the preview is what happens (a strike on a severe section turns into a disable, and says so).
 */
export function consequencesOf(draft: DraftDecision, rules: ModerationRules): Consequences {
  const { accountRef, section } = draft;
  const restrictions: RestrictionConsequence[] = [];
  const strikes =
    accountRef !== null &&
    earnsStrike(
      {
        outcome: draft.outcome,
        accountAction: draft.accountAction,
        severe: section.severe,
        postedAt: draft.postedAt,
        decidedAt: draft.decidedAt,
      },
      rules,
    );
  let strike: Consequences['strike'] = null;
  if (strikes) {
    const activeStrikes = draft.activeStrikes + 1;
    const rung = rungFor(activeStrikes, rules.ladder);
    strike = { activeStrikes, rung };
    const ladder = rung
      ? ladderRestriction(rung.penalty, `${activeStrikes} active strike(s) under the penalty ladder`)
      : null;
    if (ladder) restrictions.push(ladder);
  }
  if (accountRef !== null && section.severe && draft.outcome === 'remove') {
    restrictions.push({
      kind: 'disable_account',
      cause: 'severe_section',
      days: null,
      endsAt: null,
      reason: `severe policy ${draft.policyId}/${section.id}: the strike ladder does not apply`,
    });
  }
  const action = draft.accountAction;
  if (action && action.kind !== 'strike') {
    const days = action.days ?? (action.kind === 'feature_limit' ? FEATURE_LIMIT_DAYS : null);
    restrictions.push({
      kind: action.kind,
      cause: 'reviewer',
      days,
      endsAt: null,
      reason: `account action chosen by the reviewer under ${draft.policyId}/${section.id}`,
    });
  }
  const dated = restrictions.map((r) => ({
    ...r,
    endsAt: r.days === null ? null : new Date(draft.decidedAt.getTime() + r.days * DAY_MS),
  }));
  const strikeWithheld = withheldStrike(draft, strikes, rules);
  return {
    outcome: draft.outcome,
    warningScreen: draft.warningScreen,
    strike,
    strikeWithheld,
    restrictions: dated,
    noticeTo: accountRef,
    summary: summaryOf(draft, strike, strikeWithheld, dated),
  };
}

/** The highest rung of the ladder the account reaches with this many active strikes. */
export function rungFor(activeStrikes: number, ladder: readonly PenaltyRung[]): PenaltyRung | null {
  let reached: PenaltyRung | null = null;
  for (const rung of [...ladder].sort((a, b) => a.minStrikes - b.minStrikes)) {
    if (activeStrikes >= rung.minStrikes) reached = rung;
  }
  return reached;
}

function ladderRestriction(penalty: Penalty, reason: string): RestrictionConsequence | null {
  if (penalty.kind === 'none') return null;
  if (penalty.kind === 'block_content_creation')
    return { kind: penalty.kind, cause: 'strike_ladder', days: penalty.days, endsAt: null, reason };
  return {
    kind: penalty.kind,
    cause: 'strike_ladder',
    days: penalty.kind === 'feature_limit' ? FEATURE_LIMIT_DAYS : null,
    endsAt: null,
    reason,
  };
}

function withheldStrike(draft: DraftDecision, strikes: boolean, rules: ModerationRules): string | null {
  if (strikes) return null;
  const expected = draft.outcome === 'remove' || draft.accountAction?.kind === 'strike';
  if (!expected) return null;
  if (draft.accountRef === null) return 'no strike: the subject has no known author';
  if (draft.section.severe)
    return `no strike: severe section ${draft.policyId}/${draft.section.id} skips the strike ladder`;
  return `no strike: the content was more than ${rules.strikeContentAgeLimitDays} days old when removed`;
}

const RESTRICTION_WORDS: Record<RestrictionKind, string> = {
  warning: 'Warning to the account',
  feature_limit: 'Features limited',
  block_content_creation: 'Content creation blocked',
  restrict_account: 'Account restricted',
  suspend_account: 'Account suspended',
  disable_account: 'Account disabled',
};

function summaryOf(
  draft: DraftDecision,
  strike: Consequences['strike'],
  withheld: string | null,
  restrictions: RestrictionConsequence[],
): string[] {
  const lines = [
    `Content: ${draft.outcome.replace(/_/g, ' ')}${draft.warningScreen ? ', behind a warning screen' : ''}`,
  ];
  if (strike) {
    const rung = strike.rung
      ? `the ladder's rung for ${strike.rung.minStrikes}+ strikes: ${penaltyWords(strike.rung.penalty)}`
      : 'no rung of the ladder reached';
    lines.push(`Strike issued: ${strike.activeStrikes} active strike(s), ${rung}`);
  }
  if (withheld) lines.push(withheld.charAt(0).toUpperCase() + withheld.slice(1));
  for (const r of restrictions)
    lines.push(`${RESTRICTION_WORDS[r.kind]}${r.days === null ? '' : ` for ${r.days} day(s)`} (${r.reason})`);
  lines.push(
    draft.accountRef
      ? `Notice with a statement of reasons to ${draft.accountRef}`
      : 'Notice with a statement of reasons (no account known to send it to)',
  );
  return lines;
}

function penaltyWords(penalty: Penalty): string {
  if (penalty.kind === 'block_content_creation') return `content creation blocked for ${penalty.days} day(s)`;
  if (penalty.kind === 'feature_limit') return `features limited for ${FEATURE_LIMIT_DAYS} days`;
  return penalty.kind === 'warning' ? 'a warning' : 'no penalty';
}
