import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDocket, type Docket } from '../src/app.js';
import type { Principal } from '../src/core/roles.js';
import { principalOfView } from '../src/access/service.js';
import { loadConfig } from '../src/core/config.js';
import { DEMO_PLATFORM, seedDemo } from '../src/demo/seed.js';
import { generateScale } from '../src/demo/scale.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { rowsOf } from '../src/store/migrate.js';
import type { Row } from './measure.js';

type User = Extract<Principal, { kind: 'user' }>;

/** The tables that grow with the decided reports: a request that scans one of them whole does not scale. */
const BIG_TABLES = [
  'subjects',
  'reports',
  'cases',
  'decisions',
  'notices',
  'strikes',
  'account_restrictions',
  'events',
];

export interface ScalePoint {
  reports: number;
  /** Reports per second `demo --scale` wrote and chained to reach this size. */
  generationRate: number;
  generationSeconds: number;
  /** Milliseconds, as the server spends them (Fastify inject: routing, queries, rendering; no socket). */
  claimP50: number;
  claimP99: number;
  monthReport: number;
  decisionView: number;
  boardDecisionPage: number;
  tracker: number;
  /** Big tables read whole (sequential scans) while the requests above ran: should be none. */
  seqScans: string[];
}

/**
 * Large data (issue 13): grows one database to each size in `sizes` (ascending) with `docket demo --scale`, the demo
 * seeded first for its board case, recommendations and open queue, and times at each size what a user waits for:
 * a queue claim alone (p50, p99), a month's transparency report, a decision with its statement of reasons as its
 * platform reads it, the board's public decision page and the recommendation tracker (medians). PostgreSQL only,
 * on a database of its own (`scale_bench_<pid>`, dropped after unless `keep`, for measuring again with
 * `measureScale`). Prints how each figure grows with N.
 */
export async function benchScale(
  postgresUrl: string,
  sizes: readonly number[],
  options: { keep?: boolean } = {},
): Promise<Row[]> {
  const name = `scale_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const points: ScalePoint[] = [];
  const docket = await createDocket({
    config: loadConfig({}, { logLevel: 'silent', demo: false, databaseUrl: url.toString() }),
  });
  try {
    process.stderr.write('  scale: seeding the demo ... ');
    await seedDemo(docket);
    process.stderr.write('done\n');
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    let written = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const result = await generateScale(docket, {
        reports: size - written,
        onProgress: (p) =>
          process.stderr.write(
            `\r  scale: ${(written + p.reports).toLocaleString('en')} of ${size.toLocaleString('en')} reports, ${p.seconds.toFixed(0)} s `,
          ),
      });
      written = size;
      process.stderr.write(`\n  scale: ${Math.round(result.rate).toLocaleString('en')} reports/s\n`);
      await docket.store.db.execute(sql`analyze`);
      const point: ScalePoint = {
        reports: size,
        generationRate: result.rate,
        generationSeconds: result.seconds,
        ...(await timeRequests(docket, app)),
      };
      points.push(point);
      process.stderr.write(describePoint(point, FIGURES));
    }
    await app.close();
  } finally {
    await docket.close();
    if (options.keep) process.stderr.write(`  scale: kept the database ${name}\n`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  printGrowth(points);
  return points.flatMap(rowsOf_);
}

/** The request timings of `benchScale` again, on a database it kept (`BENCH_SCALE_KEEP=1`), with the code as it is now. */
export async function measureScale(databaseUrl: string): Promise<void> {
  const docket = await createDocket({ config: loadConfig({}, { logLevel: 'silent', demo: false, databaseUrl }) });
  try {
    const app = await buildServer(docket, { logger: false });
    await app.ready();
    const [count] = rowsOf<{ n: number }>(await docket.store.db.execute(sql`select count(*)::int as n from reports`));
    const point = {
      reports: count?.n ?? 0,
      generationRate: 0,
      generationSeconds: 0,
      ...(await timeRequests(docket, app)),
    };
    process.stdout.write(describePoint(point, FIGURES.slice(1)));
    await app.close();
  } finally {
    await docket.close();
  }
}

async function timeRequests(
  docket: Docket,
  app: App,
): Promise<Omit<ScalePoint, 'reports' | 'generationRate' | 'generationSeconds'>> {
  const db = docket.store.db;
  const [moderator] = (await docket.access.listUsers()).filter((u) => u.username === 'moderator');
  if (!moderator) throw new Error('the demo has no moderator');
  const reviewer = principalOfView(moderator) as User;
  const { token } = await docket.access.createToken('system:bench', {
    name: `scale bench ${Date.now()}`,
    kind: 'integration',
    platform: DEMO_PLATFORM,
  });
  const [decision] = rowsOf<{ id: string; month: string }>(
    await db.execute(sql`
    select id, to_char(decided_at, 'YYYY-MM') as month from decisions where outcome = 'remove' order by decided_at desc offset 1000 limit 1`),
  );
  const [board] = rowsOf<{ ref: string }>(await db.execute(sql`select ref from board_cases order by ref limit 1`));
  if (!decision || !board) throw new Error('nothing to read: the scale data or the demo is missing');
  const [year, month] = decision.month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const get =
    (url: string, headers: Record<string, string> = {}) =>
    async () => {
      const response = await app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    };
  const before = await seqScans(db);
  const claims: number[] = [];
  for (let i = 0; i < 220; i++) {
    const start = process.hrtime.bigint();
    const caseId = await docket.moderation.queue.claimNext(reviewer, {});
    if (i >= 20) claims.push(Number(process.hrtime.bigint() - start) / 1e6);
    await docket.moderation.queue.release(reviewer, caseId);
  }
  claims.sort((a, b) => a - b);
  const figures = {
    claimP50: quantile(claims, 0.5),
    claimP99: quantile(claims, 0.99),
    monthReport: await median(get(`/api/public/statistics?from=${decision.month}-01&to=${decision.month}-${lastDay}`)),
    decisionView: await median(get(`/api/decisions/${decision.id}`, { authorization: `Bearer ${token}` })),
    boardDecisionPage: await median(get(`/decisions/${board.ref}`)),
    tracker: await median(get('/recommendations')),
  };
  const after = await seqScans(db);
  const seqScansSeen = BIG_TABLES.filter((table) => (after.get(table) ?? 0) > (before.get(table) ?? 0)).map(
    (table) => `${table} (${(after.get(table) ?? 0) - (before.get(table) ?? 0)})`,
  );
  return { ...figures, seqScans: seqScansSeen };
}

/** Sequential scans per table so far; statistics reach the view up to a second after a transaction ends. */
async function seqScans(db: Docket['store']['db']): Promise<Map<string, number>> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await db.execute(sql`select pg_stat_clear_snapshot()`);
  const rows = rowsOf<{ relname: string; seq_scan: string | number }>(
    await db.execute(sql`select relname, seq_scan from pg_stat_user_tables`),
  );
  return new Map(rows.map((r) => [r.relname, Number(r.seq_scan)]));
}

async function median(request: () => Promise<void>, runs = 21): Promise<number> {
  await request();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await request();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return quantile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

/** One size's figures, a line each, and the big tables its requests read whole. */
function describePoint(point: ScalePoint, figures: typeof FIGURES): string {
  const lines = figures.map(
    ([key, measurement, unit]) => `    ${measurement}: ${(point[key] as number).toFixed(2)} ${unit}`,
  );
  return `${lines.join('\n')}\n    big tables scanned whole: ${point.seqScans.join(', ') || 'none'}\n`;
}

const FIGURES: [keyof ScalePoint, string, string][] = [
  ['generationRate', 'demo --scale, decided reports written and chained', 'reports/s'],
  ['claimP50', 'queue claim alone p50', 'ms'],
  ['claimP99', 'queue claim alone p99', 'ms'],
  ['monthReport', "a month's transparency report (GET /api/public/statistics)", 'ms'],
  ['decisionView', 'a decision with its statement of reasons (GET /api/decisions/:id)', 'ms'],
  ['boardDecisionPage', 'public board decision page (GET /decisions/:ref)', 'ms'],
  ['tracker', 'recommendation tracker (GET /recommendations)', 'ms'],
];

function rowsOf_(point: ScalePoint): Row[] {
  const label = `${point.reports.toLocaleString('en')} decided reports`;
  return FIGURES.map(([key, measurement, unit]) => ({
    store: 'postgres',
    measurement: `${measurement}, ${label}`,
    rate: point[key] as number,
    unit,
    vsRaw: null,
  }));
}

/** Each figure at each size, and how many times the smallest size's it is. */
function printGrowth(points: readonly ScalePoint[]): void {
  const first = points[0];
  if (!first) return;
  const lines = FIGURES.map(([key, measurement, unit]) => {
    const cells = points.map(
      (p) =>
        `${(p[key] as number).toFixed(unit === 'ms' ? 2 : 0)} (x${((p[key] as number) / (first[key] as number)).toFixed(2)})`,
    );
    return `  ${measurement} [${unit}]: ${cells.join('  ')}`;
  });
  const scans = points
    .map((p) => `${p.reports.toLocaleString('en')}: ${p.seqScans.length ? p.seqScans.join(', ') : 'none'}`)
    .join('; ');
  process.stdout.write(
    `\nLarge data, at ${points.map((p) => p.reports.toLocaleString('en')).join(' / ')} decided reports (xN: vs the first size)\n${lines.join('\n')}\n  big tables scanned whole by these requests: ${scans}\n`,
  );
}

// Run alone: BENCH_SCALES=100000,1000000 [BENCH_SCALE_KEEP=1] node --import tsx bench/scale.ts
// Measure a kept database again: node --import tsx bench/scale.ts postgres://…/scale_bench_<pid>
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  await measureScale(process.argv[2]);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = (process.env.BENCH_SCALES ?? '100000,1000000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_SCALES takes whole numbers, comma-separated, not ${process.env.BENCH_SCALES}`);
  await benchScale(
    process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    sizes,
    { keep: process.env.BENCH_SCALE_KEEP === '1' },
  );
}
