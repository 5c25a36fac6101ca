import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildServer } from '../src/http/server.js';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import { describeEachStore, openTestDocket } from './stores.js';
import type { PolicyVersion } from '../src/policy/contract.js';

/**
 * The outsider's and each role's attack on a running Docket (issue 11): input that used to stall the server or
 * answer 500 now answers 4xx problem+json naming the field, and writes nothing.
 */
describeEachStore('hostile input', (kind) => {
  let rig: TestServer;
  let admin: Client;
  let platform: Record<string, string>;

  beforeAll(async () => {
    rig = await openTestServer(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin', 'policy', 'moderator'],
      password: 'root-test-password-1',
    });
    admin = await rig.signIn('root', 'root-test-password-1');
    const { token } = await rig.docket.access.createToken('system:test', {
      name: 'lumen',
      kind: 'integration',
      platform: 'lumen',
    });
    platform = { authorization: `Bearer ${token}` };
  });
  afterAll(() => rig.close());

  const refused = (response: LightMyRequestResponse, field: string, message: RegExp) => {
    expect(response.statusCode, response.body).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
  };
  const rawJson = (url: string, body: string, headers: Record<string, string> = {}) =>
    rig.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/json', ...headers } });

  it('bounds every date: the statistics to year 9999 or from year 0 answer 400 at once', async () => {
    const before = await rig.written();
    const started = Date.now();
    refused(
      await rig.app.inject({ url: '/api/public/statistics?to=9999-12-31' }),
      'to',
      /from 1970-01-01 to 2100-12-31/,
    );
    refused(await rig.app.inject({ url: '/api/public/statistics?from=0000-01-01' }), 'from', /not a date|1970-01-01/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const page = await rig.app.inject({ url: '/statistics?to=9999-12-31' });
    expect(page.statusCode).toBe(400);
    refused(
      await admin.request('GET', '/api/transparency/sor?from=2023-01-01&to=9999-12-31'),
      '/to',
      /1970-01-01 to 2100-12-31/,
    );
    refused(
      await rig.app.inject({
        method: 'POST',
        url: '/api/subjects',
        headers: platform,
        payload: { externalId: 'p-1', kind: 'content', postedAt: '9999-12-31T00:00:00Z' },
      }),
      '/postedAt',
      /RFC 3339.*1970-01-01 to 2100-12-31/,
    );
    expect(await rig.written()).toBe(before);
  });

  it('refuses NUL characters and lone surrogates with 400 naming the field, anonymous or signed in', async () => {
    const before = await rig.written();
    refused(await rig.app.inject({ url: '/api/public/board/cases?q=%00' }), '/q', /NUL/);
    refused(
      await rig.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'a\u0000b', password: 'whatever-it-is' },
      }),
      '/username',
      /NUL/,
    );
    refused(
      await rawJson('/api/subjects', '{"externalId":"\\ud800","kind":"content"}', platform),
      '/externalId',
      /surrogate/,
    );
    refused(
      await rawJson(
        '/api/reports',
        '{"subjectExternalId":"x","policyId":"spam","source":"user","text":"a\\u0000"}',
        platform,
      ),
      '/text',
      /NUL/,
    );
    refused(
      await admin.request('POST', '/api/tokens', '{"name":"t","kind":"integration","platform":"\\udfff"}'),
      '/platform',
      /surrogate/,
    );
    refused(await admin.request('GET', '/api/events?stream=%00'), '/stream', /NUL/);
    expect(await rig.written()).toBe(before);
  });

  it('refuses numbers beyond what the store keeps, in bodies and in queries', async () => {
    const before = await rig.written();
    refused(
      await rawJson('/api/subjects', '{"externalId":"p-2","kind":"content","views":1e308}', platform),
      '/views',
      /between/,
    );
    refused(
      await rawJson('/api/subjects', '{"externalId":"p-2","kind":"content","views":1e400}', platform),
      '/views',
      /finite|between/,
    );
    refused(await rig.app.inject({ url: '/public/log?after=99999999999999999999999' }), '/after', /between/);
    refused(await admin.request('GET', '/api/events?after=99999999999999999999999'), '/after', /between/);
    refused(await rig.app.inject({ url: '/public/log?after=0x10' }), '/after', /type integer/);
    refused(await rig.app.inject({ url: '/public/log?after=%20' }), '/after', /type integer/);
    expect((await rig.app.inject({ url: '/public/log?after=2&limit=1' })).statusCode).toBe(200);
    expect(await rig.written()).toBe(before);
    const big = await rig.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: platform,
      payload: { externalId: 'p-3', kind: 'content', views: 3_000_000_000 },
    });
    expect(big.statusCode, big.body).toBe(201);
  });

  it('answers problem+json for addresses the router refuses, and protects the API explorer with a policy', async () => {
    const long = await rig.app.inject({ url: `/api/public/board/cases/${'a'.repeat(5_000)}` });
    expect(long.statusCode).toBe(414);
    expect(problemOf(long).code).toBe('uri_too_long');
    const badEncoding = await rig.app.inject({ url: '/api/cases/%FF%FE' });
    expect(badEncoding.statusCode).toBe(400);
    expect(problemOf(badEncoding).detail).toMatch(/percent-encoding/);
    const docs = await rig.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['strict-transport-security']).toBeUndefined();
  });

  it('a policy is created on purpose: an unknown id is not created by publishing a version of it', async () => {
    const before = await rig.written();
    const draft = {
      title: 'Election integrity',
      summary: 'False claims about voting.',
      dsaCategory: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
      sections: [
        {
          id: 'voting',
          title: 'Voting',
          text: 'Lies about when or how to vote.',
          severity: 3,
          severe: false,
          allowedOutcomes: ['no_violation', 'remove'],
        },
      ],
      changeNote: 'First version.',
    };
    const accidental = await admin.request('POST', '/api/policies/undefined/versions', draft);
    expect(accidental.statusCode).toBe(404);
    expect(problemOf(accidental).detail).toContain('POST /api/policies');
    refused(await admin.request('POST', '/api/policies', { id: 'undefined', ...draft }), '/id', /forgot to set/);
    expect(await rig.written()).toBe(before);
    await rig.docket.access.createUser('system:test', {
      username: 'mod',
      roles: ['moderator'],
      password: 'moderator-test-password',
    });
    const moderator = await rig.signIn('mod', 'moderator-test-password');
    const withModerator = await rig.written();
    expect(
      problemOf(await moderator.request('POST', '/api/policies', { id: 'election-integrity', ...draft })).code,
    ).toBe('forbidden');
    expect(await rig.written()).toBe(withModerator);
    const created = await admin.request('POST', '/api/policies', { id: 'election-integrity', ...draft });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<PolicyVersion>()).toMatchObject({ policyId: 'election-integrity', version: 1 });
    expect((await admin.request('POST', '/api/policies', { id: 'election-integrity', ...draft })).statusCode).toBe(409);
    expect(
      (
        await admin.request('POST', '/api/policies/election-integrity/versions', { ...draft, changeNote: 'Second.' })
      ).json<PolicyVersion>(),
    ).toMatchObject({ version: 2 });
  });
});

describe('transport security', () => {
  it('sends Strict-Transport-Security only when configured', async () => {
    const docket = await openTestDocket('embedded', { config: { hstsMaxAgeSeconds: 31_536_000 } });
    const app = await buildServer(docket, { logger: false });
    try {
      const response = await app.inject({ url: '/healthz' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await app.close();
      await docket.close();
    }
  });
});
