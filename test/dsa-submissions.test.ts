import { and, eq, sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import type { Clock } from '../src/core/clock.js';
import type { Db } from '../src/store/database.js';
import { exportStatementsOf } from '../src/transparency/dsa/exports.js';
import {
  createDsaSubmitter,
  dsaSubmissionProjection,
  previewSubmission,
  type SubmitTally,
} from '../src/transparency/dsa/submissions.js';
import { toChainEntry } from '../src/core/event-log.js';
import { events } from '../src/core/tables.js';
import { dsaSubmissions, dsaSubmitter } from '../src/transparency/dsa/tables.js';
import {
  createTdbClient,
  httpTransport,
  type TdbRequest,
  type TdbResponse,
  type TdbTransport,
} from '../src/transparency/dsa/tdb-client.js';
import { tdbProblems } from '../src/transparency/dsa/tdb-rules.js';
import { startFakeTdb, type FakeTdb, type FakeTdbOptions } from './fakes/dsa-tdb.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

const TOKEN = 'platform-token';

describeEachStore('submission of statements of reasons to the DSA Transparency Database', (kind) => {
  let docket: TestDocket | null = null;
  let fake: FakeTdb | null = null;
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const one of opened.splice(0)) await one.close();
    await fake?.close();
    await docket?.close();
    fake = null;
    docket = null;
  });

  let now = new Date();
  const clock: Clock = { now: () => now };
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  async function start(options: FakeTdbOptions = {}): Promise<{ docket: TestDocket; tdb: FakeTdb }> {
    now = new Date();
    docket = await openTestDocket(kind, { demo: true });
    fake = await startFakeTdb({ token: TOKEN, limits: null, ...options });
    return { docket, tdb: fake };
  }

  function submitter(
    db: Db,
    tdb: FakeTdb,
    options: { token?: string; transport?: TdbTransport; batchSize?: number; inFlight?: number } = {},
  ) {
    const token = options.token ?? TOKEN;
    return createDsaSubmitter({
      db,
      clock,
      ids: docket!.ids,
      client: createTdbClient({ url: tdb.url, token }, options.transport),
      token,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.inFlight ? { inFlight: options.inFlight } : {}),
    });
  }

  async function states(db: Db): Promise<Map<string, typeof dsaSubmissions.$inferSelect>> {
    const rows = await db.select().from(dsaSubmissions);
    return new Map(rows.map((row) => [row.decisionId, row]));
  }

  /** The statements the database would take, and those Docket's check holds, as Docket reads them now. */
  async function expected(db: Db): Promise<{ valid: string[]; invalid: string[]; notRequired: string[] }> {
    const ids = [...(await states(db)).keys()];
    const records = await exportStatementsOf(db, ids);
    const out = { valid: [] as string[], invalid: [] as string[], notRequired: [] as string[] };
    for (const id of ids) {
      const record = records.get(id);
      if (record === null) out.notRequired.push(id);
      else if (record && Object.keys(tdbProblems(record, 'statements')).length === 0) out.valid.push(id);
      else out.invalid.push(id);
    }
    return out;
  }

  /** The puids sent, by either endpoint: POST /statements (`statements`) or POST /statement (the statement). */
  const posted = (tdb: FakeTdb) =>
    tdb.requests
      .filter((request) => request.method === 'POST')
      .flatMap((request) =>
        request.path === '/api/v1/statement'
          ? [(request.body as { puid: string }).puid]
          : ((request.body as { statements: { puid: string }[] }).statements ?? []).map((s) => s.puid),
      );

  const submittedCount = (tally: SubmitTally) => tally.submitted;

  /** A database with a rule Docket does not know, by which it refuses the second valid statement. */
  async function startRefusingOne() {
    let refusedPuid = '';
    const { docket, tdb } = await start({
      newRule: (statement) =>
        statement.puid === refusedPuid ? { decision_facts: ['The decision facts field is too vague.'] } : null,
    });
    const db = docket.store.db;
    const { valid } = await expected(db);
    refusedPuid = valid[1]!;
    return { tdb, db, valid, refusedPuid };
  }

  it('every decision recorded is pending, or not required when it restricted nothing in the EEA; a run sends them in batches of at most 100 and keeps uuid and permalink', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const before = await states(db);
    expect(before.size).toBeGreaterThan(50);
    const { valid, invalid, notRequired } = await expected(db);
    expect(valid.length).toBeGreaterThan(20);
    expect(notRequired.length).toBeGreaterThan(0);
    // Decided when the statement is recorded: those the database does not take are never claimed.
    for (const [id, row] of before) expect(row.state).toBe(notRequired.includes(id) ? 'not_required' : 'pending');

    const tally = await submitter(db, tdb).runDue();
    expect(tally).toMatchObject({ submitted: valid.length, held: invalid.length, notRequired: 0 });
    expect(tally.halt).toBeNull();
    for (const request of tdb.requests) {
      expect(request).toMatchObject({ path: '/api/v1/statements', token: TOKEN, accept: 'application/json' });
      expect((request.body as { statements: unknown[] }).statements.length).toBeLessThanOrEqual(100);
    }
    expect(posted(tdb).sort()).toEqual([...valid].sort());
    const after = await states(db);
    for (const id of valid) {
      const stored = tdb.statements.get(id)!;
      expect(after.get(id)).toMatchObject({
        state: 'submitted',
        uuid: stored.uuid,
        permalink: `${tdb.url}/statement/${stored.uuid}`,
        attempts: 1,
      });
    }
    // Nothing is due any more: a second run sends nothing.
    const requests = tdb.requests.length;
    const again = await submitter(db, tdb).runDue();
    expect(submittedCount(again)).toBe(0);
    expect(tdb.requests).toHaveLength(requests);
  });

  it('builds and checks each statement as its notice is chained: pending with the body a claim sends as it is', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const rows = await states(db);
    const records = await exportStatementsOf(db, valid);
    for (const id of valid) {
      expect(rows.get(id)?.state).toBe('pending');
      expect(JSON.parse(rows.get(id)!.body!)).toEqual(records.get(id));
    }
    // What the claim sends is the body kept, not the tables read again.
    const first = valid[0]!;
    await docket.tamper(
      `update notices set statement = jsonb_set(statement, '{decision_facts}', '"changed after the decision"') where decision_id = '${first}'`,
    );
    await submitter(db, tdb).runDue();
    expect(tdb.statements.get(first)?.fields).toMatchObject({ decision_facts: records.get(first)!.decision_facts });
    expect((await states(db)).get(first)).toMatchObject({ state: 'submitted', body: null });
  });

  it('holds a statement the database would refuse as its notice is chained, with the reasons, and never sends it', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const bad = valid[0]!;
    // Facts longer than the database's 5,000 characters, in the notice when it is chained.
    await docket.tamper(
      `update notices set statement = jsonb_set(statement, '{decision_facts}', to_jsonb(repeat('x', 5001))) where decision_id = '${bad}'`,
    );
    await db.delete(dsaSubmissions).where(eq(dsaSubmissions.decisionId, bad));
    const [issued] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, 'notice.issued'), sql`${events.payload}->>'decisionId' = ${bad}`));
    await dsaSubmissionProjection.apply(db, [toChainEntry(issued!)]);
    const message = 'The decision facts field must not be greater than 5000 characters.';
    expect((await states(db)).get(bad)).toMatchObject({
      state: 'held',
      problems: { decision_facts: [message] },
      lastError: message,
      body: null,
    });
    await submitter(db, tdb).runDue();
    expect(posted(tdb)).not.toContain(bad);
    expect(posted(tdb)).toHaveLength(valid.length - 1);
  });

  it('builds and checks at the claim a statement pending without a body (kept from before), holding one it would refuse', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const bad = valid[0]!;
    await docket.tamper(`update dsa_submissions set body = null`);
    await docket.tamper(
      `update notices set statement = jsonb_set(statement, '{decision_facts}', to_jsonb(repeat('x', 5001))) where decision_id = '${bad}'`,
    );
    await submitter(db, tdb).runDue();
    const row = (await states(db)).get(bad)!;
    const message = 'The decision facts field must not be greater than 5000 characters.';
    expect(row).toMatchObject({ state: 'held', problems: { decision_facts: [message] } });
    expect(row.lastError).toBe(message);
    expect(posted(tdb)).not.toContain(bad);
    expect(posted(tdb)).toHaveLength(valid.length - 1);
  });

  it('the dry run foresees a run, batches of one checked with POST /api/v1/statement’s rules', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const preview = await previewSubmission(db, undefined, 1);
    const tally = await submitter(db, tdb, { batchSize: 1 }).runDue();
    expect(tally).toMatchObject({ submitted: preview.send.length, held: preview.held.length, halt: null });
    expect(preview.send.map((record) => record.puid).sort()).toEqual(posted(tdb).sort());
    const rows = [...(await states(db)).values()];
    expect(preview.held.map((held) => held.puid).sort()).toEqual(
      rows
        .filter((row) => row.state === 'held')
        .map((row) => row.decisionId)
        .sort(),
    );
  });

  it('a 422 for some statements of a batch: those are refused with the database’s errors, the others sent again', async () => {
    const { tdb, db, valid, refusedPuid } = await startRefusingOne();
    const tally = await submitter(db, tdb, { batchSize: 10 }).runDue();
    expect(tally).toMatchObject({ refused: 1, submitted: valid.length - 1 });
    expect((await states(db)).get(refusedPuid)).toMatchObject({
      state: 'refused',
      problems: { decision_facts: ['The decision facts field is too vague.'] },
    });
    const first = tdb.requests.find((request) => request.status === 422)!;
    expect(first.answer).toMatchObject({ errors: { statement_1: { decision_facts: expect.any(Array) } } });
    // The good ones of that batch went again without it; every other statement once.
    expect(posted(tdb).filter((puid) => puid === refusedPuid)).toHaveLength(1);
    expect(tdb.statements.has(refusedPuid)).toBe(false);
    expect(new Set(tdb.statements.keys())).toEqual(new Set(valid.filter((id) => id !== refusedPuid)));
  });

  it('a puid the database already has is confirmed with existing-puid and marked submitted, not sent again', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const existing = valid[2]!;
    tdb.addExisting(existing);
    const tally = await submitter(db, tdb).runDue();
    expect(tally).toMatchObject({ confirmed: 1, submitted: valid.length });
    expect(tdb.requests.map((request) => `${request.method} ${request.status}`)).toContain('GET 302');
    expect(tdb.requests.some((request) => request.path === `/api/v1/statement/existing-puid/${existing}`)).toBe(true);
    expect((await states(db)).get(existing)).toMatchObject({ state: 'submitted', uuid: null });
    expect(tdb.statements.has(existing)).toBe(false);
    expect(tdb.statements.size).toBe(valid.length - 1);
  });

  it('a batch of one goes to POST /api/v1/statement, and the uuid and permalink it answers are kept', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const tally = await submitter(db, tdb, { batchSize: 1 }).runDue({ maxBatches: 3 });
    expect(tally.halt).toBeNull();
    const sent = tdb.requests.filter((request) => request.method === 'POST');
    // Three claims of one: each due statement sent, unless Docket's check held it.
    expect(sent.length).toBeGreaterThan(0);
    expect(tally.submitted + tally.held + tally.notRequired).toBe(3);
    expect(sent).toHaveLength(tally.submitted);
    const after = await states(db);
    for (const request of sent) {
      expect(request).toMatchObject({
        path: '/api/v1/statement',
        token: TOKEN,
        accept: 'application/json',
        status: 201,
      });
      const puid = (request.body as { puid: string }).puid;
      const stored = tdb.statements.get(puid)!;
      expect(stored.method).toBe('API');
      expect(request.answer).toMatchObject({
        uuid: stored.uuid,
        puid,
        permalink: `${tdb.url}/statement/${stored.uuid}`,
      });
      expect(after.get(puid)).toMatchObject({
        state: 'submitted',
        uuid: stored.uuid,
        permalink: `${tdb.url}/statement/${stored.uuid}`,
      });
    }
    // The rest go one by one too, each once.
    await submitter(db, tdb, { batchSize: 1 }).runDue();
    expect(posted(tdb).sort()).toEqual([...valid].sort());
    expect(tdb.requests.every((request) => request.path === '/api/v1/statement')).toBe(true);
  });

  it('one statement whose puid the database has: its 422 is confirmed with existing-puid, not sent again', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const existing = valid[2]!;
    tdb.addExisting(existing);
    const tally = await submitter(db, tdb, { batchSize: 1 }).runDue();
    expect(tally).toMatchObject({ confirmed: 1, submitted: valid.length });
    const refused = tdb.requests.find((request) => request.status === 422)!;
    expect(refused).toMatchObject({ path: '/api/v1/statement', body: { puid: existing } });
    expect(refused.answer).toEqual({
      message: 'The identifier given is not unique within this platform.',
      errors: { puid: ['The identifier given is not unique within this platform.'] },
      existing: { puid: existing },
    });
    // Other claims may be in flight meanwhile: the next GET is the confirmation.
    const next = tdb.requests.slice(tdb.requests.indexOf(refused) + 1).find((request) => request.method === 'GET');
    expect(next).toMatchObject({ method: 'GET', path: `/api/v1/statement/existing-puid/${existing}`, status: 302 });
    expect((await states(db)).get(existing)).toMatchObject({ state: 'submitted', uuid: null });
    expect(posted(tdb).filter((puid) => puid === existing)).toHaveLength(1);
    expect(tdb.statements.has(existing)).toBe(false);
  });

  it('one statement the database refuses (422 with errors) is kept refused with those errors, never sent again', async () => {
    const { tdb, db, valid, refusedPuid } = await startRefusingOne();
    const tally = await submitter(db, tdb, { batchSize: 1 }).runDue();
    expect(tally).toMatchObject({ refused: 1, submitted: valid.length - 1 });
    const answer = tdb.requests.find((request) => request.status === 422)!;
    expect(answer).toMatchObject({ path: '/api/v1/statement', body: { puid: refusedPuid } });
    expect(answer.answer).toEqual({
      message: 'The decision facts field is too vague.',
      errors: { decision_facts: ['The decision facts field is too vague.'] },
    });
    expect((await states(db)).get(refusedPuid)).toMatchObject({
      state: 'refused',
      problems: { decision_facts: ['The decision facts field is too vague.'] },
      lastError: 'The decision facts field is too vague.',
    });
    expect(posted(tdb).filter((puid) => puid === refusedPuid)).toHaveLength(1);
    expect((await submitter(db, tdb, { batchSize: 1 }).runDue()).refused).toBe(0);
    expect(posted(tdb).filter((puid) => puid === refusedPuid)).toHaveLength(1);
  });

  it('a 429 pauses every submitter for Retry-After, then the same statements go', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    tdb.throttleNext(1, 7);
    const first = await submitter(db, tdb).runDue();
    expect(first.halt).toMatchObject({ kind: 'paused', until: new Date(now.getTime() + 7000) });
    expect(first.submitted).toBe(0);
    const [shared] = await db.select().from(dsaSubmitter);
    expect(shared?.pausedUntil).toEqual(new Date(now.getTime() + 7000));
    // Before the wait is over, another process sends nothing.
    later(5);
    expect((await submitter(db, tdb).runDue()).halt?.kind).toBe('paused');
    expect(tdb.requests).toHaveLength(1);
    later(3);
    const second = await submitter(db, tdb).runDue();
    expect(second).toMatchObject({ submitted: valid.length, halt: null });
    expect((await db.select().from(dsaSubmitter))[0]).toMatchObject({ failures: 0, pausedUntil: null });
  });

  it('a 5xx backs off exponentially and asks about the batch before sending it again', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    tdb.failNext(2, 503);
    const first = await submitter(db, tdb).runDue();
    expect(first.halt).toMatchObject({ kind: 'paused', until: new Date(now.getTime() + 2000) });
    const sending = [...(await states(db)).values()].filter((row) => row.state === 'sending');
    expect(sending.length).toBeGreaterThan(0);
    later(2);
    const second = await submitter(db, tdb).runDue();
    // The first GET met the second 503: the wait doubles.
    expect(second.halt).toMatchObject({ kind: 'paused', until: new Date(now.getTime() + 4000) });
    later(4);
    const third = await submitter(db, tdb).runDue();
    expect(third.halt).toBeNull();
    expect(
      [...(await states(db)).values()].filter((row) => valid.includes(row.decisionId) && row.state !== 'submitted'),
    ).toEqual([]);
    expect(new Set(tdb.statements.keys())).toEqual(new Set(valid));
  });

  it('a token the database refuses (401) stops submission with a clear message; nothing is marked submitted', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const wrong = await submitter(db, tdb, { token: 'expired-token' }).runDue();
    expect(wrong.halt).toMatchObject({ kind: 'stopped', message: expect.stringContaining('DOCKET_DSA_TDB_TOKEN') });
    expect(wrong.submitted).toBe(0);
    const rows = [...(await states(db)).values()];
    expect(rows.filter((row) => row.state === 'submitted' || row.state === 'sending')).toEqual([]);
    expect((await db.select().from(dsaSubmitter))[0]?.stoppedReason).toContain('401');
    // The loop does not try again with that token...
    const requests = tdb.requests.length;
    expect((await submitter(db, tdb, { token: 'expired-token' }).runDue()).halt?.kind).toBe('stopped');
    expect(tdb.requests).toHaveLength(requests);
    // ...and resumes with a new one.
    const { valid } = await expected(db);
    expect((await submitter(db, tdb).runDue()).submitted).toBe(valid.length);
  });

  it('a process killed between sending and recording: the next one asks the database, and sends nothing twice', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    // The batch reaches the database and is stored; the process dies before it reads the answer.
    let died = false;
    const dying: TdbTransport = async (url, request, timeoutMs) => {
      const response = await httpTransport(url, request, timeoutMs);
      if (url.endsWith('/api/v1/statements')) {
        died = true;
        return new Promise<TdbResponse>(() => undefined);
      }
      return response;
    };
    void submitter(db, tdb, { transport: dying }).runDue();
    await expect.poll(() => died, { timeout: 30_000 }).toBe(true);
    const sending = [...(await states(db)).values()].filter((row) => row.state === 'sending');
    expect(sending.length).toBeGreaterThan(0);
    // Within the lease nobody touches them; after it, they are resolved by existing-puid.
    expect((await submitter(db, tdb).runDue()).resolved).toBe(0);
    later(6 * 60);
    const tally = await submitter(db, tdb).runDue();
    expect(tally.resolved).toBe(sending.length);
    const after = await states(db);
    for (const id of valid) expect(after.get(id)?.state).toBe('submitted');
    const counts = new Map<string, number>();
    for (const puid of posted(tdb)) counts.set(puid, (counts.get(puid) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(tdb.requests.filter((request) => request.status === 422)).toEqual([]);
  });

  /**
   * A transport that holds each POST a little, so batches overlap, and counts how many are in flight at once; `before`
   * runs as each POST leaves (to change what the database does mid-run), with how many were answered.
   */
  function overlapping(before: (answered: number, request: TdbRequest) => TdbRequest = (_, request) => request) {
    const seen = { now: 0, most: 0, answered: 0 };
    const impl: TdbTransport = async (url, request, timeoutMs) => {
      if (request.method !== 'POST') return httpTransport(url, request, timeoutMs);
      seen.now += 1;
      seen.most = Math.max(seen.most, seen.now);
      try {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return await httpTransport(url, before(seen.answered, request), timeoutMs);
      } finally {
        seen.now -= 1;
        seen.answered += 1;
      }
    };
    return { seen, impl };
  }

  it('once a batch is stored, the next ones overlap, never more at once than the in-flight limit', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    const { seen, impl } = overlapping();
    const tally = await submitter(db, tdb, { batchSize: 5, inFlight: 3, transport: impl }).runDue();
    expect(tally).toMatchObject({ submitted: valid.length, halt: null });
    expect(seen.most).toBe(3);
    expect(posted(tdb).sort()).toEqual([...valid].sort());
    const after = [...(await states(db)).values()];
    expect(after.filter((row) => row.state === 'sending' || row.state === 'pending')).toEqual([]);
  });

  it('a token refused (401) while batches are in flight: it stops, nothing else is claimed, only what the database stored is submitted', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    // The token is revoked once the first batch is stored: every later request carries one the database refuses.
    const { seen, impl } = overlapping((answered, request) =>
      answered === 0 ? request : { ...request, headers: { ...request.headers, authorization: 'Bearer revoked' } },
    );
    const tally = await submitter(db, tdb, { batchSize: 5, inFlight: 3, transport: impl }).runDue();
    expect(tally.halt).toMatchObject({ kind: 'stopped', message: expect.stringContaining('401') });
    // The first batch (less what Docket's check held), stored before the token was revoked.
    expect(tally.submitted).toBeGreaterThan(0);
    expect(tally.submitted).toBe(tdb.statements.size);
    expect(seen.most).toBeLessThanOrEqual(3);
    const posts = tdb.requests.filter((request) => request.method === 'POST');
    // The first batch, then at most the three in flight when the first 401 came back.
    expect(posts.length).toBeLessThanOrEqual(4);
    expect(posts.filter((request) => request.status === 201)).toHaveLength(1);
    const rows = [...(await states(db)).values()];
    expect(
      rows
        .filter((row) => row.state === 'submitted')
        .map((row) => row.decisionId)
        .sort(),
    ).toEqual([...tdb.statements.keys()].sort());
    expect(rows.filter((row) => row.state === 'sending')).toEqual([]);
    expect((await db.select().from(dsaSubmitter))[0]?.stoppedReason).toContain('401');
  });

  it('a 429 met by one batch while another is still at the database: the run ends paused, the other batch recorded', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    // Two at once after the first: the second POST meets a 429, the third is answered (201) half a second after. The
    // run's halt was once read as a batch was sent and written back when it was recorded, so the third batch's
    // recording put back the "no halt" it had read and the pause was lost.
    let posts = 0;
    let thirdSent = () => {};
    const third = new Promise<void>((resolve) => (thirdSent = resolve));
    const impl: TdbTransport = async (url, request, timeoutMs) => {
      if (request.method !== 'POST') return httpTransport(url, request, timeoutMs);
      posts += 1;
      if (posts === 2) {
        // The 429 waits until the third batch is on its way, so both are at the database at once.
        await Promise.race([third, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        tdb.throttleNext(1, 7);
      }
      if (posts === 3) {
        thirdSent();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return httpTransport(url, request, timeoutMs);
    };
    const run = await submitter(db, tdb, { batchSize: 5, inFlight: 2, transport: impl }).runDue();
    expect(run.halt).toMatchObject({ kind: 'paused', until: new Date(now.getTime() + 7000) });
    expect(tdb.requests.map((request) => request.status)).toEqual([201, 429, 201]);
    expect(run.submitted).toBe(10);
    const rows = [...(await states(db)).values()];
    expect(rows.filter((row) => row.state === 'submitted')).toHaveLength(10);
    expect(rows.filter((row) => row.state === 'sending')).toEqual([]);
  });

  it('a 429 while batches are in flight: one pause for all of them, counted once, and nothing sent before it is over', async () => {
    const { docket, tdb } = await start();
    const db = docket.store.db;
    const { valid } = await expected(db);
    // Once the first batch is stored, the database starts throttling: the next three requests get 429.
    let throttling = false;
    const { seen, impl } = overlapping((answered, request) => {
      if (answered === 1 && !throttling) tdb.throttleNext(3, 7);
      throttling ||= answered === 1;
      return request;
    });
    const first = await submitter(db, tdb, { batchSize: 5, inFlight: 3, transport: impl }).runDue();
    expect(first.halt).toMatchObject({ kind: 'paused', until: new Date(now.getTime() + 7000) });
    expect(seen.most).toBeLessThanOrEqual(3);
    expect((await db.select().from(dsaSubmitter))[0]).toMatchObject({
      failures: 1,
      pausedUntil: new Date(now.getTime() + 7000),
    });
    expect(tdb.requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
    // Whatever throttle is left is over when the pause is.
    tdb.throttleNext(0);
    // After the first 429 came back, nothing new left: at most the batches already in flight.
    expect(tdb.requests.filter((request) => request.method === 'POST').length).toBeLessThanOrEqual(2 + 3);
    expect([...(await states(db)).values()].filter((row) => row.state === 'sending')).toEqual([]);
    later(5);
    const requests = tdb.requests.length;
    expect((await submitter(db, tdb, { batchSize: 5, inFlight: 3 }).runDue()).halt?.kind).toBe('paused');
    expect(tdb.requests).toHaveLength(requests);
    later(3);
    const second = await submitter(db, tdb, { batchSize: 5, inFlight: 3 }).runDue();
    expect(second.halt).toBeNull();
    expect(first.submitted + second.submitted).toBe(valid.length);
    expect(new Set(tdb.statements.keys())).toEqual(new Set(valid));
    expect((await db.select().from(dsaSubmitter))[0]).toMatchObject({ failures: 0, pausedUntil: null });
  });

  it.runIf(kind === 'postgres')('two submitters at once on one PostgreSQL send each statement once', async () => {
    const { docket, tdb } = await start();
    const other = await docket.another();
    opened.push(other);
    const { valid } = await expected(docket.store.db);
    const [a, b] = await Promise.all([
      submitter(docket.store.db, tdb, { batchSize: 5 }).runDue(),
      submitter(other.db, tdb, { batchSize: 5 }).runDue(),
    ]);
    expect(a.submitted + b.submitted).toBe(valid.length);
    expect(posted(tdb).sort()).toEqual([...valid].sort());
    const states = await docket.store.db
      .select({ state: dsaSubmissions.state, n: sql<number>`count(*)::int` })
      .from(dsaSubmissions)
      .where(eq(dsaSubmissions.state, 'submitted'))
      .groupBy(dsaSubmissions.state);
    expect(states[0]?.n).toBe(valid.length);
  });
});
