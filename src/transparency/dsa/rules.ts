import type { DsaRecord } from './contract.js';
import type { AccountType, StatementOfReasons } from '../../moderation/contract.js';
import type { PolicySection } from '../../policy/contract.js';
import { RETIRED_V1_CATEGORIES, STATEMENT_CATEGORIES, type TdbCategory } from './tdb-enums.js';

/**
 * Statements of reasons in the format of the EU DSA Transparency Database API (its field names and enumerations),
 * as pure functions: one decision's notice in, one record out (or none when the decision restricted nothing in the
 * EEA, which the database does not take).
 */

/** EEA states (the database's territorial scope), ISO 3166-1 alpha-3 -> alpha-2. */
export const EEA: Record<string, string> = {
  AUT: 'AT',
  BEL: 'BE',
  BGR: 'BG',
  HRV: 'HR',
  CYP: 'CY',
  CZE: 'CZ',
  DNK: 'DK',
  EST: 'EE',
  FIN: 'FI',
  FRA: 'FR',
  DEU: 'DE',
  GRC: 'GR',
  HUN: 'HU',
  IRL: 'IE',
  ITA: 'IT',
  LVA: 'LV',
  LTU: 'LT',
  LUX: 'LU',
  MLT: 'MT',
  NLD: 'NL',
  POL: 'PL',
  PRT: 'PT',
  ROU: 'RO',
  SVK: 'SK',
  SVN: 'SI',
  ESP: 'ES',
  SWE: 'SE',
  ISL: 'IS',
  LIE: 'LI',
  NOR: 'NO',
};

export interface DecisionFacts {
  decisionId: string;
  statement: StatementOfReasons;
  territorialScope: string[];
  language: string | null;
  postedAt: Date | null;
  decidedAt: Date;
  subjectKind: 'content' | 'account';
  /**
   * The data of the policy version the decision applied: its DSA category, and the section's keywords; null when
   * the version is not in the library (the statement's own category is then read as v2).
   */
  policy: { dsaCategory: string; section: Pick<PolicySection, 'dsaKeywords' | 'dsaOtherKeyword'> | null } | null;
  /** The affected account as its platform stated it; null when it did not say, and the record leaves it out. */
  accountType: AccountType | null;
}

/**
 * What CONTENT_TYPE_OTHER stands for, which the database requires with it: a link (the one content type Docket sends
 * as other), an account, or content the platform pushed without its type.
 */
function contentTypeOther(types: readonly string[], kind: DecisionFacts['subjectKind']): string {
  if (types.length > 0) return 'Link';
  return kind === 'account' ? 'Account' : 'Content of a type the platform did not state';
}

const ACCOUNT_TYPE = { business: 'ACCOUNT_TYPE_BUSINESS', private: 'ACCOUNT_TYPE_PRIVATE' } as const;

/**
 * A category as the database takes it since v2: a v2 category as it is, a retired v1 one as its changelog's v2
 * successor, anything else (a retired category without one) as a violation of the terms and conditions.
 */
export function v2Category(category: string): TdbCategory {
  if (category in STATEMENT_CATEGORIES) return category as TdbCategory;
  return RETIRED_V1_CATEGORIES[category] ?? 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC';
}

/** The territorial scope in the database's terms: EEA states as alpha-2 codes; WORLD covers them all. */
export function eeaScope(scope: readonly string[]): string[] {
  if (scope.includes('WORLD')) return [...WHOLE_EEA];
  const codes = scope.map((code) => EEA[code]).filter((code): code is string => Boolean(code));
  return [...new Set(codes)].sort();
}

/** Every EEA state, as WORLD stands for (most decisions apply everywhere: sorted once, not per statement). */
const WHOLE_EEA: readonly string[] = [...new Set(Object.values(EEA))].sort();

/**
 * Whether the database takes a decision's statement: the decision restricted something (the content's visibility,
 * the account, the service) somewhere in the EEA. Otherwise there is nothing to report to it.
 */
export function restrictsInEea(
  s: Pick<StatementOfReasons, 'decision_visibility' | 'decision_account' | 'decision_provision'>,
  territorialScope: readonly string[],
): boolean {
  const restricts = s.decision_visibility.length > 0 || s.decision_account !== null || s.decision_provision !== null;
  return restricts && eeaScope(territorialScope).length > 0;
}

export function toDsaRecord(facts: DecisionFacts): DsaRecord | null {
  const s = facts.statement;
  if (!restrictsInEea(s, facts.territorialScope)) return null;
  const territorial_scope = eeaScope(facts.territorialScope);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const keywords = facts.policy?.section?.dsaKeywords ?? [];
  const otherKeyword = facts.policy?.section?.dsaOtherKeyword;
  return {
    puid: facts.decisionId,
    ...(s.decision_visibility.length > 0 ? { decision_visibility: s.decision_visibility } : {}),
    ...(s.end_date_visibility_restriction
      ? { end_date_visibility_restriction: s.end_date_visibility_restriction }
      : {}),
    ...(s.decision_provision ? { decision_provision: s.decision_provision } : {}),
    ...(s.decision_provision && s.end_date_service_restriction
      ? { end_date_service_restriction: s.end_date_service_restriction }
      : {}),
    ...(s.decision_account ? { decision_account: s.decision_account } : {}),
    ...(facts.accountType ? { account_type: ACCOUNT_TYPE[facts.accountType] } : {}),
    ...(s.decision_account && s.end_date_account_restriction
      ? { end_date_account_restriction: s.end_date_account_restriction }
      : {}),
    ...groundOf(s),
    category: v2Category(facts.policy?.dsaCategory ?? s.category),
    ...(keywords.length > 0 ? { category_specification: keywords } : {}),
    ...(otherKeyword ? { category_specification_other: otherKeyword } : {}),
    content_type: s.content_type.length > 0 ? s.content_type : ['CONTENT_TYPE_OTHER'],
    ...(s.content_type.length === 0 || s.content_type.includes('CONTENT_TYPE_OTHER')
      ? { content_type_other: contentTypeOther(s.content_type, facts.subjectKind) }
      : {}),
    ...(facts.language && /^[a-z]{2}$/i.test(facts.language) ? { content_language: facts.language.toUpperCase() } : {}),
    content_date: day(facts.postedAt ?? facts.decidedAt),
    application_date: day(facts.decidedAt),
    territorial_scope,
    decision_facts: s.decision_facts,
    source_type: s.source_type,
    automated_detection: s.automated_detection,
    automated_decision: s.automated_decision,
  };
}

/**
 * The decision's ground as the database takes it: illegal content with the legal ground and the explanation, or the
 * terms with their ground and explanation (and that the content is not held illegal). Only the ground's own fields
 * are sent: the database drops the other ground's (`exclude_unless`), so sending them would only mislead a reader.
 */
function groundOf(
  s: StatementOfReasons,
): Pick<
  DsaRecord,
  | 'decision_ground'
  | 'illegal_content_legal_ground'
  | 'illegal_content_explanation'
  | 'incompatible_content_ground'
  | 'incompatible_content_explanation'
  | 'incompatible_content_illegal'
> {
  if (s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT')
    return {
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: s.illegal_content_legal_ground ?? '',
      illegal_content_explanation: s.illegal_content_explanation ?? '',
    };
  return {
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: s.incompatible_content_ground ?? '',
    incompatible_content_explanation: s.incompatible_content_explanation ?? '',
    incompatible_content_illegal: 'No',
  };
}

export const DSA_CSV_COLUMNS: (keyof DsaRecord)[] = [
  'puid',
  'decision_visibility',
  'end_date_visibility_restriction',
  'decision_provision',
  'end_date_service_restriction',
  'decision_account',
  'end_date_account_restriction',
  'account_type',
  'decision_ground',
  'illegal_content_legal_ground',
  'illegal_content_explanation',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'category',
  'category_specification',
  'category_specification_other',
  'content_type',
  'content_type_other',
  'content_language',
  'content_date',
  'application_date',
  'territorial_scope',
  'decision_facts',
  'source_type',
  'automated_detection',
  'automated_decision',
];

/** CSV as the database's own dumps write it: arrays as JSON text in their cell; RFC 4180 quoting. */
export function toCsv(records: readonly DsaRecord[]): string {
  const cell = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [
      DSA_CSV_COLUMNS.join(','),
      ...records.map((record) => DSA_CSV_COLUMNS.map((column) => cell(record[column])).join(',')),
    ].join('\r\n') + '\r\n'
  );
}
