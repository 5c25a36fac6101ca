import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import type { ContextOf } from './ingestion.js';
import { verifiedKindAt, verifiedKinds } from '../figures/reads.js';
import { actorKindOf, PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';
import type { NewsworthinessContext } from './rules.js';
import { subjects } from './tables.js';

type SubjectRow = typeof subjects.$inferSelect;

/** What the newsworthiness rule needs to know: the country's designation, who the author is, what is alleged. */
export async function situationOf(
  tx: Db,
  subject: SubjectRow,
  policyId: string,
  contextOf: ContextOf,
): Promise<NewsworthinessContext> {
  const accountRef = subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
  const [author] =
    subject.kind === 'account' || !accountRef
      ? [subject]
      : await tx
          .select()
          .from(subjects)
          .where(
            and(
              eq(subjects.platform, subject.platform),
              eq(subjects.kind, 'account'),
              eq(subjects.externalId, accountRef),
            ),
          );
  const context = subject.country ? ((await contextOf(tx, [subject.country])).get(subject.country) ?? 'none') : 'none';
  // Content is judged by who its author was when they posted it (the registry dates changes of role).
  const verified = !accountRef
    ? undefined
    : subject.postedAt
      ? await verifiedKindAt(tx, subject.platform, accountRef, subject.postedAt)
      : (await verifiedKinds(tx, subject.platform, [accountRef])).get(accountRef);
  const stated = author?.publicFigure;
  const figure = verified ?? PUBLIC_FIGURE_KINDS.find((kind) => kind === stated) ?? null;
  return { context, actor: actorKindOf(figure), threatOfViolence: policyId === 'violence-incitement', figure };
}
