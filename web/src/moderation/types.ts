/** Moderation answers of the API (see /api/docs). */
export interface PriorityFactor {
  factor: 'severity' | 'reach' | 'actor' | 'context' | 'age';
  value: number;
  detail: string;
}

export interface CaseSummary {
  id: string;
  status: 'open' | 'closed';
  level: 'frontline' | 'senior' | 'policy';
  priority: number;
  /** The product of `priorityFactors`, at `priorityAt`; the queue orders by it. */
  priorityFactors: PriorityFactor[];
  priorityAt: string;
  reportCount: number;
  policiesAlleged: string[];
  country: string | null;
  language: string | null;
  openedAt: string;
  claimedBy: string | null;
  /** Who holds the case (display name), while the lease runs. */
  claimedByName: string | null;
  leaseExpiresAt: string | null;
  escalationNote: string | null;
}

export interface QueueEntry extends CaseSummary {
  subject: {
    id: string;
    kind: string;
    contentType: string | null;
    title: string;
    country: string | null;
    language: string | null;
  };
}

export interface Subject {
  id: string;
  externalId: string;
  kind: 'content' | 'account';
  contentType: string | null;
  authorExternalId: string | null;
  title: string | null;
  body: string | null;
  url: string | null;
  language: string | null;
  country: string | null;
  views: number;
  shares: number;
  followers: number;
  publicFigure: string | null;
  postedAt: string | null;
}

export interface CaseDetail {
  case: CaseSummary;
  subject: Subject;
  author: Subject | null;
  reports: {
    id: string;
    policyId: string;
    sectionId: string | null;
    text: string | null;
    source: string;
    receivedAt: string;
  }[];
  decisions: {
    id: string;
    outcome: string;
    policyId: string;
    sectionId: string;
    policyVersion: number;
    facts: string;
    decidedAt: string;
    status: string;
    reviewOf: string | null;
  }[];
  notices: {
    id: string;
    decisionId: string;
    statement: {
      summary: string;
      decision_visibility: string[];
      incompatible_content_ground: string;
      redress: { internal_appeal_until: string | null };
    };
    createdAt: string;
  }[];
  activeStrikes: { id: string; policyId: string; issuedAt: string; expiresAt: string }[];
  restrictions: { id: string; kind: string; reason: string; startsAt: string; endsAt: string | null }[];
  history: { seq: number; type: string; actor: string; actorName: string; at: string }[];
  permissions: { claim: boolean; decide: boolean; escalate: boolean; keepNewsworthy: boolean };
  designation: 'none' | 'acute' | 'chronic';
  verifiedFigure: {
    kind: string;
    kindWhenPosted: string;
    name: string;
    country: string | null;
    verifiedAt: string;
  } | null;
  newsworthyNeedsWarningScreen: boolean;
}

export interface NewsworthinessAdvice {
  recommendation: 'keep' | 'remove';
  reasons: string[];
}

export interface PolicySection {
  id: string;
  title: string;
  text: string;
  severity: number;
  severe: boolean;
  allowedOutcomes: string[];
}

export interface Policy {
  policyId: string;
  version: number;
  title: string;
  summary: string;
  sections: PolicySection[];
}

/** Every consequence a draft decision would bring (POST /api/cases/{id}/decision/preview). */
export interface DecisionPreview {
  strike: { activeStrikes: number; rung: { minStrikes: number } | null } | null;
  strikeWithheld: string | null;
  restrictions: { kind: string; cause: string; days: number | null; endsAt: string | null; reason: string }[];
  summary: string[];
}

/** The policy and section the reports on a case name most often: what the decision form starts from. */
export function mostReported(reports: CaseDetail['reports']): { policyId: string; sectionId: string | null } | null {
  const count = new Map<string, number>();
  for (const r of reports) count.set(r.policyId, (count.get(r.policyId) ?? 0) + 1);
  const policyId = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!policyId) return null;
  const sections = new Map<string, number>();
  for (const r of reports)
    if (r.policyId === policyId && r.sectionId) sections.set(r.sectionId, (sections.get(r.sectionId) ?? 0) + 1);
  return { policyId, sectionId: [...sections.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null };
}

export interface DecisionResult {
  decisionId: string;
  strikeId: string | null;
  activeStrikes: number | null;
  restrictions: { id: string; kind: string; endsAt: string | null }[];
  noticeId: string;
}

export const OUTCOME_LABELS: Record<string, string> = {
  no_violation: 'No violation: keep up',
  remove: 'Remove',
  warning_screen: 'Keep behind a warning screen',
  keep_newsworthy: 'Keep as newsworthy (violating, public interest)',
  restrict_visibility: 'Restrict visibility',
};

export const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
