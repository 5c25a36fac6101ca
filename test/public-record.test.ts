import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entryHash, type ChainEntry } from '../src/core/chain.js';
import { catchUpProjections } from '../src/core/projection.js';
import { rowsOf } from '../src/store/migrate.js';
import { publicLogProjection } from '../src/transparency/public-log/log.js';
import { verifyPublicLog, type PublicLogCopy } from '../src/transparency/public-log/verify.js';
import { statisticsProjection } from '../src/transparency/statistics/statistics.js';
import { problemOf, openDemoServer, type TestServer } from './http.js';
import { docketArgs } from './cli-run.js';
import { describeEachStore } from './stores.js';
import type { CheckpointAnswer, EventsAnswer, PublicLogCheck } from '../src/transparency/public-log/contract.js';
import type { StatisticsAnswer } from '../src/transparency/statistics/contract.js';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'docket-public-log-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The real `docket verify --public` on a saved file (no database involved). */
async function verifyCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, docketArgs('verify', ...args), {
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function save(name: string, copy: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

describeEachStore('public record: the signed public log and the statistics', (kind) => {
  let rig: TestServer;
  const fetchLog = async (): Promise<PublicLogCopy> => {
    const response = await rig.app.inject({ method: 'GET', url: '/public/log?limit=5000' });
    expect(response.statusCode).toBe(200);
    return response.json<PublicLogCopy>();
  };
  const responseEntry = (log: PublicLogCopy) =>
    log.entries.find((e) => e.type === 'board.response' && e.stream === 'BC-2023-001-R1') as ChainEntry;

  beforeAll(async () => {
    rig = await openDemoServer(kind);
  });
  afterAll(() => rig.close());

  it('publishes what the board and the platform said, in order, and nothing else', async () => {
    const log = await fetchLog();
    const types = log.entries.map((e) => e.type);
    expect(types.filter((t) => t === 'policy.version').length).toBeGreaterThanOrEqual(7);
    expect(types).toEqual(
      expect.arrayContaining([
        'board.case_selected',
        'board.decision',
        'board.obligation',
        'board.implementation',
        'board.recommendation',
        'board.response',
        'board.assessment',
        'designation.approved',
        'figure.restriction_imposed',
      ]),
    );
    expect(types.filter((t) => t === 'board.response')).toHaveLength(7);
    const decision = log.entries.find((e) => e.type === 'board.decision');
    expect(decision).toMatchObject({
      stream: 'BC-2023-001',
      actor: 'board',
      payload: { ref: 'BC-2023-001', outcome: 'overturn', country: 'QKB' },
    });
    expect(responseEntry(log)).toMatchObject({
      actor: 'platform',
      at: expect.stringMatching(/^2023-08-28/),
      payload: { recommendationRef: 'BC-2023-001-R1', category: 'declined' },
    });
    // The log names bodies, never people: no user ids or staff names as actors.
    expect(new Set(log.entries.map((e) => e.actor))).toEqual(new Set(['board', 'platform']));
    // Only what the public log lists was published: the private event log has far more.
    const [{ events }] = rowsOf<{ events: number }>(
      await rig.docket.store.db.execute(sql`select count(*)::int as events from events`),
    ) as [{ events: number }];
    expect(log.entries.length).toBeLessThan(events / 10);
    // The case's page points each published part at its entry, so a reader can check that very entry.
    const page = (await rig.app.inject({ method: 'GET', url: '/decisions/BC-2023-001' })).body;
    for (const entry of [
      decision,
      responseEntry(log),
      log.entries.find((e) => e.type === 'board.assessment' && e.stream === 'BC-2023-001-R6'),
    ]) {
      expect(page).toContain(
        `<a class="record" href="/public/log?after=${(entry?.seq ?? 0) - 1}&amp;limit=1" title="SHA-256 ${entry?.hash}">public log #${entry?.seq}</a>`,
      );
    }
  });

  it('signs checkpoints with the key made on first start, and the downloaded log verifies offline', async () => {
    expect(await rig.docket.transparency.checkpoint()).toMatchObject({
      seq: (await fetchLog()).head.seq,
      keyId: rig.docket.transparency.key.keyId,
    });
    expect(await rig.docket.transparency.checkpoint()).toBeNull(); // nothing new to sign
    const log = await fetchLog();
    expect(log.key).toEqual(rig.docket.transparency.key);
    expect(verifyPublicLog(log, { pinnedKey: log.key?.x })).toMatchObject({
      ok: true,
      signedThrough: log.head.seq,
      finding: null,
    });
    // The CLI, on a saved copy.
    const ok = await verifyCli('--public', save(`good-${kind}.json`, log), '--key', log.key?.x ?? '');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^ok: ${log.entries.length} public entries and 1 signed checkpoint verified`));
    // A log signed by another key than the one trusted fails.
    expect(verifyPublicLog(log, { pinnedKey: 'AAAA' }).finding?.problem).toBe('key_mismatch');
    // The page shows how to check it, with the key.
    const page = await rig.app.inject({ method: 'GET', url: '/log' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(log.key?.x);
    expect(page.body).toContain('docket verify --public');
    const back = (await rig.app.inject({ method: 'GET', url: '/log?through=5' })).body;
    expect(back).toContain('Entries 1 to 5');
    expect(back).toContain('<td class="num">5</td>');
    expect(back).not.toContain('<td class="num">6</td>');
    expect((await rig.app.inject({ method: 'GET', url: '/log?through=nonsense' })).body).toContain('Newest entries');
  });

  it('lets transparency staff sign a checkpoint when the log grew and check the stored log; no one else may', async () => {
    const staff = await rig.signIn('policy', 'policy-demo-pass');
    expect((await staff.request('POST', '/api/transparency/checkpoints')).json<CheckpointAnswer>()).toEqual({
      checkpoint: null,
    }); // already signed
    const [current] = await rig.docket.policies.current();
    if (!current) throw new Error('no policy in the demo');
    await rig.docket.policies.publish(
      'system:test',
      current.policyId,
      {
        title: current.title,
        summary: `${current.summary} (clarified)`,
        dsaCategory: current.dsaCategory,
        sections: current.sections,
      },
      'Clarifies the summary.',
    );
    const log = await fetchLog();
    expect(log.entries[log.entries.length - 1]).toMatchObject({
      type: 'policy.version',
      stream: `policy/${current.policyId}`,
      payload: { changeNote: 'Clarifies the summary.' },
    });
    const signed = await staff.request('POST', '/api/transparency/checkpoints');
    expect(signed.json<CheckpointAnswer>().checkpoint).toMatchObject({ seq: log.head.seq, hash: log.head.hash });
    const check = await staff.request('GET', '/api/transparency/public-log/check');
    expect(check.json<PublicLogCheck>()).toMatchObject({
      ok: true,
      checkpoints: 2,
      signedThrough: log.head.seq,
      finding: null,
    });
    // The signing is on the event log, by whom.
    const { entries } = (
      await staff.request('GET', '/api/events?type=public_log.checkpoint_signed')
    ).json<EventsAnswer>() as {
      entries: { actor: string; payload: { seq: number } }[];
    };
    expect(entries.map((e) => e.payload.seq)).toEqual([(log.checkpoints[0] as { seq: number }).seq, log.head.seq]);
    expect(entries[1]?.actor).toMatch(/^user:/);
    for (const who of ['moderator', 'liaison']) {
      const other = await rig.signIn(who, `${who}-demo-pass`);
      expect((await other.request('POST', '/api/transparency/checkpoints')).statusCode).toBe(403);
      expect((await other.request('GET', '/api/transparency/public-log/check')).statusCode).toBe(403);
    }
    expect((await rig.app.inject({ method: 'POST', url: '/api/transparency/checkpoints' })).statusCode).toBe(401);
  });

  it('checks that the site still shows what was published: a response quietly edited in the database is named', async () => {
    await rig.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = rig.app.server.address() as { port: number };
    const site = `http://127.0.0.1:${port}`;
    const ok = await verifyCli('--public', site);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("the site's pages of 2 board cases show what was published");
    const target = responseEntry(await fetchLog());
    await rig.docket.tamper(
      `update recommendation_responses set reasons = 'We never said we would not.' where recommendation_id = (select id from recommendations where ref = 'BC-2023-001-R1')`,
    );
    const edited = await verifyCli('--public', `${site}/public/log`);
    expect(edited.code).toBe(7);
    expect(edited.stdout).toContain(`MISMATCH at entry ${target.seq} (board.response BC-2023-001-R1) [site_differs]`);
    expect(edited.stdout).toContain('We never said we would not.');
    // The log itself is intact; only the site changed.
    expect((await verifyCli('--public', site, '--no-site')).code).toBe(0);
    await rig.docket.tamper(
      `update recommendation_responses set reasons = '${String(target.payload && (target.payload as { reasons: string }).reasons).replace(/'/g, "''")}' where recommendation_id = (select id from recommendations where ref = 'BC-2023-001-R1')`,
    );
    expect((await verifyCli('--public', site)).code).toBe(0);
  }, 300_000); // four runs of the CLI as its own process, each reading the whole site and its tiles: about 20 s idle, more under load

  it('refuses changes to published entries in the database itself', async () => {
    await expect(rig.docket.tamper(`update public_log_entries set actor = 'x' where seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(rig.docket.tamper(`delete from public_log_checkpoints`)).rejects.toThrow(/append-only/);
  });

  it('names the rewritten response when someone with the database rewrites it, even if they rebuild the chain', async () => {
    const before = await fetchLog();
    const earlier = save(`earlier-${kind}.json`, before);
    const target = responseEntry(before);
    // 1. Rewrite the published response in place.
    await rig.docket.tamper(`
      alter table public_log_entries disable trigger public_log_entries_append_only;
      update public_log_entries set payload = jsonb_set(payload, '{category}', '"implemented_in_part"')
        || jsonb_build_object('reasons', 'We agreed with this recommendation from the start.') where seq = ${target.seq};
      alter table public_log_entries enable trigger public_log_entries_append_only;`);
    const rewritten = await fetchLog();
    expect(responseEntry(rewritten).payload).toMatchObject({ category: 'implemented_in_part' });
    expect(verifyPublicLog(rewritten).finding).toMatchObject({
      problem: 'hash_mismatch',
      seq: target.seq,
      entry: { type: 'board.response', stream: 'BC-2023-001-R1' },
    });
    const cli = await verifyCli('--public', save(`rewritten-${kind}.json`, rewritten));
    expect(cli.code).toBe(7);
    expect(cli.stdout).toContain(`MISMATCH at entry ${target.seq} (board.response BC-2023-001-R1) [hash_mismatch]`);
    expect(cli.stderr).toContain('[chain_broken]');

    // 2. A careful forger recomputes every hash after it and moves the head: the chain holds, the signed checkpoint does not.
    let prev = rewritten.entries.find((e) => e.seq === target.seq - 1)?.hash as string;
    const updates: string[] = [];
    for (const entry of rewritten.entries.filter((e) => e.seq >= target.seq)) {
      const hash = entryHash({ ...entry, prev });
      updates.push(`update public_log_entries set prev = '${prev}', hash = '${hash}' where seq = ${entry.seq};`);
      prev = hash;
    }
    await rig.docket.tamper(`
      alter table public_log_entries disable trigger public_log_entries_append_only;
      ${updates.join('\n')}
      update public_log_head set hash = '${prev}';
      alter table public_log_entries enable trigger public_log_entries_append_only;`);
    const forged = await fetchLog();
    expect(verifyPublicLog({ ...forged, checkpoints: [] }).ok).toBe(true); // the chain alone cannot tell
    expect(verifyPublicLog(forged).finding).toMatchObject({ problem: 'checkpoint_mismatch' });
    // With the copy kept earlier, the exact entry is named.
    const against = await verifyCli('--public', save(`forged-${kind}.json`, forged), '--against', earlier);
    expect(against.code).toBe(7);
    expect(against.stdout).toContain(
      `MISMATCH at entry ${target.seq} (board.response BC-2023-001-R1) [differs_from_earlier_copy]`,
    );
  });

  it('reports from aggregates that match the records, for any period and country, as JSON and CSV', async () => {
    const db = rig.docket.store.db;
    const [truth] = rowsOf<Record<string, number>>(
      await db.execute(sql`
        select (select count(*)::int from reports) as reports,
               (select count(*)::int from decisions) as decisions,
               (select count(*)::int from appeals) as appeals,
               (select count(*)::int from appeals where result = 'reversed') as reversed,
               (select count(*)::int from reports r join cases c on c.id = r.case_id where c.country = 'KEN') as ken_reports,
               (select count(*)::int from decisions where decided_at < '2023-07-01') as early_decisions`),
    ) as [Record<string, number>];
    const all = (await rig.app.inject({ method: 'GET', url: '/api/public/statistics' })).json<StatisticsAnswer>();
    expect(all.totals).toMatchObject({
      reports: truth.reports,
      actions: truth.decisions,
      appealsFiled: truth.appeals,
      appealsReversed: truth.reversed,
      boardDecisions: 1,
      recommendations: 6,
      responses: 7,
      figuresRestricted: 1,
    });
    expect(all.totals.medianHoursToDecision).toBeGreaterThan(0);
    // DSA Art. 15(1)(d): the median time to decide internal complaints, from the appeals' own times.
    const [appealTimes] = rowsOf<{ min: number; max: number }>(
      await db.execute(
        sql`select min(extract(epoch from decided_at - filed_at) / 3600)::float as min, max(extract(epoch from decided_at - filed_at) / 3600)::float as max from appeals where decided_at is not null`,
      ),
    ) as [{ min: number; max: number }];
    expect(all.totals.medianHoursToDecideAppeal).toBeGreaterThanOrEqual(appealTimes.min / 1.19);
    expect(all.totals.medianHoursToDecideAppeal).toBeLessThanOrEqual(appealTimes.max * 1.19);
    expect(all.breakdowns['board.responses']).toEqual(
      expect.arrayContaining([{ key: 'declined', count: expect.any(Number) }]),
    );
    // Over time, by month for the demo's years: the buckets add up to the totals.
    expect(all.overTime.step).toBe('month');
    const sumOf = (key: 'reports' | 'actions' | 'appeals') => all.overTime.points.reduce((n, p) => n + p[key], 0);
    expect([sumOf('reports'), sumOf('actions'), sumOf('appeals')]).toEqual([
      truth.reports,
      truth.decisions,
      truth.appeals,
    ]);
    const kenya = (
      await rig.app.inject({
        method: 'GET',
        url: `/api/public/statistics?from=${all.period.from}&to=${all.period.to}&country=KEN`,
      })
    ).json<StatisticsAnswer>();
    expect(kenya.totals.reports).toBe(truth.ken_reports);
    expect(kenya.overTime.points.reduce((n, p) => n + p.reports, 0)).toBe(truth.ken_reports);
    const early = (
      await rig.app.inject({ method: 'GET', url: `/api/public/statistics?from=2020-01-01&to=2023-06-30` })
    ).json<StatisticsAnswer>();
    expect(early.totals.actions).toBe(truth.early_decisions);
    // A period starting and ending mid-month (whole months from the monthly sums, the ends from the daily counts).
    const [edges] = rowsOf<{ to: string; decisions: number; reports: number }>(
      await db.execute(sql`
      with p as (select to_char((max(decided_at) at time zone 'UTC')::date - 3, 'YYYY-MM-DD') as to from decisions)
      select p.to,
        (select count(*)::int from decisions where (decided_at at time zone 'UTC')::date between '2023-02-05' and p.to::date) as decisions,
        (select count(*)::int from reports where (received_at at time zone 'UTC')::date between '2023-02-05' and p.to::date) as reports
      from p`),
    ) as [{ to: string; decisions: number; reports: number }];
    const ragged = (
      await rig.app.inject({ method: 'GET', url: `/api/public/statistics?from=2023-02-05&to=${edges.to}` })
    ).json<StatisticsAnswer>();
    expect([ragged.totals.actions, ragged.totals.reports]).toEqual([edges.decisions, edges.reports]);
    expect(ragged.overTime.points.reduce((n, p) => n + p.actions, 0)).toBe(edges.decisions);

    const csv = await rig.app.inject({
      method: 'GET',
      url: '/api/public/statistics?from=2020-01-01&to=2030-12-31&format=csv',
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('section,metric,key,value');
    expect(csv.body).toContain(`total,reports,,${truth.reports}\r\n`);
    expect(csv.body).toContain(`country,reports,KEN,${truth.ken_reports}\r\n`);

    const bad = await rig.app.inject({
      method: 'GET',
      url: '/api/public/statistics?from=2023-02-30&to=2023-01-01&country=Kenya',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      problemOf(bad)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['country', 'from']);
    const reversed = await rig.app.inject({
      method: 'GET',
      url: '/api/public/statistics?from=2023-02-01&to=2023-01-01',
    });
    expect(problemOf(reversed).errors).toEqual([
      { field: 'to', message: 'the period ends (2023-01-01) before it starts (2023-02-01)' },
    ]);
  });

  it('draws the statistics page with charts and downloads, and says what is wrong with a bad period', async () => {
    const page = await rig.app.inject({ method: 'GET', url: '/statistics?country=KEN' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<svg role="img"');
    expect(page.body).toContain('Reports by source');
    expect(page.body).toMatch(
      /href="\/api\/public\/statistics\?from=[\d-]+&amp;to=[\d-]+&amp;country=KEN&amp;format=csv"/,
    );
    const bad = await rig.app.inject({ method: 'GET', url: '/statistics?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from: is not a date: write it as YYYY-MM-DD');
    const far = await rig.app.inject({ method: 'GET', url: '/statistics?to=9999-12-31' });
    expect(far.statusCode).toBe(400);
    expect(far.body).toContain('to: must be a day from 1970-01-01 to 2100-12-31');
  });

  it('rebuilds the aggregates from the event log alone, and again from the first event when their version rises', async () => {
    const db = rig.docket.store.db;
    const snapshot = async () =>
      JSON.stringify([
        rowsOf(
          await db.execute(
            sql`select metric, day::text, country, key, count::int from statistics_counts order by 1, 2, 3, 4`,
          ),
        ),
        rowsOf(
          await db.execute(
            sql`select metric, month::text, country, key, count::int from statistics_monthly order by 1, 2, 3, 4`,
          ),
        ),
      ]);
    const before = await snapshot();
    // The monthly sums are the daily counts summed, to the unit.
    const [drift] = rowsOf<{ n: number }>(
      await db.execute(sql`
      select count(*)::int as n from (select metric, date_trunc('month', day)::date as month, country, key, sum(count) as count from statistics_counts group by 1, 2, 3, 4) d
      full join statistics_monthly m using (metric, month, country, key) where d.count is distinct from m.count`),
    );
    expect(drift?.n).toBe(0);
    await db.execute(sql`delete from statistics_counts`);
    await db.execute(sql`delete from statistics_monthly`);
    await db.execute(sql`delete from projection_cursors where name = 'statistics'`);
    expect(await catchUpProjections(db, [statisticsProjection, publicLogProjection])).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
    // Counts written by an older version (here: without the appeals' times) are thrown away and recounted.
    await db.execute(sql`delete from statistics_counts where metric = 'appeals.time'`);
    await db.execute(sql`delete from statistics_monthly where metric = 'appeals.time'`);
    await db.execute(
      sql`update projection_cursors set version = ${statisticsProjection.version - 1} where name = 'statistics'`,
    );
    await catchUpProjections(db, [statisticsProjection, publicLogProjection]);
    expect(await snapshot()).toBe(before);
    expect(rowsOf(await db.execute(sql`select version from projection_cursors where name = 'statistics'`))).toEqual([
      { version: statisticsProjection.version },
    ]);
    // The public log is never rebuilt: its entries are signed and kept by readers.
    await db.execute(sql`update projection_cursors set version = 0 where name = 'public-log'`);
    await expect(catchUpProjections(db, [publicLogProjection])).rejects.toThrow(/never rebuilt/);
    await db.execute(sql`update projection_cursors set version = 1 where name = 'public-log'`);
  });
});
