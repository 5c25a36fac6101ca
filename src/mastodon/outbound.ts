/**
 * Docket's decisions, carried out on the connected Mastodon instances. When moderation takes or reverses a decision
 * on a platform that is a connected instance, the plan (actions.ts) goes into the outbox in the same transaction,
 * one message per admin API call; the outbox sends them with the sender below, retries what may pass and keeps
 * every attempt in its delivery log. What the instance cannot do goes into the log as not sent, with the reason.
 */
import { and, desc, eq, lte } from 'drizzle-orm';
import type { CommandContext, Notify } from '../core/command.js';
import type { OutboxQueue, Sender } from '../core/outbox.js';
import {
  decisionById,
  decisionMeasures,
  restrictionKindsInForce,
  subjectById,
  type SubjectRecord,
} from '../moderation/reads.js';
import type { Db } from '../store/database.js';
import {
  liftedBy,
  planDecision,
  planReversal,
  typesHeld,
  type MastodonCall,
  type MastodonDecision,
  type MastodonPlan,
} from './actions.js';
import { createMastodonAdminClient } from './admin-api.js';
import { attemptOf, decisionOf, isMeasure, type DecisionTaken, type MastodonFacts } from './delivery.js';
import { mastodonAccounts, mastodonConnectors, mastodonReportSubjects } from './tables.js';

export const MASTODON_TRANSPORT = 'mastodon';

/** The outbox message of one call: the decision it carries out, and the call as planned. */
interface CallPayload {
  decisionId: string;
  call: MastodonCall;
}

/** The message type of a call, from its path: `mastodon.account.action`, `mastodon.report.resolve`, ... */
export function callType(call: MastodonCall): string {
  const match = /^\/api\/v1\/admin\/(accounts|statuses|reports)\/[^/]+\/([a-z_]+)$/.exec(call.path);
  if (!match) return 'mastodon.call';
  const record = { accounts: 'account', statuses: 'status', reports: 'report' }[match[1] as string];
  return `mastodon.${record}.${match[2]}`;
}

/**
 * The sender of the `mastodon` transport: one call to the instance's admin API with its access token, as the
 * connector is configured when the call goes (a token set again after a 401 is used on the next try).
 */
export function createMastodonSender(deps: {
  db: Db;
  now: () => Date;
  maxAttempts: number;
  timeoutMs?: number;
}): Sender {
  const { db, maxAttempts } = deps;
  return async (message, attempt) => {
    const { call } = message.payload as unknown as CallPayload;
    const held = await stillHeld(db, message.platform, call, deps.now());
    if (held)
      return {
        outcome: 'not_sent',
        status: null,
        error: `not sent: the account is still under "${held}" by another decision in force, so it is not lifted`,
        retryInSeconds: null,
      };
    const [row] = await db
      .select({ baseUrl: mastodonConnectors.baseUrl, accessToken: mastodonConnectors.accessToken })
      .from(mastodonConnectors)
      .where(eq(mastodonConnectors.platform, message.platform));
    if (!row)
      return {
        outcome: 'failed',
        status: null,
        error: `no Mastodon instance is connected as platform "${message.platform}" any more: the call was not sent`,
        retryInSeconds: null,
      };
    if (row.accessToken === '')
      return {
        outcome: 'retrying',
        status: null,
        error:
          'the connector has no access token (it was rebuilt from the log): set it again with PUT /api/connectors/mastodon/:platform',
        retryInSeconds: null,
      };
    const client = createMastodonAdminClient({
      baseUrl: row.baseUrl,
      accessToken: row.accessToken,
      ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    });
    return attemptOf(await client.send(call), call, attempt, { maxAttempts, backoffSeconds: 0 });
  };
}

/**
 * For a measure lifted at its end: the Mastodon type it would lift, if another decision in force still holds it
 * (a later suspension of the same account, say); null when the lift should go.
 */
async function stillHeld(db: Db, platform: string, call: MastodonCall, now: Date): Promise<string | null> {
  const lifted = call.notBefore ? liftedBy(call.path) : null;
  const accountId = /^\/api\/v1\/admin\/accounts\/([^/]+)\//.exec(call.path)?.[1];
  if (lifted === null || accountId === undefined) return null;
  const id = decodeURIComponent(accountId);
  const local = (await isLocal(db, platform, id)) ?? true;
  const held = typesHeld(await restrictionKindsInForce(db, platform, id, now), local);
  return held.includes(lifted) ? lifted : null;
}

/** The newest Mastodon report that named the record, received by `at`; null when none did. */
async function reportOf(ctx: CommandContext, platform: string, externalId: string): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ reportId: mastodonReportSubjects.reportId })
    .from(mastodonReportSubjects)
    .where(
      and(
        eq(mastodonReportSubjects.platform, platform),
        eq(mastodonReportSubjects.externalId, externalId),
        lte(mastodonReportSubjects.receivedAt, ctx.now),
      ),
    )
    .orderBy(desc(mastodonReportSubjects.receivedAt))
    .limit(1);
  return row?.reportId ?? null;
}

/** Whether the account is the instance's own; null when Docket has not seen it. */
async function isLocal(db: Db, platform: string, accountId: string | null): Promise<boolean | null> {
  if (accountId === null) return null;
  const [row] = await db
    .select({ local: mastodonAccounts.local })
    .from(mastodonAccounts)
    .where(and(eq(mastodonAccounts.platform, platform), eq(mastodonAccounts.accountId, accountId)));
  return row?.local ?? null;
}

const UNKNOWN_HOME =
  'whether the account is this instance’s own is not known (no webhook named it): it is treated as local, and Mastodon refuses a measure it cannot take on a remote account';

/** The facts the message does not carry: the Mastodon report and whether the account is local. */
async function factsOf(
  ctx: CommandContext,
  platform: string,
  subjectExternalId: string,
  accountId: string | null,
  warningScreen: boolean,
): Promise<{ facts: MastodonFacts; unknownHome: boolean }> {
  const local = await isLocal(ctx.tx, platform, accountId);
  return {
    facts: { reportId: await reportOf(ctx, platform, subjectExternalId), accountIsLocal: local ?? true, warningScreen },
    unknownHome: accountId !== null && local === null,
  };
}

/** Plans a connected instance's share of decisions taken and reversed, into the outbox of the same command. */
export function createMastodonOutbound(deps: { queue: OutboxQueue }): Notify {
  const { queue } = deps;

  async function enqueuePlan(
    ctx: CommandContext,
    platform: string,
    decisionId: string,
    orderingId: string,
    plan: MastodonPlan,
  ): Promise<void> {
    for (const call of plan.calls)
      await queue.enqueue(ctx, {
        platform,
        transport: MASTODON_TRANSPORT,
        type: callType(call),
        purpose: call.purpose,
        payload: { decisionId, call } satisfies CallPayload as unknown as Record<string, unknown>,
        groupRef: decisionId,
        // A measure lifted at its end waits for its time, and must not hold back the calls on the account meanwhile.
        ...(call.notBefore
          ? { notBefore: new Date(call.notBefore) }
          : { orderingKey: `${MASTODON_TRANSPORT}/${platform}/${orderingId}` }),
      });
    for (const reason of plan.cannot) await notSent(ctx, platform, decisionId, reason);
  }

  async function notSent(ctx: CommandContext, platform: string, decisionId: string, reason: string): Promise<void> {
    await queue.notSent(
      ctx,
      {
        platform,
        transport: MASTODON_TRANSPORT,
        type: 'mastodon.not_possible',
        purpose: 'what Mastodon cannot do of the decision',
        payload: { decisionId },
        groupRef: decisionId,
      },
      reason,
    );
  }

  async function taken(ctx: CommandContext, platform: string, payload: Record<string, unknown>): Promise<void> {
    const message = payload as unknown as DecisionTaken & { decisionId: string; warningScreen?: boolean };
    const accountId = message.subject.kind === 'content' ? message.accountRef : message.subject.externalId;
    const { facts, unknownHome } = await factsOf(
      ctx,
      platform,
      message.subject.externalId,
      accountId,
      message.warningScreen ?? false,
    );
    let plan: MastodonPlan;
    try {
      plan = planDecision(decisionOf(message, facts));
    } catch (problem) {
      // The decision stands in Docket whatever Mastodon can do: what cannot be planned is logged, not thrown.
      await notSent(ctx, platform, message.decisionId, (problem as Error).message);
      return;
    }
    if (unknownHome && plan.calls.some((c) => c.path.startsWith('/api/v1/admin/accounts/')))
      plan.cannot.push(UNKNOWN_HOME);
    await enqueuePlan(ctx, platform, message.decisionId, accountId ?? message.subject.externalId, plan);
  }

  async function reversed(ctx: CommandContext, platform: string, decisionId: string): Promise<void> {
    await queue.withdrawPending(
      ctx,
      MASTODON_TRANSPORT,
      decisionId,
      'withdrawn: the decision was reversed, so the measure is lifted now rather than at its end',
    );
    const decision = await decisionById(ctx.tx, decisionId);
    const subject = decision ? await subjectById(ctx.tx, decision.subjectId) : null;
    if (!decision || !subject) return;
    const accountId = accountOf(subject);
    const { facts } = await factsOf(ctx, platform, subject.externalId, accountId, decision.warningScreen);
    const measures = await decisionMeasures(ctx.tx, decisionId);
    const original: MastodonDecision = {
      outcome: decision.outcome,
      warningScreen: decision.warningScreen,
      measures: [
        ...(measures.strike ? [{ kind: 'strike' as const, endsAt: null }] : []),
        ...measures.restrictions.flatMap((r) =>
          isMeasure(r.kind) ? [{ kind: r.kind, endsAt: r.endsAt?.toISOString() ?? null }] : [],
        ),
      ],
      summary: '',
      target: {
        statusId: subject.kind === 'content' ? subject.externalId : null,
        accountId,
        accountIsLocal: facts.accountIsLocal,
        reportId: facts.reportId,
      },
    };
    const held =
      accountId === null
        ? []
        : typesHeld(await restrictionKindsInForce(ctx.tx, platform, accountId, ctx.now), facts.accountIsLocal);
    await enqueuePlan(ctx, platform, decisionId, accountId ?? subject.externalId, planReversal(original, held));
  }

  return async (ctx, platform, type, payload) => {
    if (type !== 'decision.taken' && type !== 'decision.reversed') return;
    const [connected] = await ctx.tx
      .select({ platform: mastodonConnectors.platform })
      .from(mastodonConnectors)
      .where(eq(mastodonConnectors.platform, platform));
    if (!connected) return;
    if (type === 'decision.taken') await taken(ctx, platform, payload);
    else await reversed(ctx, platform, String(payload.decisionId));
  };
}

/** The account a decision's subject bears on: the account itself, or a post's author. */
function accountOf(subject: SubjectRecord): string | null {
  return subject.kind === 'account' ? subject.externalId : subject.authorExternalId;
}
