import { DocketError } from '../core/errors.js';
import { checkHoneypot, checkSenderAllowance, SENDER_WINDOW_MS } from '../core/public-forms.js';

/**
 * The oversight board's rules (DOMAIN.md section 4), as pure functions over plain data. Every number is
 * configuration: BoardRules holds the defaults.
 */
export interface BoardRules {
  /** Days after the platform's final internal decision in which a user may appeal to the board. */
  appealWindowDays: number;
  panelSize: number;
  commentDays: number;
  /**
   * The share of the seated panel a decision needs more than, voting the same way on the current draft (0.5: a
   * majority of the whole panel, so abstentions and missing votes count against publishing).
   */
  majorityShare: number;
  /** Days from selection to decision. */
  decisionDays: Record<Track, number>;
  /** A deadline warns when this few days are left. */
  warningDays: Record<Track, number>;
  implementationDays: number;
  responseDays: number;
  /** Public comments: most characters, most links, most comments from one sender per hour. */
  commentMaxChars: number;
  commentMaxLinks: number;
  commentsPerHour: number;
}

export const DEFAULT_BOARD_RULES: BoardRules = {
  appealWindowDays: 15,
  panelSize: 5,
  commentDays: 14,
  majorityShare: 0.5,
  decisionDays: { standard: 90, expedited: 30 },
  warningDays: { standard: 14, expedited: 5 },
  implementationDays: 7,
  responseDays: 60,
  commentMaxChars: 10_000,
  commentMaxLinks: 3,
  commentsPerHour: 3,
};

export const BOARD_CASE_KINDS = ['user_appeal', 'platform_referral', 'policy_advisory'] as const;
export type BoardCaseKind = (typeof BOARD_CASE_KINDS)[number];
export const TRACKS = ['standard', 'expedited'] as const;
export type Track = (typeof TRACKS)[number];
export const BOARD_CASE_STATUSES = ['candidate', 'not_selected', 'selected', 'platform_reversed', 'decided'] as const;
export type BoardCaseStatus = (typeof BOARD_CASE_STATUSES)[number];

/** The board's selection priorities (its published strategic priorities). */
export const BOARD_PRIORITIES = [
  'elections_civic_space',
  'crisis_conflict',
  'government_use_of_platforms',
  'hate_against_marginalised_groups',
  'gender',
  'automated_enforcement',
] as const;
export type BoardPriority = (typeof BOARD_PRIORITIES)[number];

export const REGIONS = [
  'asia_pacific',
  'central_south_asia',
  'europe',
  'latin_america_caribbean',
  'middle_east_north_africa',
  'sub_saharan_africa',
  'united_states_canada',
] as const;
export type Region = (typeof REGIONS)[number];

export const VOTES = { content: ['uphold', 'overturn'], opinion: ['adopt', 'reject'] } as const;
export type Vote = 'uphold' | 'overturn' | 'adopt' | 'reject';

export const RESPONSE_CATEGORIES = [
  'implementing_fully',
  'implementing_in_part',
  'assessing_feasibility',
  'work_already_done',
  'declined',
] as const;
export type ResponseCategory = (typeof RESPONSE_CATEGORIES)[number];
export const ASSESSMENTS = [
  'implemented',
  'implementation_in_progress',
  'progress_reported',
  'declined',
  'omitted_or_reframed',
  'not_demonstrated',
] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

/** The groups the board sorts a decision's recommendations into, in the order it publishes them. */
export const RECOMMENDATION_GROUPS = ['policy', 'enforcement', 'transparency'] as const;
export type RecommendationGroup = (typeof RECOMMENDATION_GROUPS)[number];

/**
 * Recommendations in their published groups (policy, enforcement, transparency, then those given no group), each
 * group keeping the order it was given. Empty groups are left out.
 */
export function groupRecommendations<T extends { group: RecommendationGroup | null }>(
  recs: readonly T[],
): { group: RecommendationGroup | null; recommendations: T[] }[] {
  return [...RECOMMENDATION_GROUPS, null]
    .map((group) => ({ group, recommendations: recs.filter((r) => r.group === group) }))
    .filter((g) => g.recommendations.length > 0);
}

const DAY_MS = 86_400_000;
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

// ---------------------------------------------------------------------------------------------------------------
// Intake

export interface AppealFacts {
  /** The decision appealed: it must be the platform's final internal decision, i.e. taken on an internal appeal. */
  decidedAt: Date;
  takenOnInternalAppeal: boolean;
  inForce: boolean;
  alreadyBeforeBoard: boolean;
}

/** Whether a user may appeal this decision to the board now; the reason is shown to the user when not. */
export function appealEligibility(
  facts: AppealFacts,
  now: Date,
  rules: BoardRules,
): { eligible: true } | { eligible: false; reason: string } {
  if (!facts.takenOnInternalAppeal)
    return {
      eligible: false,
      reason:
        "appeal the decision to the platform first: the board hears appeals only after the platform's final internal decision",
    };
  if (!facts.inForce) return { eligible: false, reason: 'the decision is no longer in force' };
  if (facts.alreadyBeforeBoard) return { eligible: false, reason: 'this decision is already before the board' };
  const closes = addDays(facts.decidedAt, rules.appealWindowDays);
  if (now.getTime() > closes.getTime()) {
    return {
      eligible: false,
      reason: `the ${rules.appealWindowDays}-day window to appeal to the board closed on ${closes.toISOString().slice(0, 10)}`,
    };
  }
  return { eligible: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Selection

export interface CandidateFacts {
  kind: BoardCaseKind;
  track: Track;
  priorities: readonly BoardPriority[];
  /** 1 (routine) to 3 (affects many people or a head of state/government). */
  significance: number;
  /** 1 (settled policy) to 3 (open question of policy). */
  difficulty: number;
  /** Number of reports or appeals concerning the content. */
  demand: number;
}

/** A candidate's rank score with its parts, so the committee sees why a case ranks where it does. */
export function candidateScore(facts: CandidateFacts): { score: number; parts: { factor: string; points: number }[] } {
  const parts = [
    { factor: 'priorities', points: 3 * facts.priorities.length },
    { factor: 'significance', points: 2 * facts.significance },
    { factor: 'difficulty', points: facts.difficulty },
    { factor: 'demand', points: Math.min(3, Math.floor(Math.log10(Math.max(1, facts.demand)) * 1.5)) },
    { factor: 'expedited', points: facts.track === 'expedited' ? 2 : 0 },
    { factor: 'platform referral', points: facts.kind === 'user_appeal' ? 0 : 1 },
  ];
  return { score: parts.reduce((sum, part) => sum + part.points, 0), parts: parts.filter((part) => part.points > 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// Panels

export interface MemberFacts {
  userId: string;
  region: Region;
  /** Declared conflicts: country codes, platform account refs, or organisations. */
  conflicts: readonly string[];
  /** Panels the member sits on that are not decided yet. */
  openPanels: number;
}

/** Why a member is recused from a case, or null. */
export function conflictOf(member: Pick<MemberFacts, 'conflicts'>, caseKeys: readonly string[]): string | null {
  const keys = new Set(caseKeys.filter(Boolean).map((key) => key.toLowerCase()));
  const hit = member.conflicts.find((conflict) => keys.has(conflict.toLowerCase()));
  return hit ? `declared conflict: ${hit}` : null;
}

/**
 * Draws a panel: conflicted members are recused; the least-loaded member of the case's region takes the first seat,
 * then the least-loaded others (ties broken by id, so the draw is reproducible). Refused when no member of the region
 * or too few members are free of conflict.
 */
export function drawPanel(
  members: readonly MemberFacts[],
  facts: { region: Region; conflictKeys: readonly string[] },
  rules: Pick<BoardRules, 'panelSize'>,
): { seated: string[]; recused: { userId: string; reason: string }[] } {
  const recused: { userId: string; reason: string }[] = [];
  const free: MemberFacts[] = [];
  for (const member of members) {
    const reason = conflictOf(member, facts.conflictKeys);
    if (reason) recused.push({ userId: member.userId, reason });
    else free.push(member);
  }
  const order = [...free].sort((a, b) => a.openPanels - b.openPanels || a.userId.localeCompare(b.userId));
  const regional = order.find((member) => member.region === facts.region);
  if (!regional)
    throw new DocketError(
      'conflict',
      `no board member from ${facts.region.replace(/_/g, ' ')} is free of conflicts: a panel needs at least one`,
    );
  if (free.length < rules.panelSize)
    throw new DocketError('conflict', `a panel needs ${rules.panelSize} members free of conflicts; ${free.length} are`);
  const seated = [
    regional.userId,
    ...order
      .filter((member) => member !== regional)
      .slice(0, rules.panelSize - 1)
      .map((member) => member.userId),
  ];
  return { seated, recused };
}

// ---------------------------------------------------------------------------------------------------------------
// Public comments

/** The window of the per-sender comment rule: `commentsPerHour` counts the sender's comments in the last hour. */
export const COMMENT_WINDOW_MS = SENDER_WINDOW_MS;

/**
 * `recentFromSender` counts the sender's comments in the window; `oldestRecentAt`, the first of them, says when a
 * place frees up, which the refusal passes on as Retry-After.
 */
export function checkComment(
  input: {
    body: string;
    now: Date;
    closesAt: Date | null;
    closedEarly?: boolean;
    recentFromSender: number;
    oldestRecentAt?: Date | null;
    honeypot?: string | undefined;
  },
  rules: BoardRules,
): void {
  if (!input.closesAt) throw new DocketError('conflict', 'this case is not open for public comments');
  if (input.now.getTime() >= input.closesAt.getTime())
    throw new DocketError(
      'conflict',
      commentsClosedNotice({ closesAt: input.closesAt, closedEarly: input.closedEarly ?? false }),
    );
  checkHoneypot(input.honeypot, 'comment');
  if (input.body.length > rules.commentMaxChars)
    throw new DocketError('validation_failed', `a comment has at most ${rules.commentMaxChars} characters`, [
      { field: '/body', message: 'too long' },
    ]);
  if (input.body.trim().length < 20)
    throw new DocketError('validation_failed', 'a comment has at least 20 characters', [
      { field: '/body', message: 'too short' },
    ]);
  const links = input.body.match(/https?:\/\//gi)?.length ?? 0;
  if (links > rules.commentMaxLinks)
    throw new DocketError('validation_failed', `a comment has at most ${rules.commentMaxLinks} links`, [
      { field: '/body', message: 'too many links' },
    ]);
  checkSenderAllowance({
    recent: input.recentFromSender,
    oldestRecentAt: input.oldestRecentAt,
    now: input.now,
    perHour: rules.commentsPerHour,
    what: 'comments',
  });
}

/**
 * Where a case's comment period stands. A case manager may close it before its date (recorded with a reason); then
 * `closesAt` is when they did.
 */
export function commentPeriod(
  row: { closesAt: Date | null; closedEarly: boolean },
  now: Date,
): { open: boolean; closesAt: Date | null; closedEarly: boolean } {
  return {
    open: row.closesAt !== null && now.getTime() < row.closesAt.getTime(),
    closesAt: row.closesAt,
    closedEarly: row.closedEarly && row.closesAt !== null,
  };
}

/** The one sentence both the public page and a refused late comment use, so they never disagree. */
export function commentsClosedNotice(period: { closesAt: Date; closedEarly: boolean }): string {
  const day = period.closesAt.toISOString().slice(0, 10);
  return period.closedEarly ? `public comments closed early on ${day}` : `public comments closed on ${day}`;
}

/** A case manager closes the comment period early only while it is open, and says why. */
export function checkEarlyClose(period: { open: boolean }, reason: string): void {
  if (!period.open) throw new DocketError('conflict', 'the comment period is not open: there is nothing to close');
  if (reason.trim().length < 10)
    throw new DocketError('validation_failed', 'say why the comment period closes early (at least 10 characters)', [
      { field: '/reason', message: 'too short' },
    ]);
}

/** How a comment is published: the name only if the commenter allowed it. */
export function publishedAuthor(comment: {
  name: string | null;
  organisation: string | null;
  anonymous: boolean;
}): string {
  if (comment.anonymous || !comment.name) return 'Anonymous';
  return comment.organisation ? `${comment.name} (${comment.organisation})` : comment.name;
}

// ---------------------------------------------------------------------------------------------------------------
// Deliberation

export type DeadlineState = 'on_time' | 'warning' | 'overdue';

export function decisionDue(selectedAt: Date, track: Track, rules: BoardRules): Date {
  return addDays(selectedAt, rules.decisionDays[track]);
}

export function deadlineState(due: Date, now: Date, warnDays: number): DeadlineState {
  if (now.getTime() > due.getTime()) return 'overdue';
  if (due.getTime() - now.getTime() <= warnDays * DAY_MS) return 'warning';
  return 'on_time';
}

/** Whether this member may vote on this case: seated on its panel and not recused. */
export function checkVoter(seat: { status: 'seated' | 'recused' } | null): void {
  if (!seat) throw new DocketError('forbidden', 'only members of the panel vote on this case');
  if (seat.status === 'recused') throw new DocketError('forbidden', 'you are recused from this case');
}

export function checkVoteValue(kind: BoardCaseKind, vote: Vote): void {
  const allowed: readonly Vote[] = kind === 'policy_advisory' ? VOTES.opinion : VOTES.content;
  if (!allowed.includes(vote))
    throw new DocketError('validation_failed', `on this case a vote is one of: ${allowed.join(', ')}`, [
      { field: '/vote', message: 'not allowed here' },
    ]);
}

/** How many votes of the seated panel, the same way on the current draft, make a decision (3 of 5 by default). */
export function votesToDecide(panelSize: number, rules: Pick<BoardRules, 'majorityShare'>): number {
  return Math.floor(panelSize * rules.majorityShare) + 1;
}

/**
 * The panel's decision: the position at least `votesToDecide` of the seated panel voted for on the current draft.
 * Votes on earlier drafts do not count. Without such a majority there is no decision.
 */
export function tally(
  votes: readonly { userId: string; vote: Vote; draftVersion: number }[],
  panel: readonly string[],
  currentDraft: number,
  rules: Pick<BoardRules, 'majorityShare'>,
): { outcome: Vote; counts: Partial<Record<Vote, number>>; majority: string[]; minority: string[] } {
  const valid = votes.filter((v) => v.draftVersion === currentDraft && panel.includes(v.userId));
  const counts: Partial<Record<Vote, number>> = {};
  for (const v of valid) counts[v.vote] = (counts[v.vote] ?? 0) + 1;
  const leading = (Object.entries(counts) as [Vote, number][]).sort((a, b) => b[1] - a[1])[0];
  const needed = votesToDecide(panel.length, rules);
  if (!leading || leading[1] < needed) {
    throw new DocketError(
      'conflict',
      `no majority of the ${panel.length}-member panel on draft ${currentDraft}: a decision needs ${needed} of the ${panel.length} seated members voting the same way (${
        Object.entries(counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || 'no votes'
      })`,
    );
  }
  return {
    outcome: leading[0],
    counts,
    majority: valid.filter((v) => v.vote === leading[0]).map((v) => v.userId),
    minority: valid.filter((v) => v.vote !== leading[0]).map((v) => v.userId),
  };
}

/**
 * Publication is final, so it waits for the public: not while comments are open (a case manager may close them early,
 * on the record), and only on an explicit confirmation, so a stray call publishes nothing.
 */
export function checkPublication(input: { period: { open: boolean; closesAt: Date | null }; confirm: boolean }): void {
  if (input.period.open) {
    throw new DocketError(
      'conflict',
      `public comments are open until ${input.period.closesAt?.toISOString().slice(0, 10)}: the decision is published after they close (a case manager may close them early, with a reason)`,
    );
  }
  if (!input.confirm)
    throw new DocketError('validation_failed', 'publishing a decision is final: confirm it', [
      { field: '/confirm', message: 'must be true' },
    ]);
}

// ---------------------------------------------------------------------------------------------------------------
// After the decision

/** What an overturn requires of the platform's content decision: content kept comes down; content removed goes back. */
export function requiredOutcome(platformOutcome: string): 'remove' | 'no_violation' {
  return platformOutcome === 'remove' ? 'no_violation' : 'remove';
}

export type ResponseState = 'awaiting' | 'overdue' | 'answered' | 'answered_late';

/** Where the platform's answer to a recommendation stands against its 60-day clock. */
export function responseState(rec: { responseDueAt: Date; firstRespondedAt: Date | null }, now: Date): ResponseState {
  if (rec.firstRespondedAt)
    return rec.firstRespondedAt.getTime() > rec.responseDueAt.getTime() ? 'answered_late' : 'answered';
  return now.getTime() > rec.responseDueAt.getTime() ? 'overdue' : 'awaiting';
}

export function checkResponse(input: {
  category: ResponseCategory;
  reasons: string;
  timeline?: string | undefined;
  closed: boolean;
}): void {
  if (input.closed)
    throw new DocketError('conflict', 'the board has closed this recommendation: no further responses are recorded');
  if (input.reasons.trim().length < 20)
    throw new DocketError('validation_failed', 'give the reasons of the response (at least 20 characters)', [
      { field: '/reasons', message: 'too short' },
    ]);
  if (
    (input.category === 'implementing_fully' || input.category === 'implementing_in_part') &&
    !input.timeline?.trim()
  ) {
    throw new DocketError('validation_failed', 'a response that implements gives a timeline', [
      { field: '/timeline', message: 'required when implementing' },
    ]);
  }
}

/** The board's assessments that settle a recommendation: no further responses after them. */
export const CLOSING_ASSESSMENTS: readonly Assessment[] = ['implemented', 'declined'];

/**
 * The platform a referral comes from: an integration token's own platform, or the liaison's. A liaison acts for
 * the one platform their account is tied to; naming another is refused, never silently taken.
 */
export function referringPlatform(
  principal: { kind: 'integration'; platform: string } | { kind: 'user'; platform: string | null },
  named: string | undefined,
): string {
  const own = principal.platform;
  if (!own)
    throw new DocketError(
      'forbidden',
      'your account acts for no platform: an administrator ties a liaison to the platform they act for',
    );
  if (named !== undefined && named.trim() !== own)
    throw new DocketError('forbidden', `you act for platform "${own}", not "${named}"`, [
      { field: '/platform', message: `must be "${own}" or left out` },
    ]);
  return own;
}

/** A liaison answers for their own platform only: another platform's obligations and recommendations are not theirs. */
export function checkActsFor(user: { platform: string | null }, platform: string, what: string): void {
  if (user.platform !== platform)
    throw new DocketError(
      'forbidden',
      `${what} is platform "${platform}"'s to answer; you act for ${user.platform ? `"${user.platform}"` : 'no platform'}`,
    );
}

/**
 * The vote split as published: the counts when the board chose to publish them, otherwise nothing (the decision
 * then reads "approved by a majority"). Either way the counts stay on the board's own record.
 */
export function publishedVoteSplit(decision: {
  counts: Record<string, number> | null;
  splitPublished: boolean;
}): Record<string, number> | null {
  return decision.splitPublished ? decision.counts : null;
}
