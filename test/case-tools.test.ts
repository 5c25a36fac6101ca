import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/store/migrate.js';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';
import type {
  AccountHistory,
  CaseNote,
  CaseNotes,
  DecisionResult,
  NoticeTemplate,
  NoticeTemplates,
  ReportAnswer,
  SearchResults,
} from '../src/moderation/contract.js';

const facts = 'The post praises a designated terrorist organisation and calls for recruits.';
const NOTE = 'Internal only: the author ran the same recruitment text last week under another handle (note 7f3a).';

/** Issue 12, item 9: internal notes, notice templates, search and the account page. */
describeEachStore('case tools', (kind) => {
  let rig: ModerationRig;
  let board: Client;
  let admin: Client;
  let next = 0;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    await rig.docket.access.createUser('system:test', {
      username: 'member1',
      roles: ['board_member'],
      password: 'member1 password!',
    });
    await rig.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin'],
      password: 'admin password 1',
    });
    board = await rig.signIn('member1', 'member1 password!');
    admin = await rig.signIn('root', 'admin password 1');
  });
  afterAll(() => rig.close());

  const count = async (table: 'case_notes' | 'notice_templates') =>
    rowsOf<{ n: number }>(
      await rig.docket.store.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`),
    )[0]?.n;
  /** Everything written, including this feature's tables. */
  const written = async () =>
    `${await rig.written()} notes=${await count('case_notes')} templates=${await count('notice_templates')}`;
  const integration = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    rig.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${rig.token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  const newCase = async (subject: Record<string, unknown> = {}) => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(3_000 + next++, subject),
        policyId: 'dangerous-organizations',
        source: 'user',
      })
    ).json<ReportAnswer>().receipt;
    return receipt.caseId;
  };

  describe('internal notes', () => {
    it('a reviewer adds a note to a case, and reviewers read it by the author’s name', async () => {
      const caseId = await newCase();
      const added = await rig.moderator.request('POST', `/api/cases/${caseId}/notes`, {
        text: 'Checked the linked site: it is the group’s recruitment page.',
      });
      expect(added.statusCode).toBe(201);
      expect(added.json<CaseNote>()).toMatchObject({
        caseId,
        author: 'mod1',
        text: 'Checked the linked site: it is the group’s recruitment page.',
      });
      const listed = await rig.senior.request('GET', `/api/cases/${caseId}/notes`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json<CaseNotes>().notes).toEqual([added.json<CaseNote>()]);
      const [event] = rowsOf<{ stream: string; actor: string }>(
        await rig.docket.store.db.execute(
          sql`select stream, actor from events where type = 'case.note_added' order by seq desc limit 1`,
        ),
      );
      expect(event?.stream).toBe(`case-notes/${caseId}`);
    });

    it('refuses a blank or too long note, an unknown case, and anyone but reviewers, writing nothing', async () => {
      const caseId = await newCase();
      const before = await written();
      for (const body of [{ text: '   ' }, { text: '' }, { text: 'x'.repeat(5_001) }, {}, { text: 'ok', extra: 1 }]) {
        const answer = await rig.moderator.request('POST', `/api/cases/${caseId}/notes`, body);
        expect(answer.statusCode, JSON.stringify(body)).toBe(400);
        expect(problemOf(answer).code).toBe('validation_failed');
      }
      expect(
        problemOf(await rig.moderator.request('POST', `/api/cases/${caseId}/notes`, { text: '' })).errors?.[0]?.field,
      ).toBe('/text');
      expect(
        problemOf(
          await rig.moderator.request('POST', '/api/cases/00000000-0000-7000-8000-000000000000/notes', {
            text: 'a note',
          }),
        ).code,
      ).toBe('not_found');
      expect(problemOf(await board.request('POST', `/api/cases/${caseId}/notes`, { text: 'a note' })).code).toBe(
        'forbidden',
      );
      expect(problemOf(await board.request('GET', `/api/cases/${caseId}/notes`)).code).toBe('forbidden');
      expect((await integration('POST', `/api/cases/${caseId}/notes`, { text: 'a note' })).statusCode).toBe(403);
      expect((await integration('GET', `/api/cases/${caseId}/notes`)).statusCode).toBe(403);
      expect(await written()).toBe(before);
    });

    it('never reaches the notice, the statement of reasons, the DSA export, the public log, a public page or a webhook', async () => {
      expect((await admin.request('PUT', '/api/webhooks/lumen', { url: 'http://127.0.0.1:9/docket' })).statusCode).toBe(
        200,
      );
      const caseId = await newCase();
      expect((await rig.moderator.request('POST', `/api/cases/${caseId}/notes`, { text: NOTE })).statusCode).toBe(201);
      expect((await rig.moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
      const decided = await rig.moderator.request('POST', `/api/cases/${caseId}/decision`, {
        policyId: 'dangerous-organizations',
        sectionId: 'praise-and-support',
        outcome: 'remove',
        facts,
      });
      expect(decided.statusCode).toBe(201);
      const { decisionId } = decided.json<DecisionResult>();
      expect(
        (
          await rig.push('/api/appeals', {
            decisionId,
            appellant: 'affected_user',
            statement: 'I was quoting the news.',
          })
        ).statusCode,
      ).toBe(201);
      await rig.docket.transparency.checkpoint();

      const bodies = new Map<string, string>();
      const keep = (what: string, body: string) => bodies.set(what, body);
      keep(
        'the decision with its notice, as the platform reads it',
        (await rig.get(`/api/decisions/${decisionId}`)).body,
      );
      for (const format of ['json', 'csv'])
        keep(
          `DSA export (${format})`,
          (await rig.policy.request('GET', `/api/transparency/sor?from=2020-01-01&to=2030-12-31&format=${format}`))
            .body,
        );
      keep('public log', (await rig.app.inject({ method: 'GET', url: '/public/log?limit=5000' })).body);
      const openapi = (await rig.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      }>();
      for (const [path, ops] of Object.entries(openapi.paths)) {
        if (!Array.isArray(ops.get?.security) || ops.get.security.length > 0 || path.includes('{')) continue;
        keep(path, (await rig.app.inject({ method: 'GET', url: path })).body);
      }
      const outbox = rowsOf<{ payload: string }>(
        await rig.docket.store.db.execute(sql`select type || ' ' || payload::text as payload from outbox`),
      );
      expect(outbox.length).toBeGreaterThan(0);
      outbox.forEach((row, i) => keep(`webhook ${i}`, row.payload));
      const published = rowsOf<{ payload: string }>(
        await rig.docket.store.db.execute(sql`select payload::text as payload from public_log_entries`),
      );
      published.forEach((row, i) => keep(`public log entry ${i}`, row.payload));
      const statements = rowsOf<{ statement: string }>(
        await rig.docket.store.db.execute(sql`select statement::text as statement from notices`),
      );
      statements.forEach((row, i) => keep(`notice ${i}`, row.statement));

      expect(bodies.size).toBeGreaterThan(10);
      expect(bodies.get('DSA export (json)')).toContain(facts);
      const leaks = [...bodies].filter(([, body]) => body.includes('note 7f3a')).map(([what]) => what);
      expect(leaks).toEqual([]);
    });
  });

  describe('notice templates', () => {
    const template = {
      policyId: 'dangerous-organizations',
      sectionId: 'praise-and-support',
      title: 'Praise of a designated group',
      text: 'The post praises a designated organisation named in the policy.',
    };
    let id: string;

    it('senior reviewers save templates per section; every reviewer lists them', async () => {
      const created = await rig.senior.request('POST', '/api/notice-templates', template);
      expect(created.statusCode).toBe(201);
      expect(created.json<NoticeTemplate>()).toMatchObject({ ...template, updatedBy: 'senior1' });
      id = created.json<NoticeTemplate>().id;
      const listed = await rig.moderator.request(
        'GET',
        '/api/notice-templates?policyId=dangerous-organizations&sectionId=praise-and-support',
      );
      expect(listed.statusCode).toBe(200);
      expect(listed.json<NoticeTemplates>().templates.map((t: { id: string }) => t.id)).toEqual([id]);
      expect(
        (await rig.moderator.request('GET', '/api/notice-templates?policyId=spam')).json<NoticeTemplates>().templates,
      ).toEqual([]);
    });

    it('refuses moderators and integrations, bad input, an unknown section and a taken title, writing nothing', async () => {
      const before = await written();
      expect(
        problemOf(await rig.moderator.request('POST', '/api/notice-templates', { ...template, title: 'Another' })).code,
      ).toBe('forbidden');
      expect(
        problemOf(
          await rig.moderator.request('PATCH', `/api/notice-templates/${id}`, {
            text: 'A text long enough to be facts.',
          }),
        ).code,
      ).toBe('forbidden');
      expect(problemOf(await rig.moderator.request('DELETE', `/api/notice-templates/${id}`)).code).toBe('forbidden');
      expect(problemOf(await board.request('GET', '/api/notice-templates')).code).toBe('forbidden');
      expect((await integration('POST', '/api/notice-templates', template)).statusCode).toBe(403);
      const short = problemOf(
        await rig.senior.request('POST', '/api/notice-templates', { ...template, title: 'Short', text: 'too short' }),
      );
      expect(short).toMatchObject({ code: 'validation_failed', errors: [{ field: '/text' }] });
      expect(
        problemOf(await rig.senior.request('POST', '/api/notice-templates', { ...template, title: '  ' })).errors?.[0]
          ?.field,
      ).toBe('/title');
      expect(
        problemOf(
          await rig.senior.request('POST', '/api/notice-templates', { ...template, sectionId: 'no-such-section' }),
        ).errors?.[0]?.field,
      ).toBe('/sectionId');
      expect(problemOf(await rig.senior.request('PATCH', `/api/notice-templates/${id}`, {})).code).toBe(
        'validation_failed',
      );
      const taken = problemOf(await rig.policy.request('POST', '/api/notice-templates', template));
      expect(taken).toMatchObject({ code: 'already_exists', status: 409, errors: [{ field: '/title' }] });
      expect(
        problemOf(
          await rig.senior.request('PATCH', '/api/notice-templates/00000000-0000-7000-8000-000000000000', {
            title: 'x',
          }),
        ).code,
      ).toBe('not_found');
      expect(await written()).toBe(before);
    });

    it('policy staff edit and retire a template; a retired one is no longer offered and its title is free again', async () => {
      const edited = await rig.policy.request('PATCH', `/api/notice-templates/${id}`, {
        text: 'The post praises {group}, an organisation designated under this policy.',
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<NoticeTemplate>()).toMatchObject({
        title: template.title,
        text: 'The post praises {group}, an organisation designated under this policy.',
        updatedBy: 'policy1',
      });
      expect((await rig.policy.request('DELETE', `/api/notice-templates/${id}`)).statusCode).toBe(204);
      expect((await rig.moderator.request('GET', '/api/notice-templates')).json<NoticeTemplates>().templates).toEqual(
        [],
      );
      expect(problemOf(await rig.policy.request('DELETE', `/api/notice-templates/${id}`)).code).toBe('not_found');
      expect((await rig.senior.request('POST', '/api/notice-templates', template)).statusCode).toBe(201);
      const types = rowsOf<{ type: string }>(
        await rig.docket.store.db.execute(
          sql`select type from events where stream = ${`notice-template/${id}`} order by seq`,
        ),
      ).map((r) => r.type);
      expect(types).toEqual(['notice_template.created', 'notice_template.updated', 'notice_template.retired']);
    });
  });

  describe('search and the account page', () => {
    beforeAll(async () => {
      const items = [
        { externalId: 'acct-search-1', kind: 'account', title: 'Harbour Watch Collective', followers: 900 },
        {
          externalId: 'clip_search%1',
          kind: 'content',
          contentType: 'video',
          authorExternalId: 'acct-search-1',
          title: 'Night rally at the harbour',
          body: 'Footage of the rally',
          postedAt: '2026-03-01T10:00:00.000Z',
        },
        {
          externalId: 'post-search-2',
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'acct-search-1',
          body: 'Bring bats to the harbour tomorrow',
        },
        {
          externalId: 'post-search-3',
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'acct-other',
          body: 'A harbour sunset',
        },
      ];
      expect((await rig.push('/api/subjects/batch', { items })).statusCode).toBe(201);
    });
    const search = (query: string, client: Client = rig.moderator) => client.request('GET', `/api/search?${query}`);
    const ids = (answer: LightMyRequestResponse) => answer.json<SearchResults>().results.map((r) => r.externalId);

    // Ids are time-ordered: subjects pushed in one batch (one millisecond) come in any order among themselves.
    it('finds by external id prefix, author prefix and words', async () => {
      expect(ids(await search('q=post-search')).sort()).toEqual(['post-search-2', 'post-search-3']);
      expect(ids(await search('q=acct-search-1')).sort()).toEqual(['acct-search-1', 'clip_search%1', 'post-search-2']);
      expect(ids(await search('q=harb%20rally'))).toEqual(['clip_search%1']);
      expect(ids(await search('q=harbour&kind=account'))).toEqual(['acct-search-1']);
      // A LIKE wildcard in the query matches only itself.
      expect(ids(await search('q=clip_search%25'))).toEqual(['clip_search%1']);
      expect(ids(await search('q=clip%25'))).toEqual([]);
      expect(ids(await search('q=clip_'))).toEqual(['clip_search%1']);
      expect(ids(await search('q=clipXsearch'))).toEqual([]);
    });

    it('pages with nextAfter', async () => {
      const first = await search('q=harbour&limit=2');
      expect(first.json<SearchResults>().results).toHaveLength(2);
      const second = await search(`q=harbour&limit=2&after=${first.json<SearchResults>().nextAfter}`);
      expect(second.json<SearchResults>().nextAfter).toBeNull();
      expect([...ids(first), ...ids(second)].sort()).toEqual([
        'acct-search-1',
        'clip_search%1',
        'post-search-2',
        'post-search-3',
      ]);
    });

    it('refuses bad queries and anyone but reviewers', async () => {
      for (const query of [
        'q=',
        'q=%20%20',
        'limit=5',
        'q=x&limit=0',
        'q=x&limit=101',
        'q=x&after=nope',
        'q=x&kind=user',
        'q=x&extra=1',
      ]) {
        expect(problemOf(await search(query)).code, query).toBe('validation_failed');
      }
      expect(problemOf(await search('q=harbour', board)).code).toBe('forbidden');
      expect((await integration('GET', '/api/search?q=harbour')).statusCode).toBe(403);
    });

    it('shows an account’s whole record: content, reports, decisions by the decider’s name, strikes, restrictions, appeals', async () => {
      const receipt = (
        await rig.push('/api/reports', {
          subjectExternalId: 'post-search-2',
          policyId: 'violence-incitement',
          source: 'user',
          reporterRef: 'secret-reporter-9',
        })
      ).json<ReportAnswer>().receipt;
      await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`);
      const decided = await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/decision`, {
        policyId: 'dangerous-organizations',
        sectionId: 'praise-and-support',
        outcome: 'remove',
        facts,
      });
      expect(decided.statusCode).toBe(201);
      await rig.push('/api/appeals', {
        decisionId: decided.json<DecisionResult>().decisionId,
        appellant: 'affected_user',
        statement: 'It was a joke.',
      });

      const answer = await rig.moderator.request(
        'GET',
        '/api/accounts/history?platform=lumen&accountRef=acct-search-1',
      );
      expect(answer.statusCode).toBe(200);
      const page = answer.json<AccountHistory>();
      expect(page.account).toMatchObject({
        externalId: 'acct-search-1',
        title: 'Harbour Watch Collective',
        followers: 900,
      });
      expect(page.subjects.items.map((s: { externalId: string }) => s.externalId).sort()).toEqual([
        'clip_search%1',
        'post-search-2',
      ]);
      expect(page.reports.items).toMatchObject([
        { caseId: receipt.caseId, policyId: 'violence-incitement', source: 'user' },
      ]);
      expect(answer.body).not.toContain('secret-reporter-9');
      expect(page.decisions.items).toMatchObject([
        { caseId: receipt.caseId, outcome: 'remove', decidedBy: 'mod1', status: 'in_force' },
      ]);
      expect(page.strikes.items).toMatchObject([{ policyId: 'dangerous-organizations', active: true }]);
      expect(page.restrictions.items).toMatchObject([{ kind: 'warning', inForce: true }]);
      expect(page.appeals).toMatchObject([{ appellant: 'affected_user', status: 'pending' }]);
      expect(page.subjects.more).toBe(false);
    });

    it('answers 404 for an account it knows nothing of, 400 for a bad query, 403 for others, and writes nothing', async () => {
      const before = await written();
      expect(
        problemOf(await rig.moderator.request('GET', '/api/accounts/history?platform=lumen&accountRef=nobody')).code,
      ).toBe('not_found');
      expect(problemOf(await rig.moderator.request('GET', '/api/accounts/history?platform=lumen')).code).toBe(
        'validation_failed',
      );
      expect(
        problemOf(
          await rig.moderator.request('GET', `/api/accounts/history?platform=lumen&accountRef=${'a'.repeat(201)}`),
        ).code,
      ).toBe('validation_failed');
      expect(
        problemOf(await board.request('GET', '/api/accounts/history?platform=lumen&accountRef=acct-search-1')).code,
      ).toBe('forbidden');
      expect(
        (await integration('GET', '/api/accounts/history?platform=lumen&accountRef=acct-search-1')).statusCode,
      ).toBe(403);
      expect(await written()).toBe(before);
    });
  });
});
