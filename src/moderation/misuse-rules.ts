import { createHash } from 'node:crypto';
import type { FieldError } from '../core/errors.js';

/**
 * Measures against misuse (EU DSA Art. 23) as pure rules. Three kinds of people can misuse the system: notifiers
 * who often send manifestly unfounded notices, complainants who often file manifestly unfounded complaints
 * (Art. 23(2)), and users who often post manifestly illegal content (Art. 23(1)). For each, a rule says how many
 * such marks within how many days earn a warning, how many a suspension (only once warned), and for how long.
 */

export const MISUSE_PARTIES = ['notifier', 'complainant', 'user'] as const;
export type MisuseParty = (typeof MISUSE_PARTIES)[number];

/** What a mark says of one item: a notice or a complaint manifestly unfounded, content manifestly illegal. */
export const MISUSE_MARKS = ['unfounded_notice', 'unfounded_complaint', 'illegal_content'] as const;
export type MisuseMark = (typeof MISUSE_MARKS)[number];

/** Whom each kind of mark counts against. */
export const PARTY_OF_MARK: Record<MisuseMark, MisuseParty> = {
  unfounded_notice: 'notifier',
  unfounded_complaint: 'complainant',
  illegal_content: 'user',
};

export interface MisuseRule {
  /** Marks within the window at which the person is warned. */
  warnAfter: number;
  /** Marks within the window at which the person, once warned, is suspended. */
  suspendAfter: number;
  /** The window the marks are counted in, in days before now. */
  windowDays: number;
  /** How long a suspension lasts, in days. */
  suspensionDays: number;
}

export type MisuseRules = Record<MisuseParty, MisuseRule>;

export const DEFAULT_MISUSE_RULES: MisuseRules = {
  notifier: { warnAfter: 3, suspendAfter: 5, windowDays: 180, suspensionDays: 30 },
  complainant: { warnAfter: 3, suspendAfter: 5, windowDays: 180, suspensionDays: 30 },
  user: { warnAfter: 2, suspendAfter: 3, windowDays: 365, suspensionDays: 30 },
};

/** The bounds a rule's numbers must keep. */
export const RULE_LIMITS = { maxMarks: 100, maxWindowDays: 730, maxSuspensionDays: 365 } as const;

/**
 * Every problem of a rule, field by field: whole numbers, at least one mark to warn, more marks to suspend than to
 * warn (a warning always comes first, Art. 23(1) and (2)), a window of 1 to 730 days, a suspension of 1 to 365 days
 * (a set time: never indefinite).
 */
export function misuseRuleProblems(rule: MisuseRule, path: string): FieldError[] {
  const problems: FieldError[] = [];
  const whole = (key: keyof MisuseRule, min: number, max: number) => {
    const value = rule[key];
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push({ field: `${path}/${key}`, message: `must be a whole number from ${min} to ${max}` });
  };
  whole('warnAfter', 1, RULE_LIMITS.maxMarks - 1);
  whole('suspendAfter', 2, RULE_LIMITS.maxMarks);
  whole('windowDays', 1, RULE_LIMITS.maxWindowDays);
  whole('suspensionDays', 1, RULE_LIMITS.maxSuspensionDays);
  if (problems.length === 0 && rule.suspendAfter <= rule.warnAfter)
    problems.push({
      field: `${path}/suspendAfter`,
      message: 'must be more than warnAfter: a person is warned before being suspended',
    });
  return problems;
}

const DAY_MS = 86_400_000;

/** What the count of a person's marks calls for now. */
export type MeasureDue = 'warning' | 'suspension' | null;

/**
 * The measure a person's marks call for, evaluated each time a mark is added. Marks count within the rule's window
 * and only since the person's last suspension began (the marks before it were answered by it). At `warnAfter`
 * marks the person is warned, once in that span; at `suspendAfter` marks, once warned in that span, they are
 * suspended. A person never warned is warned first, whatever the count.
 */
export function measureDue(input: {
  rule: MisuseRule;
  /** When each of the person's marks was made. */
  marks: readonly Date[];
  /** When the person was last warned, and when their last suspension began. */
  lastWarningAt: Date | null;
  lastSuspensionAt: Date | null;
  now: Date;
}): MeasureDue {
  const { rule, now } = input;
  const windowStart = now.getTime() - rule.windowDays * DAY_MS;
  const since = Math.max(windowStart, input.lastSuspensionAt?.getTime() ?? -Infinity);
  const count = input.marks.filter((at) => at.getTime() > since && at.getTime() <= now.getTime()).length;
  const warned = input.lastWarningAt !== null && input.lastWarningAt.getTime() > since;
  if (count >= rule.suspendAfter && warned) return 'suspension';
  if (count >= rule.warnAfter && !warned) return 'warning';
  return null;
}

/** When a suspension starting now ends. */
export const suspensionEnd = (now: Date, rule: MisuseRule): Date =>
  new Date(now.getTime() + rule.suspensionDays * DAY_MS);

/** An e-mail address as it identifies a notifier: trimmed and in lower case. */
export const normalisedEmail = (email: string): string => email.trim().toLowerCase();

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Who a notifier is, for these measures: a trusted flagger by its register entry, anyone else by their normalised
 * e-mail address, of which only a SHA-256 is kept (the address itself stays with the notice, erasable). A notice
 * without an address (allowed for child sexual abuse material) identifies no one: null.
 */
export function notifierKey(notifier: { flaggerId: string | null; email: string | null }): string | null {
  if (notifier.flaggerId) return `flagger:${notifier.flaggerId}`;
  const email = notifier.email ? normalisedEmail(notifier.email) : '';
  return email ? `email:${digest(`docket-notifier|${email}`)}` : null;
}

/** A platform's account, as a user and as an affected user who complains. */
export const accountKey = (platform: string, accountRef: string): string => `account:${platform}/${accountRef}`;

/** A reporter a platform names in its appeal (their reference stays erasable: only a SHA-256 is kept). */
export const reporterKey = (platform: string, appellantRef: string): string =>
  `reporter:${digest(`docket-reporter|${platform}|${appellantRef}`)}`;

const PERSON: Record<MisuseParty, string> = {
  notifier: 'sending notices',
  complainant: 'filing complaints',
  user: 'using the service',
};

const FOR: Record<MisuseParty, string> = {
  notifier: 'manifestly unfounded notices',
  complainant: 'manifestly unfounded complaints',
  user: 'manifestly illegal content',
};

/** The reason a measure states: what was counted, against which rule, and the legal basis. */
export function measureReason(
  party: MisuseParty,
  kind: 'warning' | 'suspension',
  count: number,
  rule: MisuseRule,
): string {
  const what = `${count} ${FOR[party]} within ${rule.windowDays} days`;
  const article = party === 'user' ? 'Art. 23(1)' : 'Art. 23(2)';
  return kind === 'warning'
    ? `Warning: ${what}. At ${rule.suspendAfter} you will be suspended from ${PERSON[party]} for ${rule.suspensionDays} days (EU Digital Services Act, ${article}).`
    : `Suspended from ${PERSON[party]} for ${rule.suspensionDays} days after a warning: ${what} (EU Digital Services Act, ${article}).`;
}

/** What a suspended person is told when they try again: that they are suspended, why, and until when. */
export function suspendedMessage(party: MisuseParty, endsAt: Date): string {
  return `you are suspended from ${PERSON[party]} until ${endsAt.toISOString()} under the EU Digital Services Act, Art. 23, for ${FOR[party]}; nothing was stored. You may contest the suspension: see the notice you were sent`;
}
