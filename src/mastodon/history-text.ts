/**
 * What the Mastodon connector's entries on a case's history say, in words, for the console's case history. Pure and
 * dependency-free: the web console imports it. Reads the payloads as src/mastodon/events.ts defines them, defensively
 * (the console gets them as unknown JSON).
 */

type Payload = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Payload | null => (v !== null && typeof v === 'object' ? (v as Payload) : null);

const moderator = (v: unknown): string | null => {
  const name = text(obj(v)?.username);
  return name ? `@${name}` : null;
};

/** "violation, rules #2 and #4 (bullying-harassment/targeted-harassment)". */
function allegedText(v: unknown): string {
  const alleged = obj(v);
  if (!alleged) return 'unknown';
  const rules = list(alleged.ruleIds).map((id) => `#${id}`);
  const policy = obj(alleged.policy);
  const ref = policy ? [text(policy.policyId), text(policy.sectionId)].filter(Boolean).join('/') : '';
  return `${text(alleged.category) ?? 'unknown'}${rules.length > 0 ? `, rules ${rules.join(' and ')}` : ''}${ref ? ` (${ref})` : ''}`;
}

const posts = (n: number, what: string): string => `${n} post${n === 1 ? '' : 's'} ${what}`;

/** The words for a Mastodon event on a case's history, or null for an event that is not the connector's. */
export function mastodonHistoryText(type: string, payload: Payload): string | null {
  const report = `Mastodon report ${text(payload.reportId) ?? '?'}`;
  switch (type) {
    case 'mastodon.report_resolved_upstream': {
      const by = moderator(payload.actionTakenBy);
      return `${report} was resolved inside Mastodon${by ? ` by ${by}` : ''}`;
    }
    case 'mastodon.report_reopened_upstream': {
      const assigned = moderator(payload.assignedAccount);
      return `${report} was reopened inside Mastodon${assigned ? ` (assigned to ${assigned})` : ''}`;
    }
    case 'mastodon.report_changed_upstream': {
      const changes: string[] = [];
      if (obj(payload.from) && obj(payload.to))
        changes.push(`its policy changed from ${allegedText(payload.from)} to ${allegedText(payload.to)}`);
      const added = list(payload.statusesAdded).length;
      const removed = list(payload.statusesRemoved).length;
      if (added > 0) changes.push(`${posts(added, 'added')}, each filed as a report`);
      if (removed > 0) changes.push(`${posts(removed, 'removed')} (their reports stay)`);
      return `${report} was changed inside Mastodon: ${changes.length > 0 ? changes.join('; ') : 'no change Docket keeps'}`;
    }
    default:
      return null;
  }
}
