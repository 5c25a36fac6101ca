import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/store/migrate.js';
import { transparencyReport } from '../src/transparency/statistics/statistics.js';
import type { Row } from './measure.js';
import type { BenchStore } from './stores.js';

const KEYS: [string, string][] = [
  ['reports.source', 'user'],
  ['reports.source', 'trusted_flagger'],
  ['reports.source', 'automated'],
  ['reports.policy', 'spam'],
  ['reports.policy', 'hate-speech'],
  ['reports.policy', 'violence-incitement'],
  ['reports.policy', 'misinformation'],
  ['actions.outcome', 'remove'],
  ['actions.outcome', 'no_violation'],
  ['actions.outcome', 'warning_screen'],
  ['actions.policy', 'spam'],
  ['actions.policy', 'hate-speech'],
  ['actions.policy', 'violence-incitement'],
  ['actions.automation', 'human'],
  ['actions.automation', 'automated'],
  ['actions.detection', 'human'],
  ['actions.detection', 'automated'],
  ['actions.account', 'strike'],
  ['actions.time', '60'],
  ['actions.time', '64'],
  ['actions.time', '68'],
  ['actions.time', '72'],
  ['appeals.filed', 'affected_user'],
  ['appeals.decided', 'upheld'],
  ['appeals.decided', 'reversed'],
];

/**
 * The transparency report over a year of daily counts for 60 countries (25 counted keys each day: ~550,000
 * aggregate rows, standing for tens of millions of reports, and their monthly sums): a year for all countries, a
 * year for one, a month for all, and a period of whole months with days at both ends. Median of 7 runs each, in
 * milliseconds.
 */
export async function benchStatistics({ name, store }: BenchStore): Promise<Row[]> {
  const db = store.db;
  process.stderr.write(`  ${name}: statistics: writing a year of daily counts for 60 countries ... `);
  await db.execute(
    sql.raw(`
    insert into statistics_counts (metric, day, country, key, count)
    select m.metric, d::date, 'C' || lpad(c::text, 2, '0'), m.key, 1 + (c * 7 + extract(doy from d)::int) % 40
    from generate_series('2025-01-01'::date, '2025-12-31'::date, interval '1 day') d,
         generate_series(1, 60) c,
         (values ${KEYS.map(([m, k]) => `('${m}', '${k}')`).join(', ')}) m(metric, key)`),
  );
  // The monthly sums the projection keeps beside the daily counts (of the rows just written: the ingestion bench's
  // events were counted, daily and monthly, by the projection itself).
  await db.execute(sql`
    insert into statistics_monthly (metric, month, country, key, count)
    select metric, date_trunc('month', day)::date, country, key, sum(count) from statistics_counts
    where country ~ '^C[0-9]{2}$' group by 1, 2, 3, 4`);
  const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from statistics_counts`));
  process.stderr.write(`${counted?.n.toLocaleString('en')} rows\n`);
  const time = async (label: string, period: { from: string; to: string }, country: string | null): Promise<Row> => {
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = process.hrtime.bigint();
      const report = await transparencyReport(db, period, country);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (report.totals.reports === 0) throw new Error('the statistics bench counted nothing');
    }
    runs.sort((a, b) => a - b);
    const median = runs[3] as number;
    process.stderr.write(`  ${name}: ${label}: ${median.toFixed(1)} ms\n`);
    return {
      store: name,
      measurement: `transparency report, ${label} (~550k daily counts)`,
      rate: median,
      unit: 'ms',
      vsRaw: null,
    };
  };
  return [
    await time('a year, all 60 countries', { from: '2025-01-01', to: '2025-12-31' }, null),
    await time('a year, one country', { from: '2025-01-01', to: '2025-12-31' }, 'C07'),
    await time('a month, all countries', { from: '2025-06-01', to: '2025-06-30' }, null),
    await time('Feb 15 to Nov 14, all countries', { from: '2025-02-15', to: '2025-11-14' }, null),
  ];
}
