import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { rowsOf } from '../src/store/migrate.js';
import type { StoreKind } from '../src/store/database.js';
import { openTestDocket, type TestDocket } from './stores.js';
import type { ProblemBody } from '../src/http/problem.js';
import type { SessionView } from '../src/access/contract.js';

export interface TestServer {
  docket: TestDocket;
  app: App;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  signIn(username: string, password: string): Promise<Client>;
  /** A fingerprint of everything written: the log head and the row counts of the read models. */
  written(): Promise<string>;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function openTestServer(kind: StoreKind): Promise<TestServer> {
  const docket = await openTestDocket(kind);
  const app = await buildServer(docket, { logger: false });
  await app.ready();
  return openTestServerFor(docket, app);
}

/** A server over a fresh store holding the demo data. */
export async function openDemoServer(kind: StoreKind): Promise<TestServer> {
  const docket = await openTestDocket(kind, { demo: true });
  const app = await buildServer(docket, { logger: false });
  await app.ready();
  return openTestServerFor(docket, app);
}

/** The helpers over an already built server and its docket. */
export function openTestServerFor(docket: TestDocket, app: App): TestServer {
  return {
    docket,
    app,
    async signIn(username, password) {
      const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'docket_session')?.value ?? '';
      const csrfToken = response.json<SessionView>().csrfToken ?? '';
      return {
        csrfToken,
        request: (method, url, body, headers = {}) =>
          app.inject({
            method,
            url,
            cookies: { docket_session: cookie },
            headers: { 'x-csrf-token': csrfToken, ...headers },
            ...(body === undefined
              ? {}
              : typeof body === 'string'
                ? {
                    payload: body,
                    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, ...headers },
                  }
                : { payload: body as object }),
          }),
      };
    },
    async written() {
      // Reports are acknowledged before their events are chained: the fingerprint is taken once they are.
      await docket.sequencer.caughtUp();
      const [counts] = rowsOf<Record<string, number>>(
        await docket.store.db.execute(sql`
          select (select seq from event_log_head) as head,
                 (select seq from public_log_head) as public_log,
                 (select count(*)::int from users) as users,
                 (select count(*)::int from api_tokens) as tokens,
                 (select count(*)::int from subjects) as subjects,
                 (select count(*)::int from reports) as reports,
                 (select count(*)::int from cases) as cases,
                 (select count(*)::int from decisions) as decisions,
                 (select count(*)::int from appeals) as appeals,
                 (select count(*)::int from policy_versions) as policy_versions,
                 (select count(*)::int from designations) as designations,
                 (select count(*)::int from figure_restrictions) as restrictions,
                 (select count(*)::int from board_cases) as board_cases,
                 (select count(*)::int from panel_seats) as panel_seats,
                 (select count(*)::int from public_comments) as public_comments,
                 (select count(*)::int from board_drafts) as board_drafts,
                 (select count(*)::int from board_votes) as board_votes,
                 (select count(*)::int from implementation_obligations) as obligations,
                 (select count(*)::int from recommendations) as recommendations,
                 (select count(*)::int from recommendation_responses) as responses,
                 (select count(*)::int from recommendation_assessments) as assessments`),
      );
      return JSON.stringify(counts);
    },
    async close() {
      await app.close();
      await docket.close();
    },
  };
}

export function problemOf(response: LightMyRequestResponse): ProblemBody {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${String(response.headers['content-type'])}: ${response.body}`);
  }
  return response.json<ProblemBody>();
}
