import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import type { App } from '../../src/http/types.js';
import { rowsOf } from '../../src/store/migrate.js';
import { mintServiceJwt, newAccount, type PdsAccount } from '../fakes/atproto-pds.js';
import type { FakePlc } from '../fakes/plc.js';
import type { TestDocket } from '../stores.js';
import { judge as judgeProblem, knownValues, runTarget, type Failure, type Totals } from './api-fuzzer.js';
import { operationsOf, type OpenApiDocument } from './openapi-arbitraries.js';
import { outsideRequests, type FormTarget, type OutsideRequest, type XrpcCredential } from './outside-arbitraries.js';

/**
 * Runs faulty requests through the routes the OpenAPI document leaves out (app.inject) and checks that each answers
 * in its own error form, with a 4xx: createReport XRPC's {"error","message"}, Mastodon's webhook (and the public log's
 * tiles) Docket's problem+json, the public site's pages and forms a page of the site; and that nothing is written.
 */

export interface OutsideFuzzer {
  routes: string[];
  run(seed: number, runs: number, batchSize: number, trace?: RegExp): Promise<Totals>;
}

const LXM = 'com.atproto.moderation.createReport';
const MASTODON_PLATFORM = 'fuzz-mastodon';

/** XRPC's error form: JSON with a named error and a message. */
function judgeXrpc(response: LightMyRequestResponse): Pick<Failure, 'why' | 'detail'> | null {
  const status = response.statusCode;
  const excerpt = response.body.slice(0, 300);
  if (status >= 500) return { why: 'server error', detail: excerpt };
  if (status < 400) return { why: 'accepted', detail: excerpt };
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json'))
    return { why: "not the route's error form", detail: `${String(response.headers['content-type'])}: ${excerpt}` };
  try {
    const body = JSON.parse(response.body) as { error?: unknown; message?: unknown };
    if (typeof body.error !== 'string' || body.error === '' || typeof body.message !== 'string')
      return { why: "not the route's error form", detail: `no error or message: ${excerpt}` };
  } catch {
    return { why: "not the route's error form", detail: `not JSON: ${excerpt}` };
  }
  return null;
}

/** A page of the public site: HTML, with a heading saying what went wrong. */
function judgePage(response: LightMyRequestResponse): Pick<Failure, 'why' | 'detail'> | null {
  const status = response.statusCode;
  const excerpt = response.body.slice(0, 300);
  if (status >= 500) return { why: 'server error', detail: excerpt };
  if (status < 400) return { why: 'accepted', detail: excerpt };
  if (!String(response.headers['content-type'] ?? '').startsWith('text/html') || !response.body.includes('<h1'))
    return { why: "not the route's error form", detail: `${String(response.headers['content-type'])}: ${excerpt}` };
  return null;
}

export async function openOutsideFuzzer(
  docket: TestDocket,
  app: App,
  options: { plc: FakePlc; serviceDid: string; userToken: string },
): Promise<OutsideFuzzer> {
  const db = docket.store.db;
  const actor = 'system:fuzz';
  const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDocument;
  const known = await knownValues(db, operationsOf(document));

  // The reporter, on the PLC directory; another key for its DID, and an account the directory does not know.
  const reporter = newAccount('ES256K');
  options.plc.documents.set(reporter.did, reporter.document);
  const impostor: PdsAccount = { ...newAccount('ES256K'), did: reporter.did };
  const stranger = newAccount('ES256');

  const secret = 'the fuzzer webhook secret';
  await docket.mastodon.setConnector(actor, MASTODON_PLATFORM, {
    baseUrl: 'https://mastodon.example',
    accessToken: 'fuzz-access-token',
    webhookSecret: secret,
  });

  const forms = await formTargets(docket, app, options.userToken);
  const requests = outsideRequests({ document, known, mastodon: { platform: MASTODON_PLATFORM, secret }, forms });

  const nowS = () => Math.floor(docket.clock.now().getTime() / 1000);
  function credential(kind: XrpcCredential | undefined): Record<string, string> {
    const claims = { iss: reporter.did, aud: options.serviceDid, lxm: LXM, iat: nowS() };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    switch (kind) {
      case undefined:
      case 'none':
        return {};
      case 'valid':
        return bearer(mintServiceJwt(reporter, claims));
      case 'not bearer':
        return { authorization: `Basic ${mintServiceJwt(reporter, claims)}` };
      case 'not a JWT':
        return bearer('eyJhbGciOiJFUzI1NksifQ.e30');
      case 'another audience':
        return bearer(mintServiceJwt(reporter, { ...claims, aud: 'did:web:elsewhere.example' }));
      case 'another method':
        return bearer(mintServiceJwt(reporter, { ...claims, lxm: 'com.atproto.repo.createRecord' }));
      case 'no method':
        return bearer(mintServiceJwt(reporter, { ...claims, lxm: undefined }));
      case 'expired':
        return bearer(mintServiceJwt(reporter, { ...claims, iat: nowS() - 7_200, exp: nowS() - 3_600 }));
      case 'issued in the future':
        return bearer(mintServiceJwt(reporter, { ...claims, iat: nowS() + 3_600, exp: nowS() + 3_660 }));
      case 'lives for days':
        return bearer(mintServiceJwt(reporter, { ...claims, exp: nowS() + 5 * 86_400 }));
      case 'a DID the directory does not know':
        return bearer(mintServiceJwt(stranger, { ...claims, iss: stranger.did }));
      case 'signed with another key':
        return bearer(mintServiceJwt(impostor, claims));
      case 'alg none': {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return bearer(`${part({ typ: 'JWT', alg: 'none' })}.${part({ ...claims, exp: nowS() + 60, jti: 'x' })}.`);
      }
    }
  }

  const send = (request: OutsideRequest) =>
    app.inject({
      method: request.method,
      url: request.url,
      headers: {
        ...(request.form === 'xrpc' ? credential(request.credential) : {}),
        ...request.headers,
        ...(request.contentType === undefined ? {} : { 'content-type': request.contentType }),
      },
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });

  const judge = (request: OutsideRequest, response: LightMyRequestResponse) =>
    request.form === 'xrpc'
      ? judgeXrpc(response)
      : request.form === 'page'
        ? judgePage(response)
        : judgeProblem(response);

  const routes = [
    ...new Set(fc.sample(requests, { seed: 1, numRuns: 2_000 }).map((request) => request.operation)),
  ].sort();
  return {
    routes,
    run: (seed, runs, batchSize, trace) => runTarget(db, { requests, send, judge }, seed, runs, batchSize, trace),
  };
}

/**
 * The site's three forms, with real values to fault: the notice form (a subject's address, a policy of the library),
 * and the complaint and misuse forms of a notice on a decided case, whose status link the fuzzer files for itself.
 */
async function formTargets(docket: TestDocket, app: App, userToken: string): Promise<FormTarget[]> {
  const db = docket.store.db;
  const actor = 'system:fuzz';
  const policies = rowsOf<{ id: string }>(await db.execute(sql`select id from policies order by id`)).map((r) => r.id);

  // A notice on content of the demo platform, decided without action: its notifier may complain, and has no measure.
  const integration = (
    await docket.access.createToken(actor, { name: 'fuzz forms', kind: 'integration', platform: DEMO_PLATFORM })
  ).token;
  // Addresses of content the demo platform pushed (its subjects have none): notices on them pass the origin check.
  const addresses = ['complaint-1', 'notice-1', 'notice-2'].map((name) => `https://lumen.example/fuzz/${name}`);
  const location = addresses[0] as string;
  const inject = async (method: 'POST', url: string, token: string | null, payload: object) => {
    const response = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload,
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as Record<string, unknown>;
  };
  for (const url of addresses)
    await inject('POST', '/api/subjects', integration, {
      externalId: `fuzz-${url.split('/').pop() ?? ''}`,
      kind: 'content',
      contentType: 'text',
      url,
    });
  const notice = await inject('POST', '/api/public/notices', null, {
    location,
    explanation: 'It threatens the people of a named village with violence.',
    policyId: 'violence-incitement',
    name: 'Fuzz Notifier',
    email: 'notifier@example.org',
    goodFaith: true,
  });
  const token = new URL(String(notice.statusUrl)).pathname.split('/').pop() ?? '';
  const [row] = rowsOf<{ case_id: string }>(
    await db.execute(sql`select case_id::text from content_notices where location = ${location}`),
  );
  const caseId = row?.case_id ?? '';
  await inject('POST', `/api/cases/${caseId}/claim`, userToken, {});
  await inject('POST', `/api/cases/${caseId}/decision`, userToken, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'no_violation',
    facts: 'A chant between football fans, not a threat.',
  });

  const statement = { schema: { type: 'string', maxLength: 5_000 }, required: true };
  const statements = fc.constantFrom('The village is named: it is a threat.', 'Please look again at the whole thread.');
  return [
    {
      url: '/notices',
      route: '/notices',
      fields: {
        location: { schema: { type: 'string', maxLength: 2_000 }, required: true },
        explanation: { schema: { type: 'string', maxLength: 5_000 }, required: true },
        policyId: { schema: { type: 'string', maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]{0,59}$' }, required: true },
        legalReference: { schema: { type: 'string', maxLength: 500 }, required: false },
        name: { schema: { type: 'string', maxLength: 200 }, required: true },
        email: { schema: { type: 'string', maxLength: 320 }, required: true },
        language: {
          schema: { type: 'string', maxLength: 40, pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
          required: false,
        },
        goodFaith: { schema: { enum: ['yes'] }, required: true },
        website: { schema: { type: 'string', maxLength: 0 }, required: false },
      },
      valid: fc.record(
        {
          location: fc.constantFrom(...addresses),
          explanation: fc.constantFrom(
            'It threatens the people of a named village with violence.',
            'This post sells counterfeit medicine to anyone who asks.',
          ),
          policyId: fc.constantFrom(...policies),
          legalReference: fc.constantFrom('Art. 130 StGB', 'Loi 2004-575'),
          name: fc.constantFrom('Ana Notifier', 'Bo Ng'),
          email: fc.constantFrom('ana@example.org', 'bo@example.net'),
          language: fc.constantFrom('en', 'fr', 'de', 'es'),
          goodFaith: fc.constant('yes'),
        },
        { requiredKeys: ['location', 'explanation', 'policyId', 'name', 'email', 'goodFaith'] },
      ),
    },
    {
      url: `/complaints/${token}`,
      route: '/complaints/{token}',
      fields: { statement },
      valid: statements.map((s) => ({ statement: s })),
    },
    {
      url: `/misuse/${token}`,
      route: '/misuse/{token}',
      fields: { statement },
      valid: statements.map((s) => ({ statement: s })),
    },
  ];
}
