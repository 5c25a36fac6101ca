import { createHash } from 'node:crypto';
import { addMonths } from '../core/days.js';
import { DocketError, type FieldError } from '../core/errors.js';
import { checkHoneypot } from '../core/public-forms.js';
import { ENGLISH, type Say } from './message-rules.js';

/**
 * Notices of content from anyone (EU DSA Art. 16) as pure rules: what a notice must hold (Art. 16(2)), its
 * reference and capability token, where it stands, and what the notifier is told once the case is decided.
 */

export interface NoticeRules {
  /** Notices one sender may file in an hour (beside the request limit per address, DOCKET_LIMIT_NOTICES). */
  noticesPerHour: number;
  explanationMinChars: number;
  explanationMaxChars: number;
  /** Months after the notifier is told of the decision during which they may complain (Art. 20(1)). */
  complaintWindowMonths: number;
}

export const DEFAULT_NOTICE_RULES: NoticeRules = {
  noticesPerHour: 5,
  explanationMinChars: 20,
  explanationMaxChars: 5_000,
  complaintWindowMonths: 6,
};

/** A notice as filed, from the API's JSON or the public form (whose fields are all text). */
export interface NoticeDraft {
  location?: string | undefined;
  explanation?: string | undefined;
  policyId?: string | undefined;
  legalReference?: string | undefined;
  childSexualAbuse?: boolean | undefined;
  name?: string | undefined;
  email?: string | undefined;
  goodFaith?: boolean | undefined;
  language?: string | undefined;
  website?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The location must be an http(s) address of content: a web address a moderator can open. */
export function locationProblem(location: string): string | null {
  if (!URL.canParse(location)) return 'must be the full address (URL) of the content, starting with https://';
  const url = new URL(location);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https address';
  if (location.length > 2_000) return 'must be at most 2000 characters';
  return null;
}

/**
 * Every problem of a notice, field by field (Art. 16(2)): the content's exact location, a substantiated explanation,
 * the category it is filed under, the notifier's name and e-mail (optional only for child sexual abuse material,
 * Art. 16(2)(c)) and the statement of good faith, which must be made. The hidden field refuses it outright.
 */
export function noticeProblems(draft: NoticeDraft, rules: NoticeRules): FieldError[] {
  checkHoneypot(draft.website, 'notice');
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field: `/${field}`, message });
  const location = draft.location?.trim() ?? '';
  if (!location) add('location', 'give the address (URL) of the content');
  else {
    const problem = locationProblem(location);
    if (problem) add('location', problem);
  }
  const explanation = draft.explanation?.trim() ?? '';
  if (!explanation) add('explanation', 'say why the content is illegal or which policy it breaks');
  else if (explanation.length < rules.explanationMinChars)
    add('explanation', `must be at least ${rules.explanationMinChars} characters: say why, so it can be assessed`);
  else if (explanation.length > rules.explanationMaxChars)
    add('explanation', `must be at most ${rules.explanationMaxChars} characters`);
  if (!draft.policyId?.trim()) add('policyId', 'choose what kind of problem it is');
  if ((draft.legalReference?.length ?? 0) > 500) add('legalReference', 'must be at most 500 characters');
  const name = draft.name?.trim() ?? '';
  const email = draft.email?.trim() ?? '';
  if (!draft.childSexualAbuse) {
    if (!name) add('name', 'give your name (optional only for child sexual abuse material)');
    if (!email) add('email', 'give your e-mail address (optional only for child sexual abuse material)');
  }
  if (name.length > 200) add('name', 'must be at most 200 characters');
  if (email && (!EMAIL.test(email) || email.length > 320)) add('email', 'must be an e-mail address');
  if (draft.goodFaith !== true)
    add('goodFaith', 'confirm that you believe in good faith that the notice is accurate and complete');
  if (draft.language && !LANGUAGE.test(draft.language)) add('language', 'must be a BCP 47 language tag, e.g. en');
  return problems;
}

/** Refuses a notice with a problem, naming every field at fault; nothing is written. */
export function checkNotice(draft: NoticeDraft, rules: NoticeRules): void {
  const problems = noticeProblems(draft, rules);
  const first = problems[0];
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  throw new DocketError('validation_failed', `${first.field}: ${first.message}${more}`, problems);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The notifier's reference: the day it came and eight characters from `random` (40 bits), e.g. N-20260112-7KQ2M9XD. */
export function noticeRef(now: Date, random: Uint8Array): string {
  let bits = 0n;
  for (const byte of random.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code = (CROCKFORD[Number(bits & 31n)] as string) + code;
    bits >>= 5n;
  }
  return `N-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${code}`;
}

/** What is stored of a capability token: its SHA-256, so a copy of the table opens no link. */
export function linkTokenHash(token: string): string {
  return createHash('sha256').update(`docket-notice-link|${token}`).digest('hex');
}

/** A capability token as it may appear in a link: 43 base64url characters (32 random bytes). */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The external id Docket gives content it learns of from a notice, until the platform confirms it. */
export function unconfirmedExternalId(location: string): string {
  return `url:${createHash('sha256').update(location).digest('hex').slice(0, 40)}`;
}

/** `https://host/…` as the prefix its platform's other content shares, for a LIKE; null for no web address. */
export function originPrefix(location: string): string | null {
  if (!URL.canParse(location)) return null;
  const { origin } = new URL(location);
  if (origin === 'null') return null;
  return `${origin.replace(/[\\%_]/g, (ch) => `\\${ch}`)}/%`;
}

export type NoticeState = 'received' | 'decided';

/** What the decision means, told to the person who sent the notice, in their language (`say`). */
export function outcomeForNotifier(outcome: string, say: Say = ENGLISH): string {
  return say('notifier.outcome.result', { outcome });
}

export interface Redress {
  kind: 'internal_complaint' | 'out_of_court' | 'court';
  title: string;
  text: string;
  /** The last day it may be used; null when the law sets no limit here. */
  until: string | null;
}

/**
 * The notifier's redress once told of the decision (Art. 16(5), 20, 21): an internal complaint within the window,
 * free of charge; a certified out-of-court dispute settlement body; and the courts, whatever else they choose.
 */
export function redressFor(ref: string, notifiedAt: Date, rules: NoticeRules, say: Say = ENGLISH): Redress[] {
  const untilDate = addMonths(notifiedAt, rules.complaintWindowMonths);
  const until = untilDate.toISOString().slice(0, 10);
  return [
    {
      kind: 'internal_complaint',
      title: say('redress.complaint.title'),
      text: say('redress.complaint.text', { until: untilDate, ref }),
      until,
    },
    {
      kind: 'out_of_court',
      title: say('redress.out_of_court.title'),
      text: say('redress.out_of_court.text'),
      until: null,
    },
    { kind: 'court', title: say('redress.court.title'), text: say('redress.court.text'), until: null },
  ];
}
