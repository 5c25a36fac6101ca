import { createHmac, timingSafeEqual } from 'node:crypto';
import { instantInRange, isCalendarDay } from '../core/days.js';
import type { FieldError } from '../core/errors.js';
import type { ReportInput, SubjectInput } from '../moderation/contract.js';
import { MASTODON_CATEGORIES, type MastodonCategory, type PolicyMap, type PolicyRef } from './contract.js';

/**
 * The Mastodon connector's rules, pure: Mastodon's webhook signature, reading its serializers' objects
 * (REST::Admin::ReportSerializer, REST::Admin::AccountSerializer, REST::StatusSerializer), and turning a report into
 * Docket's reports and subjects.
 */

// ---------------------------------------------------------------------------------------------------------------
// The signature: app/workers/webhooks/delivery_worker.rb sends `X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>`

export function hubSignature(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when the header is the body's signature with the secret; compared in constant time. */
export function signatureMatches(secret: string, rawBody: Buffer | string, header: string | undefined): boolean {
  if (typeof header !== 'string' || secret === '') return false;
  const expected = Buffer.from(hubSignature(secret, rawBody), 'utf8');
  const sent = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

// ---------------------------------------------------------------------------------------------------------------
// Mastodon's objects, as the connector reads them

export interface MastodonAccount {
  id: string;
  username: string;
  /** `user` for a local account, `user@domain` for a remote one. */
  acct: string;
  displayName: string | null;
  note: string | null;
  url: string | null;
  locale: string | null;
  createdAt: string | null;
  followers: number | null;
}

export interface MastodonStatus {
  id: string;
  accountId: string;
  /** The author's `acct`, when the status carries its account (REST::StatusSerializer does). */
  accountAcct: string | null;
  content: string;
  spoilerText: string;
  language: string | null;
  url: string | null;
  uri: string | null;
  createdAt: string;
  editedAt: string | null;
  reblogs: number | null;
  mediaTypes: string[];
  hasCard: boolean;
}

export interface MastodonReport {
  id: string;
  category: MastodonCategory;
  comment: string;
  forwarded: boolean;
  actionTaken: boolean;
  actionTakenAt: string | null;
  actionTakenBy: { id: string; username: string } | null;
  /** The instance's moderator the report is assigned to (`assigned_account`), if any. */
  assignedAccount: { id: string; username: string } | null;
  createdAt: string;
  updatedAt: string;
  reporterId: string;
  target: MastodonAccount;
  statuses: MastodonStatus[];
  rules: { id: string; text: string }[];
}

type Json = Record<string, unknown>;

/** Reads fields of a JSON object, noting each one missing or of the wrong type with its JSON pointer. */
class Reader {
  readonly problems: FieldError[] = [];

  private get(o: Json, key: string, path: string, type: string, nullable: boolean): unknown {
    const value = o[key];
    if (value === null && nullable) return null;
    const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    if (actual === type) return value;
    this.problems.push({
      field: `${path}/${key}`,
      message: value === undefined ? 'is missing' : `must be ${type === 'array' ? 'an array' : `a ${type}`}`,
    });
    return undefined;
  }

  text(o: Json, key: string, path: string): string {
    return (this.get(o, key, path, 'string', false) as string | undefined) ?? '';
  }
  /** A string that Mastodon may send as null, or leave out (attributes serialized only when they apply). */
  maybeText(o: Json, key: string, path: string): string | null {
    if (o[key] === undefined) return null;
    return (this.get(o, key, path, 'string', true) as string | null | undefined) ?? null;
  }
  flag(o: Json, key: string, path: string): boolean {
    return (this.get(o, key, path, 'boolean', false) as boolean | undefined) ?? false;
  }
  count(o: Json, key: string, path: string): number | null {
    if (o[key] === undefined || o[key] === null) return null;
    const value = this.get(o, key, path, 'number', true) as number | undefined;
    return value !== undefined && Number.isInteger(value) && value >= 0 ? value : null;
  }
  object(o: Json, key: string, path: string, nullable = false): Json | null {
    return (this.get(o, key, path, 'object', nullable) as Json | null | undefined) ?? null;
  }
  list(o: Json, key: string, path: string): Json[] {
    const items = (this.get(o, key, path, 'array', false) as unknown[] | undefined) ?? [];
    return items.flatMap((item, i) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) return [item as Json];
      this.problems.push({ field: `${path}/${key}/${i}`, message: 'must be an object' });
      return [];
    });
  }
  /**
   * A time as Mastodon's serializers write it (ISO 8601, `2023-10-26T13:34:00.348Z`): a report's versions are ordered
   * by it and it is kept, so one no calendar has (`yesterday`, `2023-13-01T…`) or outside 1970-2100 is refused.
   */
  time(o: Json, key: string, path: string): string {
    const value = this.text(o, key, path);
    if (typeof o[key] === 'string' && !isMastodonTime(value))
      this.problems.push({ field: `${path}/${key}`, message: 'is not a time Mastodon writes (ISO 8601, UTC)' });
    return value;
  }
  maybeTime(o: Json, key: string, path: string): string | null {
    const value = this.maybeText(o, key, path);
    if (value !== null && !isMastodonTime(value))
      this.problems.push({ field: `${path}/${key}`, message: 'is not a time Mastodon writes (ISO 8601, UTC)' });
    return value;
  }
  /** Ids are strings in Mastodon's API (the serializers call `to_s`), never empty. */
  id(o: Json, key: string, path: string): string {
    const id = this.text(o, key, path);
    if (typeof o[key] === 'string' && !/^[0-9A-Za-z_-]{1,100}$/.test(id))
      this.problems.push({ field: `${path}/${key}`, message: 'is not an id Mastodon writes' });
    return id;
  }
}

const TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a text is an ISO 8601 time of a real calendar day, within the days Docket accepts. */
export function isMastodonTime(value: string): boolean {
  const day = TIME.exec(value)?.[1];
  return day !== undefined && isCalendarDay(day) && instantInRange(Date.parse(value));
}

/** REST::Admin::AccountSerializer: the admin fields, with the public account (REST::AccountSerializer) inside. */
function readAdminAccount(r: Reader, o: Json, path: string): MastodonAccount {
  const id = r.id(o, 'id', path);
  const username = r.text(o, 'username', path);
  const domain = r.maybeText(o, 'domain', path);
  const inner = r.object(o, 'account', path, true) ?? {};
  const innerPath = `${path}/account`;
  return {
    id,
    username,
    acct: r.maybeText(inner, 'acct', innerPath) ?? (domain ? `${username}@${domain}` : username),
    displayName: r.maybeText(inner, 'display_name', innerPath),
    note: r.maybeText(inner, 'note', innerPath),
    url: r.maybeText(inner, 'url', innerPath),
    locale: r.maybeText(o, 'locale', path),
    createdAt: r.maybeTime(o, 'created_at', path),
    followers: r.count(inner, 'followers_count', innerPath),
  };
}

/** REST::StatusSerializer, as Mastodon renders it without a current user. */
function readStatus(r: Reader, o: Json, path: string): MastodonStatus {
  const account = r.object(o, 'account', path) ?? {};
  return {
    id: r.id(o, 'id', path),
    accountId: r.id(account, 'id', `${path}/account`),
    accountAcct: r.maybeText(account, 'acct', `${path}/account`),
    content: r.maybeText(o, 'content', path) ?? r.maybeText(o, 'text', path) ?? '',
    spoilerText: r.maybeText(o, 'spoiler_text', path) ?? '',
    language: r.maybeText(o, 'language', path),
    url: r.maybeText(o, 'url', path),
    uri: r.maybeText(o, 'uri', path),
    createdAt: r.time(o, 'created_at', path),
    editedAt: r.maybeTime(o, 'edited_at', path),
    reblogs: r.count(o, 'reblogs_count', path),
    mediaTypes: (o.media_attachments === undefined ? [] : r.list(o, 'media_attachments', path)).map((m) =>
      typeof m.type === 'string' ? m.type : 'unknown',
    ),
    hasCard: o.card !== null && typeof o.card === 'object',
  };
}

/** A moderator the report names (a nested REST::Admin::AccountSerializer): its id and username, or null. */
function readModerator(r: Reader, o: Json, key: string, path: string): { id: string; username: string } | null {
  const moderator = r.object(o, key, path, true);
  return moderator
    ? { id: r.id(moderator, 'id', `${path}/${key}`), username: r.text(moderator, 'username', `${path}/${key}`) }
    : null;
}

function readReport(r: Reader, o: Json, path: string): MastodonReport {
  const category = r.text(o, 'category', path);
  const reporter = r.object(o, 'account', path) ?? {};
  const target = r.object(o, 'target_account', path) ?? {};
  return {
    id: r.id(o, 'id', path),
    category: (MASTODON_CATEGORIES as readonly string[]).includes(category) ? (category as MastodonCategory) : 'other',
    comment: r.maybeText(o, 'comment', path) ?? '',
    forwarded: o.forwarded === null ? false : r.flag(o, 'forwarded', path),
    actionTaken: r.flag(o, 'action_taken', path),
    actionTakenAt: r.maybeTime(o, 'action_taken_at', path),
    actionTakenBy: readModerator(r, o, 'action_taken_by_account', path),
    // A payload without it reads as unassigned.
    assignedAccount: o.assigned_account === undefined ? null : readModerator(r, o, 'assigned_account', path),
    createdAt: r.time(o, 'created_at', path),
    updatedAt: r.time(o, 'updated_at', path),
    reporterId: r.id(reporter, 'id', `${path}/account`),
    target: readAdminAccount(r, target, `${path}/target_account`),
    statuses: r.list(o, 'statuses', path).map((s, i) => readStatus(r, s, `${path}/statuses/${i}`)),
    rules: (o.rules === undefined ? [] : r.list(o, 'rules', path)).map((rule, i) => ({
      id: r.id(rule, 'id', `${path}/rules/${i}`),
      text: r.maybeText(rule, 'text', `${path}/rules/${i}`) ?? '',
    })),
  };
}

export type Read<T> = { ok: true; value: T } | { ok: false; problems: FieldError[] };

function reading<T>(object: Json, read: (r: Reader, o: Json, path: string) => T): Read<T> {
  const r = new Reader();
  const value = read(r, object, '/object');
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value };
}

export const readMastodonReport = (object: Json): Read<MastodonReport> => reading(object, readReport);
export const readMastodonAccount = (object: Json): Read<MastodonAccount> => reading(object, readAdminAccount);
export const readMastodonStatus = (object: Json): Read<MastodonStatus> => reading(object, readStatus);

// ---------------------------------------------------------------------------------------------------------------
// Text

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A status's HTML (Mastodon's `content`: paragraphs, line breaks, links, mentions) as plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const webUrl = (url: string | null): string | undefined =>
  url && url.length <= 2_000 && /^https?:\/\/[^\s]+$/.test(url) && URL.canParse(url) ? url : undefined;
const languageTag = (tag: string | null): string | undefined =>
  tag && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
const instant = (at: string | null): string | undefined =>
  at && !Number.isNaN(Date.parse(at)) ? new Date(Date.parse(at)).toISOString() : undefined;
const present = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

// ---------------------------------------------------------------------------------------------------------------
// Subjects

export function accountSubject(account: MastodonAccount): SubjectInput {
  return present({
    externalId: account.id,
    kind: 'account' as const,
    title: clip(account.displayName ? `${account.displayName} (@${account.acct})` : `@${account.acct}`, 500),
    body: account.note ? clip(htmlToText(account.note), 20_000) : undefined,
    url: webUrl(account.url),
    language: languageTag(account.locale),
    followers: account.followers ?? undefined,
    postedAt: instant(account.createdAt),
  });
}

function contentTypeOf(status: MastodonStatus): SubjectInput['contentType'] {
  if (status.mediaTypes.some((t) => t === 'video' || t === 'gifv')) return 'video';
  if (status.mediaTypes.some((t) => t === 'image')) return 'image';
  if (status.hasCard) return 'link';
  return 'text';
}

export function statusSubject(status: MastodonStatus): SubjectInput {
  const text = htmlToText(status.content);
  // A content warning is part of what readers see first.
  const body = status.spoilerText ? `${status.spoilerText}\n\n${text}` : text;
  return present({
    externalId: status.id,
    kind: 'content' as const,
    contentType: contentTypeOf(status),
    authorExternalId: status.accountId,
    body: clip(body, 20_000),
    url: webUrl(status.url) ?? webUrl(status.uri),
    language: languageTag(status.language),
    shares: status.reblogs ?? undefined,
    postedAt: instant(status.createdAt),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Policies

/**
 * What each of Mastodon's categories alleges when the connector's policy map does not say: the default policy
 * library's nearest policy. The library has no policy for illegal content in general: a `legal` report alleges the
 * gravest section of violence and incitement, so it is looked at first; an instance maps `legal` to its own policy.
 */
export const DEFAULT_CATEGORY_POLICIES: Record<MastodonCategory, PolicyRef> = {
  spam: { policyId: 'spam', sectionId: 'commercial-spam' },
  legal: { policyId: 'violence-incitement' },
  violation: { policyId: 'bullying-harassment', sectionId: 'targeted-harassment' },
  other: { policyId: 'bullying-harassment', sectionId: 'targeted-harassment' },
};

/** The policy a report alleges: the first rule it cites that the map names, else its category's, else the default. */
export function policyFor(report: Pick<MastodonReport, 'category' | 'rules'>, map: PolicyMap): PolicyRef {
  for (const rule of report.rules) {
    const mapped = map.rules?.[rule.id];
    if (mapped) return mapped;
  }
  return map.categories?.[report.category] ?? DEFAULT_CATEGORY_POLICIES[report.category];
}

// ---------------------------------------------------------------------------------------------------------------
// Reports

/** What the report says, as the report's text: the comment, that it was forwarded, the category and the rules. */
export function reportText(report: MastodonReport): string {
  const lines = [report.comment.trim()];
  if (report.forwarded)
    lines.push('Forwarded by another server: the reporter is on that server, not on this instance.');
  const rules = report.rules.map((rule) => `#${rule.id}${rule.text ? ` ${rule.text}` : ''}`).join('; ');
  lines.push(`Mastodon report ${report.id}, category ${report.category}${rules ? `, rules cited: ${rules}` : ''}.`);
  return clip(lines.filter((line) => line !== '').join('\n'), 5_000);
}

/**
 * One Mastodon report as Docket's reports: one on the reported account and one on each reported status, each
 * carrying the reporter's id (private), the text and the policy.
 */
export function reportItems(report: MastodonReport, map: PolicyMap): ReportInput[] {
  const policy = policyFor(report, map);
  const shared = {
    policyId: policy.policyId,
    ...(policy.sectionId ? { sectionId: policy.sectionId } : {}),
    text: reportText(report),
    ...(report.reporterId ? { reporterRef: report.reporterId } : {}),
    source: 'user' as const,
  };
  const seen = new Set<string>();
  const statuses = report.statuses.filter((s) => !seen.has(s.id) && seen.add(s.id));
  return [
    { subject: accountSubject(report.target), ...shared },
    ...statuses.map((status) => ({ subject: statusSubject(status), ...shared })),
  ];
}

/** The report's resolution inside Mastodon, when a moderator there took action on it; null while it is open. */
export function upstreamResolution(
  report: MastodonReport,
): { by: { id: string; username: string } | null; at: string | null } | null {
  if (!report.actionTaken) return null;
  return { by: report.actionTakenBy, at: report.actionTakenAt };
}

/**
 * The key a delivery is known by: the event, the object's id and its version (a report's `updated_at`; for objects
 * without one, the event's own `created_at`). Mastodon retries a delivery with the same body, so a retry or a
 * replay has the same key and creates nothing.
 */
export const deliveryKey = (event: string, objectId: string, version: string): string =>
  `mastodon:${event}:${objectId}:${version}`;

/** The subjects' external ids a report names: its account and statuses (what resolved upstream marks). */
export const reportSubjectIds = (report: MastodonReport): string[] => [
  report.target.id,
  ...report.statuses.map((s) => s.id),
];

// ---------------------------------------------------------------------------------------------------------------
// What Mastodon's moderators change on a report, and report.updated tells
//
// Mastodon sends `report.updated` after every committed update of a report (app/models/report.rb:
// `after_update_commit :trigger_update_webhooks`), with the report as it is when the delivery is built
// (TriggerWebhookWorker loads it by id). The updates its moderators can make:
// - resolve (`resolve!`) and reopen (`unresolve!`: action_taken_at and action_taken_by_account back to null):
//   app/models/report.rb, Api::V1::Admin::ReportsController#resolve/#reopen;
// - assign and unassign (assigned_account): nothing for Docket to change, beyond the version;
// - the category and the rules cited (PUT /api/v1/admin/reports/:id with `category` and `rule_ids`, the admin UI's
//   ReportReasonSelector; report.rb validates rule_ids only for `violation`);
// - statuses added to the report (Admin::StatusBatchAction `report` with a report_id: status_ids grows) and removed
//   from it (`remove_from_report`): app/models/admin/status_batch_action.rb.
// The reporter's comment and the target account cannot be changed by a moderator: nothing in Mastodon updates them
// after ReportService creates the report, so Docket does not look for such a change.

/** What Docket keeps of a Mastodon report between its webhooks: what it alleges, whether it is resolved, as of when. */
export interface ReportState {
  category: MastodonCategory;
  /** The rule ids it cites, sorted. */
  ruleIds: string[];
  resolved: boolean;
  /** Mastodon's `updated_at`, as an ISO instant: the version of the report this state is. */
  updatedAt: string;
}

export function reportStateOf(report: MastodonReport): ReportState {
  return {
    category: report.category,
    ruleIds: [...new Set(report.rules.map((rule) => rule.id))].sort(),
    resolved: report.actionTaken,
    updatedAt: instant(report.updatedAt) ?? report.updatedAt,
  };
}

/**
 * True when the report is a later version than the state Docket keeps (or Docket keeps none). Mastodon retries a
 * failed delivery later, so an older version can arrive after a newer one: it must change nothing.
 */
export function isNewerThan(report: Pick<MastodonReport, 'updatedAt'>, kept: Pick<ReportState, 'updatedAt'> | null) {
  if (kept === null) return true;
  const [at, keptAt] = [Date.parse(report.updatedAt), Date.parse(kept.updatedAt)];
  return !Number.isNaN(at) && (Number.isNaN(keptAt) || at > keptAt);
}

/** True when the report is an earlier version than the state Docket keeps: a late delivery, to be ignored. */
export function isOlderThan(report: Pick<MastodonReport, 'updatedAt'>, kept: Pick<ReportState, 'updatedAt'> | null) {
  return kept !== null && Date.parse(report.updatedAt) < Date.parse(kept.updatedAt);
}

/** A report's policy as it stood: its category, its rules and the Docket policy they map to. */
export interface AllegedPolicy {
  category: MastodonCategory;
  ruleIds: string[];
  policy: PolicyRef;
}

export interface ReportChange {
  /** Docket kept the report as resolved inside Mastodon, and it is open again. */
  reopened: boolean;
  /** Its category or rules changed: what they were and what they are, each with the policy it maps to. */
  policy: { from: AllegedPolicy; to: AllegedPolicy } | null;
  /** Statuses the report names now and did not when Docket last heard of it. */
  addedStatuses: MastodonStatus[];
  /** Statuses Docket filed from the report that it no longer names. */
  removedStatusIds: string[];
}

const alleged = (category: MastodonCategory, ruleIds: string[], map: PolicyMap): AllegedPolicy => ({
  category,
  ruleIds,
  policy: policyFor({ category, rules: ruleIds.map((id) => ({ id, text: '' })) }, map),
});

/**
 * What a newer version of an open report changes, against what Docket kept of it: the state (null for a report
 * received before Docket kept any: then neither a reopening nor a policy change can be told) and the external ids
 * Docket filed from it (its account and statuses).
 */
export function reportChange(
  kept: ReportState | null,
  filed: readonly string[],
  report: MastodonReport,
  map: PolicyMap,
): ReportChange {
  const now = reportStateOf(report);
  const policyChanged =
    kept !== null && (kept.category !== now.category || kept.ruleIds.join(',') !== now.ruleIds.join(','));
  const known = new Set(filed);
  const named = new Set(reportSubjectIds(report));
  const seen = new Set<string>();
  return {
    reopened: kept !== null && kept.resolved && !now.resolved,
    policy:
      kept !== null && policyChanged
        ? { from: alleged(kept.category, kept.ruleIds, map), to: alleged(now.category, now.ruleIds, map) }
        : null,
    addedStatuses: report.statuses.filter((s) => !known.has(s.id) && !seen.has(s.id) && seen.add(s.id)),
    removedStatusIds: filed.filter((id) => id !== report.target.id && !named.has(id)),
  };
}

/** True when the change is one Docket records on the cases (a reopening is recorded on its own). */
export const changesPolicyOrStatuses = (change: ReportChange): boolean =>
  change.policy !== null || change.addedStatuses.length > 0 || change.removedStatusIds.length > 0;

/**
 * The Docket reports a report's newly named statuses become: one on each, like report.created's, with the report's
 * policy as it is now. The account was filed when the report came; it is not filed again.
 */
export function addedStatusItems(report: MastodonReport, added: readonly MastodonStatus[], map: PolicyMap) {
  return reportItems({ ...report, statuses: [...added] }, map).slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// The policy map, as an admin writes it (the CLI reads it from a file; the API's schema checks the same shape)

const isPlainObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function refProblems(ref: unknown, field: string): FieldError[] {
  if (!isPlainObject(ref)) return [{ field, message: 'must be an object {"policyId", "sectionId"?}' }];
  const problems: FieldError[] = [];
  for (const key of Object.keys(ref))
    if (key !== 'policyId' && key !== 'sectionId') problems.push({ field: `${field}/${key}`, message: 'is unknown' });
  for (const key of ['policyId', 'sectionId'] as const) {
    const value = ref[key];
    if (value === undefined && key === 'sectionId') continue;
    if (typeof value !== 'string' || value.length < 1 || value.length > 60)
      problems.push({ field: `${field}/${key}`, message: 'must be 1 to 60 characters' });
  }
  return problems;
}

/** Every place a policy map is not shaped as the contract's PolicyMap, with its JSON pointer. */
export function policyMapProblems(map: unknown): FieldError[] {
  if (!isPlainObject(map)) return [{ field: '/policyMap', message: 'must be an object' }];
  const problems: FieldError[] = [];
  for (const [key, value] of Object.entries(map)) {
    const at = `/policyMap/${key}`;
    if (key !== 'categories' && key !== 'rules') problems.push({ field: at, message: 'is unknown' });
    else if (!isPlainObject(value)) problems.push({ field: at, message: 'must be an object' });
    else
      for (const [name, ref] of Object.entries(value)) {
        const known =
          key === 'categories' ? (MASTODON_CATEGORIES as readonly string[]).includes(name) : /^[0-9]{1,20}$/.test(name);
        problems.push(
          ...(known
            ? refProblems(ref, `${at}/${name}`)
            : [{ field: `${at}/${name}`, message: key === 'categories' ? 'is not a category' : 'is not a rule id' }]),
        );
      }
  }
  return problems;
}

/**
 * Each policy a report can allege under the map, with where it comes from: the rules' and each category's (its
 * default when the map names none). The connector checks they exist when it is set.
 */
export function policyRefsOf(map: PolicyMap): { field: string; ref: PolicyRef }[] {
  return [
    ...MASTODON_CATEGORIES.map((name) => ({
      field: `/policyMap/categories/${name}`,
      ref: map.categories?.[name] ?? DEFAULT_CATEGORY_POLICIES[name],
    })),
    ...Object.entries(map.rules ?? {}).map(([id, ref]) => ({ field: `/policyMap/rules/${id}`, ref })),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// What the connector keeps of the instance's records, for the decisions it sends back

/** An account of the instance and whether it is the instance's own (local) or another server's. */
export interface SeenAccount {
  accountId: string;
  acct: string;
  local: boolean;
}

/** Mastodon's `acct` is `user` for a local account and `user@domain` for a remote one. */
export function isLocalAcct(acct: string): boolean {
  return !acct.includes('@');
}

const seen = (accountId: string, acct: string): SeenAccount => ({ accountId, acct, local: isLocalAcct(acct) });

/** The accounts a report names: its target, and the authors of its statuses whose acct the payload gives. */
export function accountsOfReport(report: MastodonReport): SeenAccount[] {
  const all = [seen(report.target.id, report.target.acct), ...report.statuses.flatMap(accountsOfStatus)];
  return [...new Map(all.map((a) => [a.accountId, a])).values()];
}

export function accountsOfStatus(status: MastodonStatus): SeenAccount[] {
  return status.accountAcct === null ? [] : [seen(status.accountId, status.accountAcct)];
}

export function accountsOfAccount(account: MastodonAccount): SeenAccount[] {
  return [seen(account.id, account.acct)];
}
