import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The bench's yardstick: what a plain Fastify + pg server does with the same requests as Docket, with no Docket
 * code, no ORM and no authentication. `node peer.js setup <queue cases>` makes its tables in PEER_DATABASE_URL
 * and fills a review queue; `node peer.js` serves on PORT (0: any free port, printed as `listening on <port>`).
 *
 * - POST /api/reports, /api/reports/batch: validate a report as Docket's (JSON schema), insert one row each.
 * - POST /claim {reviewer}: the most urgent open case, FOR UPDATE SKIP LOCKED, marked claimed; POST /decide
 *   {id, reviewer, outcome, facts}: the claimed case marked decided.
 * - `?chain=1` on any of them also appends one entry per row to a hash chain in the same transaction: the head's
 *   one row locked (select ... for update), sha256 of the previous hash and the entry, the head moved. That is the
 *   serialisation Docket's event log pays for, without the rest of Docket.
 *
 * This file is compiled on its own (bench/servers.ts), so it imports nothing from the bench or from Docket.
 */

const SCHEMA = `
  create table peer_reports (
    id bigserial primary key, subject_external_id text not null, policy_id text not null, source text not null,
    reporter_ref text, body jsonb not null, received_at timestamptz not null default now());
  create index on peer_reports (subject_external_id);
  create table peer_chain (seq bigint primary key, hash text not null, body jsonb not null, recorded_at timestamptz not null default now());
  create table peer_chain_head (one boolean primary key default true check (one), seq bigint not null, hash text not null);
  insert into peer_chain_head (seq, hash) values (0, repeat('0', 64));
  create table peer_queue (
    id bigserial primary key, priority double precision not null, status text not null default 'open',
    claimed_by text, claimed_until timestamptz, outcome text, facts text, decided_at timestamptz);
  create index peer_queue_open on peer_queue (priority desc, id) where status = 'open';`;

const Subject = {
  type: 'object',
  additionalProperties: false,
  required: ['externalId', 'kind'],
  properties: {
    externalId: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { enum: ['content', 'account'] },
    contentType: { enum: ['text', 'image', 'video', 'link'] },
    authorExternalId: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', maxLength: 20_000 },
    language: { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
    country: { type: 'string', pattern: '^[A-Z]{3}$' },
    views: { type: 'integer', minimum: 0 },
  },
} as const;

const Report = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'policyId', 'source'],
  properties: {
    subject: Subject,
    policyId: { type: 'string', minLength: 1, maxLength: 60 },
    text: { type: 'string', maxLength: 5_000 },
    reporterRef: { type: 'string', minLength: 1, maxLength: 200 },
    source: { enum: ['user', 'trusted_flagger', 'automated', 'staff', 'legal_order'] },
  },
} as const;

interface ReportBody {
  subject: { externalId: string };
  policyId: string;
  source: string;
  reporterRef?: string;
}

const ChainQuery = { type: 'object', properties: { chain: { type: 'boolean' } } } as const;

type Client = pg.PoolClient;

/** Runs `work` in one transaction on one pooled connection. */
async function inTransaction<T>(pool: pg.Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Appends one chain entry per body, under the head's row lock. */
async function appendToChain(client: Client, bodies: unknown[]): Promise<void> {
  const head = await client.query<{ seq: string; hash: string }>(
    'select seq, hash from peer_chain_head where one for update',
  );
  let seq = Number(head.rows[0]?.seq);
  let hash = head.rows[0]?.hash ?? '';
  const seqs: number[] = [];
  const hashes: string[] = [];
  const texts: string[] = [];
  for (const body of bodies) {
    const text = JSON.stringify(body);
    hash = createHash('sha256').update(hash).update(text).digest('hex');
    seqs.push(++seq);
    hashes.push(hash);
    texts.push(text);
  }
  await client.query(
    'insert into peer_chain (seq, hash, body) select * from unnest($1::bigint[], $2::text[], $3::jsonb[])',
    [seqs, hashes, texts],
  );
  await client.query('update peer_chain_head set seq = $1, hash = $2 where one', [seq, hash]);
}

async function insertReports(client: Client, reports: ReportBody[]): Promise<number[]> {
  const inserted = await client.query<{ id: string }>(
    `insert into peer_reports (subject_external_id, policy_id, source, reporter_ref, body)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) returning id`,
    [
      reports.map((r) => r.subject.externalId),
      reports.map((r) => r.policyId),
      reports.map((r) => r.source),
      reports.map((r) => r.reporterRef ?? null),
      reports.map((r) => JSON.stringify(r)),
    ],
  );
  return inserted.rows.map((row) => Number(row.id));
}

async function serve(pool: pg.Pool, port: number): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: 4 * 1_048_576 });

  const ingest = (reports: ReportBody[], chain: boolean) =>
    inTransaction(pool, async (client) => {
      const ids = await insertReports(client, reports);
      if (chain)
        await appendToChain(
          client,
          reports.map((report, i) => ({ type: 'report.received', id: ids[i], report })),
        );
      return ids;
    });

  app.post<{ Body: ReportBody; Querystring: { chain?: boolean } }>(
    '/api/reports',
    { schema: { body: Report, querystring: ChainQuery } },
    async (request, reply) => {
      const [id] = await ingest([request.body], request.query.chain === true);
      return reply.code(201).send({ id });
    },
  );

  app.post<{ Body: { items: ReportBody[] }; Querystring: { chain?: boolean } }>(
    '/api/reports/batch',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['items'],
          properties: { items: { type: 'array', minItems: 1, maxItems: 1_000, items: Report } },
        },
        querystring: ChainQuery,
      },
    },
    async (request, reply) =>
      reply.code(201).send({ ids: await ingest(request.body.items, request.query.chain === true) }),
  );

  app.post<{ Body: { reviewer: string }; Querystring: { chain?: boolean } }>(
    '/claim',
    {
      schema: {
        body: { type: 'object', required: ['reviewer'], properties: { reviewer: { type: 'string', minLength: 1 } } },
        querystring: ChainQuery,
      },
    },
    async (request, reply) => {
      const id = await inTransaction(pool, async (client) => {
        const claimed = await client.query<{ id: string }>(
          `update peer_queue set status = 'claimed', claimed_by = $1, claimed_until = now() + interval '15 minutes'
         where id = (select id from peer_queue where status = 'open' order by priority desc, id limit 1 for update skip locked)
         returning id`,
          [request.body.reviewer],
        );
        const caseId = claimed.rows[0]?.id;
        if (caseId !== undefined && request.query.chain === true)
          await appendToChain(client, [{ type: 'case.claimed', caseId, by: request.body.reviewer }]);
        return caseId;
      });
      return id === undefined ? reply.code(404).send({ detail: 'the queue is empty' }) : { id: Number(id) };
    },
  );

  app.post<{
    Body: { id: number; reviewer: string; outcome: string; facts: string };
    Querystring: { chain?: boolean };
  }>(
    '/decide',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'reviewer', 'outcome', 'facts'],
          properties: {
            id: { type: 'integer' },
            reviewer: { type: 'string', minLength: 1 },
            outcome: { enum: ['no_violation', 'remove', 'restrict_visibility'] },
            facts: { type: 'string', minLength: 10, maxLength: 10_000 },
          },
        },
        querystring: ChainQuery,
      },
    },
    async (request, reply) => {
      const { id, reviewer, outcome, facts } = request.body;
      const decided = await inTransaction(pool, async (client) => {
        const updated = await client.query(
          `update peer_queue set status = 'decided', outcome = $3, facts = $4, decided_at = now() where id = $1 and claimed_by = $2 and status = 'claimed'`,
          [id, reviewer, outcome, facts],
        );
        if (updated.rowCount === 1 && request.query.chain === true)
          await appendToChain(client, [{ type: 'case.decided', caseId: id, by: reviewer, outcome, facts }]);
        return updated.rowCount === 1;
      });
      return decided ? reply.code(201).send({ id }) : reply.code(409).send({ detail: 'you do not hold this case' });
    },
  );

  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : port}\n`);
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function setup(pool: pg.Pool, queueCases: number): Promise<void> {
  await pool.query(SCHEMA);
  await pool.query(
    `insert into peer_queue (priority) select 1 + ((g::bigint * 7919) % 997) / 100.0 from generate_series(1, $1::int) as g`,
    [queueCases],
  );
  await pool.query('analyze peer_queue');
}

const url = process.env.PEER_DATABASE_URL;
if (!url) throw new Error('PEER_DATABASE_URL names the peer’s database');
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PEER_POOL_SIZE ?? 10) });
if (process.argv[2] === 'setup') {
  await setup(pool, Number(process.argv[3] ?? 0));
  await pool.end();
} else {
  await serve(pool, Number(process.env.PORT ?? 0));
}
