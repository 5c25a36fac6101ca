import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Docket } from '../app.js';
import { DocketError } from '../core/errors.js';
import type { Keyed } from '../core/idempotency.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { ReportReceipt, SubjectInput } from '../moderation/contract.js';
import type { App } from '../http/types.js';
import type { ConnectorRow } from './service.js';
import {
  ConnectorBody,
  ConnectorParams,
  MastodonConnector,
  MastodonConnectorList,
  MastodonWebhookAnswer,
  MastodonWebhookBody,
  type PolicyMap,
} from './contract.js';
import {
  addedStatusItems,
  accountsOfAccount,
  accountsOfReport,
  accountsOfStatus,
  accountSubject,
  deliveryKey,
  isOlderThan,
  readMastodonAccount,
  readMastodonReport,
  readMastodonStatus,
  reportChange,
  reportItems,
  reportSubjectIds,
  signatureMatches,
  statusSubject,
  upstreamResolution,
  type MastodonReport,
  type SeenAccount,
  type Read,
} from './rules.js';

const tags = ['connectors'];

/** Each webhook request's body exactly as it arrived: the signature covers these bytes, not the parsed JSON. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();
/** The connector a delivery's signature was checked against, for its handler. */
const connectors = new WeakMap<FastifyRequest, ConnectorRow>();

/** The parsed object, or a 400 naming every field Mastodon's serializer would have written and this one lacks. */
function readOrRefuse<T>(read: Read<T>, event: string): T {
  if (read.ok) return read.value;
  throw new DocketError('validation_failed', `the ${event} object is not shaped as Mastodon sends it`, read.problems);
}

const ignored = (event: string, detail: string): MastodonWebhookAnswer => ({
  event,
  handled: 'ignored',
  replayed: false,
  caseIds: [],
  detail,
  reportId: null,
});

export function mastodonRoutes(app: App, docket: Docket): void {
  const { mastodon, moderation } = docket;

  /**
   * report.updated for a report open inside Mastodon: reopened after Docket marked it resolved, its category or
   * rules changed, statuses added (each filed as a report on its subject, once) or removed. Compared with what
   * Docket kept of the report; a report Docket never received, or an older version, changes nothing.
   */
  async function openReportUpdated(
    platform: string,
    report: MastodonReport,
    policyMap: PolicyMap,
  ): Promise<{ code: 200 | 201; body: MastodonWebhookAnswer }> {
    const event = 'report.updated';
    const actor = `mastodon:${platform}`;
    const kept = await mastodon.reportKept(platform, report.id);
    if (kept.state === null && kept.filed.length === 0)
      return { code: 200, body: ignored(event, `report ${report.id} is open and Docket never received it`) };
    if (isOlderThan(report, kept.state))
      return {
        code: 200,
        body: ignored(event, `report ${report.id} is an older version than the one Docket has: nothing changed`),
      };
    const change = reportChange(kept.state, kept.filed, report, policyMap);
    let filed: ReportReceipt[] = [];
    let filedNow = false;
    if (change.addedStatuses.length > 0) {
      const items = addedStatusItems(report, change.addedStatuses, policyMap);
      const key = deliveryKey('report.statuses_added', report.id, report.updatedAt);
      const answer = await moderation.ingestReports(
        actor,
        platform,
        items,
        { principal: actor, key, request: items },
        {
          alongside: (ctx) =>
            mastodon.noteRecordsIn(ctx, platform, {
              report: { id: report.id, externalIds: reportSubjectIds(report) },
              accounts: accountsOfReport(report),
            }),
          answerBeforeChain: true,
        },
      );
      [filed, filedNow] = [answer.body.receipts, !answer.replayed];
    }
    const key = deliveryKey(event, report.id, report.updatedAt);
    const { body: done, replayed } = await mastodon.updatedUpstream(platform, report, change, key);
    const caseIds = [...new Set([...done.caseIds, ...filed.map((r) => r.caseId)])];
    const base = { event, replayed, caseIds, reportId: report.id };
    if (done.stale)
      return { code: 200, body: ignored(event, `report ${report.id} is an older version than the one Docket has`) };
    const parts = [
      done.reopened ? 'was reopened inside Mastodon' : '',
      change.policy ? `now alleges ${change.policy.to.category} (was ${change.policy.from.category})` : '',
      change.addedStatuses.length > 0 ? `names ${change.addedStatuses.length} more status(es), filed as reports` : '',
      change.removedStatusIds.length > 0 ? `no longer names ${change.removedStatusIds.length} status(es)` : '',
    ].filter((p) => p !== '');
    if (!done.reopened && !done.changed)
      return {
        code: 200,
        body: { ...base, handled: 'ignored', detail: `report ${report.id} is open and nothing Docket keeps changed` },
      };
    return {
      code: filedNow ? 201 : 200,
      body: {
        ...base,
        handled: done.reopened ? 'reopened_upstream' : 'changed_upstream',
        detail: replayed
          ? `report ${report.id} version ${report.updatedAt} was received before: nothing new was written`
          : `report ${report.id} ${parts.join('; ')}; its cases' history says so`,
      },
    };
  }

  app.put(
    '/api/connectors/mastodon/:platform',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Connect a Mastodon instance as a platform (its access token and webhook secret are never shown)',
        description:
          "Point the instance's admin webhook (Administration > Webhooks) at the answer's `webhookPath`, with the same " +
          'secret, for report.created, report.updated and, if wanted, account.* and status.* events.',
        params: ConnectorParams,
        body: ConnectorBody,
        response: { 200: MastodonConnector },
      },
    },
    async (request) =>
      mastodon.setConnector(actorOf(request.principal as Principal), request.params.platform, request.body),
  );

  app.get(
    '/api/connectors/mastodon',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'The connected Mastodon instances (never their secrets)',
        response: { 200: MastodonConnectorList },
      },
    },
    async () => ({ connectors: await mastodon.connectors() }),
  );

  app.get(
    '/api/connectors/mastodon/:platform',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'A connected Mastodon instance (never its secrets)',
        params: ConnectorParams,
        response: { 200: MastodonConnector },
      },
    },
    async (request) => mastodon.connector(request.params.platform),
  );

  app.post(
    '/api/connectors/mastodon/:platform/webhook',
    {
      // A webhook's reports are acknowledged at their commit, like a platform's: Mastodon does not read the log.
      config: { access: 'public', limit: 'ingest', csrfExempt: true, answersBeforeChain: true },
      schema: {
        tags,
        summary: "A Mastodon instance's admin webhook (signed: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>)",
        description:
          'Takes Mastodon\'s own payload {"event","created_at","object"}. report.created becomes reports (the ' +
          'account and each status a subject); report.updated resolved inside Mastodon marks the cases, reopened ' +
          'there says so on them, with a changed category or rules records old and new policy on them, and with ' +
          'statuses added files those; account.* and status.* update subjects. A delivery received before creates nothing. A wrong or missing signature: 401.',
        params: ConnectorParams,
        body: MastodonWebhookBody,
        response: { 200: MastodonWebhookAnswer, 201: MastodonWebhookAnswer },
      },
      preParsing: async (request, _reply, payload) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of payload) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
          size += bytes.length;
          // Read whole before the parser's own limit applies: the same limit, here.
          if (size > docket.config.bodyLimitBytes)
            throw new DocketError('body_too_large', `the body is larger than ${docket.config.bodyLimitBytes} bytes`);
          chunks.push(bytes);
        }
        const raw = Buffer.concat(chunks);
        rawBodies.set(request, raw);
        // The body parser reads the same bytes from a stream of its own.
        const copy = new PassThrough() as PassThrough & { receivedEncodedLength?: number };
        copy.receivedEncodedLength = raw.length;
        copy.end(raw);
        return copy;
      },
      // Before the body's schema: an unsigned request learns nothing about what a valid payload looks like.
      preValidation: async (request) => {
        const { platform } = request.params as { platform: string };
        const row = /^[A-Za-z0-9._-]{1,120}$/.test(platform) ? await mastodon.connectorRow(platform) : null;
        if (!row) throw new DocketError('not_found', `no Mastodon instance is connected as platform "${platform}"`);
        connectors.set(request, row);
        const header = request.headers['x-hub-signature'];
        if (
          !signatureMatches(
            row.webhookSecret,
            rawBodies.get(request) ?? '',
            typeof header === 'string' ? header : undefined,
          )
        )
          throw new DocketError(
            'unauthenticated',
            header === undefined
              ? "the X-Hub-Signature header is missing: set the webhook secret in Mastodon to the connector's"
              : "the X-Hub-Signature does not match the body signed with the connector's webhook secret",
          );
      },
    },
    async (request, reply) => {
      const { platform } = request.params;
      const { event } = request.body;
      const object = request.body.object as Record<string, unknown>;
      // The row the signature was checked with: read once per delivery.
      const policyMap: PolicyMap = connectors.get(request)?.policyMap ?? {};
      const actor = `mastodon:${platform}`;
      const keyed = (objectId: string, version: string, items: unknown): Keyed => ({
        principal: actor,
        key: deliveryKey(event, objectId, version),
        request: items,
      });

      if (event === 'report.created' || event === 'report.updated') {
        const report = readOrRefuse(readMastodonReport(object), event);
        const resolution = upstreamResolution(report);
        if (resolution) {
          const answer = await mastodon.resolvedUpstream(
            platform,
            report,
            deliveryKey('report.resolved', report.id, report.actionTakenAt ?? report.updatedAt),
          );
          const by = resolution.by ? `@${resolution.by.username}` : 'a moderator';
          if (answer.body.stale)
            return ignored(event, `report ${report.id} is an older version than the one Docket has: nothing changed`);
          return reply.code(200).send({
            event,
            handled: 'resolved_upstream',
            replayed: answer.replayed,
            caseIds: answer.body.caseIds,
            detail: `report ${report.id} was resolved inside Mastodon by ${by}; its cases are marked on their history`,
            reportId: report.id,
          } satisfies MastodonWebhookAnswer);
        }
        if (event === 'report.updated') {
          const answer = await openReportUpdated(platform, report, policyMap);
          return reply.code(answer.code).send(answer.body);
        }
        const items = reportItems(report, policyMap);
        // In the reports' own transaction: which report a decision settles, and the report as received.
        const answer = await moderation.ingestReports(
          actor,
          platform,
          items,
          keyed(report.id, report.updatedAt, items),
          {
            alongside: async (ctx) => {
              await mastodon.noteRecordsIn(ctx, platform, {
                report: { id: report.id, externalIds: reportSubjectIds(report) },
                accounts: accountsOfReport(report),
              });
              await mastodon.keepReportIn(ctx, platform, report);
            },
            // Mastodon does not read the log: the delivery is acknowledged at its commit, like a platform's report.
            answerBeforeChain: true,
          },
        );
        const receipts: ReportReceipt[] = answer.body.receipts;
        return reply.code(answer.replayed ? 200 : 201).send({
          event,
          handled: 'reports',
          replayed: answer.replayed,
          caseIds: [...new Set(receipts.map((r) => r.caseId))],
          detail: answer.replayed
            ? `report ${report.id} was received before: nothing new was written`
            : `report ${report.id} became ${receipts.length} report(s) on ${new Set(receipts.map((r) => r.caseId)).size} case(s)`,
          reportId: report.id,
        } satisfies MastodonWebhookAnswer);
      }

      const isAccount = event === 'account.created' || event === 'account.updated' || event === 'account.approved';
      const isStatus = event === 'status.created' || event === 'status.updated';
      if (!isAccount && !isStatus) return ignored(event, `Docket does not act on ${event} events; nothing was written`);
      let subject: SubjectInput;
      let accounts: SeenAccount[];
      if (isAccount) {
        const account = readOrRefuse(readMastodonAccount(object), event);
        [subject, accounts] = [accountSubject(account), accountsOfAccount(account)];
      } else {
        const status = readOrRefuse(readMastodonStatus(object), event);
        [subject, accounts] = [statusSubject(status), accountsOfStatus(status)];
      }
      const answer = await moderation.ingestSubjects(
        actor,
        platform,
        [subject],
        keyed(subject.externalId, request.body.created_at, [subject]),
        (ctx) => mastodon.noteRecordsIn(ctx, platform, { report: null, accounts }),
      );
      return reply.code(!answer.replayed && answer.status === 201 ? 201 : 200).send({
        event,
        handled: 'subjects',
        replayed: answer.replayed,
        caseIds: [],
        detail: answer.replayed
          ? `${event} for ${subject.externalId} was received before: nothing new was written`
          : `subject ${subject.externalId} (${subject.kind}) is up to date`,
        reportId: null,
      } satisfies MastodonWebhookAnswer);
    },
  );
}
