import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { generateScale } from '../src/demo/scale.js';
import { rowsOf } from '../src/store/migrate.js';
import { exportStatementsOf } from '../src/transparency/dsa/exports.js';
import { createDsaSubmitter, DEFAULT_IN_FLIGHT, type BatchTiming } from '../src/transparency/dsa/submissions.js';
import { TDB_BATCH_SIZE } from '../src/transparency/dsa/submission-rules.js';
import { tdbProblems } from '../src/transparency/dsa/tdb-rules.js';
import { createTdbClient, httpTransport } from '../src/transparency/dsa/tdb-client.js';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FakeTdbMessage } from './fake-tdb-process.js';
import type { Row } from './measure.js';

/** Statements sent to PostgreSQL by this process (every pool client is a pg.Client): round trips, counted. */
const queries = { count: 0 };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries.count += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** The fake Transparency Database in its own process (bench/fake-tdb-process.ts). */
interface FakeProcess {
  url: string;
  /** How many statements it keeps, and the puid of the first. */
  statements(): Promise<{ size: number; first: string | null }>;
  close(): Promise<void>;
}

async function startFakeProcess(answerDelayMs = 0): Promise<FakeProcess> {
  const child: ChildProcess = fork(new URL('./fake-tdb-process.ts', import.meta.url), [String(answerDelayMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = async (): Promise<FakeTdbMessage> => {
    const [message] = (await once(child, 'message')) as [FakeTdbMessage];
    return message;
  };
  const { url } = await next();
  if (!url) throw new Error('the fake database did not say where it listens');
  return {
    url,
    statements: async () => {
      const answer = next();
      child.send('statements');
      const { statements } = await answer;
      if (!statements) throw new Error('the fake database did not count its statements');
      return statements;
    },
    close: async () => {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * Submission to the DSA Transparency Database (issue 16): `docket demo --scale` writes `reports` decided reports on
 * a PostgreSQL database of its own (`dsa_bench_<pid>`, dropped after), each statement of reasons pending; one
 * submitter sends them all to the fake database on loopback (test/fakes/dsa-tdb.ts, its rate limits off, in a process
 * of its own: bench/fake-tdb-process.ts), in
 * batches of 100. Per batch, the fake's part is the round trip of its answer (it checks every statement against the
 * database's rules, as the real one does); Docket's part is the rest: claiming the statements (built and checked
 * when their notices were chained) and recording the answer. What that building and checking costs, on the write
 * path now, is measured apart, per 100 statements.
 * The submitter keeps DEFAULT_IN_FLIGHT batches in flight: while the fake answers one, the next is claimed.
 * Its plain peer, in the same run: the statements it sent, exported and serialised beforehand, POSTed again under new
 * puids in batches of 100 with as many in flight, over the same HTTP client, by a client that does nothing else. The
 * peer's rate is what the fake answers on this machine; Docket's rate as a share of it is the headline.
 * First, `single` statements go one claim at a time (a batch of one: POST /api/v1/statement, a statement sent as
 * soon as it is due) with the whole backlog pending behind them, one in flight, beside a plain peer: a bare fetch
 * POST of the same kind of statement to the same endpoint of the same fake, one at a time, no Docket; then as many
 * again with the default batches in flight. PostgreSQL statements are counted per claim.
 */
export async function benchDsaSubmissions(
  postgresUrl: string,
  reports: number,
  single = 500,
  answerDelays: readonly number[] = [25, 100],
): Promise<Row[] | { skipped: string }> {
  const name = `dsa_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL at ${postgresUrl} unreachable: ${(error as Error).message}` };
  }
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const docket = await createDocket({
    config: loadConfig({}, { logLevel: 'silent', demo: false, databaseUrl: url.toString() }),
  });
  const tdb = await startFakeProcess();
  try {
    process.stderr.write('  dsa: seeding the demo ... ');
    await seedDemo(docket);
    await generateScale(docket, {
      reports,
      onProgress: (p) =>
        process.stderr.write(`\r  dsa: ${p.reports.toLocaleString('en')} of ${reports.toLocaleString('en')} reports `),
    });
    // As a live database's autovacuum would have by now (and bench/scale.ts does): without statistics on the tables
    // just filled, PostgreSQL reads the claimed statements' notices with a sequential scan of every notice.
    if (process.env.BENCH_DSA_NO_ANALYZE !== '1') await docket.store.db.execute(sql`analyze`);
    const [pending] = rowsOf<{ n: number; notRequired: number }>(
      await docket.store.db.execute(
        sql`select count(*) filter (where state = 'pending')::int as n,
                   count(*) filter (where state = 'not_required')::int as "notRequired" from dsa_submissions`,
      ),
    );
    process.stderr.write(
      `\n  dsa: ${pending?.n.toLocaleString('en')} statements pending (${pending?.notRequired.toLocaleString('en')} not for the database); submitting\n`,
    );
    const building = await benchBuilding(docket);
    const one = await benchSingle(docket, tdb, single, 1);
    const overlapped = await benchSingle(docket, tdb, single, DEFAULT_IN_FLIGHT);
    const batches: BatchTiming[] = [];
    const submitter = createDsaSubmitter({
      db: docket.store.db,
      clock: docket.clock,
      ids: docket.ids,
      client: createTdbClient({ url: tdb.url, token: 'bench' }),
      token: 'bench',
      onBatch: (timing) => {
        batches.push(timing);
        if (batches.length % 100 === 0) process.stderr.write(`\r  dsa: ${batches.length} batches `);
      },
    });
    const started = performance.now();
    const counted = queries.count;
    const cpu = process.cpuUsage();
    const tally = await submitter.runDue();
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    const perBatch = (queries.count - counted) / batches.length;
    process.stderr.write('\n');
    if (tally.halt) throw new Error(`the submitter halted: ${tally.halt.message}`);
    const peer = await benchBatchPeer(docket, tdb, Math.min(tally.submitted, 20_000));
    const remotes: { ms: number; remote: Awaited<ReturnType<typeof benchRemote>> }[] = [];
    const recordingPeer = await benchRecordingPeer(docket, url.toString(), tdb, Math.min(tally.submitted, 20_000));
    for (const ms of answerDelays)
      remotes.push({ ms, remote: await benchRemote(docket, url.toString(), Math.min(tally.submitted, 20_000), ms) });
    const sent = batches.filter((batch) => batch.statements > 0);
    const fakeMs = median(sent.map((batch) => batch.databaseMs));
    const docketMs = median(sent.map((batch) => batch.totalMs - batch.databaseMs));
    const row = (measurement: string, rate: number, unit: string): Row => ({
      store: 'postgres',
      measurement,
      rate,
      unit,
      vsRaw: null,
    });
    return [
      row(
        `DSA submission: ${pending?.n ?? 0} pending statements to the fake database (${tally.submitted} submitted, ${tally.held} held; ${(pending?.notRequired ?? 0) + tally.notRequired} decisions restricted nothing in the EEA, not for it), ${DEFAULT_IN_FLIGHT} batches in flight`,
        tally.submitted / seconds,
        'statements/s',
      ),
      row(
        'DSA submission: building and checking 100 statements as their notices are chained (on the write path; CPU)',
        building,
        'ms',
      ),
      row('DSA submission: per batch of 100, the fake database’s answer (median)', fakeMs, 'ms'),
      row('DSA submission: per batch of 100, Docket’s own part: claim, request, record (median)', docketMs, 'ms'),
      row(
        `DSA submission: peer, the same statements prebuilt and POSTed in batches of 100, ${DEFAULT_IN_FLIGHT} in flight, no Docket`,
        peer,
        'statements/s',
      ),
      row('DSA submission: Docket’s rate as a share of the peer’s', (100 * tally.submitted) / seconds / peer, '%'),
      row(
        'DSA submission: peer that claims and records in PostgreSQL, 2 statements a batch of 100, 3 workers',
        recordingPeer,
        'statements/s',
      ),
      row(
        'DSA submission: Docket’s rate as a share of the recording peer’s',
        (100 * tally.submitted) / seconds / recordingPeer,
        '%',
      ),
      row(
        'DSA submission: Docket’s CPU per batch (its process; PostgreSQL’s not counted)',
        (user + system) / 1000 / batches.length,
        'ms',
      ),
      row('DSA submission: Docket’s share of each batch’s time', (100 * docketMs) / (docketMs + fakeMs), '%'),
      ...remotes.flatMap(({ ms, remote }) => [
        row(
          `DSA submission, the fake answering after ${ms} ms (a stand-in for a remote database): ${remote.submitted} statements`,
          remote.rate,
          'statements/s',
        ),
        row(`DSA submission, the fake answering after ${ms} ms: peer`, remote.peer, 'statements/s'),
        row(
          `DSA submission, the fake answering after ${ms} ms: Docket’s rate as a share of the peer’s`,
          (100 * remote.rate) / remote.peer,
          '%',
        ),
        row(
          `DSA submission, the fake answering after ${ms} ms: peer that claims and records in PostgreSQL`,
          remote.recordingPeer,
          'statements/s',
        ),
        row(
          `DSA submission, the fake answering after ${ms} ms: Docket’s rate as a share of the recording peer’s`,
          (100 * remote.rate) / remote.recordingPeer,
          '%',
        ),
      ]),
      row('DSA submission: wall time per batch (the run over its batches)', (seconds * 1000) / batches.length, 'ms'),
      row('DSA submission: PostgreSQL statements per batch', perBatch, 'statements'),
      row(
        `DSA submission, one statement a claim (POST /api/v1/statement), ${one.submitted} with ${pending?.n ?? 0} pending`,
        one.rate,
        'statements/s',
      ),
      row(
        'DSA submission, one statement a claim: peer, a bare POST /api/v1/statement of a prebuilt statement',
        one.peerRate,
        'statements/s',
      ),
      row('DSA submission, one statement a claim: Docket’s own part (median)', one.docketMs, 'ms'),
      row('DSA submission, one statement a claim: the fake database’s answer (median)', one.fakeMs, 'ms'),
      row('DSA submission, one statement a claim: PostgreSQL statements per claim', one.queriesPerClaim, 'statements'),
      row(
        `DSA submission, one statement a claim, ${DEFAULT_IN_FLIGHT} claims in flight (${overlapped.submitted} submitted)`,
        overlapped.rate,
        'statements/s',
      ),
    ];
  } finally {
    await tdb.close();
    await docket.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * What the chain pass does for each pending statement, 100 at a time over up to 2,000 of them: read its facts, build
 * the record, check it against the database's rules and serialise it. CPU milliseconds per 100 statements.
 */
async function benchBuilding(docket: Awaited<ReturnType<typeof createDocket>>): Promise<number> {
  const ids = rowsOf<{ id: string }>(
    await docket.store.db.execute(
      sql`select decision_id as id from dsa_submissions where state = 'pending' order by decided_at limit 2000`,
    ),
  ).map((row) => row.id);
  const cpu = process.cpuUsage();
  for (let at = 0; at < ids.length; at += 100) {
    const records = await exportStatementsOf(docket.store.db, ids.slice(at, at + 100));
    for (const record of records.values()) {
      if (record && Object.keys(tdbProblems(record, 'statements')).length === 0) JSON.stringify(record);
    }
  }
  const { user, system } = process.cpuUsage(cpu);
  return ids.length === 0 ? 0 : ((user + system) / 1000 / ids.length) * 100;
}

/**
 * `count` claims of one statement each, then the same number of bare POSTs of a statement (one of those Docket
 * exported, under a new puid) to the fake: statements a second each way, and Docket's and the fake's part of a claim.
 */
async function benchSingle(
  docket: Awaited<ReturnType<typeof createDocket>>,
  tdb: FakeProcess,
  count: number,
  inFlight: number,
): Promise<{
  submitted: number;
  rate: number;
  peerRate: number;
  docketMs: number;
  fakeMs: number;
  queriesPerClaim: number;
}> {
  const timings: BatchTiming[] = [];
  const submitter = createDsaSubmitter({
    db: docket.store.db,
    clock: docket.clock,
    ids: docket.ids,
    client: createTdbClient({ url: tdb.url, token: 'bench' }),
    token: 'bench',
    batchSize: 1,
    inFlight,
    onBatch: (timing) => {
      timings.push(timing);
    },
  });
  const started = performance.now();
  const counted = queries.count;
  const tally = await submitter.runDue({ maxBatches: count });
  const seconds = (performance.now() - started) / 1000;
  const queriesPerClaim = (queries.count - counted) / count;
  if (tally.halt) throw new Error(`the submitter halted: ${tally.halt.message}`);
  const { size, first: decisionId } = await tdb.statements();
  if (size === 0 || !decisionId) throw new Error('no statement went one at a time');

  const record = (await exportStatementsOf(docket.store.db, [decisionId])).get(decisionId);
  if (!record) throw new Error('no statement to send as the peer');
  const bodies = Array.from({ length: count }, (_, i) =>
    JSON.stringify({ ...record, puid: `peer-${process.pid}-${inFlight}-${i}` }),
  );
  const peerStarted = performance.now();
  await postAll(`${tdb.url}/api/v1/statement`, bodies, 1);
  const peerSeconds = (performance.now() - peerStarted) / 1000;
  const sent = timings.filter((timing) => timing.statements > 0);
  return {
    submitted: tally.submitted,
    rate: tally.submitted / seconds,
    peerRate: count / peerSeconds,
    docketMs: median(sent.map((timing) => timing.totalMs - timing.databaseMs)),
    fakeMs: median(sent.map((timing) => timing.databaseMs)),
    queriesPerClaim,
  };
}

const PEER_HEADERS = { authorization: 'Bearer bench', accept: 'application/json', 'content-type': 'application/json' };

/** POSTs each body, `inFlight` at a time, over the HTTP client Docket's submitter uses; each must be stored (201). */
async function postAll(url: string, bodies: readonly string[], inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const answer = await httpTransport(url, { method: 'POST', headers: PEER_HEADERS, body }, 60_000);
      if (answer.status !== 201) throw new Error(`the peer's POST answered ${answer.status}: ${answer.body}`);
      JSON.parse(answer.body);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** The statements of the first `count` decisions submitted, as the export writes them: what the peers send again. */
async function submittedRecords(docket: Awaited<ReturnType<typeof createDocket>>, count: number) {
  const ids = rowsOf<{ id: string }>(
    await docket.store.db.execute(
      sql`select decision_id as id from dsa_submissions where state = 'submitted' order by decided_at limit ${count}`,
    ),
  ).map((row) => row.id);
  return [...(await exportStatementsOf(docket.store.db, ids)).values()].filter((record) => record !== null);
}

/**
 * The plain peer of a run: `count` of the statements Docket just sent, exported and serialised beforehand, under new
 * puids, POSTed to the same fake in batches of 100 with as many in flight as Docket keeps: what the fake answers when
 * nothing but the sending is asked of the client. Statements a second.
 */
async function benchBatchPeer(
  docket: Awaited<ReturnType<typeof createDocket>>,
  tdb: FakeProcess,
  count: number,
): Promise<number> {
  const records = await submittedRecords(docket, count);
  const bodies: string[] = [];
  for (let at = 0; at < records.length; at += TDB_BATCH_SIZE) {
    const statements = records
      .slice(at, at + TDB_BATCH_SIZE)
      .map((record, i) => ({ ...record, puid: `peer-batch-${process.pid}-${at + i}` }));
    bodies.push(JSON.stringify({ statements }));
  }
  const started = performance.now();
  await postAll(`${tdb.url}/api/v1/statements`, bodies, DEFAULT_IN_FLIGHT);
  return records.length / ((performance.now() - started) / 1000);
}

/**
 * The plain peer that also keeps its state in PostgreSQL, as any submitter that survives a restart must: the same
 * statements, prebuilt, in a table of its own (`peer_submissions`), and DEFAULT_IN_FLIGHT workers that each claim
 * 100 (UPDATE … FOR UPDATE SKIP LOCKED … RETURNING the bodies), POST them and record the answer's uuids (UPDATE from
 * unnest), one batch after another. Docket does the same two statements a batch; this peer has no rules, events or
 * recovery. Statements a second.
 */
async function benchRecordingPeer(
  docket: Awaited<ReturnType<typeof createDocket>>,
  databaseUrl: string,
  tdb: FakeProcess,
  count: number,
): Promise<number> {
  const records = await submittedRecords(docket, count);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: DEFAULT_IN_FLIGHT });
  try {
    await pool.query('drop table if exists peer_submissions');
    await pool.query(
      `create table peer_submissions (id text primary key, state text not null, body text not null, uuid text)`,
    );
    await pool.query(`create index peer_submissions_pending on peer_submissions (id) where state = 'pending'`);
    const puids = records.map((_, i) => `peer-rec-${process.pid}-${Date.now()}-${i}`);
    await pool.query(
      `insert into peer_submissions (id, state, body) select id, 'pending', body from unnest($1::text[], $2::text[]) as v(id, body)`,
      [puids, records.map((record, i) => JSON.stringify({ ...record, puid: puids[i] }))],
    );
    await pool.query('analyze peer_submissions');
    const worker = async () => {
      for (;;) {
        const claimed = await pool.query<{ id: string; body: string }>(
          `update peer_submissions set state = 'sending'
            where id in (select id from peer_submissions where state = 'pending' order by id
                          limit ${TDB_BATCH_SIZE} for update skip locked)
        returning id, body`,
        );
        if (claimed.rows.length === 0) return;
        const answer = await httpTransport(
          `${tdb.url}/api/v1/statements`,
          {
            method: 'POST',
            headers: PEER_HEADERS,
            body: `{"statements":[${claimed.rows.map((row) => row.body).join(',')}]}`,
          },
          60_000,
        );
        if (answer.status !== 201)
          throw new Error(`the recording peer's POST answered ${answer.status}: ${answer.body}`);
        const stored = (JSON.parse(answer.body) as { statements: { puid: string; uuid: string }[] }).statements;
        await pool.query(
          `update peer_submissions as p set state = 'submitted', uuid = v.uuid
             from unnest($1::text[], $2::text[]) as v(id, uuid) where p.id = v.id`,
          [stored.map((statement) => statement.puid), stored.map((statement) => statement.uuid)],
        );
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: DEFAULT_IN_FLIGHT }, worker));
    return records.length / ((performance.now() - started) / 1000);
  } finally {
    await pool.query('drop table if exists peer_submissions');
    await pool.end();
  }
}

/**
 * The same submission against a fake that waits `answerDelayMs` before each answer, as a database across a network
 * does: `count` statements already sent go back to pending and are sent to a new, empty fake, then the peer sends
 * as many to it. When Docket's own work a batch is shorter than the wait, its rate comes to the peer's.
 */
async function benchRemote(
  docket: Awaited<ReturnType<typeof createDocket>>,
  databaseUrl: string,
  count: number,
  answerDelayMs: number,
): Promise<{ submitted: number; rate: number; peer: number; recordingPeer: number }> {
  const tdb = await startFakeProcess(answerDelayMs);
  try {
    // Pending again as their notices left them: with the body built when each was chained (dropped once submitted).
    const ids = rowsOf<{ id: string }>(
      await docket.store.db.execute(
        sql`select decision_id as id from dsa_submissions where state = 'submitted' order by decided_at limit ${count}`,
      ),
    ).map((row) => row.id);
    const records = await exportStatementsOf(docket.store.db, ids);
    await docket.store.db.execute(sql`
      update dsa_submissions as s
         set state = 'pending', uuid = null, permalink = null, submitted_at = null, next_attempt_at = decided_at,
             body = v.body
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(ids.map((id) => JSON.stringify(records.get(id))))}::text[])
             as v(id, body)
       where s.decision_id = v.id`);
    const submitter = createDsaSubmitter({
      db: docket.store.db,
      clock: docket.clock,
      ids: docket.ids,
      client: createTdbClient({ url: tdb.url, token: 'bench' }),
      token: 'bench',
    });
    const started = performance.now();
    const tally = await submitter.runDue();
    const seconds = (performance.now() - started) / 1000;
    if (tally.halt) throw new Error(`the submitter halted: ${tally.halt.message}`);
    const peer = await benchBatchPeer(docket, tdb, tally.submitted);
    const recordingPeer = await benchRecordingPeer(docket, databaseUrl, tdb, tally.submitted);
    return { submitted: tally.submitted, rate: tally.submitted / seconds, peer, recordingPeer };
  } finally {
    await tdb.close();
  }
}
