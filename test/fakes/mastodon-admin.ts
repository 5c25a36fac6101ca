/**
 * A fake Mastodon admin API on loopback, for the tests of Docket's decisions going out to an instance. It answers
 * the endpoints Docket calls the way Mastodon's controllers do (app/controllers/api/base_controller.rb,
 * api/v1/admin/{account_actions,accounts,reports,status_actions,statuses}_controller.rb, the models
 * Admin::AccountAction and Admin::StatusBatchAction, and the policies behind them), keeps the state those calls
 * change, and records every call for the tests to assert on.
 *
 * What it answers as Mastodon does:
 * - the checks in Mastodon's order: the token (`authorize_if_got_token!`: a known token that is revoked gets 401,
 *   one without the scope 403), then the record (404 `Record not found`), then the policy (403 `This action is not
 *   allowed`, which is also what a request with no token, or a token Mastodon does not know, gets);
 * - `{}` (`render_empty`) for the actions, the changed record for resolve and the lifts;
 * - 422 `Validation failed: ...` for a missing or unknown action type (`Record invalid` from the status action);
 * - 404 `{"error":"Not Found"}` for a route it does not have: every /api/v1/admin/statuses route when
 *   `statusActions` is false (upstream Mastodon, which never merged the admin status API of mastodon/mastodon#27675).
 * The serialised records carry a subset of REST::Admin::AccountSerializer's and ReportSerializer's fields.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAccount {
  id: string;
  username: string;
  /** null for a local account, as in Mastodon's Admin::Account. */
  domain: string | null;
  /** A staff role the token's user does not override: the policy refuses every measure on it. */
  staff: boolean;
  disabled: boolean;
  sensitized: boolean;
  silenced: boolean;
  suspended: boolean;
  suspensionOrigin: 'local' | 'remote' | null;
  /** The strikes (AccountWarning) the actions recorded: their action and text. */
  strikes: { action: string; text: string; reportId: string | null }[];
}

export interface FakeStatus {
  id: string;
  accountId: string;
  deleted: boolean;
  sensitive: boolean;
  /** Mastodon marks only posts with media or a link preview as sensitive. */
  withMedia: boolean;
}

export interface FakeReport {
  id: string;
  targetAccountId: string;
  statusIds: string[];
  actionTaken: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** The bearer token sent, or null. */
  token: string | null;
  contentType: string | null;
  /** The params as Rails reads them: the query string, then the form or JSON body. */
  params: Record<string, string>;
  status: number;
  answer: unknown;
}

export interface FakeMastodonOptions {
  /** The admin's valid access token. */
  token?: string;
  /** Its scopes (Mastodon accepts `admin:write` or the narrower `admin:write:accounts` and the like). */
  scopes?: string[];
  /** Tokens Mastodon knows but were revoked: 401. */
  revokedTokens?: string[];
  /** Whether the instance has the admin status API (`/api/v1/admin/statuses/:id/action`, `.../unsensitive`). */
  statusActions?: boolean;
  /** The first this many calls answer 503, as Mastodon does when it loses a race or its database is away. */
  failFirst?: number;
}

export interface FakeMastodon {
  url: string;
  calls: RecordedCall[];
  accounts: Map<string, FakeAccount>;
  statuses: Map<string, FakeStatus>;
  reports: Map<string, FakeReport>;
  addAccount(account: Partial<FakeAccount> & { id: string }): FakeAccount;
  addStatus(status: Partial<FakeStatus> & { id: string; accountId: string }): FakeStatus;
  addReport(report: Partial<FakeReport> & { id: string; targetAccountId: string }): FakeReport;
  /** The next this many calls answer 503. */
  failNext(times: number): void;
  close(): Promise<void>;
}

const ACCOUNT_TYPES = ['none', 'disable', 'sensitive', 'silence', 'suspend'];
const STATUS_TYPES = ['delete', 'sensitive'];
const NOT_ALLOWED = 'This action is not allowed';

class Answer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}
const fail = (status: number, error: string) => new Answer(status, { error });
const ok = (body: unknown) => new Answer(200, body);

export async function startFakeMastodon(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const token = options.token ?? 'admin-token';
  const scopes = options.scopes ?? ['admin:read', 'admin:write'];
  const revoked = new Set(options.revokedTokens ?? []);
  const statusActions = options.statusActions ?? true;
  let failing = options.failFirst ?? 0;
  const calls: RecordedCall[] = [];
  const accounts = new Map<string, FakeAccount>();
  const statuses = new Map<string, FakeStatus>();
  const reports = new Map<string, FakeReport>();

  function addAccount(account: Partial<FakeAccount> & { id: string }): FakeAccount {
    const full: FakeAccount = {
      username: `user${account.id}`,
      domain: null,
      staff: false,
      disabled: false,
      sensitized: false,
      silenced: false,
      suspended: false,
      suspensionOrigin: null,
      strikes: [],
      ...account,
    };
    accounts.set(full.id, full);
    return full;
  }
  function addStatus(status: Partial<FakeStatus> & { id: string; accountId: string }): FakeStatus {
    const full: FakeStatus = { deleted: false, sensitive: false, withMedia: true, ...status };
    statuses.set(full.id, full);
    return full;
  }
  function addReport(report: Partial<FakeReport> & { id: string; targetAccountId: string }): FakeReport {
    const full: FakeReport = { statusIds: [], actionTaken: false, ...report };
    reports.set(full.id, full);
    return full;
  }

  /** authorize_if_got_token!: only a token Mastodon knows is checked; the user behind it is `authorized`. */
  function checkToken(sent: string | null, needed: string[]): boolean {
    if (sent === null) return false;
    if (revoked.has(sent)) throw fail(401, 'The access token was revoked');
    if (sent !== token) return false;
    if (!needed.some((scope) => scopes.includes(scope)))
      throw fail(403, 'This action is outside the authorized scopes');
    return true;
  }
  function find<T>(map: Map<string, T>, id: string, visible: (record: T) => boolean = () => true): T {
    const record = map.get(id);
    if (!record || !visible(record)) throw fail(404, 'Record not found');
    return record;
  }
  function allow(condition: boolean): void {
    if (!condition) throw fail(403, NOT_ALLOWED);
  }
  const local = (account: FakeAccount) => account.domain === null;
  const validationFailed = (messages: string[]) => fail(422, `Validation failed: ${messages.join(', ')}`);

  function accountJson(account: FakeAccount) {
    return {
      id: account.id,
      username: account.username,
      domain: account.domain,
      created_at: '2026-01-01T00:00:00.000Z',
      confirmed: local(account),
      approved: local(account),
      disabled: account.disabled,
      silenced: account.silenced,
      suspended: account.suspended,
      sensitized: account.sensitized,
    };
  }
  function reportJson(report: FakeReport) {
    return {
      id: report.id,
      action_taken: report.actionTaken,
      target_account: accountJson(find(accounts, report.targetAccountId)),
      statuses: report.statusIds.map((id) => ({ id })),
    };
  }
  function resolve(report: FakeReport): void {
    report.actionTaken = true;
  }

  /** Admin::AccountAction#save!: validation, then the measure, the strike and the reports, all or nothing. */
  function accountAction(authorized: boolean, id: string, params: Record<string, string>): Answer {
    const account = find(accounts, id);
    allow(authorized);
    const type = params.type ?? '';
    const errors = [
      ...(type === '' ? ["Type can't be blank"] : []),
      ...(ACCOUNT_TYPES.includes(type) ? [] : ['Type is not included in the list']),
    ];
    if (errors.length > 0) throw validationFailed(errors);
    // Mastodon's policy: a staff account outranking the token's user is refused every measure, the warning too.
    allow(!account.staff);
    // Mastodon fails here for a remote account: it has no user to authorise (Admin::AccountAction#handle_disable!).
    if (type === 'disable' && !local(account)) throw fail(500, 'Internal Server Error');
    // The report is looked up when the strike is made; a missing one rolls the whole action back.
    const report = params.report_id ? find(reports, params.report_id) : null;
    if (type === 'disable') account.disabled = true;
    if (type === 'sensitive') account.sensitized = true;
    if (type === 'silence') account.silenced = true;
    if (type === 'suspend') {
      account.suspended = true;
      account.suspensionOrigin = 'local';
    }
    account.strikes.push({ action: type, text: params.text ?? '', reportId: report?.id ?? null });
    if (type === 'none') {
      if (report) resolve(report);
    } else {
      for (const open of reports.values()) if (open.targetAccountId === account.id && !open.actionTaken) resolve(open);
    }
    return ok({});
  }

  /** StatusActionsController#create, then Admin::StatusBatchAction. */
  function statusAction(authorized: boolean, id: string, params: Record<string, string>): Answer {
    const status = find(statuses, id, (s) => !s.deleted);
    allow(authorized);
    if (!params.type || !STATUS_TYPES.includes(params.type)) throw fail(422, 'Record invalid');
    const report = params.report_id ? find(reports, params.report_id) : null;
    const author = find(accounts, status.accountId);
    if (params.type === 'delete') {
      status.deleted = true;
      if (report) resolve(report);
      author.strikes.push({ action: 'delete_statuses', text: params.text ?? '', reportId: report?.id ?? null });
    } else {
      // Only a post with media or a link preview is marked; the report is resolved only then.
      if (status.withMedia) {
        status.sensitive = true;
        if (report) resolve(report);
      }
      author.strikes.push({
        action: 'mark_statuses_as_sensitive',
        text: params.text ?? '',
        reportId: report?.id ?? null,
      });
    }
    return ok({});
  }

  function route(method: string, path: string, sent: string | null, params: Record<string, string>): Answer {
    const accountWrite = ['admin:write', 'admin:write:accounts'];
    const statusWrite = ['admin:write', 'admin:write:statuses'];
    let match: RegExpExecArray | null;
    if (method === 'POST' && (match = /^\/api\/v1\/admin\/accounts\/([^/]+)\/action$/.exec(path)))
      return accountAction(checkToken(sent, accountWrite), decodeURIComponent(match[1] as string), params);
    if (
      method === 'POST' &&
      (match = /^\/api\/v1\/admin\/accounts\/([^/]+)\/(enable|unsensitive|unsilence|unsuspend)$/.exec(path))
    ) {
      const authorized = checkToken(sent, accountWrite);
      const account = find(accounts, decodeURIComponent(match[1] as string));
      const verb = match[2];
      // require_local_account! runs before the policy.
      if (verb === 'enable') allow(local(account));
      allow(authorized);
      if (verb === 'enable') account.disabled = false;
      if (verb === 'unsensitive') account.sensitized = false;
      if (verb === 'unsilence') account.silenced = false;
      if (verb === 'unsuspend') {
        // AccountPolicy#unsuspend?: only a suspension made on this instance (so never one not in force).
        allow(account.suspensionOrigin === 'local');
        account.suspended = false;
        account.suspensionOrigin = null;
      }
      return ok(accountJson(account));
    }
    if (method === 'POST' && (match = /^\/api\/v1\/admin\/reports\/([^/]+)\/resolve$/.exec(path))) {
      const authorized = checkToken(sent, ['admin:write', 'admin:write:reports']);
      const report = find(reports, decodeURIComponent(match[1] as string));
      allow(authorized);
      resolve(report);
      return ok(reportJson(report));
    }
    if (statusActions && method === 'POST' && (match = /^\/api\/v1\/admin\/statuses\/([^/]+)\/action$/.exec(path)))
      return statusAction(checkToken(sent, statusWrite), decodeURIComponent(match[1] as string), params);
    if (
      statusActions &&
      method === 'POST' &&
      (match = /^\/api\/v1\/admin\/statuses\/([^/]+)\/unsensitive$/.exec(path))
    ) {
      const authorized = checkToken(sent, statusWrite);
      const status = find(statuses, decodeURIComponent(match[1] as string), (s) => !s.deleted);
      allow(authorized);
      status.sensitive = false;
      return ok({ id: status.id, sensitive: false });
    }
    // The catch-all route: ApplicationController#raise_not_found, answered by respond_with_error(404) as JSON.
    throw fail(404, 'Not Found');
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const contentType = request.headers['content-type'] ?? null;
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (contentType?.startsWith('application/json') && raw) {
      for (const [key, value] of Object.entries(JSON.parse(raw) as Record<string, unknown>))
        params[key] = typeof value === 'string' ? value : JSON.stringify(value);
    } else if (raw) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const sent = bearer ? (bearer[1] as string) : null;
    let answer: Answer;
    if (failing > 0) {
      failing -= 1;
      answer = fail(503, 'There was a temporary problem serving your request, please try again');
    } else {
      try {
        answer = route(request.method ?? 'GET', url.pathname, sent, params);
      } catch (error) {
        if (!(error instanceof Answer)) throw error;
        answer = error;
      }
    }
    calls.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      token: sent,
      contentType,
      params,
      status: answer.status,
      answer: answer.body,
    });
    response.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
    });
    response.end(JSON.stringify(answer.body));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    accounts,
    statuses,
    reports,
    addAccount,
    addStatus,
    addReport,
    failNext: (times) => {
      failing = times;
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolveClose()));
      }),
  };
}
