import { Ajv } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateReportOutput, ServiceDidDocument, XrpcErrorBody } from '../src/atproto/contract.js';
import type { QueuePage } from '../src/moderation/contract.js';
import type { PolicyDraft } from '../src/policy/contract.js';
import { buildServer } from '../src/http/server.js';
import { rowsOf } from '../src/store/migrate.js';
import { cidOf, mintServiceJwt, newAccount, plcDid, type PdsAccount } from './fakes/atproto-pds.js';
import { startFakePlc, type FakePlc } from './fakes/plc.js';
import { jsonSchemaOf, lexDef } from './atproto-lexicon.js';
import { openModerationRig, START, type ModerationRig } from './moderation-fixtures.js';
import { testConfig, testStoreKinds } from './stores.js';

/**
 * Docket as an atproto moderation service: createReport from a reporter's PDS (a service-auth JWT minted as a PDS
 * mints it, the reporter's DID document on a fake PLC directory) becomes a case in the queue, and the answer is the
 * lexicon's output. Every refusal answers XRPC's {error, message} and writes nothing.
 */
const SERVICE = 'did:web:docket.example';
const LXM = 'com.atproto.moderation.createReport';
const URL_ = `/xrpc/${LXM}`;

/** com.atproto.moderation.createReport's output schema, built from the official lexicon JSON. */
const LEXICON_OUTPUT = jsonSchemaOf(lexDef(LXM).output?.schema ?? { type: 'never' }, LXM);
const ajv = new Ajv({ strict: false });
(ajvFormats.default as unknown as (ajv: Ajv) => Ajv)(ajv);
const matchesLexicon = ajv.compile(LEXICON_OUTPUT);

const nowS = Math.floor(new Date(START).getTime() / 1000);

const SEXUAL = 'com.atproto.moderation.defs#reasonSexual';
const RUDE = 'com.atproto.moderation.defs#reasonRude';
const SITE_RULE = 'tools.ozone.report.defs#reasonRuleOther';
/** DOCKET_ATPROTO_REASON_MAP as config.ts reads it: one reason type added, one removed, one naming no policy. */
const REASON_MAP = {
  file: 'reasons.json',
  json: {
    [SEXUAL]: { policyId: 'adult-content', sectionId: 'unlabelled-nudity' },
    [RUDE]: null,
    [SITE_RULE]: { policyId: 'site-rules' },
  },
};
const ADULT_CONTENT: PolicyDraft & { id: string } = {
  id: 'adult-content',
  title: 'Adult content',
  summary: 'Sexual content where it is not labelled or not allowed.',
  dsaCategory: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  sections: [
    {
      id: 'unlabelled-nudity',
      title: 'Unlabelled nudity',
      text: 'Nudity or sexual content posted without the label that hides it from those who opted out.',
      severity: 2,
      severe: false,
      allowedOutcomes: ['no_violation', 'warning_screen', 'remove'],
    },
  ],
  changeNote: 'First version, for reports from the Bluesky app.',
};

describe.each(testStoreKinds)('atproto createReport (%s)', (kind) => {
  let rig: ModerationRig;
  let plc: FakePlc;
  let alice: PdsAccount;
  let bob: PdsAccount;
  const author = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
  const post = `at://${author}/app.bsky.feed.post/3l3qo2vuowo2b`;

  beforeAll(async () => {
    plc = await startFakePlc();
    alice = newAccount('ES256K');
    bob = newAccount('ES256');
    for (const account of [alice, bob]) plc.documents.set(account.did, account.document);
    rig = await openModerationRig(kind, {
      atprotoDid: SERVICE,
      atprotoPlcUrl: plc.url,
      atprotoReasonMap: REASON_MAP,
      // These tests send many reports as one reporter at one frozen time; the limits have their own tests below.
      limits: { ...testConfig().limits, atprotoReporter: null },
    });
  });
  afterAll(async () => {
    await rig?.close();
    await plc?.close();
  });

  const jwt = (account: PdsAccount, claims: Partial<Parameters<typeof mintServiceJwt>[1]> = {}) =>
    mintServiceJwt(account, { iss: account.did, aud: SERVICE, lxm: LXM, iat: nowS, ...claims });
  const send = (body: unknown, token: string | null, headers: Record<string, string> = {}) =>
    rig.app.inject({
      method: 'POST',
      url: URL_,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });

  it('takes a report on a post from a secp256k1 account: a case in the queue, answered in the lexicon shape', async () => {
    const cid = cidOf('the post');
    const body = {
      reasonType: 'tools.ozone.report.defs#reasonViolenceThreats',
      reason: 'says he will come to my house',
      subject: { $type: 'com.atproto.repo.strongRef', uri: post, cid },
      modTool: { name: 'bsky-app/web' },
    };
    const res = await send(body, jwt(alice));
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<CreateReportOutput>();
    expect(matchesLexicon(answer), JSON.stringify(matchesLexicon.errors)).toBe(true);
    expect(answer).toMatchObject({
      reasonType: body.reasonType,
      reason: body.reason,
      subject: body.subject,
      reportedBy: alice.did,
      createdAt: START,
    });

    const queue = (await rig.moderator.request('GET', '/api/queue?policyId=violence-incitement')).json<QueuePage>();
    const entry = queue.cases.find((c) => c.subject.title.includes(cid));
    expect(entry?.subject).toMatchObject({ kind: 'content', contentType: 'text' });
    const [stored] = rowsOf<{
      platform: string;
      reporter_ref: string;
      text: string;
      external_id: string;
      section_id: string;
    }>(
      await rig.docket.store.db.execute(
        sql`select r.platform, r.reporter_ref, r.text, r.section_id, s.external_id from reports r join subjects s on s.id = r.subject_id where r.reporter_ref = ${alice.did}`,
      ),
    );
    expect(stored).toEqual({
      platform: 'atproto',
      reporter_ref: alice.did,
      text: body.reason,
      external_id: post,
      section_id: 'threats-of-violence',
    });
  });

  it('takes a report on an account from a P-256 account', async () => {
    const body = {
      reasonType: 'com.atproto.moderation.defs#reasonSpam',
      subject: { $type: 'com.atproto.admin.defs#repoRef', did: author },
    };
    const res = await send(body, jwt(bob));
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<CreateReportOutput>();
    expect(matchesLexicon(answer)).toBe(true);
    expect(answer).toMatchObject({ subject: body.subject, reportedBy: bob.did });
    expect(answer).not.toHaveProperty('reason');
    const queue = (await rig.moderator.request('GET', '/api/queue?policyId=spam')).json<QueuePage>();
    expect(queue.cases.some((c) => c.subject.kind === 'account')).toBe(true);
  });

  it('refuses, in XRPC form and writing nothing, every bad token and every bad body', async () => {
    const good = {
      reasonType: 'com.atproto.moderation.defs#reasonSpam',
      subject: { $type: 'com.atproto.admin.defs#repoRef', did: author },
    };
    const before = await rig.written();
    const used = jwt(alice);
    expect((await send(good, used)).statusCode).toBe(200);
    const afterFirst = await rig.written();
    expect(afterFirst).not.toBe(before);

    const cases: [string, () => Promise<Awaited<ReturnType<typeof send>>>, number, string][] = [
      ['no token', () => send(good, null), 401, 'MissingJwt'],
      ['a Docket-style token', () => send(good, 'not-a-jwt'), 401, 'BadJwt'],
      ['an expired token', () => send(good, jwt(alice, { iat: nowS - 300, exp: nowS - 240 })), 401, 'JwtExpired'],
      [
        'a token for another service',
        () => send(good, jwt(alice, { aud: 'did:web:ozone.example' })),
        401,
        'BadJwtAudience',
      ],
      [
        'a token for another method',
        () => send(good, jwt(alice, { lxm: 'com.atproto.repo.createRecord' })),
        401,
        'BadJwtLexiconMethod',
      ],
      [
        'a token signed by another key',
        () => send(good, jwt({ ...newAccount('ES256K'), did: alice.did })),
        401,
        'BadJwtSignature',
      ],
      ['an unknown DID', () => send(good, jwt(newAccount('ES256K'))), 401, 'BadJwtIss'],
      ['the same token again (replayed)', () => send(good, used), 401, 'JwtReplayed'],
      ['the same token with another body', () => send({ ...good, reason: 'more' }, used), 401, 'JwtReplayed'],
      [
        'an unknown reason type',
        () => send({ ...good, reasonType: 'com.example.defs#reasonMean' }, jwt(alice)),
        400,
        'InvalidRequest',
      ],
      [
        'a reason type this service takes no reports of',
        () => send({ ...good, reasonType: 'com.atproto.moderation.defs#reasonAppeal' }, jwt(alice)),
        400,
        'InvalidRequest',
      ],
      [
        'a malformed at-uri',
        () =>
          send(
            { ...good, subject: { $type: 'com.atproto.repo.strongRef', uri: 'at://alice/post', cid: cidOf('x') } },
            jwt(alice),
          ),
        400,
        'InvalidRequest',
      ],
      ['a subject without $type', () => send({ ...good, subject: { did: author } }, jwt(alice)), 400, 'InvalidRequest'],
      [
        'a body that is not JSON',
        () => send('{"reasonType":', jwt(alice), { 'content-type': 'application/json' }),
        400,
        'InvalidRequest',
      ],
      [
        'a body that is not JSON at all',
        () => send('spam', jwt(alice), { 'content-type': 'text/plain' }),
        400,
        'InvalidRequest',
      ],
    ];
    for (const [what, request, status, error] of cases) {
      const res = await request();
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      expect(res.headers['content-type'], what).toMatch(/^application\/json/);
      const body = res.json<XrpcErrorBody>();
      expect(Object.keys(body).sort(), what).toEqual(['error', 'message']);
      expect(body.error, `${what}: ${body.message}`).toBe(error);
    }
    expect(await rig.written()).toBe(afterFirst);
  });

  it('maps reason types by DOCKET_ATPROTO_REASON_MAP: a mapped reasonSexual becomes a case under the mapped policy', async () => {
    // The map may name a policy before policy staff write it: the report checks the library, which changes.
    const subject = { $type: 'com.atproto.admin.defs#repoRef', did: 'did:plc:44ybard66vv44zksje25o7dz' };
    const early = await rig.written();
    const before = await send({ reasonType: SEXUAL, subject }, jwt(alice));
    expect(before.statusCode, before.body).toBe(400);
    expect(before.json<XrpcErrorBody>()).toEqual({
      error: 'InvalidRequest',
      message: expect.stringContaining(
        `this moderation service maps ${SEXUAL} to policy "adult-content", section "unlabelled-nudity", which its policy library lacks`,
      ),
    });
    expect(await rig.written()).toBe(early);
    const created = await rig.policy.request('POST', '/api/policies', ADULT_CONTENT);
    expect(created.statusCode, created.body).toBe(201);

    const res = await send({ reasonType: SEXUAL, reason: 'nudity, no label', subject }, jwt(bob));
    expect(res.statusCode, res.body).toBe(200);
    expect(matchesLexicon(res.json<CreateReportOutput>())).toBe(true);
    expect(res.json<CreateReportOutput>()).toMatchObject({ reasonType: SEXUAL, subject, reportedBy: bob.did });
    const queue = (await rig.moderator.request('GET', '/api/queue?policyId=adult-content')).json<QueuePage>();
    expect(queue.cases.map((c) => c.subject.kind)).toEqual(['account']);
    const [stored] = rowsOf<{ policy_id: string; section_id: string }>(
      await rig.docket.store.db.execute(
        sql`select r.policy_id, r.section_id from reports r join subjects s on s.id = r.subject_id where s.external_id = ${subject.did}`,
      ),
    );
    expect(stored).toEqual({ policy_id: 'adult-content', section_id: 'unlabelled-nudity' });

    // A reason type the map removes, one it maps to no policy, and one neither maps: refused, nothing written.
    const after = await rig.written();
    for (const [reasonType, message] of [
      [RUDE, `this moderation service does not take reports of type ${RUDE}`],
      [SITE_RULE, `maps ${SITE_RULE} to policy "site-rules", which its policy library lacks`],
      [
        'tools.ozone.report.defs#reasonSelfHarmED',
        'does not take reports of type tools.ozone.report.defs#reasonSelfHarmED',
      ],
    ]) {
      const refused = await send({ reasonType, subject }, jwt(alice));
      expect(refused.statusCode, refused.body).toBe(400);
      const body = refused.json<XrpcErrorBody>();
      expect(Object.keys(body).sort()).toEqual(['error', 'message']);
      expect(body.error).toBe('InvalidRequest');
      expect(body.message).toContain(message);
    }
    expect(await rig.written()).toBe(after);
  });

  it('does not start with a reason map that names an unknown reason type or a malformed entry', async () => {
    const build = (json: unknown) =>
      buildServer(
        {
          ...rig.docket,
          config: { ...rig.docket.config, atprotoReasonMap: { file: '/etc/docket/reasons.json', json } },
        },
        { logger: false },
      );
    await expect(build({ 'com.atproto.moderation.defs#reasonMean': { policyId: 'spam' } })).rejects.toThrow(
      'configuration DOCKET_ATPROTO_REASON_MAP: /etc/docket/reasons.json: "com.atproto.moderation.defs#reasonMean" is not a reason type',
    );
    await expect(build({ [SEXUAL]: { policy: 'adult-content' } })).rejects.toThrow(
      `/etc/docket/reasons.json: "${SEXUAL}/policy" is not policyId or sectionId; "${SEXUAL}/policyId" must be a policy id`,
    );
  });

  it('refuses a did:web reporter whose host resolves to an internal address, fetching nothing and writing nothing', async () => {
    // did:web:localhost%3A<port>: the fake serves its document, but localhost is loopback, so Docket never asks.
    const web = newAccount('ES256K', plc.webDid);
    plc.documents.set(web.did, web.document);
    const asked = plc.lookups.length;
    const before = await rig.written();
    const res = await send(
      {
        reasonType: 'com.atproto.moderation.defs#reasonSpam',
        subject: { $type: 'com.atproto.admin.defs#repoRef', did: author },
      },
      jwt(web),
    );
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json<XrpcErrorBody>()).toEqual({
      error: 'BadJwtIss',
      message: expect.stringMatching(
        /^did:web:localhost%3A\d+: its host localhost resolves to an internal address \((127\.0\.0\.1|::1), loopback/,
      ),
    });
    expect(plc.lookups.length).toBe(asked);
    expect(await rig.written()).toBe(before);
  });

  it('serves its did:web document with the #atproto_labeler service, and answers other XRPC methods as xrpc-server does', async () => {
    const document = (await rig.app.inject({ url: '/.well-known/did.json' })).json<ServiceDidDocument>();
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: SERVICE,
      service: [{ id: '#atproto_labeler', type: 'AtprotoLabeler', serviceEndpoint: 'https://docket.example' }],
    });
    const get = await rig.app.inject({ url: URL_ });
    expect(get.statusCode).toBe(400);
    expect(get.json<XrpcErrorBody>().message).toBe('Incorrect HTTP method (GET) expected POST');
    const other = await rig.app.inject({ method: 'POST', url: '/xrpc/com.atproto.repo.createRecord', payload: {} });
    expect(other.statusCode).toBe(501);
    expect(other.json<XrpcErrorBody>().error).toBe('MethodNotImplemented');
  });
});

describe.each(testStoreKinds)('atproto createReport rate limits (%s)', (kind) => {
  // Tiny limits: 2 reports a minute per reporter, 5 per address.
  const PDS = '203.0.113.20';
  const ELSEWHERE = '198.51.100.9';
  let rig: ModerationRig;
  let plc: FakePlc;
  let users: PdsAccount[];

  beforeAll(async () => {
    plc = await startFakePlc();
    users = [newAccount('ES256K'), newAccount('ES256'), newAccount('ES256K'), newAccount('ES256')];
    for (const account of users) plc.documents.set(account.did, account.document);
    rig = await openModerationRig(kind, {
      atprotoDid: SERVICE,
      atprotoPlcUrl: plc.url,
      limits: {
        ...testConfig().limits,
        atprotoReporter: { max: 2, windowMs: 60_000 },
        atprotoAddress: { max: 5, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => {
    await rig?.close();
    await plc?.close();
  });

  /** A report on a fresh account, as `account`'s PDS forwards it, from `address`. */
  const report = (account: Pick<PdsAccount, 'did' | 'alg' | 'privateKey'>, address = PDS) =>
    rig.app.inject({
      method: 'POST',
      url: URL_,
      remoteAddress: address,
      headers: {
        authorization: `Bearer ${mintServiceJwt(account, { iss: account.did, aud: SERVICE, lxm: LXM, iat: nowS })}`,
      },
      payload: {
        reasonType: 'com.atproto.moderation.defs#reasonSpam',
        subject: { $type: 'com.atproto.admin.defs#repoRef', did: plcDid() },
      },
    });
  const expectRefused = async (res: Awaited<ReturnType<typeof report>>, message: RegExp) => {
    expect(res.statusCode, res.body).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<XrpcErrorBody>();
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.error).toBe('RateLimitExceeded');
    expect(body.message).toMatch(message);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
  };

  it('gives each reporter behind one PDS address a limit of their own, and caps the address across them', async () => {
    const [alice, bob, carol, dave] = users as [PdsAccount, PdsAccount, PdsAccount, PdsAccount];
    const start = await rig.written();
    for (const remaining of ['1', '0']) {
      const res = await report(alice);
      expect(res.statusCode, res.body).toBe(200);
      // The headers are the tighter limit's: Alice's own.
      expect([res.headers['x-ratelimit-limit'], res.headers['x-ratelimit-remaining']]).toEqual(['2', remaining]);
    }
    const before = await rig.written();
    expect(before).not.toBe(start);
    const asked = plc.lookups.length;
    await expectRefused(
      await report(alice),
      /^too many reports from this reporter: at most 2 in 1 minute; try again in \d+ seconds$/,
    );
    expect(await rig.written()).toBe(before);

    // Someone elsewhere claiming Carol's DID (a token her key did not sign) uses up a bucket of their own.
    const forger = { ...newAccount('ES256K'), did: carol.did };
    for (let i = 0; i < 2; i++)
      expect((await report(forger, ELSEWHERE)).json<XrpcErrorBody>().error).toBe('BadJwtSignature');
    await expectRefused(await report(forger, ELSEWHERE), /too many reports from this reporter/);

    // Bob, on the same PDS, has his own allowance, and Carol hers; Alice's refused report did not count against the
    // PDS's address.
    for (const account of [bob, bob, carol]) expect((await report(account)).statusCode, account.did).toBe(200);

    // The PDS's address has sent 5: the cap refuses Dave, and a token naming a DID never seen, before any lookup.
    const full = await rig.written();
    const lookups = plc.lookups.length;
    await expectRefused(await report(dave), /^too many reports from this address: at most 5 in 1 minute/);
    await expectRefused(await report(newAccount('ES256K')), /too many reports from this address/);
    expect(plc.lookups.length).toBe(lookups);
    expect(await rig.written()).toBe(full);
    expect(lookups).toBeGreaterThan(asked);

    // A minute on, the windows have ended.
    rig.clock.advance(60_000);
    for (const account of [alice, dave]) expect((await report(account)).statusCode).toBe(200);
  });
});

describe('a Docket that is not an atproto moderation service (no DOCKET_ATPROTO_DID)', () => {
  let rig: ModerationRig;
  beforeAll(async () => {
    rig = await openModerationRig('embedded');
  });
  afterAll(async () => rig?.close());

  it('answers createReport 501 MethodNotImplemented and serves no DID document', async () => {
    const res = await rig.app.inject({ method: 'POST', url: URL_, payload: {} });
    expect(res.statusCode).toBe(501);
    expect(res.json<XrpcErrorBody>()).toEqual({
      error: 'MethodNotImplemented',
      message: 'this Docket is not an atproto moderation service: DOCKET_ATPROTO_DID is not set',
    });
    const document = await rig.app.inject({ url: '/.well-known/did.json' });
    expect(document.statusCode).toBe(404);
    expect(document.json<XrpcErrorBody>().error).toBe('NotFound');
  });
});
