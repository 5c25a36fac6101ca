import { sql } from 'drizzle-orm';
import { createDocket } from '../src/app.js';
import { principalOfView } from '../src/access/service.js';
import type { Principal } from '../src/core/roles.js';
import { loadConfig } from '../src/core/config.js';
import type { Row } from './measure.js';
import type { BenchStore } from './stores.js';
import type { Db } from '../src/store/database.js';

type User = Extract<Principal, { kind: 'user' }>;

/**
 * Queue claims with a large backlog (default 1,000,000 open cases; BENCH_QUEUE_CASES changes it): the cases are
 * made in SQL (generate_series), then reviewers claim through the real service. Reports p50 and p99 latency of
 * one claim, alone and with 8 reviewers claiming at once.
 */
export async function benchClaims({ name, store }: BenchStore, openCases: number, claims: number): Promise<Row[]> {
  const docket = await createDocket({ config: loadConfig({}, { logLevel: 'silent', demo: false }), store });
  const started = Date.now();
  process.stderr.write(`  ${name}: making ${openCases.toLocaleString('en')} open cases ... `);
  await fillQueue(store.db, openCases);
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(0)} s\n`);

  const reviewers: User[] = [];
  for (let i = 0; i < 8; i++) {
    const { user } = await docket.access.createUser('system:bench', {
      username: `claimer${i}`,
      roles: ['moderator'],
      password: 'bench password',
    });
    reviewers.push(principalOfView(user));
  }
  const timeClaims = async (count: number, workers: number): Promise<number[]> => {
    const times: number[] = [];
    let left = count;
    await Promise.all(
      reviewers.slice(0, workers).map(async (reviewer) => {
        while (left-- > 0) {
          const start = process.hrtime.bigint();
          await docket.moderation.queue.claimNext(reviewer, {});
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }),
    );
    return times.sort((a, b) => a - b);
  };
  await timeClaims(20, 1);
  const alone = await timeClaims(claims, 1);
  const together = await timeClaims(claims, 8);
  const at = (times: number[], q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  const label = `${(openCases / 1e6).toLocaleString('en')}M open cases`;
  process.stderr.write(
    `  ${name}: claim p50 ${at(alone, 0.5).toFixed(2)} ms, p99 ${at(alone, 0.99).toFixed(2)} ms; 8 reviewers p50 ${at(together, 0.5).toFixed(2)} ms, p99 ${at(together, 0.99).toFixed(2)} ms\n`,
  );
  const row = (measurement: string, ms: number): Row => ({
    store: name,
    measurement,
    rate: ms,
    unit: 'ms',
    vsRaw: null,
  });
  return [
    row(`queue claim p50, ${label}`, at(alone, 0.5)),
    row(`queue claim p99, ${label}`, at(alone, 0.99)),
    row(`queue claim p50, ${label}, 8 reviewers at once`, at(together, 0.5)),
    row(`queue claim p99, ${label}, 8 reviewers at once`, at(together, 0.99)),
  ];
}

/**
 * Opens `count` cases straight in SQL (generate_series), each on its own text post of `platform`, with the
 * spread of priorities and ages a real backlog has; then refreshes the planner's statistics.
 */
export async function fillQueue(db: Db, count: number, platform = 'bench-queue'): Promise<void> {
  await db.execute(sql`
    insert into subjects (id, platform, external_id, kind, content_type, body, country, language, views, registered_at)
    select gen_random_uuid(), ${platform}, 'q-' || g, 'content', 'text', 'post ' || g, 'KEN', 'en', (g::bigint * 7919) % 100000, now()
    from generate_series(1, ${count}) as g`);
  await db.execute(sql`
    insert into cases (id, subject_id, status, level, opened_at, priority_base, rank_key, priority_factors, report_count,
                       policies_alleged, gravest_policy_id, strongest_source, country, language)
    select gen_random_uuid(), s.id, 'open', 'frontline', now() - ((s.views % 240) * interval '1 hour'), 1 + (s.views % 997) / 100.0,
           case when s.views % 240 < 144 then log(2, 1 + (s.views % 997) / 100.0) - extract(epoch from now() - ((s.views % 240) * interval '1 hour')) / 259200.0 end,
           jsonb_build_array(jsonb_build_object('factor', 'severity', 'value', 1 + (s.views % 997) / 100.0, 'detail', 'bench')), 1, array['spam'], 'spam', 'user', 'KEN', 'en'
    from subjects s where s.platform = ${platform}`);
  await db.execute(sql`analyze cases`);
}
