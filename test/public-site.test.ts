import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import type { DesignationsAnswer, PublicDocketPage, TrackerAnswer } from '../src/transparency/site/contract.js';
import { problemOf } from './http.js';
import { addSecondCase, demoPeople, HOSTILE_COMMENT, HOSTILE_TITLE, SECRETS } from './public-site-fixtures.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;

/** The rows of the table of a page whose first cell holds `text`, as markup. */
const rowsWith = (body: string, text: string): string[] =>
  (body.match(/<tr[^>]*>[\s\S]*?<\/tr>/g) ?? []).filter((row) => row.includes(text));

describeEachStore('the public site, without JavaScript', (kind) => {
  let docket: TestDocket;
  let app: App;
  let clock: ManualClock;
  let ref: string;
  let candidateRef: string;
  let memberNames: string[];
  let userIds: string[];

  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    docket = await openTestDocket(kind, { clock });
    await seedDemo(docket);
    ({ ref, candidateRef } = await addSecondCase(docket, clock.now()));
    const people = Object.values(await demoPeople(docket));
    memberNames = people.filter((p) => p.roles.includes('board_member')).map((p) => p.displayName);
    userIds = people.map((p) => p.id);
    app = await buildServer(docket, { logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await docket?.close();
  });

  it('lists the public cases, newest first, as a page that runs no script', async () => {
    const page = await get('/decisions');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<form method="get" action="/decisions"');
    expect(page.body).not.toMatch(/<script/i);
    const refs = [...page.body.matchAll(/href="\/decisions\/(BC-\d{4}-\d{3})"/g)].map((m) => m[1]);
    expect(refs).toEqual([ref, 'BC-2026-001', 'BC-2023-001']);
    expect(refs).not.toContain(candidateRef);
    const [demo] = rowsWith(page.body, 'href="/decisions/BC-2023-001"');
    expect(demo).toContain('<td>Kambara</td>'); // named from the crisis signals: ISO 3166 assigns QKB to no country
    expect(demo).toContain('Violence and Incitement');
    expect(demo).toContain('Overturned the platform&#39;s decision');
    expect(demo).toContain('2023-06-29');
    expect(demo).toMatch(/<td class="num">6<\/td>/);
  });

  it('searches by country, policy, outcome, dates and words, in the database', async () => {
    const refsOf = async (query: string) =>
      [...(await get(`/decisions?${query}`)).body.matchAll(/href="\/decisions\/(BC-\d{4}-\d{3})"/g)].map((m) => m[1]);
    expect(await refsOf('country=QKB&outcome=overturn')).toEqual(['BC-2023-001']);
    expect(await refsOf('country=nld&outcome=overturn&policy=violence-incitement')).toEqual([ref]);
    expect(await refsOf('from=2023-06-01&to=2023-06-30')).toEqual(['BC-2023-001']);
    expect(await refsOf('q=SPEECH')).toEqual(['BC-2023-001']);
    expect(await refsOf('q=mayor&country=&policy=&outcome=&from=&to=')).toEqual([ref]);
    const none = await get('/decisions?country=QKB&outcome=uphold');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No case matches this search.');
    expect(none.body).toMatch(/<option value="QKB" selected>Kambara<\/option>/);
    expect(none.body).toMatch(/<option value="uphold" selected>/);
    expect(await refsOf('from=2030-01-01')).toEqual([]);
  });

  it('answers what no page reads (a NUL, a path or query that does not decode, a form in JSON) with a page, never JSON', async () => {
    const pages: [string, string, string | undefined, number, string][] = [
      ['GET', '/decisions?q=a%00b', undefined, 400, 'query is not valid: /q must not contain the NUL character'],
      ['GET', '/log?through=%ED%A0%80', undefined, 400, '/through is not valid percent-encoded UTF-8'],
      ['GET', '/decisions/BC-2023-%E0%A4%A', undefined, 400, 'its percent-encoding does not decode to UTF-8 text'],
      ['GET', '/notices/status/a%00', undefined, 400, '/token must not contain the NUL character'],
      ['POST', '/notices', 'explanation=a%00b', 400, 'body is not valid: /explanation must not contain'],
      ['POST', '/complaints/not-a-token', `statement=${'x'.repeat(70_000)}`, 413, 'form is larger than'],
      ['POST', '/misuse/not-a-token', '{"statement":"x"}', 415, 'application/x-www-form-urlencoded'],
    ];
    for (const [method, url, payload, status, says] of pages) {
      const answer = await app.inject({
        method: method as 'GET',
        url,
        ...(payload === undefined
          ? {}
          : {
              payload,
              headers: {
                'content-type': payload.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
              },
            }),
      });
      expect(answer.statusCode, `${method} ${url}`).toBe(status);
      expect(answer.headers['content-type'], `${method} ${url}: ${answer.body}`).toContain('text/html');
      expect(answer.body).toContain('<h1>');
      expect(answer.body).toContain(says);
    }
    // A parameter given twice is named on the page (`country` twice answered 500).
    for (const query of ['country=KEN&country=DEU', 'from=2023-01-01&from=2023-02-01', 'to=2023-01-01&to=2023-02-01']) {
      const twice = await get(`/statistics?${query}`);
      expect(twice.statusCode, `${query}: ${twice.body.slice(0, 300)}`).toBe(400);
      expect(twice.body).toContain(`give &quot;${query.split('=')[0] ?? ''}&quot; once`);
    }
    // The JSON twins keep answering problem+json.
    const api = await get('/api/public/board/cases?q=a%00b');
    expect(api.statusCode).toBe(400);
    expect(problemOf(api).code).toBe('validation_failed');
  });

  it('answers a bad search with a 400 page that says what is wrong, keeping the form', async () => {
    const bad = await get('/decisions?from=29-06-2023&outcome=maybe&country=QKB');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    expect(bad.body).toContain('The search could not be run');
    expect(bad.body).toContain(
      '<strong>Published from</strong>: &quot;29-06-2023&quot; is not a date: write it as YYYY-MM-DD',
    );
    expect(bad.body).toContain('<strong>Outcome</strong>: &quot;maybe&quot; is not one of');
    expect(bad.body).toMatch(/<option value="QKB" selected>/);
    expect(bad.body).not.toContain('href="/decisions/BC-');
    const reversed = await get('/decisions?from=2023-07-01&to=2023-06-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('is before its start');
  });

  it('shows one decision whole: facts, text, a majority without a published split, the obligation, recommendations with history, comments', async () => {
    const page = await get('/decisions/BC-2023-001');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Kambara prime minister&#39;s speech threatening opponents');
    expect(body).toMatch(/<dt>Policy<\/dt><dd><a href="\/policies\/violence-incitement">Violence and Incitement<\/a>/);
    expect(body).toContain('Referral by the platform');
    expect(body).toContain('The newsworthiness allowance cannot protect');
    // Approved by a majority of the board, which published no vote split and no separate opinion.
    expect(body).toContain('Approved by a majority of the board. The board did not publish the vote split.');
    expect(body).not.toContain('Votes of the panel');
    expect(body).not.toContain('Dissenting opinion');
    expect(body).toContain('Remove the content');
    expect(body).toContain('Implemented on time');
    expect(body.match(/<article class="card[^"]*" id="BC-2023-001-R\d"/g)).toHaveLength(6);
    expect(body).toContain('outside our regular enforcement framework would not be consistent with our policies');
    expect(body).toContain('The platform declined; the board maintains the recommendation');
    expect(body).toContain('Not demonstrated');
    expect(body).toContain('Jonas Weber (Free Expression Forum)');
    expect(body).toContain('Dr. Mina Chhay (Kambara Centre for Civic Space)');
    expect(body).toContain('Anonymous');
    // Nothing private: not the anonymous commenter's name, the spam that was rejected, the panel, the referral's statement.
    for (const secret of [
      'Dara Sok',
      'We kept the video up under the newsworthiness allowance',
      'The platform said on June 29 that it would remove the video',
      ...memberNames,
      ...userIds,
    ]) {
      expect(body, secret).not.toContain(secret);
    }
  });

  it('links an open case to the comment form, and has not decided it', async () => {
    const page = await get('/decisions/BC-2026-001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/board/cases/BC-2026-001/comment"');
    expect(page.body).toContain('The board has not decided this case yet.');
    expect(page.body).toMatch(/<dt>Policy<\/dt><dd>none \(a policy question\)<\/dd>/);
  });

  it('shows markup in a title or a comment as text, and keeps private what is private', async () => {
    const page = await get(`/decisions/${ref}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('Mayor &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; warns protesters');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;comment&quot;)&lt;/script&gt;');
    expect(HOSTILE_TITLE).toContain('<script>');
    expect(HOSTILE_COMMENT).toContain('<script>');
    expect(page.body).toContain('Eve Janssen');
    // A board that publishes its vote split shows it, with the unsigned dissent.
    expect(page.body).toMatch(/overturn: <strong>3<\/strong> · uphold: <strong>1<\/strong>/);
    expect(page.body).toContain('Dissenting opinion');
    // The fixture's case manager closed the comment period early, on the record: the page says so, with the reason.
    expect(page.body).toMatch(/<dt>Public comments closed early<\/dt>/);
    expect(page.body).toContain('The panel has the comments it needs before the protest date.');
    for (const secret of [
      SECRETS.appellantStatement,
      SECRETS.commenterEmail,
      SECRETS.anonymousName,
      ...memberNames,
      ...userIds,
    ])
      expect(page.body, secret).not.toContain(secret);
    const list = await get('/decisions?q=mayor');
    expect(list.body).not.toMatch(/<script/i);
    expect(list.body).toContain('Mayor &lt;script&gt;');
  });

  it('answers 404 pages for unknown, malformed and non-public cases', async () => {
    for (const url of ['/decisions/BC-2099-001', '/decisions/nonsense', `/decisions/${candidateRef}`]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Not found');
    }
    expect((await get('/api/public/board/cases')).json<PublicDocketPage>().cases.map((c) => c.ref)).not.toContain(
      candidateRef,
    );
  });

  it('gives the same search as JSON at /api/public/board/cases, refusing a bad one as a problem', async () => {
    const all = (await get('/api/public/board/cases')).json<PublicDocketPage>();
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(all.cases[2]).toMatchObject({
      ref: 'BC-2023-001',
      outcome: 'overturn',
      country: 'QKB',
      policy: { id: 'violence-incitement', title: 'Violence and Incitement' },
      recommendations: 6,
    });
    expect(
      (await get('/api/public/board/cases?country=NLD&outcome=overturn'))
        .json<PublicDocketPage>()
        .cases.map((c) => c.ref),
    ).toEqual([ref]);
    expect((await get('/api/public/board/cases?policy=hate-speech')).json<PublicDocketPage>()).toMatchObject({
      total: 0,
      cases: [],
    });
    expect((await get('/api/public/board/cases?q=%25')).json<PublicDocketPage>()).toMatchObject({
      total: 0,
      cases: [],
    });
    expect((await get('/api/public/board/cases?page=2')).json<PublicDocketPage>()).toMatchObject({
      total: 3,
      page: 2,
      cases: [],
    });
    expect((await get('/decisions?page=2')).body).toContain('There is no page 2 of this search: it finds 3 cases.');
    const problem = problemOf(await get('/api/public/board/cases?from=2023-02-30'));
    expect(problem).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(problem.errors?.[0]?.field).toBe('/from');
    expect(problemOf(await get('/api/public/board/cases?outcome=maybe')).code).toBe('validation_failed');
  });

  it('tracks every recommendation with counts, filters, and the open obligation', async () => {
    const page = await get('/recommendations');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body.match(/<tr[^>]*>\s*<th scope="row" class="ref"><a href="\/decisions\/BC-\d{4}-\d{3}#/g)).toHaveLength(
      8,
    );
    expect(body).toMatch(/<span class="count">8<\/span>recommendations/);
    // The board's groups: the reference case's six in policy (2), enforcement (3) and transparency (1).
    expect(body).toMatch(/<h3 id="group-policy">Policy recommendations <span class="muted">\(2\)<\/span><\/h3>/);
    expect(body).toMatch(
      /<h3 id="group-enforcement">Enforcement recommendations <span class="muted">\(3\)<\/span><\/h3>/,
    );
    expect(body).toMatch(
      /<h3 id="group-transparency">Transparency recommendations <span class="muted">\(1\)<\/span><\/h3>/,
    );
    expect(body.indexOf('id="group-policy"')).toBeLessThan(body.indexOf('id="group-enforcement"'));
    expect(body.indexOf('id="group-enforcement"')).toBeLessThan(body.indexOf('id="group-transparency"'));
    expect(body).toMatch(/<span class="count">2<\/span>awaiting a response/);
    expect(body).toMatch(/<span class="count">0<\/span>response overdue/);
    expect(body).toMatch(/<span class="count">3<\/span>declined/);
    expect(body).not.toContain('class="overdue"');
    const [open] = rowsWith(body, 'Remove the content').filter((row) => row.includes(`href="/decisions/${ref}"`));
    expect(open).toContain('class="open"');
    expect(open).toContain('<span class="tag warn">Open</span>');

    const declined = await get('/recommendations?category=declined&case=BC-2023-001');
    expect(
      declined.body.match(/<th scope="row" class="ref"><a href="\/decisions\/BC-2023-001#BC-2023-001-R\d"/g),
    ).toHaveLength(3);
    const none = await get('/recommendations?state=overdue');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No recommendation matches these filters.');
    const bad = await get('/recommendations?state=late&case=case-1');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<strong>Response state</strong>: &quot;late&quot; is not one of');
    expect(bad.body).toContain('<strong>Case</strong>');
  });

  it('marks overdue responses and an overdue implementation, in words and with the row', async () => {
    // Past the 60 days the platform had to answer, and the 7 days it had to remove the post.
    clock.advance(70 * DAY);
    const page = await get('/recommendations?state=overdue');
    expect(page.statusCode).toBe(200);
    const rows = rowsWith(page.body, `href="/decisions/${ref}#`);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/^<tr class="overdue">/);
      expect(row).toContain('<span class="tag alert">Overdue</span>');
    }
    expect(page.body).toMatch(
      /<li class="alert"><a href="[^"]*state=overdue"><span class="count">2<\/span>response overdue/,
    );
    const [obligation] = rowsWith(page.body, 'Remove the content').filter((row) =>
      row.includes(`href="/decisions/${ref}"`),
    );
    expect(obligation).toMatch(/^<tr class="overdue">/);
    expect(obligation).toContain('<span class="tag alert">Overdue</span>');
    expect(page.body).toMatch(/<span class="count">1<\/span>binding decision overdue/);
    const decision = await get(`/decisions/${ref}`);
    expect(decision.body).toContain('<div class="card overdue">');
    expect(decision.body).toContain('<span class="tag alert">Overdue</span>');
  });

  it('gives the tracker as JSON with the same filters and counts', async () => {
    const all = (await get('/api/public/recommendations')).json<TrackerAnswer>();
    expect(all.counts).toMatchObject({
      recommendations: 8,
      byState: { awaiting: 0, overdue: 2, answered: 6, answered_late: 0 },
      obligations: { overdue: 1, implemented: 1 },
    });
    expect(all.recommendations).toHaveLength(8);
    const overdue = (await get(`/api/public/recommendations?state=overdue&country=NLD`)).json<TrackerAnswer>();
    expect(overdue.recommendations.map((r) => r.ref)).toEqual([`${ref}-R1`, `${ref}-R2`]);
    expect(overdue.obligations).toEqual([
      expect.objectContaining({ caseRef: ref, state: 'overdue', requiredOutcome: 'remove', implementedAt: null }),
    ]);
    const demo = (await get('/api/public/recommendations?case=BC-2023-001')).json<TrackerAnswer>();
    expect(demo.counts.recommendations).toBe(6);
    expect(demo.recommendations.map((r) => r.group)).toEqual([
      'policy',
      'policy',
      'enforcement',
      'enforcement',
      'enforcement',
      'transparency',
    ]);
    expect(demo.recommendations[2]?.responses[0]).toEqual({
      category: 'declined',
      reasons: expect.stringContaining('No crisis designation'),
      timeline: null,
      respondedAt: expect.stringMatching(/^2023-08-28/),
    });
    expect(JSON.stringify(demo)).not.toMatch(/respondedBy|assessedBy|"id"|note":"The platform said on June 29/);
    expect(problemOf(await get('/api/public/recommendations?state=late')).code).toBe('validation_failed');
    expect((await get('/api/public/recommendations?category=implementing_fully')).json<TrackerAnswer>()).toMatchObject({
      recommendations: [],
    });
  });

  it('shows designations in force and ended, never proposals or rejected ones', async () => {
    const page = await get('/designations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kambara: Chronic risk');
    expect(page.body).toContain('<dt>Country</dt><dd>Kambara (QKB)</dd>');
    expect(page.body).toContain('Continuing state violence against opponents');
    expect(page.body).toContain('No acute spike');
    expect(page.body).toMatch(/<th scope="row">Netherlands<\/th><td>Acute crisis<\/td>/);
    for (const hidden of [
      'QVR',
      'Veridia',
      'Brazil',
      'BRA',
      'DEU',
      SECRETS.rejectedReasons,
      SECRETS.proposedReasons,
      'system:detector',
      ...userIds,
    ])
      expect(page.body, hidden).not.toContain(hidden);
    const json = (await get('/api/public/designations')).json<DesignationsAnswer>();
    expect(json.current).toEqual([
      expect.objectContaining({
        iso3: 'QKB',
        kind: 'chronic',
        approvalNote: expect.stringContaining('Continuing state violence'),
      }),
    ]);
    expect(json.past).toEqual([expect.objectContaining({ iso3: 'NLD', kind: 'acute', endedAt: expect.any(String) })]);
    expect(JSON.stringify(json)).not.toMatch(/evidence|proposedBy|decidedBy|PRIVATE/);
    // The prime minister's account, restricted under Kambara's chronic designation: who, for how long, why.
    expect(json.restrictions).toEqual([
      expect.objectContaining({
        name: 'Arkad Velun',
        role: 'official',
        country: 'QKB',
        tier: 2,
        context: 'chronic',
        status: 'active',
        reason: expect.stringContaining('BC-2023-001-R3'),
        closedAt: null,
      }),
    ]);
    expect(Object.keys(json.restrictions[0] ?? {}).sort()).toEqual([
      'closedAt',
      'context',
      'country',
      'endsAt',
      'name',
      'platform',
      'reason',
      'role',
      'startsAt',
      'status',
      'tier',
    ]);
    const [row] = rowsWith(page.body, 'Arkad Velun');
    expect(row).toContain('Official'); // since August 2023, when he handed over the premiership
    expect(row).toContain('Tier 2 (six months)');
    expect(row).toContain('under a chronic risk designation');
    expect(row).toContain('In force');
  });

  it('publishes the policy library and each policy’s history, 404 for an unknown one', async () => {
    await docket.policies.publish(
      'system:test',
      'hate-speech',
      {
        title: 'Hate Speech',
        summary: 'Direct attacks on people <b>for who they are</b>.',
        dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
        sections: [
          {
            id: 'slurs',
            title: 'Slurs',
            text: 'Words that attack people.',
            severity: 3,
            severe: false,
            allowedOutcomes: ['no_violation', 'remove'],
          },
        ],
      },
      'Narrowed to slurs.',
    );
    const library = await get('/policies');
    expect(library.statusCode).toBe(200);
    expect(library.body).toContain('<a href="/policies/violence-incitement">Violence and Incitement</a>');
    expect(library.body).toContain('Child sexual exploitation');
    expect(library.body).toContain('Direct attacks on people &lt;b&gt;for who they are&lt;/b&gt;.');
    const history = await get('/policies/hate-speech');
    expect(history.statusCode).toBe(200);
    expect(history.body).toMatch(/Version 2<\/a>, <time[^>]*>\d{4}-\d{2}-\d{2}<\/time>: Narrowed to slurs\./);
    expect(history.body).toMatch(
      /Version 1<\/a>, <time[^>]*>\d{4}-\d{2}-\d{2}<\/time>: Initial version of the policy library\./,
    );
    expect(history.body).toContain('Dehumanising speech');
    expect(history.body).toContain('4 of 5');
    for (const url of ['/policies/no-such-policy', '/policies/Not_A_Slug'])
      expect((await get(url)).statusCode, url).toBe(404);
  });
});
