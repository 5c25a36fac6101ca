import type { ContentOutcome } from '../core/outcomes.js';
import type { FieldError } from '../core/errors.js';

/**
 * Out-of-court dispute settlement (EU DSA Art. 21), as pure rules: which bodies may take a dispute, how a dispute
 * moves from filed to concluded, who bears the fees (Art. 21(5)), and when an outcome obliges the platform to change
 * its decision (carried out like the oversight board's binding decisions, within the same 7 days).
 */

/** The Member States whose Digital Services Coordinators certify bodies (ISO 3166-1 alpha-2, as the EU writes them). */
export const MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore
export type MemberState = (typeof MEMBER_STATES)[number];

/** A body's certification as its Digital Services Coordinator states it: revoked under Art. 21(7), or suspended. */
export const CERTIFICATION_STATUSES = ['certified', 'suspended', 'revoked'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** Who brought the dispute: the user the decision is about, or the person who notified the content (Art. 21(1)). */
export const COMPLAINANTS = ['affected_user', 'notifier'] as const;
export type Complainant = (typeof COMPLAINANTS)[number];

export const DISPUTE_STATUSES = ['filed', 'concluded'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** How a dispute ended. */
export const DISPUTE_OUTCOMES = [
  'complainant_favour',
  'platform_favour',
  'settled',
  'withdrawn',
  'declined_by_body',
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** Who bears the body's fees and the complainant's reasonable expenses. */
export const FEE_BEARERS = ['platform', 'complainant', 'shared'] as const;
export type FeeBearer = (typeof FEE_BEARERS)[number];

/** Whether the outcome asks the platform to change its decision, and whether that was done. */
export const IMPLEMENTATION_STATUSES = ['not_required', 'open', 'implemented'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export interface DisputeRules {
  /** Days the platform has to carry out an outcome that changes its decision (as for the board's binding decisions). */
  implementationDays: number;
}
export const DEFAULT_DISPUTE_RULES: DisputeRules = { implementationDays: 7 };

const DAY_MS = 86_400_000;

/** A body's entry as the register holds it (dates as YYYY-MM-DD). */
export interface BodyEntry {
  website: string;
  status: CertificationStatus;
  certifiedOn: string;
  certifiedUntil: string | null;
}

/** What is wrong with a body's entry, each naming its field; empty when nothing is. */
export function bodyProblems(body: BodyEntry): FieldError[] {
  const problems: FieldError[] = [];
  const url = URL.canParse(body.website) ? new URL(body.website) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.'))
    problems.push({ field: '/website', message: "must be the address of the body's website (https://…)" });
  if (body.certifiedUntil !== null && body.certifiedUntil <= body.certifiedOn)
    problems.push({ field: '/certifiedUntil', message: 'must be after the day of certification' });
  return problems;
}

/** Whether the body held a valid certification on a day (YYYY-MM-DD): certified, and within its dates. */
export function certifiedOn(body: BodyEntry, day: string): boolean {
  return (
    body.status === 'certified' &&
    body.certifiedOn <= day &&
    (body.certifiedUntil === null || day <= body.certifiedUntil)
  );
}

/**
 * Who bears the fees (Art. 21(5)): the platform when the body decides for the complainant, and when it decides for
 * the platform too, unless the body found that the complainant manifestly acted in bad faith. A settlement shares
 * them as the parties agreed; a withdrawn or declined dispute leaves the platform with the body's fees it was
 * charged (the complainant never owes the platform's).
 */
export function feeBearer(outcome: DisputeOutcome, facts: { badFaith: boolean; agreed: FeeBearer | null }): FeeBearer {
  switch (outcome) {
    case 'complainant_favour':
      return 'platform';
    case 'platform_favour':
      return facts.badFaith ? 'complainant' : 'platform';
    case 'settled':
      return facts.agreed ?? 'platform';
    case 'withdrawn':
    case 'declined_by_body':
      return 'platform';
  }
}

/** What recording an outcome takes. */
export interface Conclusion {
  status: DisputeStatus;
  complainant: Complainant;
  outcome: DisputeOutcome;
  filedAt: Date;
  concludedAt: Date;
  now: Date;
  badFaith: boolean;
  agreedFeeBearer: FeeBearer | null;
  /** The decision the outcome asks for instead of the one disputed, if any. */
  requiredOutcome: ContentOutcome | null;
  /** The disputed decision's outcome. */
  decisionOutcome: ContentOutcome;
}

/**
 * Checks an outcome: only a filed dispute concludes, not before it was filed nor in the future; bad faith is a
 * finding against the complainant, so only with an outcome for the platform; an agreed share of fees only with a
 * settlement; a decision asked for only where the outcome changes the disputed one, and different from it.
 */
export function conclusionProblems(c: Conclusion): { conflict: string | null; problems: FieldError[] } {
  if (c.status !== 'filed') return { conflict: 'the dispute is already concluded', problems: [] };
  const problems: FieldError[] = [];
  if (c.concludedAt.getTime() < c.filedAt.getTime())
    problems.push({ field: '/concludedAt', message: 'must not be before the dispute was filed' });
  if (c.concludedAt.getTime() > c.now.getTime())
    problems.push({ field: '/concludedAt', message: 'must not be in the future' });
  if (c.badFaith && c.outcome !== 'platform_favour')
    problems.push({ field: '/badFaith', message: "is a finding only an outcome in the platform's favour makes" });
  if (c.agreedFeeBearer !== null && c.outcome !== 'settled')
    problems.push({ field: '/feesBorneBy', message: 'is agreed only in a settlement; otherwise Art. 21(5) decides' });
  const changes = c.outcome === 'complainant_favour' || c.outcome === 'settled';
  if (c.requiredOutcome !== null && !changes)
    problems.push({
      field: '/requiredOutcome',
      message: 'is asked for only by an outcome for the complainant or a settlement',
    });
  if (c.requiredOutcome !== null && c.requiredOutcome === c.decisionOutcome)
    problems.push({
      field: '/requiredOutcome',
      message: `must differ from the disputed decision (${c.decisionOutcome})`,
    });
  if (c.outcome === 'complainant_favour' && c.requiredOutcome === null && c.complainant === 'notifier')
    problems.push({ field: '/requiredOutcome', message: 'is needed: what the notifier won must be decided instead' });
  return { conflict: null, problems };
}

/**
 * The decision an outcome requires instead of the disputed one, or null when it leaves the decision standing: the
 * one the outcome names, or, when the affected user wins without one named, no violation (the restriction undone).
 */
export function requiredDecision(
  outcome: DisputeOutcome,
  complainant: Complainant,
  named: ContentOutcome | null,
): ContentOutcome | null {
  if (named !== null) return named;
  if (outcome === 'complainant_favour' && complainant === 'affected_user') return 'no_violation';
  return null;
}

/** When an outcome that changes the decision must be carried out. */
export function implementationDueAt(concludedAt: Date, rules: DisputeRules = DEFAULT_DISPUTE_RULES): Date {
  return new Date(concludedAt.getTime() + rules.implementationDays * DAY_MS);
}

/** Checks filing: the body certified on the day the dispute was filed, the day neither before the decision nor ahead. */
export function filingProblems(f: { body: BodyEntry | null; filedAt: Date; decidedAt: Date; now: Date }): FieldError[] {
  const problems: FieldError[] = [];
  if (!f.body) problems.push({ field: '/bodyId', message: 'is no body in the register' });
  else if (!certifiedOn(f.body, f.filedAt.toISOString().slice(0, 10)))
    problems.push({ field: '/bodyId', message: 'was not a certified body on the day the dispute was filed' });
  if (f.filedAt.getTime() < f.decidedAt.getTime())
    problems.push({ field: '/filedAt', message: 'must not be before the decision disputed' });
  if (f.filedAt.getTime() > f.now.getTime()) problems.push({ field: '/filedAt', message: 'must not be in the future' });
  return problems;
}

/** Amounts are kept in cents: "120", "120.5" and "120.50" are 12,050 cents; null when the text is no amount. */
export function amountInCents(amount: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export const centsAsAmount = (cents: number): string =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
