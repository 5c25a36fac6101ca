import { createHash } from 'node:crypto';
import { EU_COUNTRY_CODES, STATEMENT_CATEGORIES } from '../core/dsa-tdb-enums.js';
import { NOT_ACTING, type ContentOutcome } from '../core/outcomes.js';
import type { FieldError } from '../core/errors.js';

/**
 * Trusted flaggers (EU DSA Art. 22) as rules: who may be registered, how the status moves, how their key is told
 * apart, and how their accuracy is measured. Pure: no I/O, no clock.
 */

/** active: its notices are taken as a trusted flagger's; suspended (Art. 22(6)) or revoked (Art. 22(7)): they are not. */
export const FLAGGER_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type FlaggerStatus = (typeof FLAGGER_STATUSES)[number];

/** A key's visible start: tells flagger keys apart from platform tokens. The rest is 32 random bytes. */
export const FLAGGER_KEY_PREFIX = 'dkt_tf_';

/** The statuses a status may change to: a suspension is lifted or turned into a revocation; a revocation is final. */
const NEXT: Record<FlaggerStatus, readonly FlaggerStatus[]> = {
  active: ['suspended', 'revoked'],
  suspended: ['active', 'revoked'],
  revoked: [],
};

export function statusChangeProblem(from: FlaggerStatus, to: FlaggerStatus): string | null {
  if (from === to) return `the status is already ${to}`;
  if (NEXT[from].includes(to)) return null;
  return from === 'revoked'
    ? 'a revoked status is final: the Digital Services Coordinator must award it anew, as a new registration'
    : `a ${from} status cannot become ${to}`;
}

/** The input of a registration or a change of details, as the API takes it. */
export interface FlaggerDetails {
  name?: string;
  memberState?: string;
  areas?: string[];
  contactEmail?: string;
  website?: string | null;
  awardedOn?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every problem of a register entry, field by field; `today` bounds the award date (no award in the future). */
export function flaggerDetailsProblems(input: FlaggerDetails, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const name = input.name?.trim() ?? '';
  if (name.length < 2) problems.push({ field: '/name', message: 'give the name the status was awarded to' });
  if (!(EU_COUNTRY_CODES as readonly string[]).includes(input.memberState ?? ''))
    problems.push({
      field: '/memberState',
      message: `give the Member State whose Digital Services Coordinator awarded the status, as ISO 3166-1 alpha-2 (one of ${EU_COUNTRY_CODES.join(', ')})`,
    });
  const areas = input.areas ?? [];
  if (areas.length === 0)
    problems.push({ field: '/areas', message: 'name at least one area of expertise (a DSA statement category)' });
  areas.forEach((area, i) => {
    if (!(area in STATEMENT_CATEGORIES))
      problems.push({ field: `/areas/${i}`, message: `"${area}" is no DSA statement category` });
  });
  if (new Set(areas).size !== areas.length) problems.push({ field: '/areas', message: 'name each area once' });
  if (!EMAIL.test(input.contactEmail?.trim() ?? ''))
    problems.push({ field: '/contactEmail', message: 'give an e-mail address where the flagger is reached' });
  if (input.website && !isWebAddress(input.website))
    problems.push({ field: '/website', message: 'give an http(s) address, or leave it out' });
  const awardedOn = input.awardedOn ?? '';
  if (!DAY.test(awardedOn) || Number.isNaN(Date.parse(`${awardedOn}T00:00:00Z`)))
    problems.push({ field: '/awardedOn', message: 'give the day the status was awarded, YYYY-MM-DD' });
  else if (awardedOn > today)
    problems.push({ field: '/awardedOn', message: 'the status cannot be awarded in the future' });
  return problems;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** What is kept of a key: its SHA-256, so a copy of the register opens nothing. */
export const flaggerKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A key's shown part: the prefix and the first characters of its secret, to tell keys apart. */
export const flaggerKeyPrefix = (key: string): string => key.slice(0, FLAGGER_KEY_PREFIX.length + 6);

/** A decided notice was upheld when the decision acted on the content: anything but no violation or a newsworthy keep. */
export const upheld = (outcome: ContentOutcome): boolean => !NOT_ACTING.includes(outcome);

/**
 * A trusted flagger's accuracy: the share of its decided notices that were upheld; null while none was decided.
 * Notices still undecided do not count either way.
 */
export function flaggerAccuracy(decided: number, upheldCount: number): number | null {
  return decided === 0 ? null : upheldCount / decided;
}
