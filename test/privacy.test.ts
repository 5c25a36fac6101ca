import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../src/store/migrate.js';
import { SITE_SECTIONS } from '../src/transparency/site/layout.js';
import { entryBundlePath, tilePath, tilesForSize } from '../src/transparency/public-log/tiles.js';
import { openDemoServer, type TestServer } from './http.js';
import { describeEachStore } from './stores.js';
import type { PolicyList } from '../src/policy/contract.js';
import type { PublicDocketPage } from '../src/transparency/site/contract.js';

/**
 * Everything Docket must never publish, read straight from the database after the demo: who reported, what
 * appellants and case managers wrote for the record only, commenters' e-mails and withheld names, comments
 * never approved, staff and members' identities, private users' account ids, the signing key. Values shorter
 * than 8 characters are left out: they would match by chance. (The liaison's implementation note is not here: it
 * is the facts of the implementing decision, which its statement of reasons publishes by design; nor is a policy
 * advisory opinion's statement: it is the question the public is asked to comment on.)
 */
async function privateValues(rig: TestServer): Promise<Map<string, string>> {
  const rows = rowsOf<{ what: string; value: string | null }>(
    await rig.docket.store.db.execute(sql`
      select 'reporter identity' as what, reporter_ref as value from reports
      union all select 'appeal statement', statement from appeals
      union all select 'appellant identity', appellant_ref from appeals
      union all select 'internal escalation note', escalation_note from cases
      union all select 'internal case note', text from case_notes
      union all select 'board case statement', statement from board_cases where kind <> 'policy_advisory'
      union all select 'selection note', selection_note from board_cases
      union all select 'recusal reason', reason from panel_seats
      union all select 'commenter e-mail', email from public_comments
      union all select 'commenter sender hash', sender_hash from public_comments
      union all select 'comment moderation note', moderation_note from public_comments
      union all select 'withheld commenter name', name from public_comments where anonymous
      union all select 'unpublished comment', body from public_comments where status <> 'approved'
      union all select 'user id', id::text from users
      union all select 'staff username', username from users
      union all select 'staff or member name', display_name from users
      union all select 'token id', id::text from api_tokens
      union all select 'token name', name from api_tokens
      union all select 'private user account', author_external_id from subjects s
        where not exists (select 1 from public_figures f where f.platform = s.platform and f.account_ref = s.author_external_id)
      union all select 'notifier name', notifier_name from content_notices
      union all select 'notifier e-mail', notifier_email from content_notices
      union all select 'signing key', private_key from signing_keys`),
  );
  const values = new Map<string, string>();
  for (const { what, value } of rows) if (value && value.trim().length >= 8) values.set(value.trim(), what);
  return values;
}

describeEachStore('privacy: no private value reaches a public page, export or log entry', (kind) => {
  let rig: TestServer;
  let adoRef: string;
  const statusTokens: string[] = [];
  const complaintTokens: string[] = [];

  beforeAll(async () => {
    rig = await openDemoServer(kind);
    // Comments on the open advisory opinion: one asking not to be named, one never approved.
    adoRef = (await rig.docket.board.reads.publicCases({})).cases.find((c) => c.status === 'selected')?.ref as string;
    for (const [i, body] of [
      'Please keep my name out of this: leaders’ threats must come down in every country.',
      'Unmoderated text that no one has approved yet, for the privacy walk.',
    ].entries()) {
      const response = await rig.app.inject({
        method: 'POST',
        url: `/api/public/board/cases/${adoRef}/comments`,
        payload: { name: 'Hidden Commenter Name', email: `private.commenter${i}@example.org`, anonymous: true, body },
        remoteAddress: `198.51.100.${i + 1}`,
      });
      expect(response.statusCode).toBe(201);
    }
    // A notice from a named notifier on content the demo platform pushed with its address.
    await rig.docket.moderation.ingestReports(
      'system:test',
      'lumen',
      [
        {
          subject: { externalId: 'privacy-post', kind: 'content', url: 'https://lumen.example/privacy-post' },
          policyId: 'spam',
          source: 'user',
        },
      ],
      null,
    );
    const noticed = await rig.app.inject({
      method: 'POST',
      url: '/api/public/notices',
      payload: {
        location: 'https://lumen.example/privacy-post',
        explanation: 'Bought followers for sale, over and over again.',
        policyId: 'spam',
        name: 'Private Notifier Name',
        email: 'private.notifier@example.org',
        goodFaith: true,
      },
    });
    expect(noticed.statusCode, noticed.body).toBe(201);
    statusTokens.push(new URL(noticed.json<{ statusUrl: string }>().statusUrl).pathname.split('/').pop() as string);
    // An affected user's complaint link on the platform's newest decision still in force.
    const [recent] = rowsOf<{ id: string }>(
      await rig.docket.store.db.execute(sql`
        select d.id from decisions d join subjects s on s.id = d.subject_id
        where s.platform = 'lumen' and d.status = 'in_force' order by d.decided_at desc limit 1`),
    );
    const link = await rig.docket.complaints.issueLink('system:test', 'lumen', recent!.id, 'http://localhost');
    complaintTokens.push(new URL(link.url).pathname.split('/').pop() as string);
    await rig.docket.transparency.checkpoint();
  });
  afterAll(() => rig.close());

  it('walks every public API route, every page reachable from the site, the public log and the exports', async () => {
    const secrets = await privateValues(rig);
    expect(secrets.size).toBeGreaterThan(100);
    for (const what of [
      'reporter identity',
      'appeal statement',
      'commenter e-mail',
      'withheld commenter name',
      'unpublished comment',
      'staff or member name',
      'private user account',
      'notifier e-mail',
      'signing key',
    ]) {
      expect([...secrets.values()]).toContain(what);
    }

    const bodies = new Map<string, string>();
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const response = await rig.app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, `GET ${url}`).toBeLessThan(400);
      bodies.set(url, response.body);
      return response;
    };

    // 1. Every public GET route of the API, with each value its path parameters take.
    const policyIds = (await get('/api/policies')).json<PolicyList>().policies.map((p) => p.policyId);
    const refs = (await get('/api/public/board/cases')).json<PublicDocketPage>().cases.map((c) => c.ref);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    expect(policyIds.length).toBeGreaterThanOrEqual(7);
    // The transparency log's tiles of the current tree, and its proofs with a query that asks for one.
    const size = (await get('/public/log?limit=1')).json<{ head: { seq: number } }>().head.seq;
    const tiles = tilesForSize(size).flatMap((tile) => [
      tilePath(tile).slice('tile/'.length),
      ...(tile.level === 0 ? [entryBundlePath(tile).slice('tile/'.length)] : []),
    ]);
    const parameterValues: Record<string, string[]> = { ref: refs, id: policyIds, '*': tiles, token: statusTokens };
    const queries: Record<string, string> = {
      '/public/log/proof/inclusion': `?seq=1&size=${size}`,
      '/public/log/proof/consistency': `?from=1&to=${size}`,
      '/api/transparency/harmonised-report': '?from=2020-01-01&to=2030-12-31',
    };
    const openapi = (await rig.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const publicGets = Object.entries(openapi.paths)
      .filter(([, ops]) => Array.isArray(ops.get?.security) && ops.get.security.length === 0)
      .map(([path]) => path);
    expect(publicGets.length).toBeGreaterThanOrEqual(9);
    for (const path of publicGets) {
      const names = [...path.matchAll(/\{(\w+|\*)\}/g)].map((m) => m[1] as string);
      // A notice's status link opens its complaint page only once the notice is decided: a complaint link there.
      parameterValues.token = path.includes('/complaints/') ? complaintTokens : statusTokens;
      for (const name of names) expect(parameterValues[name], `values for {${name}} in ${path}`).toBeDefined();
      const expand = (template: string, rest: string[]): string[] =>
        rest.length === 0
          ? [template]
          : (parameterValues[rest[0] as string] ?? []).flatMap((value) =>
              expand(
                template.replace(`{${rest[0]}}`, rest[0] === '*' ? value : encodeURIComponent(value)),
                rest.slice(1),
              ),
            );
      for (const url of expand(path, names)) await get(`${url}${queries[path] ?? ''}`);
    }
    // Downloads: the whole log, the statistics as CSV, every board case's page of the API.
    await get('/public/log?limit=5000');
    await get('/api/public/statistics?format=csv');
    await get('/api/transparency/harmonised-report?from=2020-01-01&to=2030-12-31&format=csv');

    // 2. Every page reachable by links from the site's sections (GET forms' results included via their links).
    const queue = ['/', ...SITE_SECTIONS.map((s) => s.path)];
    const crawled = new Set<string>();
    while (queue.length > 0 && crawled.size < 400) {
      const url = queue.shift() as string;
      if (crawled.has(url)) continue;
      crawled.add(url);
      const response = await get(url);
      if (!String(response.headers['content-type']).startsWith('text/html')) continue;
      for (const match of response.body.matchAll(/href="(\/[^"#]*)"/g)) {
        const link = (match[1] as string).replace(/&amp;/g, '&');
        if (
          /^\/(api\/docs|console|login|assets|site\.css)/.test(link) ||
          link.includes('format=csv') ||
          crawled.has(link)
        )
          continue;
        if (link.startsWith('/api/public/') || link.startsWith('/public/') || !link.startsWith('/api/'))
          queue.push(link);
      }
    }
    for (const ref of refs) expect(crawled, `the site links to ${ref}`).toContain(`/decisions/${ref}`);
    expect(crawled.size).toBeGreaterThan(15);
    // A notifier's own status page: whoever holds its link sees the notice, never the notifier's name or address.
    for (const token of statusTokens) await get(`/notices/status/${token}`);
    // The affected user's complaint page: the decision it names, never who reported it.
    for (const token of complaintTokens) await get(`/complaints/${token}`);

    // 3. The exports made for the public: DSA statements of reasons (JSON and CSV) of the whole demo period.
    const staff = await rig.signIn('policy', 'policy-demo-pass');
    for (const format of ['json', 'csv']) {
      const url = `/api/transparency/sor?from=2022-01-01&to=2030-12-31&format=${format}`;
      const response = await staff.request('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.body.length).toBeGreaterThan(1000);
      bodies.set(url, response.body);
    }

    const leaks: string[] = [];
    for (const [url, body] of bodies) {
      for (const [value, what] of secrets)
        if (body.includes(value)) leaks.push(`${url} shows a ${what}: ${value.slice(0, 60)}`);
    }
    expect(leaks).toEqual([]);
    expect(bodies.size).toBeGreaterThan(30);
  });
});
