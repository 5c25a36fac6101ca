import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditedTypes } from '../src/audit/rules.js';
import type { NewSecretView } from '../src/access/contract.js';
import type { AuditEntry, AuditPage } from '../src/audit/contract.js';
import { auditQuery } from '../src/audit/service.js';
import { rowsOf } from '../src/store/migrate.js';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import { describeEachStore } from './stores.js';

const ATTACKER = '203.0.113.9';
const ADMIN_PASSWORD = 'root password 1';

describeEachStore('the audit log of administrative actions', (kind) => {
  let server: TestServer;
  let admin: Client;
  let moderator: Client;
  let rootId: string;
  let tokenId: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    const { access, policies, webhooks } = server.docket;
    rootId = (await access.createUser('system:test', { username: 'root', roles: ['admin'], password: ADMIN_PASSWORD }))
      .user.id;
    await access.createUser('system:test', { username: 'mod', roles: ['moderator'], password: 'moderator password' });
    await policies.ensureDefaultLibrary('system:test');
    moderator = await server.signIn('mod', 'moderator password');
    for (let i = 0; i < 5; i++) {
      await server.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'root', password: `guess ${i}` },
        remoteAddress: ATTACKER,
      });
    }
    admin = await server.signIn('root', ADMIN_PASSWORD);
    const created = await admin.request('POST', '/api/tokens', {
      name: 'lumen',
      kind: 'integration',
      platform: 'lumen',
    });
    tokenId = created.json<NewSecretView>().record.id;
    await admin.request('DELETE', `/api/tokens/${tokenId}`);
    await admin.request('POST', '/api/users', { username: 'newcomer', roles: ['moderator'] });
    await webhooks.setEndpoint(`user:${rootId}`, 'lumen', 'https://lumen.example/hooks');
  });
  afterAll(() => server.close());

  const audit = async (query = ''): Promise<AuditPage> => {
    const response = await admin.request('GET', `/api/audit${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditPage>();
  };
  const typesOf = (page: { entries: AuditEntry[] }) => page.entries.map((e) => e.type);

  it('is for admins only', async () => {
    const refused = await moderator.request('GET', '/api/audit');
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).code).toBe('forbidden');
  });

  it('lists every administrative action newest first, naming who acted and never a password or secret', async () => {
    const page = await audit('?limit=200');
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(typesOf(page))).toEqual(
      new Set([
        'user.created',
        'policy.published',
        'signin.failed',
        'signin.locked',
        'signin.succeeded',
        'token.created',
        'token.revoked',
        'webhook.endpoint_set',
      ]),
    );
    expect(page.entries[0]).toMatchObject({
      type: 'webhook.endpoint_set',
      category: 'webhooks',
      actor: `user:${rootId}`,
      actorName: 'root',
      stream: 'webhook/lumen',
    });
    const body = JSON.stringify(page);
    expect(body).not.toContain(ADMIN_PASSWORD);
    expect(body).not.toContain('guess 1');
  });

  it('filters sign-ins: who tried, from where, and how it ended', async () => {
    const page = await audit('?category=sign-ins');
    expect(new Set(typesOf(page))).toEqual(new Set(['signin.succeeded', 'signin.failed']));
    expect(page.entries[0]).toMatchObject({
      type: 'signin.succeeded',
      category: 'sign-ins',
      actorName: 'root',
      stream: `user/${rootId}`,
      subjectName: 'root',
      payload: { username: 'root', userId: rootId, address: '127.0.0.1' },
    });
    expect(page.entries.filter((e) => e.type === 'signin.failed').map((e) => e.payload)).toEqual(
      Array.from({ length: 5 }, () => ({
        username: 'root',
        userId: rootId,
        address: ATTACKER,
        result: 'wrong_password',
      })),
    );
  });

  it('filters lockouts, tokens, webhooks, policies, users and roles; connectors have none yet', async () => {
    expect((await audit('?category=lockouts')).entries).toEqual([
      expect.objectContaining({
        type: 'signin.locked',
        actor: `address:${ATTACKER}`,
        actorName: null,
        payload: expect.objectContaining({ scope: 'address', address: ATTACKER, attempts: 5 }),
      }),
    ]);
    expect(typesOf(await audit('?category=tokens'))).toEqual(['token.revoked', 'token.created']);
    expect(typesOf(await audit('?category=webhooks'))).toEqual(['webhook.endpoint_set']);
    expect(new Set(typesOf(await audit('?category=policies')))).toEqual(new Set(['policy.published']));
    expect(typesOf(await audit('?category=users'))).toEqual(['user.created', 'user.created', 'user.created']);
    expect((await audit('?category=roles')).entries[0]).toMatchObject({
      category: 'roles',
      payload: { username: 'newcomer', roles: ['moderator'] },
    });
    expect(await audit('?category=connectors')).toEqual({ entries: [], nextBefore: null });
  });

  it('filters by actor and subject, each given as a username, an address or as the log writes it', async () => {
    const byRoot = await audit('?actor=root');
    expect(byRoot.entries.length).toBeGreaterThan(0);
    expect(byRoot.entries.every((e) => e.actor === `user:${rootId}`)).toBe(true);
    expect(typesOf(await audit(`?actor=${ATTACKER}&category=sign-ins`))).toEqual(Array(5).fill('signin.failed'));
    expect(typesOf(await audit(`?actor=${encodeURIComponent(`address:${ATTACKER}`)}&category=lockouts`))).toEqual([
      'signin.locked',
    ]);
    const aboutRoot = await audit('?subject=root');
    expect(aboutRoot.entries.every((e) => e.stream === `user/${rootId}`)).toBe(true);
    expect(typesOf(aboutRoot).at(-1)).toBe('user.created');
    expect(typesOf(await audit(`?subject=token/${tokenId}`))).toEqual(['token.revoked', 'token.created']);
  });

  it('filters by days, inclusive, in UTC', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(`?from=${today}&to=${today}&category=tokens`)).entries).toHaveLength(2);
    expect((await audit('?to=2020-01-01')).entries).toEqual([]);
    expect((await admin.request('GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('pages back by sequence number without repeating or skipping an entry', async () => {
    const all = await audit('?category=sign-ins&limit=200');
    const paged: AuditEntry[] = [];
    let before: number | null = null;
    do {
      const page: { entries: AuditEntry[]; nextBefore: number | null } = await audit(
        `?category=sign-ins&limit=2${before ? `&before=${before}` : ''}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      paged.push(...page.entries);
      before = page.nextBefore;
    } while (before !== null);
    expect(paged.map((e) => e.seq)).toEqual(all.entries.map((e) => e.seq));
  });

  it('is documented in the OpenAPI document with its filters', async () => {
    const doc = (await server.app.inject({ url: '/api/docs/json' })).json();
    const parameters = (doc.paths['/api/audit'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining(['category', 'actor', 'subject', 'from', 'to', 'before', 'limit']),
    );
    expect(doc.paths['/api/audit'].get.responses['200']).toBeDefined();
  });

  it('lists the registers, the message templates and the rules against misuse as policy staff change them', async () => {
    await server.docket.access.createUser('system:test', {
      username: 'pol',
      roles: ['policy'],
      password: 'policy password',
    });
    const policy = await server.signIn('pol', 'policy password');
    const body = await policy.request('POST', '/api/dispute-bodies', {
      name: 'Appeals Centre Europe',
      memberState: 'IE',
      coordinator: 'Coimisiún na Meán',
      website: 'https://www.appealscentre.eu',
      areas: ['hate speech'],
      languages: ['en'],
      status: 'certified',
      certifiedOn: '2024-09-26',
      certifiedUntil: '2029-09-25',
    });
    expect(body.statusCode, body.body).toBe(201);
    const saved = await policy.request('PUT', '/api/message-templates/notifier.outcome.subject/fr', {
      text: 'Votre signalement {ref}',
    });
    expect(saved.statusCode, saved.body).toBe(204);
    expect((await policy.request('DELETE', '/api/message-templates/notifier.outcome.subject/fr')).statusCode).toBe(204);
    const { rules } = (await policy.request('GET', '/api/misuse/rules')).json<{
      rules: Record<string, { windowDays: number }>;
    }>();
    const set = await policy.request('PUT', '/api/misuse/rules', {
      ...rules,
      user: { ...rules.user, windowDays: (rules.user?.windowDays ?? 365) - 5 },
    });
    expect(set.statusCode, set.body).toBe(200);

    expect(typesOf(await audit('?category=dispute-bodies'))).toEqual(['dispute_body.registered']);
    expect(typesOf(await audit('?category=message-templates'))).toEqual([
      'message_template.reverted',
      'message_template.saved',
    ]);
    const misuse = await audit('?category=misuse-rules&actor=pol');
    expect(misuse.entries).toEqual([expect.objectContaining({ type: 'misuse.rules_changed', actorName: 'pol' })]);
  });

  it('reads through the (type, seq) index, not the whole log', async () => {
    // A long log of other events, and statistics that show it.
    await server.docket.tamper(`
      insert into events (seq, stream, type, actor, at, payload, prev, hash)
      select 1000000 + n, 'case/' || n, 'report.received', 'integration:x', now(), '{}'::jsonb, '', '' from generate_series(1, 50000) as n;
      analyze events;`);
    const query = auditQuery(
      auditedTypes(undefined),
      { before: null, actor: null, stream: null, from: null, until: null },
      51,
    );
    const plan = rowsOf<Record<string, string>>(await server.docket.store.db.execute(sql`explain ${query}`))
      .map((row) => Object.values(row)[0])
      .join('\n');
    expect(plan).toContain('events_type_idx');
    expect(plan).not.toMatch(/Seq Scan on events/);
  });
});
