import { and, eq, inArray } from 'drizzle-orm';
import type { CommandContext, CommandRunner } from '../core/command.js';
import { DocketError, type FieldError } from '../core/errors.js';
import { runOnce, type Answer } from '../core/idempotency.js';
import { latestCasesOf } from '../moderation/reads.js';
import type { Db } from '../store/database.js';
import type { ConnectorBody, MastodonConnector, PolicyMap } from './contract.js';
import { currentSectionsOf } from '../policy/reads.js';
import {
  changesPolicyOrStatuses,
  isNewerThan,
  policyMapProblems,
  policyRefsOf,
  reportChange,
  reportStateOf,
  reportSubjectIds,
  type MastodonReport,
  type ReportChange,
  type ReportState,
  type SeenAccount,
} from './rules.js';
import { mastodonAccounts, mastodonConnectors, mastodonReports, mastodonReportSubjects } from './tables.js';
import type { MastodonCategory } from './contract.js';

export type MastodonConnectors = ReturnType<typeof createMastodonConnectors>;
export type ConnectorRow = typeof mastodonConnectors.$inferSelect;

/** Where an instance's admin webhook posts, under Docket's own address. */
export const webhookPathOf = (platform: string): string =>
  `/api/connectors/mastodon/${encodeURIComponent(platform)}/webhook`;

function view(row: ConnectorRow): MastodonConnector {
  return {
    platform: row.platform,
    baseUrl: row.baseUrl,
    policyMap: row.policyMap,
    webhookPath: webhookPathOf(row.platform),
    hasAccessToken: row.accessToken !== '',
    hasWebhookSecret: row.webhookSecret !== '',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An instance's address as Docket keeps it: http(s), without a trailing slash, query or fragment. */
function instanceUrl(baseUrl: string): string {
  const parsed = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    throw new DocketError('validation_failed', `"${baseUrl}" is not the http(s) address of a Mastodon instance`, [
      { field: '/baseUrl', message: 'not an http(s) URL' },
    ]);
  if (parsed.search || parsed.hash || parsed.username || parsed.password)
    throw new DocketError('validation_failed', "an instance's address has no query, fragment or credentials", [
      { field: '/baseUrl', message: 'has a query, fragment or credentials' },
    ]);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Each policy and section the map names exists, or nothing is stored: a report must never meet an unknown one. */
async function checkPoliciesExist(tx: Db, map: PolicyMap): Promise<void> {
  const refs = policyRefsOf(map);
  const library = await currentSectionsOf(tx, [...new Set(refs.map((r) => r.ref.policyId))]);
  const problems: FieldError[] = refs.flatMap(({ field, ref }) => {
    const sections = library.get(ref.policyId);
    if (!sections) return [{ field: `${field}/policyId`, message: `no policy "${ref.policyId}"` }];
    if (ref.sectionId && !sections.some((s) => s.id === ref.sectionId))
      return [{ field: `${field}/sectionId`, message: `policy "${ref.policyId}" has no section "${ref.sectionId}"` }];
    return [];
  });
  if (problems.length > 0)
    throw new DocketError('validation_failed', 'the policy map names policies or sections the library lacks', problems);
}

/** The Mastodon connectors: each instance's configuration, and what the instance reports on its own. */
export function createMastodonConnectors(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  async function setConnector(actor: string, platform: string, body: ConnectorBody): Promise<MastodonConnector> {
    const baseUrl = instanceUrl(body.baseUrl);
    const policyMap = body.policyMap ?? {};
    const shape = policyMapProblems(policyMap);
    if (shape.length > 0)
      throw new DocketError('validation_failed', 'the policy map is not shaped as documented', shape);
    return run(actor, async ({ tx, now, record }) => {
      await checkPoliciesExist(tx, policyMap);
      const [row] = await tx
        .insert(mastodonConnectors)
        .values({
          platform,
          baseUrl,
          accessToken: body.accessToken,
          webhookSecret: body.webhookSecret,
          policyMap,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: mastodonConnectors.platform,
          set: {
            baseUrl,
            accessToken: body.accessToken,
            webhookSecret: body.webhookSecret,
            policyMap,
            updatedAt: now,
          },
        })
        .returning();
      record('mastodon.connector_set', `connector/mastodon/${platform}`, { platform, baseUrl, policyMap });
      return view(row as ConnectorRow);
    });
  }

  /** The connector's row, secrets included, for the webhook's check and the admin API's calls; null if none. */
  const connectorRow = (platform: string): Promise<ConnectorRow | null> => connectorRowIn(db, platform);

  async function connector(platform: string): Promise<MastodonConnector> {
    const row = await connectorRow(platform);
    if (!row) throw new DocketError('not_found', `no Mastodon instance is connected as platform "${platform}"`);
    return view(row);
  }

  async function connectors(): Promise<MastodonConnector[]> {
    const rows = await db.select().from(mastodonConnectors).orderBy(mastodonConnectors.platform);
    return rows.map(view);
  }

  /**
   * A report resolved inside Mastodon: the newest case of each subject it named gets a
   * `mastodon.report_resolved_upstream` entry on its history, with who resolved it; once per delivery key. A version
   * older than the one Docket keeps (a delivery retried late, after a reopening) marks nothing.
   */
  async function resolvedUpstream(
    platform: string,
    report: MastodonReport,
    key: string,
  ): Promise<Answer<{ caseIds: string[]; stale?: boolean }>> {
    return runOnce<{ caseIds: string[]; stale?: boolean }>(
      run,
      `mastodon:${platform}`,
      { principal: `mastodon:${platform}`, key, request: { report: report.id, by: report.actionTakenBy } },
      async ({ tx, record }) => {
        if (!(await keepState(tx, record, platform, report)).newer)
          return { status: 200, body: { caseIds: [], stale: true } };
        const found = await latestCasesOf(tx, platform, reportSubjectIds(report));
        const caseIds = [...new Set(found.map((c) => c.caseId))];
        for (const caseId of caseIds)
          record('mastodon.report_resolved_upstream', `case/${caseId}`, {
            platform,
            caseId,
            reportId: report.id,
            actionTakenBy: report.actionTakenBy,
            actionTakenAt: report.actionTakenAt,
          });
        return { status: 200, body: { caseIds } };
      },
    );
  }

  /** What Docket keeps of a report (null if nothing: not received, or received before Docket kept it) and filed. */
  async function reportKept(
    platform: string,
    reportId: string,
  ): Promise<{ state: ReportState | null; filed: string[] }> {
    const [row] = await db
      .select()
      .from(mastodonReports)
      .where(and(eq(mastodonReports.platform, platform), eq(mastodonReports.reportId, reportId)));
    const linked = await db
      .select({ externalId: mastodonReportSubjects.externalId })
      .from(mastodonReportSubjects)
      .where(and(eq(mastodonReportSubjects.platform, platform), eq(mastodonReportSubjects.reportId, reportId)));
    return { state: row ? stateOfRow(row) : null, filed: linked.map((l) => l.externalId) };
  }

  /** Keeps a newly received report's state (report.created), unless a newer version is kept already. */
  async function keepReport(platform: string, report: MastodonReport): Promise<void> {
    await run(`mastodon:${platform}`, (ctx) => keepReportIn(ctx, platform, report));
  }

  /** keepReport, in the caller's command: with the reports it files, so both are in or neither. */
  async function keepReportIn(ctx: CommandContext, platform: string, report: MastodonReport): Promise<void> {
    await keepState(ctx.tx, ctx.record, platform, report);
  }

  /**
   * A newer version of an open report: if Docket kept it as resolved inside Mastodon, each of its cases gets
   * `mastodon.report_reopened_upstream`; if its category or rules changed, or statuses were added to it or removed
   * from it (`change`, told before the added statuses were filed), each gets `mastodon.report_changed_upstream`.
   * Once per delivery key; an older version than the one kept changes nothing.
   */
  async function updatedUpstream(
    platform: string,
    report: MastodonReport,
    change: Pick<ReportChange, 'addedStatuses' | 'removedStatusIds'>,
    key: string,
  ): Promise<Answer<UpdatedUpstream>> {
    const state = reportStateOf(report);
    return runOnce<UpdatedUpstream>(
      run,
      `mastodon:${platform}`,
      {
        principal: `mastodon:${platform}`,
        key,
        request: { report: report.id, state, statuses: reportSubjectIds(report) },
      },
      async ({ tx, record }) => {
        const { newer, kept } = await keepState(tx, record, platform, report);
        if (!newer) return { status: 200, body: { caseIds: [], reopened: false, changed: false, stale: true } };
        const row = await connectorRowIn(tx, platform);
        const { reopened, policy } = reportChange(kept, [], report, row?.policyMap ?? {});
        const changed = changesPolicyOrStatuses({ reopened, policy, ...change });
        const found = await latestCasesOf(tx, platform, [...reportSubjectIds(report), ...change.removedStatusIds]);
        const caseIds = reopened || changed ? [...new Set(found.map((c) => c.caseId))] : [];
        const common = { platform, reportId: report.id, updatedAt: state.updatedAt };
        for (const caseId of caseIds) {
          if (reopened)
            record('mastodon.report_reopened_upstream', `case/${caseId}`, {
              ...common,
              caseId,
              assignedAccount: report.assignedAccount,
            });
          if (changed)
            record('mastodon.report_changed_upstream', `case/${caseId}`, {
              ...common,
              caseId,
              from: policy?.from ?? null,
              to: policy?.to ?? null,
              statusesAdded: change.addedStatuses.map((s) => s.id),
              statusesRemoved: change.removedStatusIds,
              assignedAccount: report.assignedAccount,
            });
        }
        return { status: 200, body: { caseIds, reopened, changed, stale: false } };
      },
    );
  }

  /**
   * Keeps what a later decision needs to tell the instance: which report named which record, and whether each
   * account is the instance's own. Written, with a `mastodon.records_seen` event, only when something is new.
   */
  async function noteRecords(platform: string, seen: Seen): Promise<void> {
    await run(`mastodon:${platform}`, (ctx) => noteRecordsIn(ctx, platform, seen));
  }

  return {
    setConnector,
    connector,
    connectors,
    connectorRow,
    resolvedUpstream,
    reportKept,
    keepReport,
    updatedUpstream,
    keepReportIn,
    noteRecords,
    noteRecordsIn,
  };
}

/** What a delivery named: the report and its records, and the accounts with their `acct`. */
export interface Seen {
  report: { id: string; externalIds: string[] } | null;
  accounts: SeenAccount[];
}

/**
 * Keeps what a later decision needs to tell the instance, in the caller's command: which report named which record,
 * and whether each account is the instance's own. Written, with a `mastodon.records_seen` event, only when something
 * is new.
 */
export async function noteRecordsIn(ctx: CommandContext, platform: string, seen: Seen): Promise<void> {
  const { tx, now, record } = ctx;
  const ids = seen.accounts.map((a) => a.accountId);
  const known =
    ids.length === 0
      ? []
      : await tx
          .select({ accountId: mastodonAccounts.accountId, acct: mastodonAccounts.acct })
          .from(mastodonAccounts)
          .where(and(eq(mastodonAccounts.platform, platform), inArray(mastodonAccounts.accountId, ids)));
  const acctOf = new Map(known.map((k) => [k.accountId, k.acct]));
  const accounts = seen.accounts.filter((a) => acctOf.get(a.accountId) !== a.acct);
  let report: { id: string; externalIds: string[]; receivedAt: string } | null = null;
  if (seen.report) {
    const linked = await tx
      .select({ externalId: mastodonReportSubjects.externalId })
      .from(mastodonReportSubjects)
      .where(and(eq(mastodonReportSubjects.platform, platform), eq(mastodonReportSubjects.reportId, seen.report.id)));
    const have = new Set(linked.map((l) => l.externalId));
    if (!seen.report.externalIds.every((id) => have.has(id)))
      report = { ...seen.report, receivedAt: now.toISOString() };
  }
  if (accounts.length === 0 && report === null) return;
  const payload = { platform, report, accounts };
  await writeRecordsSeen(tx, payload);
  record('mastodon.records_seen', `connector/mastodon/${platform}`, payload);
}

/** The rows of a `mastodon.records_seen` event, written again as often as it comes (live, or in a replay). */
export async function writeRecordsSeen(
  tx: Db,
  seen: {
    platform: string;
    report: { id: string; externalIds: string[]; receivedAt: string } | null;
    accounts: SeenAccount[];
  },
): Promise<void> {
  const { platform, report } = seen;
  if (report && report.externalIds.length > 0)
    await tx
      .insert(mastodonReportSubjects)
      .values(
        report.externalIds.map((externalId) => ({
          platform,
          externalId,
          reportId: report.id,
          receivedAt: new Date(report.receivedAt),
        })),
      )
      .onConflictDoNothing();
  for (const account of seen.accounts)
    await tx
      .insert(mastodonAccounts)
      .values({ platform, accountId: account.accountId, acct: account.acct, local: account.local })
      .onConflictDoUpdate({
        target: [mastodonAccounts.platform, mastodonAccounts.accountId],
        set: { acct: account.acct, local: account.local },
      });
}

type ReportRow = typeof mastodonReports.$inferSelect;

/** What a newer version of an open report did: the cases it marked, whether it reopened or changed the report. */
export interface UpdatedUpstream {
  caseIds: string[];
  reopened: boolean;
  changed: boolean;
  /** An older version than the one kept: nothing was written. */
  stale: boolean;
}

const stateOfRow = (row: ReportRow): ReportState => ({
  category: row.category as MastodonCategory,
  ruleIds: row.ruleIds,
  resolved: row.resolved,
  updatedAt: row.updatedAt.toISOString(),
});

async function connectorRowIn(tx: Db, platform: string): Promise<ConnectorRow | null> {
  const [row] = await tx.select().from(mastodonConnectors).where(eq(mastodonConnectors.platform, platform));
  return row ?? null;
}

/** The report's kept state, its row locked for the command. */
async function keptState(tx: Db, platform: string, reportId: string): Promise<ReportState | null> {
  const [row] = await tx
    .select()
    .from(mastodonReports)
    .where(and(eq(mastodonReports.platform, platform), eq(mastodonReports.reportId, reportId)))
    .for('update');
  return row ? stateOfRow(row) : null;
}

/**
 * Keeps the report's state, with a `mastodon.report_state` event, when it is a newer version than the one kept;
 * `newer` false when it is not (an older delivery arriving late: the caller changes nothing). `kept`: what was kept.
 */
async function keepState(
  tx: Db,
  record: CommandContext['record'],
  platform: string,
  report: MastodonReport,
): Promise<{ newer: boolean; kept: ReportState | null }> {
  const kept = await keptState(tx, platform, report.id);
  if (!isNewerThan(report, kept)) return { newer: false, kept };
  const payload = { platform, reportId: report.id, ...reportStateOf(report) };
  await writeReportState(tx, payload);
  record('mastodon.report_state', `connector/mastodon/${platform}`, payload);
  return { newer: true, kept };
}

/** The row of a `mastodon.report_state` event (live, or in a replay). */
export async function writeReportState(
  tx: Db,
  state: ReportState & { platform: string; reportId: string },
): Promise<void> {
  const values = {
    category: state.category,
    ruleIds: state.ruleIds,
    resolved: state.resolved,
    updatedAt: new Date(state.updatedAt),
  };
  await tx
    .insert(mastodonReports)
    .values({ platform: state.platform, reportId: state.reportId, ...values })
    .onConflictDoUpdate({ target: [mastodonReports.platform, mastodonReports.reportId], set: values });
}
