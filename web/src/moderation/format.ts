import type { CaseView } from '../../../src/moderation/contract';

/** The policy and section the reports on a case name most often: what the decision form starts from. */
export function mostReported(reports: CaseView['reports']): { policyId: string; sectionId: string | null } | null {
  const count = new Map<string, number>();
  for (const r of reports) count.set(r.policyId, (count.get(r.policyId) ?? 0) + 1);
  const policyId = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!policyId) return null;
  const sections = new Map<string, number>();
  for (const r of reports)
    if (r.policyId === policyId && r.sectionId) sections.set(r.sectionId, (sections.get(r.sectionId) ?? 0) + 1);
  return { policyId, sectionId: [...sections.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null };
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

/** A vocabulary value as words: `restrict_account` reads "restrict account". */
export const words = (value: string) => value.replace(/_/g, ' ');
