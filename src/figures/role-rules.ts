import { DocketError } from '../core/errors.js';
import type { PublicFigureKind } from '../core/outcomes.js';

/**
 * A change of a public figure's role, dated when it took effect (a head of government who hands over office stays
 * in the registry with the role they hold now). Pure: the current role and the time are passed in.
 */
export function checkRoleChange(input: {
  current: { kind: PublicFigureKind; since: Date };
  kind: PublicFigureKind;
  since: Date;
  now: Date;
}): void {
  const { current, kind, since, now } = input;
  if (kind === current.kind)
    throw field('/kind', `is already the current role (${current.kind}, since ${day(current.since)})`);
  if (since.getTime() > now.getTime())
    throw field('/since', 'a change of role is recorded once it has taken effect: the date cannot be in the future');
  if (since.getTime() <= current.since.getTime())
    throw field('/since', `must be after the current role began (${day(current.since)})`);
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

function field(path: string, message: string): DocketError {
  return new DocketError('validation_failed', message, [{ field: path, message }]);
}

/**
 * The role a figure held at a moment (when a post was made): the dated role whose period covers it. Content is judged
 * by who its author was when they posted it, not by a role they took up or left later. Before the first dated role,
 * the earliest known role stands; with no dated roles, the current one.
 */
export function roleHeldAt(
  roles: readonly { kind: PublicFigureKind; since: Date; until: Date | null }[],
  current: PublicFigureKind,
  at: Date,
): PublicFigureKind {
  if (roles.length === 0) return current;
  const ordered = [...roles].sort((a, b) => a.since.getTime() - b.since.getTime());
  const t = at.getTime();
  const covering = ordered.find((r) => r.since.getTime() <= t && (r.until === null || t < r.until.getTime()));
  if (covering) return covering.kind;
  return t < ordered[0]!.since.getTime() ? ordered[0]!.kind : current;
}
