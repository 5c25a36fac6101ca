import type { JsonFileSetting } from '../core/config.js';
import { DocketError, type FieldError } from '../core/errors.js';
import type { ReportInput } from '../moderation/contract.js';
import {
  REASON_MAX_BYTES,
  REASON_MAX_GRAPHEMES,
  REASON_TYPES,
  REPO_REF,
  STRONG_REF,
  type ReportSubjectRef,
} from './contract.js';
import { invalidRequest } from './errors.js';
import { isCid, isDid, parseRecordUri } from './syntax.js';

/** The platform name atproto reports carry in Docket. */
export const ATPROTO_PLATFORM = 'atproto';

export interface CreateReport {
  reasonType: string;
  reason: string | undefined;
  subject: ReportSubjectRef;
}

/**
 * A createReport body checked against the lexicon (com.atproto.moderation.createReport#main input), with xrpc's
 * messages (`Input/<path> ...`). Fields the lexicon does not name are ignored, as lexicon objects are open; modTool
 * is checked and not kept. A reasonType outside the known values, or a subject of another `$type`, is refused:
 * the lexicon leaves both open, and Docket handles only what it knows.
 */
export function parseCreateReport(body: unknown): CreateReport {
  if (!isObject(body)) throw invalidRequest('Input must be an object');
  const { reasonType, reason, subject, modTool } = body;
  if (reasonType === undefined) throw invalidRequest('Input must have the property "reasonType"');
  if (typeof reasonType !== 'string') throw invalidRequest('Input/reasonType must be a string');
  if (!REASON_TYPES.includes(reasonType))
    throw invalidRequest(
      `Input/reasonType "${clip(reasonType)}" is not a known reason type of com.atproto.moderation.defs or tools.ozone.report.defs`,
    );
  if (reason !== undefined) {
    if (typeof reason !== 'string') throw invalidRequest('Input/reason must be a string');
    if (Buffer.byteLength(reason, 'utf8') > REASON_MAX_BYTES)
      throw invalidRequest(`Input/reason must not be longer than ${REASON_MAX_BYTES} characters`);
    if (graphemes(reason) > REASON_MAX_GRAPHEMES)
      throw invalidRequest(`Input/reason must not be longer than ${REASON_MAX_GRAPHEMES} graphemes`);
  }
  if (subject === undefined) throw invalidRequest('Input must have the property "subject"');
  if (modTool !== undefined) {
    if (!isObject(modTool)) throw invalidRequest('Input/modTool must be an object');
    if (typeof modTool.name !== 'string') throw invalidRequest('Input/modTool/name must be a string');
  }
  return { reasonType, reason, subject: parseSubject(subject) };
}

function parseSubject(subject: unknown): ReportSubjectRef {
  if (!isObject(subject)) throw invalidRequest('Input/subject must be an object which includes the "$type" property');
  const type = subject.$type;
  if (typeof type !== 'string')
    throw invalidRequest('Input/subject must be an object which includes the "$type" property');
  if (type === REPO_REF) {
    if (typeof subject.did !== 'string') throw invalidRequest('Input/subject/did must be a string');
    if (!isDid(subject.did)) throw invalidRequest('Input/subject/did must be a valid did');
    return { $type: REPO_REF, did: subject.did };
  }
  if (type === STRONG_REF || type === `${STRONG_REF}#main`) {
    const { uri, cid } = subject;
    if (typeof uri !== 'string') throw invalidRequest('Input/subject/uri must be a string');
    if (typeof cid !== 'string') throw invalidRequest('Input/subject/cid must be a string');
    const parsed = parseRecordUri(uri);
    if (typeof parsed === 'string') throw invalidRequest(`Input/subject/uri ${parsed}`);
    if (!isCid(cid)) throw invalidRequest('Input/subject/cid must be a cid string');
    return { $type: STRONG_REF, uri, cid };
  }
  throw invalidRequest(`Input/subject $type must be one of ${REPO_REF}, ${STRONG_REF} (got "${clip(type)}")`);
}

/** The Docket policy, and the section where one fits, that reports of one reason type allege. */
export interface ReasonPolicy {
  policyId: string;
  sectionId?: string;
}

/** Which policy each reason type alleges; a reason type with no entry is refused. */
export type ReasonPolicies = Readonly<Record<string, ReasonPolicy>>;

/**
 * The Docket policy (and section, where one fits) each reason type alleges, from the default policy library.
 * Reasons with no policy there (sexual content, self-harm, site rules, "other", appeals) are not taken unless
 * DOCKET_ATPROTO_REASON_MAP maps them: a Bluesky moderation service lists the reason types it accepts in its
 * labeler record (`reasonTypes`), and the app offers only those.
 */
export const DEFAULT_REASON_POLICIES: ReasonPolicies = {
  'com.atproto.moderation.defs#reasonSpam': { policyId: 'spam', sectionId: 'commercial-spam' },
  'com.atproto.moderation.defs#reasonMisleading': { policyId: 'misinformation' },
  'com.atproto.moderation.defs#reasonRude': { policyId: 'bullying-harassment' },
  'tools.ozone.report.defs#reasonViolenceThreats': {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
  },
  'tools.ozone.report.defs#reasonViolenceGlorification': { policyId: 'violence-incitement', sectionId: 'incitement' },
  'tools.ozone.report.defs#reasonViolenceExtremistContent': { policyId: 'dangerous-organizations' },
  'tools.ozone.report.defs#reasonViolenceOther': { policyId: 'violence-incitement' },
  'tools.ozone.report.defs#reasonChildSafetyCSAM': { policyId: 'child-safety', sectionId: 'child-sexual-exploitation' },
  'tools.ozone.report.defs#reasonChildSafetyGroom': { policyId: 'child-safety' },
  'tools.ozone.report.defs#reasonChildSafetyPrivacy': { policyId: 'child-safety' },
  'tools.ozone.report.defs#reasonChildSafetyHarassment': { policyId: 'child-safety' },
  'tools.ozone.report.defs#reasonChildSafetyOther': { policyId: 'child-safety' },
  'tools.ozone.report.defs#reasonHarassmentTroll': { policyId: 'bullying-harassment' },
  'tools.ozone.report.defs#reasonHarassmentTargeted': {
    policyId: 'bullying-harassment',
    sectionId: 'targeted-harassment',
  },
  'tools.ozone.report.defs#reasonHarassmentHateSpeech': { policyId: 'hate-speech' },
  'tools.ozone.report.defs#reasonHarassmentDoxxing': { policyId: 'bullying-harassment', sectionId: 'doxxing' },
  'tools.ozone.report.defs#reasonHarassmentOther': { policyId: 'bullying-harassment' },
  'tools.ozone.report.defs#reasonMisleadingBot': { policyId: 'spam', sectionId: 'fake-engagement' },
  'tools.ozone.report.defs#reasonMisleadingSpam': { policyId: 'spam', sectionId: 'commercial-spam' },
  'tools.ozone.report.defs#reasonMisleadingScam': { policyId: 'spam' },
  'tools.ozone.report.defs#reasonMisleadingElections': {
    policyId: 'misinformation',
    sectionId: 'election-interference',
  },
  'tools.ozone.report.defs#reasonMisleadingOther': { policyId: 'misinformation' },
};

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;
const ENTRY_SHAPE = '{"policyId": "<policy id>", "sectionId"?: "<section id>"} or null';

/**
 * Each way a reason map (the JSON of DOCKET_ATPROTO_REASON_MAP) is not `{"<reasonType>": {"policyId", "sectionId"?}
 * | null}`, by the key at fault: a key must be a known reason type of the two lexicons, and ids are slugs as the
 * policy library's are. Whether the library has the policy and section is for the report to find out: the library
 * changes while Docket runs.
 */
export function reasonMapProblems(map: unknown): FieldError[] {
  if (!isObject(map)) return [{ field: '', message: `must be a JSON object of reason types, each ${ENTRY_SHAPE}` }];
  return Object.entries(map).flatMap(([reasonType, entry]): FieldError[] => {
    if (!REASON_TYPES.includes(reasonType))
      return [
        {
          field: reasonType,
          message: 'is not a reason type of com.atproto.moderation.defs or tools.ozone.report.defs',
        },
      ];
    if (entry === null) return [];
    if (!isObject(entry)) return [{ field: reasonType, message: `must be ${ENTRY_SHAPE}` }];
    const problems: FieldError[] = Object.keys(entry)
      .filter((name) => name !== 'policyId' && name !== 'sectionId')
      .map((name) => ({ field: `${reasonType}/${name}`, message: 'is not policyId or sectionId' }));
    if (typeof entry.policyId !== 'string' || !SLUG.test(entry.policyId))
      problems.push({ field: `${reasonType}/policyId`, message: 'must be a policy id, a slug such as "spam"' });
    if (entry.sectionId !== undefined && (typeof entry.sectionId !== 'string' || !SLUG.test(entry.sectionId)))
      problems.push({ field: `${reasonType}/sectionId`, message: 'must be a section id, a slug such as "doxxing"' });
    return problems;
  });
}

/** The defaults with a reason map's entries over them: an entry replaces the default, `null` removes it. */
export function mergeReasonMap(
  defaults: ReasonPolicies,
  map: Readonly<Record<string, ReasonPolicy | null>>,
): ReasonPolicies {
  const merged: Record<string, ReasonPolicy> = { ...defaults };
  for (const [reasonType, entry] of Object.entries(map)) {
    if (entry === null) delete merged[reasonType];
    else merged[reasonType] = { policyId: entry.policyId, ...(entry.sectionId ? { sectionId: entry.sectionId } : {}) };
  }
  return merged;
}

/**
 * The reason map in effect: DOCKET_ATPROTO_REASON_MAP (read at start) checked and merged over the defaults. A map
 * that is not shaped as documented is a configuration error naming the file and every key at fault, so Docket does
 * not start with it.
 */
export function reasonPoliciesOf(setting: JsonFileSetting | undefined): ReasonPolicies {
  if (!setting) return DEFAULT_REASON_POLICIES;
  const problems = reasonMapProblems(setting.json);
  if (problems.length > 0) {
    const detail = problems.map((p) => (p.field ? `"${p.field}" ${p.message}` : p.message)).join('; ');
    throw new DocketError(
      'validation_failed',
      `configuration DOCKET_ATPROTO_REASON_MAP: ${setting.file}: ${detail}`,
      problems.map((p) => ({ field: `DOCKET_ATPROTO_REASON_MAP${p.field ? `/${p.field}` : ''}`, message: p.message })),
    );
  }
  return mergeReasonMap(DEFAULT_REASON_POLICIES, setting.json as Record<string, ReasonPolicy | null>);
}

/**
 * A checked createReport as Docket's report from its reporter (the DID that signed the service-auth token), citing
 * the policy the reason map in effect gives its reason type.
 */
export function toReportInput(report: CreateReport, reporterDid: string, policies: ReasonPolicies): ReportInput {
  const policy = Object.hasOwn(policies, report.reasonType) ? policies[report.reasonType] : undefined;
  if (!policy)
    throw invalidRequest(
      `this moderation service does not take reports of type ${report.reasonType} (see its labeler record's reasonTypes)`,
    );
  if (reporterDid.length > 200) throw invalidRequest('the reporter DID is longer than 200 characters');
  if (report.reason !== undefined && report.reason.length > 5_000)
    throw invalidRequest('Input/reason is longer than the 5,000 characters Docket keeps of a report');
  return {
    subject: subjectOf(report.subject),
    policyId: policy.policyId,
    ...(policy.sectionId ? { sectionId: policy.sectionId } : {}),
    ...(report.reason ? { text: report.reason } : {}),
    reporterRef: reporterDid,
    source: 'user',
  };
}

function subjectOf(ref: ReportSubjectRef): NonNullable<ReportInput['subject']> {
  if (ref.$type === REPO_REF) {
    if (ref.did.length > 200)
      throw invalidRequest('Input/subject/did is longer than the 200 characters Docket keeps as an id');
    return { externalId: ref.did, kind: 'account', url: `https://bsky.app/profile/${ref.did}` };
  }
  const record = parseRecordUri(ref.uri);
  if (typeof record === 'string') throw invalidRequest(`Input/subject/uri ${record}`);
  if (ref.uri.length > 200)
    throw invalidRequest('Input/subject/uri is longer than the 200 characters Docket keeps as an id');
  const post = record.collection === 'app.bsky.feed.post';
  return {
    externalId: ref.uri,
    kind: 'content',
    authorExternalId: record.did,
    // The record's version as reported: a later edit of the record has another CID.
    title: `${record.collection} ${record.rkey} (cid ${ref.cid})`.slice(0, 500),
    ...(post
      ? { contentType: 'text' as const, url: `https://bsky.app/profile/${record.did}/post/${record.rkey}` }
      : {}),
  };
}

/**
 * The integer the lexicon's `id` asks for: 53 of the random bits of the report's UUID (v7), so distinct reports get
 * distinct ids but for a one-in-2^53 chance. Docket's own key for the report stays the UUID.
 */
export function reportNumber(reportId: string): number {
  const hex = reportId.replace(/-/g, '').slice(18, 32);
  return Number(BigInt(`0x${hex}`) >> 3n);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const clip = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

function graphemes(text: string): number {
  let count = 0;
  for (const _ of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) count += 1;
  return count;
}
