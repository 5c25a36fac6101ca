import type { Clock } from '../core/clock.js';
import type { CommandRunner } from '../core/command.js';
import { runOnce, type Keyed } from '../core/idempotency.js';
import type { PolicyService } from '../policy/service.js';
import type { Db } from '../store/database.js';
import { createAppeals } from './appeals.js';
import { createBulkActions } from './bulk.js';
import { createDecisions, type Notify } from './decisions.js';
import { receiveReports, type ContextOf } from './ingestion.js';
import { createQueue } from './queue.js';
import type { ModerationRules } from './rules.js';
import type { ReportInput, ReportReceipt, SubjectInput } from './schema.js';
import { subjectView, upsertSubjects } from './subjects.js';

export type ModerationService = ReturnType<typeof createModerationService>;

export function createModerationService(deps: { db: Db; run: CommandRunner; clock: Clock; rules: ModerationRules; policies: PolicyService; contextOf: ContextOf; notify: Notify }) {
  const { db, run, clock, rules, policies, contextOf, notify } = deps;
  const queue = createQueue({ db, run, clock, rules, contextOf });
  const decisions = createDecisions({ db, clock, run, policies, rules, notify, contextOf });
  const appeals = createAppeals({ db, run, rules, decisions });
  const bulk = createBulkActions({ queue, decisions });

  /** Reports from a platform, all or nothing, at most once per Idempotency-Key. */
  function ingestReports(actor: string, platform: string, items: ReportInput[], keyed: Keyed | null) {
    return runOnce<{ receipts: ReportReceipt[] }>(run, actor, keyed, async (ctx) => ({
      status: 201,
      body: { receipts: await receiveReports(ctx, platform, items, rules, contextOf) },
    }));
  }

  /** Subjects from a platform; known ones are updated. At most once per Idempotency-Key. */
  function ingestSubjects(actor: string, platform: string, items: SubjectInput[], keyed: Keyed | null) {
    return runOnce(run, actor, keyed, async (ctx) => {
      const { byExternalId, created } = await upsertSubjects(ctx, platform, items);
      const results = items.map((item) => ({ subject: subjectView(byExternalId.get(item.externalId) as NonNullable<ReturnType<typeof byExternalId.get>>), created: created.has(item.externalId) }));
      return { status: results.some((r) => r.created) ? 201 : 200, body: { results } };
    });
  }

  return { ingestReports, ingestSubjects, queue, decisions, appeals, bulk, rules };
}
