/**
 * Docket's decisions, carried out on a Mastodon instance: the table from Docket's content outcomes and account
 * measures to the calls of Mastodon's admin API, as pure functions. What Mastodon cannot do is said in the plan's
 * `cannot` list, never sent as something it is not.
 *
 * Mastodon's side, from its source (app/models/admin/account_action.rb, app/models/admin/status_batch_action.rb,
 * app/controllers/api/v1/admin/*):
 * - `POST /api/v1/admin/accounts/:id/action` with `type` one of `none` (a warning), `sensitive` (the account's
 *   media forced sensitive), `disable` (the local user cannot log in), `silence` (Mastodon's "limit"), `suspend`;
 *   `report_id`, `text`, `send_email_notification`. Every action is recorded as a strike on the account; `none`
 *   with a report resolves that report, any other type resolves all the account's open reports. Mastodon offers
 *   only `sensitive`, `silence` and `suspend` for a remote account (`types_for_account`): a remote account has no
 *   login to disable, and its own server warns it.
 * - `POST /api/v1/admin/reports/:id/resolve`.
 * - `POST /api/v1/admin/accounts/:id/{unsuspend,unsilence,unsensitive,enable}` lift a measure (`enable` for local
 *   accounts only; `unsuspend` only a suspension made on this instance).
 * - `POST /api/v1/admin/statuses/:id/action` with `type` `delete` or `sensitive` (and `report_id`, `text`,
 *   `send_email_notification`), and `POST /api/v1/admin/statuses/:id/unsensitive`: the admin status API proposed
 *   in mastodon/mastodon#27675 and run by some instances (MozillaSocial/mastodon). Upstream Mastodon has no admin
 *   API for one post: there the call answers 404 and the delivery log says the post was not acted on. The status
 *   action records its own strike on the author and resolves the report given.
 */
import type { ContentOutcome } from '../core/outcomes.js';
import type { DecisionPreview } from '../moderation/contract.js';

/** Mastodon's account action types (Admin::AccountAction::TYPES), weakest first. */
export const MASTODON_ACCOUNT_ACTIONS = ['none', 'sensitive', 'silence', 'disable', 'suspend'] as const;
export type MastodonAccountAction = (typeof MASTODON_ACCOUNT_ACTIONS)[number];

/** The types the admin status action takes (StatusActionsController::ALLOWED_TYPES). */
export type MastodonStatusAction = 'delete' | 'sensitive';

/** Docket's account measures: a strike, or a restriction (the reviewer's, the strike ladder's, a severe section's). */
export type DocketMeasure = 'strike' | DecisionPreview['restrictions'][number]['kind'];

/** One call to the admin API: a POST with form fields, as Mastodon's controllers read their params. */
export interface MastodonCall {
  method: 'POST';
  path: string;
  params: Record<string, string>;
  /** What the call carries out, for the delivery log. */
  purpose: string;
  /** Sent no earlier than this (ISO 8601): lifting a time-limited measure, which Mastodon never ends by itself. */
  notBefore?: string;
  /** What the delivery log says when the instance has no such endpoint (404 from its router). */
  ifMissing?: string;
}

export interface MastodonPlan {
  calls: MastodonCall[];
  /** What the decision asks for that the instance cannot do, in plain words. */
  cannot: string[];
}

/** The Mastodon records a decision bears on: ids as Mastodon gives them. */
export interface MastodonTarget {
  /** The post, when the subject is one. */
  statusId: string | null;
  /** The account: the subject itself, or the post's author; null when unknown. */
  accountId: string | null;
  /** A local account has no domain in Mastodon's Admin::Account; a remote one belongs to another server. */
  accountIsLocal: boolean;
  /** The Mastodon report the case came from, if any. */
  reportId: string | null;
}

export interface MastodonDecision {
  outcome: ContentOutcome;
  warningScreen: boolean;
  measures: { kind: DocketMeasure; endsAt: string | null }[];
  /** The statement of reasons' summary: the action's `text`, which Mastodon shows and mails to the user. */
  summary: string;
  target: MastodonTarget;
}

interface ContentRow {
  /** The admin status action that carries the outcome out on the post. */
  status: MastodonStatusAction | null;
  /** Whether the Mastodon report is resolved (by this call, or by a call that carries `report_id`). */
  resolvesReport: boolean;
  /** What Mastodon cannot do of it. */
  cannot: string | null;
}

/** Content outcomes (DOMAIN.md section 1) on a Mastodon post. */
export const CONTENT_OUTCOME_MAP: Record<ContentOutcome, ContentRow> = {
  no_violation: { status: null, resolvesReport: true, cannot: null },
  remove: { status: 'delete', resolvesReport: true, cannot: null },
  warning_screen: { status: 'sensitive', resolvesReport: true, cannot: null },
  keep_newsworthy: { status: null, resolvesReport: true, cannot: null },
  restrict_visibility: {
    status: null,
    resolvesReport: false,
    cannot:
      "Mastodon's admin API cannot lower one post's reach: the post stays as it is, and the report stays open for the instance's moderators",
  },
};

interface MeasureRow {
  local: MastodonAccountAction | null;
  remote: MastodonAccountAction | null;
  /** Why a measure maps as it does, or is not sent. */
  why: string;
}

/** Docket's account measures → Mastodon's account action type, for a local and for a remote account. */
export const ACCOUNT_MEASURE_MAP: Record<DocketMeasure, MeasureRow> = {
  strike: {
    local: 'none',
    remote: null,
    why: "a strike is Mastodon's warning (`none`); Mastodon gives remote accounts no warnings: their own server does",
  },
  warning: {
    local: 'none',
    remote: null,
    why: "a warning is Mastodon's `none`; Mastodon gives remote accounts no warnings: their own server does",
  },
  feature_limit: {
    local: 'sensitive',
    remote: 'sensitive',
    why: "Mastodon's lightest restriction: the account's media are shown behind a sensitive-content screen",
  },
  block_content_creation: {
    local: null,
    remote: null,
    why: 'Mastodon has no measure that stops an account posting and leaves it otherwise usable',
  },
  restrict_account: { local: 'silence', remote: 'silence', why: 'Mastodon\'s `silence` (its "limit")' },
  suspend_account: { local: 'suspend', remote: 'suspend', why: "Mastodon's `suspend`" },
  disable_account: {
    local: 'disable',
    remote: 'suspend',
    why: 'a local account is disabled (no login); a remote account has no login here, so it is suspended on this instance',
  },
};

export const ACCOUNT_LIFT: Record<MastodonAccountAction, string | null> = {
  none: null,
  sensitive: 'unsensitive',
  silence: 'unsilence',
  disable: 'enable',
  suspend: 'unsuspend',
};

/** The account action a lifting call ends (`unsuspend` ends `suspend`); null for a call that lifts nothing. */
export function liftedBy(path: string): MastodonAccountAction | null {
  const verb = /^\/api\/v1\/admin\/accounts\/[^/]+\/([a-z_]+)$/.exec(path)?.[1];
  const found = MASTODON_ACCOUNT_ACTIONS.find((type) => ACCOUNT_LIFT[type] === verb);
  return found ?? null;
}

/** The Mastodon types an account's Docket measures in force map to, for a local or a remote account. */
export function typesHeld(kinds: readonly string[], local: boolean): MastodonAccountAction[] {
  return kinds.flatMap((kind) => {
    const row = Object.hasOwn(ACCOUNT_MEASURE_MAP, kind) ? ACCOUNT_MEASURE_MAP[kind as DocketMeasure] : null;
    const type = row ? (local ? row.local : row.remote) : null;
    return type === null ? [] : [type];
  });
}

const rank = (type: MastodonAccountAction) => MASTODON_ACCOUNT_ACTIONS.indexOf(type);

/** The strongest of the Mastodon types, or null for none. */
export function strongest(types: readonly MastodonAccountAction[]): MastodonAccountAction | null {
  return types.reduce<MastodonAccountAction | null>(
    (best, t) => (best === null || rank(t) > rank(best) ? t : best),
    null,
  );
}

const STATUS_ACTION_MISSING =
  'this instance has no admin status action (POST /api/v1/admin/statuses/:id/action; upstream Mastodon lacks it)';

const accountPath = (id: string, verb: string) => `/api/v1/admin/accounts/${encodeURIComponent(id)}/${verb}`;
const statusPath = (id: string, verb: string) => `/api/v1/admin/statuses/${encodeURIComponent(id)}/${verb}`;
const reportPath = (id: string, verb: string) => `/api/v1/admin/reports/${encodeURIComponent(id)}/${verb}`;

function withReport(params: Record<string, string>, reportId: string | null): Record<string, string> {
  return reportId === null ? params : { ...params, report_id: reportId };
}

/**
 * The calls that carry a decision out on Mastodon.
 * - The post: the outcome's status action (`delete`, `sensitive`), with the report and the summary.
 * - The account: one account action, the strongest type its measures map to. Mastodon records each action as a
 *   strike and notifies the user of each, so one decision sends one; the weaker measures it covers are named in
 *   `cannot`. A bare strike is not sent when a status action goes: Mastodon records the status action as a strike.
 * - A time-limited measure is lifted at its end (`notBefore`): Mastodon's measures never end by themselves.
 * - The report: resolved by the status or account action that carries it, otherwise by `resolve` when the outcome
 *   settles it.
 */
export function planDecision(decision: MastodonDecision): MastodonPlan {
  const { target } = decision;
  const calls: MastodonCall[] = [];
  const cannot: string[] = [];
  let reportHandled = false;
  const notify = { text: decision.summary, send_email_notification: 'true' };

  const row = CONTENT_OUTCOME_MAP[decision.outcome];
  const statusAction: MastodonStatusAction | null =
    row.status ?? (decision.warningScreen && decision.outcome !== 'restrict_visibility' ? 'sensitive' : null);
  if (row.cannot) cannot.push(row.cannot);
  if (statusAction && target.statusId === null) {
    cannot.push(`the status action "${statusAction}" needs a post, and the subject is an account`);
  } else if (statusAction && target.statusId !== null) {
    calls.push({
      method: 'POST',
      path: statusPath(target.statusId, 'action'),
      params: withReport({ type: statusAction, ...notify }, target.reportId),
      purpose: statusAction === 'delete' ? 'remove the post' : 'put the post behind a sensitive-content screen',
      ifMissing: `${STATUS_ACTION_MISSING}: the post was not ${statusAction === 'delete' ? 'removed' : 'marked sensitive'}, and the report stays open`,
    });
    if (statusAction === 'sensitive')
      cannot.push(
        'Mastodon marks only posts with media or a link preview as sensitive: a text-only post stays as it is',
      );
    reportHandled = true;
  }

  const account = accountPlan(decision, statusAction !== null && target.statusId !== null);
  cannot.push(...account.cannot);
  if (account.type !== null && target.accountId !== null) {
    calls.push({
      method: 'POST',
      path: accountPath(target.accountId, 'action'),
      params: withReport({ type: account.type, ...notify }, target.reportId),
      purpose: `account action "${account.type}" (${account.from.join(', ')})`,
    });
    if (account.type !== 'none' || target.reportId !== null) reportHandled = true;
    const lift = ACCOUNT_LIFT[account.type];
    if (lift && account.endsAt)
      calls.push({
        method: 'POST',
        path: accountPath(target.accountId, lift),
        params: {},
        purpose: `lift "${account.type}" when the measure ends`,
        notBefore: account.endsAt,
      });
  } else if (account.type !== null) {
    cannot.push(`the account measure "${account.type}" needs the account, and its Mastodon id is not known`);
  }

  // A report is resolved as settled only when the decision asks nothing of the post or the account that went unsent.
  if (
    !reportHandled &&
    statusAction === null &&
    account.type === null &&
    target.reportId !== null &&
    row.resolvesReport
  )
    calls.push({
      method: 'POST',
      path: reportPath(target.reportId, 'resolve'),
      params: {},
      purpose: 'resolve the report: no action on Mastodon',
    });
  return { calls, cannot };
}

function accountPlan(
  decision: MastodonDecision,
  statusActionGoes: boolean,
): { type: MastodonAccountAction | null; from: DocketMeasure[]; endsAt: string | null; cannot: string[] } {
  const cannot: string[] = [];
  const mapped: { kind: DocketMeasure; type: MastodonAccountAction; endsAt: string | null }[] = [];
  for (const measure of decision.measures) {
    const row = ACCOUNT_MEASURE_MAP[measure.kind];
    const type = decision.target.accountIsLocal ? row.local : row.remote;
    if (type === null) cannot.push(`${measure.kind}: ${row.why}`);
    else mapped.push({ kind: measure.kind, type, endsAt: measure.endsAt });
  }
  // A status action is itself a strike in Mastodon: a bare strike beside it would count twice.
  const sent = statusActionGoes ? mapped.filter((m) => m.type !== 'none') : mapped;
  const type = strongest(sent.map((m) => m.type));
  if (type === null) return { type, from: [], endsAt: null, cannot };
  const carried = sent.filter((m) => m.type === type);
  for (const m of sent)
    if (m.type !== type)
      cannot.push(
        `${m.kind} ("${m.type}" on Mastodon) is covered by the stronger "${type}": Mastodon would count a second action as another strike`,
      );
  // The measure ends when the last of those it carries ends; one without an end never does.
  const ends = carried.map((m) => m.endsAt);
  const endsAt = ends.includes(null) ? null : (ends.sort().at(-1) ?? null);
  return { type, from: carried.map((m) => m.kind), endsAt, cannot };
}

/**
 * The calls that undo a reversed decision on Mastodon (on appeal, or by the board), before its replacement's own
 * plan runs. Each measure it sent is lifted, unless another decision still in force holds the same one (`held`).
 * What cannot be undone is said: a deleted post is gone, and Mastodon's admin API cannot withdraw a strike.
 */
export function planReversal(reversed: MastodonDecision, held: readonly MastodonAccountAction[] = []): MastodonPlan {
  const calls: MastodonCall[] = [];
  const cannot: string[] = [];
  for (const call of planDecision(reversed).calls) {
    if (call.notBefore) continue;
    const type = call.params.type as MastodonAccountAction | MastodonStatusAction | undefined;
    const statusId = reversed.target.statusId;
    if (call.path.startsWith('/api/v1/admin/statuses/') && statusId !== null) {
      if (type === 'delete')
        cannot.push('the post was deleted on Mastodon and cannot be restored: the author may post it again');
      else
        calls.push({
          method: 'POST',
          path: statusPath(statusId, 'unsensitive'),
          params: {},
          purpose: "lift the post's sensitive-content screen",
          ifMissing: `this instance has no admin status API (POST /api/v1/admin/statuses/:id/unsensitive): the post stays marked sensitive`,
        });
    } else if (call.path.startsWith('/api/v1/admin/accounts/') && reversed.target.accountId !== null) {
      const lift = ACCOUNT_LIFT[type as MastodonAccountAction];
      if (lift === null)
        cannot.push(
          "Mastodon's admin API cannot withdraw a warning (its strike): the user can appeal it on Mastodon, and Docket's notice says it was reversed",
        );
      else if (held.includes(type as MastodonAccountAction))
        cannot.push(`"${type}" stays: another decision in force holds it`);
      else
        calls.push({
          method: 'POST',
          path: accountPath(reversed.target.accountId, lift),
          params: {},
          purpose: `lift "${type}": the decision was reversed`,
        });
    }
  }
  return { calls, cannot };
}
