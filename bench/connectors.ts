import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDocket } from '../src/app.js';
import { LIMIT_SETTINGS, loadConfig } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import { newAccount, plcDid } from '../test/fakes/atproto-pds.js';
import { startFakePlc } from '../test/fakes/plc.js';
import type { ConnectorKind, ConnectorLoad, ConnectorResult } from './connectors-driver.js';
import type { Row } from './measure.js';
import type { BenchStore, RawClient } from './stores.js';

const CONNECTIONS = [1, 8];
const KINDS: { kind: ConnectorKind; name: string }[] = [
  { kind: 'plain', name: 'plain POST /api/reports' },
  { kind: 'mastodon', name: 'Mastodon report.created webhook' },
  { kind: 'bluesky', name: 'Bluesky createReport' },
];
/** Requests of each kind per connection while the store's transactions and statements are counted. */
const COUNTED = 20;
const SERVICE_DID = 'did:web:docket.example';
const MASTODON = { platform: 'mastodon-bench', secret: 'the bench instance webhook secret' };
const DRIVER = fileURLToPath(new URL('./connectors-driver.ts', import.meta.url));

/**
 * The connectors' single-item paths beside Docket's own, in one run on one store: a real Docket HTTP server on
 * loopback (in this process, on `store`), load from a process of its own (bench/connectors-driver.ts) at 1 and 8
 * connections. Plain: POST /api/reports with the platform's token, a new subject each. Mastodon: signed
 * `report.created` webhooks to a connected instance, a new report, account and status each (two reports, two
 * cases). Bluesky: createReport with a fresh ES256K service-auth JWT each, from five reporters whose DID documents a
 * fake PLC directory on loopback serves (resolved once each, then cached). Each connector figure carries its ratio
 * to the plain figure of the same store and connections (as `vsPeer.plain`: the plain path is the peer here). Then
 * COUNTED requests of each kind per connection, at 1 and 8, counting the store's transactions and statements per
 * request.
 */
export async function benchConnectors({ name, store, raw }: BenchStore, seconds: number): Promise<Row[]> {
  const plc = await startFakePlc();
  const reporters = Array.from({ length: 5 }, () => newAccount('ES256K'));
  for (const reporter of reporters) plc.documents.set(reporter.did, reporter.document);
  // Limits raised, not switched off: the bench pays for counting requests as production does. The atproto groups
  // are set only where this Docket has them.
  const high = '1000000/1m';
  const env: Record<string, string> = { DOCKET_LIMIT_INGEST: high, DOCKET_LIMIT_READS: high };
  for (const variable of ['DOCKET_LIMIT_ATPROTO_REPORTER', 'DOCKET_LIMIT_ATPROTO_ADDRESS'])
    if (Object.values(LIMIT_SETTINGS).some((setting) => setting.variable === variable)) env[variable] = high;
  const docket = await createDocket({
    config: loadConfig(env, { logLevel: 'silent', demo: false, atprotoDid: SERVICE_DID, atprotoPlcUrl: plc.url }),
    store,
  });
  await docket.policies.ensureDefaultLibrary('system:bench');
  const { token } = await docket.access.createToken('system:bench', {
    name: 'bench connectors',
    kind: 'integration',
    platform: 'bench',
  });
  await docket.mastodon.setConnector('system:bench', MASTODON.platform, {
    baseUrl: 'https://mastodon.example',
    accessToken: 'bench access token',
    webhookSecret: MASTODON.secret,
  });
  const app = await buildServer(docket, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  let offset = 0;
  const load = (kind: ConnectorKind, connections: number, timing: Pick<ConnectorLoad, 'warmupSeconds' | 'requests'>) =>
    drive({
      kind,
      url,
      connections,
      seconds,
      ...timing,
      // Each run's ids start far from the last run's: every item is new.
      offset: (offset += 1_000_000),
      token,
      mastodon: MASTODON,
      bluesky: {
        serviceDid: SERVICE_DID,
        reporters: reporters.map(({ did, alg, privateKey }) => ({
          did,
          alg,
          pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        })),
        authors: Array.from({ length: 50 }, plcDid),
      },
    });

  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const connections of CONNECTIONS) {
      const where = `${connections} connection${connections === 1 ? '' : 's'}`;
      const plain: Partial<Record<'rate' | 'p50' | 'p99', number>> = {};
      for (const { kind, name: path } of KINDS) {
        const result = await load(kind, connections, { warmupSeconds: Math.min(1, seconds) });
        process.stderr.write(
          `  ${name}: connectors, ${path}, ${where}: ${Math.round(result.perSecond).toLocaleString('en')}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms\n`,
        );
        for (const [figure, rate, unit] of [
          ['rate', result.perSecond, 'req/s'],
          ['p50', result.p50, 'ms'],
          ['p99', result.p99, 'ms'],
        ] as const) {
          if (kind === 'plain') plain[figure] = rate;
          const base = plain[figure];
          rows.push({
            store: name,
            measurement: `connectors: ${path}, ${where}${figure === 'rate' ? '' : `, ${figure}`}`,
            rate,
            unit,
            vsRaw: null,
            ...(kind === 'plain' ? {} : { vsPeer: { plain: base && base > 0 ? rate / base : null, chained: null } }),
          });
        }
      }
      await docket.sequencer.caughtUp();
    }

    for (const connections of CONNECTIONS)
      for (const { kind, name: path } of KINDS) {
        const requests = COUNTED * connections;
        await docket.sequencer.caughtUp();
        const counter = countQueries(name, raw);
        try {
          await load(kind, connections, { warmupSeconds: 0, requests });
          // Whatever the requests left to chain is theirs too.
          await docket.sequencer.caughtUp();
        } finally {
          counter.stop();
        }
        const per = (n: number) => (n / requests).toFixed(2);
        notes.push(
          `${name}: ${path}, ${requests} at ${connections} connection(s): ${per(counter.transactions)} transactions and ${per(counter.statements)} statements per request (chain passes included)`,
        );
      }
    notes.push(
      `${name}: the fake PLC directory was asked ${plc.lookups.length} times for ${reporters.length} reporters`,
    );
  } finally {
    await app.close();
    await plc.close();
    await docket.sequencer.caughtUp();
  }
  for (const note of notes) process.stderr.write(`  ${note}\n`);
  return rows;
}

/** Runs `load` from a process of its own; a run in which any request failed is an error. */
function drive(load: ConnectorLoad): Promise<ConnectorResult> {
  const driver = fork(DRIVER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let answered = false;
    driver.once('message', (message: ConnectorResult | { error: string }) => {
      answered = true;
      if ('error' in message) reject(new Error(`the connectors' load driver failed: ${message.error}`));
      else if (message.failures > 0)
        reject(new Error(`${message.failures} ${load.kind} requests failed; the first: ${message.firstFailure}`));
      else resolve(message);
    });
    driver.once('exit', (code) => {
      if (!answered) reject(new Error(`the connectors' load driver exited (${code}) without a result`));
    });
    driver.send(load);
  });
}

type Query = (...args: unknown[]) => Promise<unknown>;

/**
 * Counts, until `stop`, the store's transactions and the statements sent to it (BEGIN/COMMIT/ROLLBACK not counted
 * as statements). PostgreSQL: every query of node-postgres's clients, a transaction being a BEGIN. Embedded: PGlite's
 * transaction() calls, and the statements sent outside and inside them.
 */
function countQueries(
  store: BenchStore['name'],
  raw: RawClient,
): { transactions: number; statements: number; stop(): unknown } {
  const counts = { transactions: 0, statements: 0, stop: (): unknown => undefined };
  const control = /^\s*(begin|commit|rollback)\b/i;
  const note = (text: unknown) => {
    if (typeof text !== 'string') return;
    if (/^\s*begin\b/i.test(text)) counts.transactions++;
    if (!control.test(text)) counts.statements++;
  };
  if (store === 'postgres') {
    const prototype = pg.Client.prototype as unknown as { query: Query };
    const original = prototype.query;
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const [first] = args;
      note(typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text);
      return original.apply(this, args);
    };
    counts.stop = () => {
      prototype.query = original;
    };
    return counts;
  }
  const lite = raw as unknown as Record<'query' | 'exec', Query> & {
    transaction: (work: (tx: Record<'query' | 'exec', Query>) => Promise<unknown>) => Promise<unknown>;
  };
  const counted = (query: Query): Query =>
    function (this: unknown, ...args: unknown[]) {
      counts.statements++;
      return query.apply(this, args);
    };
  const originals = { query: lite.query, exec: lite.exec, transaction: lite.transaction };
  lite.query = counted(originals.query);
  lite.exec = counted(originals.exec);
  lite.transaction = (work) => {
    counts.transactions++;
    return originals.transaction.call(lite, (tx) => {
      tx.query = counted(tx.query);
      tx.exec = counted(tx.exec);
      return work(tx);
    });
  };
  counts.stop = () => Object.assign(lite, originals);
  return counts;
}
