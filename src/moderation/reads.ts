import { eq } from 'drizzle-orm';
import type { Principal } from '../access/roles.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { decisions, notices, subjects } from './tables.js';

/**
 * A decision as its readers see it: reviewers see any; a platform sees only decisions on its own subjects, so it
 * can show its user the notice and statement of reasons.
 */
export async function findDecisionForReader(db: Db, principal: Principal, decisionId: string) {
  const [row] = await db
    .select({ decision: decisions, platform: subjects.platform, externalId: subjects.externalId })
    .from(decisions)
    .innerJoin(subjects, eq(subjects.id, decisions.subjectId))
    .where(eq(decisions.id, decisionId));
  if (!row || (principal.kind === 'integration' && row.platform !== principal.platform)) throw new DocketError('not_found', `no decision ${decisionId}`);
  const [notice] = await db.select().from(notices).where(eq(notices.decisionId, decisionId));
  const { decision } = row;
  return {
    id: decision.id,
    caseId: decision.caseId,
    subject: { id: decision.subjectId, platform: row.platform, externalId: row.externalId },
    policyId: decision.policyId,
    sectionId: decision.sectionId,
    policyVersion: decision.policyVersion,
    outcome: decision.outcome,
    accountAction: decision.accountAction,
    status: decision.status,
    reviewOf: decision.reviewOf,
    decidedAt: decision.decidedAt.toISOString(),
    notice: notice ? { id: notice.id, recipientRef: notice.recipientRef, statement: notice.statement, createdAt: notice.createdAt.toISOString() } : null,
  };
}
