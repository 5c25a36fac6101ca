import type { Clock } from '../core/clock.js';
import type { CommandContext, CommandRunner, Notify } from '../core/command.js';
import { retryingRaces } from '../core/conflicts.js';
import { createGroupCommit } from '../core/group-commit.js';
import { runOnce, type Answer, type Keyed } from '../core/idempotency.js';
import type { Db } from '../store/database.js';
import { createAppeals } from './appeals.js';
import { createAutomatedDecisions } from './automated.js';
import { createBulkActions } from './bulk.js';
import { createDecisions } from './decisions.js';
import { receiveReports, type ContextOf } from './ingestion.js';
import { createQueue } from './queue.js';
import type { ModerationRules } from './rules.js';
import type { ReportInput, ReportReceipt, SubjectInput } from './contract.js';
import { subjectView, upsertSubjects } from './subjects.js';

export type ModerationService = ReturnType<typeof createModerationService>;

/** Enough to share a transaction's fixed cost widely, few enough that one batch's transaction stays short. */
const SINGLE_REPORTS_PER_TRANSACTION = 64;
/** A single report is acknowledged at its commit; its events (durable, pending) are chained a moment later. */
const CHAIN_AFTER_ANSWER = { awaitChain: false } as const;
/** One transaction does its work while the one before commits and is chained; more would wait on each other's rows. */
const SINGLE_REPORT_TRANSACTIONS_AT_ONCE = 2;

export function createModerationService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  rules: ModerationRules;
  contextOf: ContextOf;
  notify: Notify;
  /** Resolves once every command this process committed is in the chain (`Sequencer.caughtUp`). */
  chained: () => Promise<void>;
}) {
  const { db, run, clock, rules, contextOf, notify, chained } = deps;
  const queue = createQueue({ db, run, clock, rules, contextOf, chained });
  const decisions = createDecisions({ db, clock, run, rules, notify, contextOf });
  const appeals = createAppeals({ db, run, rules, decisions });
  const bulk = createBulkActions({ queue, decisions });
  const automated = createAutomatedDecisions({ run, decisions });

  /**
   * Reports from a platform, all or nothing, at most once per Idempotency-Key.
   * - `alongside` writes a caller's own records of the same delivery (a connector's) in the same transaction: both
   *   are in, or neither.
   * - `answerBeforeChain`: acknowledged at commit and chained a moment later, as single reports are, for one
   *   delivery at a time whose sender does not read the log (a webhook, createReport). A batch or an import
   *   answers once its events are chained.
   */
  function ingestReports(
    actor: string,
    platform: string,
    items: ReportInput[],
    keyed: Keyed | null,
    options: { alongside?: (ctx: CommandContext) => Promise<void>; answerBeforeChain?: boolean } = {},
  ) {
    return retryingRaces(() =>
      runOnce<{ receipts: ReportReceipt[] }>(
        run,
        actor,
        keyed,
        async (ctx) => {
          const receipts = await receiveReports(ctx, platform, items, rules, contextOf);
          await options.alongside?.(ctx);
          return { status: 201, body: { receipts } };
        },
        options.answerBeforeChain ? CHAIN_AFTER_ANSWER : undefined,
      ),
    );
  }

  /**
   * One report, as a platform's webhook or createReport call sends it. Reports from the same platform arriving while
   * one of its transactions runs go in together in the next (group commit); each still gets its own receipt, or
   * its own error. A keyed request runs alone, so its stored answer is its own.
   */
  const singleReports = createGroupCommit<{ actor: string; platform: string; item: ReportInput }, ReportReceipt>(
    async (_lane, waiting) => {
      const first = waiting[0] as { actor: string; platform: string };
      const { receipts } = await retryingRaces(() =>
        run(
          first.actor,
          async (ctx) => ({
            receipts: await receiveReports(
              ctx,
              first.platform,
              waiting.map((w) => w.item),
              rules,
              contextOf,
            ),
          }),
          CHAIN_AFTER_ANSWER,
        ),
      );
      return receipts;
    },
    { maxBatch: SINGLE_REPORTS_PER_TRANSACTION, atOnce: SINGLE_REPORT_TRANSACTIONS_AT_ONCE },
  );

  async function ingestReport(
    actor: string,
    platform: string,
    item: ReportInput,
    keyed: Keyed | null,
  ): Promise<Answer<{ receipt: ReportReceipt }>> {
    if (keyed) {
      // One report with its key: acknowledged at commit, as the unkeyed ones are.
      const answer = await ingestReports(actor, platform, [item], keyed, { answerBeforeChain: true });
      return { ...answer, body: { receipt: answer.body.receipts[0] as ReportReceipt } };
    }
    const receipt = await singleReports(`${actor}\n${platform}`, { actor, platform, item });
    return { status: 201, body: { receipt }, replayed: false };
  }

  /** Subjects from a platform; known ones are updated. At most once per Idempotency-Key. */
  function ingestSubjects(
    actor: string,
    platform: string,
    items: SubjectInput[],
    keyed: Keyed | null,
    alongside?: (ctx: CommandContext) => Promise<void>,
  ) {
    return retryingRaces(() =>
      runOnce(run, actor, keyed, async (ctx) => {
        const { byExternalId, created } = await upsertSubjects(ctx, platform, items);
        await alongside?.(ctx);
        const results = items.map((item) => ({
          subject: subjectView(byExternalId.get(item.externalId) as NonNullable<ReturnType<typeof byExternalId.get>>),
          created: created.has(item.externalId),
        }));
        return { status: results.some((r) => r.created) ? 201 : 200, body: { results } };
      }),
    );
  }

  return { ingestReports, ingestReport, ingestSubjects, queue, decisions, appeals, bulk, automated, rules };
}
