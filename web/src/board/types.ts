export interface BoardCase {
  id: string;
  ref: string;
  kind: 'user_appeal' | 'platform_referral' | 'policy_advisory';
  track: 'standard' | 'expedited';
  status: 'candidate' | 'not_selected' | 'selected' | 'platform_reversed' | 'decided';
  title: string;
  country: string | null;
  region: string | null;
  priorities: string[];
  demand: number;
  submittedAt: string;
  selectedAt: string | null;
  decisionDueAt: string | null;
  commentsCloseAt: string | null;
  outcome: string | null;
  summary: boolean | null;
  publishedAt: string | null;
  deadline?: 'on_time' | 'warning' | 'overdue' | null;
  rank?: { score: number; parts: { factor: string; points: number }[] };
}

export interface Obligation {
  id: string;
  boardCaseId: string;
  ref?: string;
  title?: string;
  requiredOutcome: 'remove' | 'no_violation';
  dueAt: string;
  status: 'open' | 'implemented';
  overdue: boolean;
  note: string | null;
  sweepMatched: number | null;
  sweepActioned: number | null;
  implementedAt: string | null;
}

export interface Recommendation {
  id: string;
  ref: string;
  /** The group the board published it in; null for recommendations given none. */
  group: 'policy' | 'enforcement' | 'transparency' | null;
  caseRef: string;
  caseTitle: string;
  text: string;
  measure: string;
  responseDueAt: string;
  responseState: 'awaiting' | 'overdue' | 'answered' | 'answered_late';
  latestResponse: string | null;
  latestAssessment: string | null;
  closed: boolean;
  responses: { id: string; category: string; reasons: string; timeline: string | null; respondedAt: string }[];
  assessments: { assessment: string; note: string; assessedAt: string }[];
}

export interface PendingComment {
  id: string;
  ref: string;
  name: string | null;
  organisation: string | null;
  anonymous: boolean;
  body: string;
  submittedAt: string;
}

export interface Desk {
  manager: { active: BoardCase[]; pendingComments: PendingComment[] } | null;
  panels: BoardCase[] | null;
  platform: { obligations: Obligation[]; recommendations: Recommendation[]; selectedCases: BoardCase[] } | null;
}

export interface CaseFile {
  case: BoardCase & {
    statement: string;
    selectionNote: string | null;
    platformReversal: string | null;
    decisionText: string | null;
    voteCounts: Record<string, number> | null;
    commentsOpen: boolean;
    commentsClosedEarlyReason: string | null;
  };
  /** For the case manager while the case is under deliberation: what publishing would decide. */
  publication: Publication | null;
  panel: {
    userId: string;
    name: string | null;
    region: string | null;
    status: 'seated' | 'recused';
    reason: string | null;
    voted: number | null;
  }[];
  moderation: {
    subject: {
      externalId: string;
      title: string | null;
      body: string | null;
      country: string | null;
      authorExternalId: string | null;
      views: number;
    } | null;
    decisions: {
      id: string;
      outcome: string;
      policyId: string;
      sectionId: string;
      facts: string;
      status: string;
      decidedAt: string;
    }[];
    appeals: { id: string; appellant: string; statement: string; result: string | null; reason: string | null }[];
  } | null;
  drafts: {
    version: number;
    text: string;
    recommendations: { text: string; measure: string; group?: Recommendation['group'] }[];
    savedAt: string;
  }[];
  votes: { userId: string; draftVersion: number; vote: string; opinion: string | null }[];
  comments: {
    id: string;
    kind: 'comment' | 'brief';
    status: string;
    author: string;
    body: string;
    submittedAt: string;
  }[];
  obligation: Obligation | null;
  recommendations: Recommendation[];
  may: {
    select: boolean;
    manage: boolean;
    deliberate: boolean;
    reverse: boolean;
    closeComments: boolean;
    publish: boolean;
    publishSummary: boolean;
  };
}

export const RESPONSE_CATEGORIES = [
  'implementing_fully',
  'implementing_in_part',
  'assessing_feasibility',
  'work_already_done',
  'declined',
] as const;
export const ASSESSMENTS = [
  'implemented',
  'implementation_in_progress',
  'progress_reported',
  'declined',
  'omitted_or_reframed',
  'not_demonstrated',
] as const;
export const REGIONS = [
  'asia_pacific',
  'central_south_asia',
  'europe',
  'latin_america_caribbean',
  'middle_east_north_africa',
  'sub_saharan_africa',
  'united_states_canada',
] as const;
export const label = (value: string | null | undefined): string => (value ? value.replace(/_/g, ' ') : '—');

export interface Publication {
  draftVersion: number | null;
  counts: Record<string, number>;
  seated: number;
  votesNeeded: number;
  commentsOpenUntil: string | null;
}
