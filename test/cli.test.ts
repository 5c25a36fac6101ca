import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { runDocket } from './cli-run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'docket-cli-'));

/** The `docket` command on a throw-away embedded store. */
const docket = (...args: string[]) =>
  runDocket({ DOCKET_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, args);

describe('docket CLI', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a user with a one-time password and refuses a duplicate with exit code 4', async () => {
    const added = await docket('user', 'add', 'carol', '--role', 'moderator', 'senior_reviewer', '--name', 'Carol C');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /created carol \(moderator, senior_reviewer\)\none-time password \(change it at first sign-in\): [a-z0-9-]{23}\n/,
    );
    const again = await docket('user', 'add', 'carol', '--role', 'moderator');
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('a user named "carol" already exists [already_exists]');
  }, 90_000); // the first command creates the embedded store and applies every migration: about 13 s idle, more under load

  it('refuses an unknown role with exit code 2', async () => {
    const result = await docket('user', 'add', 'dave', '--role', 'wizard');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'wizard' is invalid");
  });

  it('creates an integration token and prints its secret once', async () => {
    const result = await docket('token', 'create', '--name', 'Acme', '--platform', 'acme');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created integration token [0-9a-f-]{36} \(Acme\)\ndkt_[A-Za-z0-9_-]{43}\n$/);
    const list = await docket('token', 'list', '--json');
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    expect(list.stdout).not.toContain(result.stdout.split('\n')[1]);
  });

  it('imports reports from JSON Lines, naming rejected lines, and changes nothing when run again', async () => {
    const file = join(dataDir, 'reports.jsonl');
    const report = (n: number, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        subject: { externalId: `jl-${n}`, kind: 'content', body: `post ${n}`, country: 'KEN', views: n * 1000 },
        policyId: 'spam',
        source: 'user',
        ...extra,
      });
    writeFileSync(
      file,
      [
        report(1),
        '{not json',
        report(2, { policyId: 'no-such-policy' }),
        report(3, { source: 'rumour' }),
        '',
        report(4),
      ].join('\n'),
    );
    const first = await docket('import', 'reports', file, '--platform', 'acme', '--batch', '2');
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('line 2: rejected: not JSON');
    expect(first.stderr).toContain('line 3: rejected: unknown policy "no-such-policy"');
    expect(first.stderr).toMatch(/line 4: rejected: \/source must be equal to one of the allowed values/);
    expect(first.stdout).toContain('6 lines: 2 reports imported, 0 already imported, 3 rejected');
    const again = await docket('import', 'reports', file, '--platform', 'acme', '--batch', '2');
    expect(again.stdout).toContain('6 lines: 0 reports imported, 2 already imported, 3 rejected');
  });

  it('prints the top of the queue with priorities and why', async () => {
    const queue = await docket('queue', '--limit', '5');
    expect(queue.code).toBe(0);
    const lines = queue.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^priority\s+case\s+subject\s+place\s+reports\s+why$/);
    expect(lines).toHaveLength(3);
    // A report citing only "spam" alleges its gravest section (fake engagement, severity 2); more views rank higher.
    expect(lines[1]).toMatch(/post 4\s+KEN\/-\s+1\s+severityx2 reachx[\d.]+ actorx1 contextx1 agex[\d.]+$/);
    expect(lines[2]).toContain('post 1');
  });

  it('assesses crisis signals from a CSV, as JSON sorted by iso3, without touching the store', async () => {
    const file = join(dataDir, 'events.csv');
    const rows = ['event_date,country,iso3,event_type,sub_event_type,actor1,fatalities'];
    for (let i = 0; i < 30; i++)
      rows.push(`2026-03-${String(1 + (i % 10)).padStart(2, '0')},Veridia,QVR,Battles,Armed clash,Rebels,1`);
    rows.push('2026-03-05,Kambara,QKB,Violence against civilians,Attack,Police Forces of Kambara,0');
    writeFileSync(file, rows.join('\n'));
    const result = await docket('crisis', 'assess', '--events', file, '--format', 'json', '--as-of', '2026-03-10');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.countries.map((c: { iso3: string }) => c.iso3)).toEqual(['QKB', 'QVR']);
    expect(Object.keys(json.countries[1])).toEqual(['iso3', 'name', 'acute', 'chronic', 'explanation']);
    expect(Object.keys(json.countries[1].acute)).toEqual([
      'flag',
      'week',
      'observed',
      'baseline',
      'scale',
      'z',
      'threshold',
      'cusum',
    ]);
    expect(Object.keys(json.countries[1].chronic)).toEqual([
      'flag',
      'rate',
      'percentile',
      'weeks_in_top_decile',
      'civic_space',
    ]);
    expect(json.countries[1].acute).toMatchObject({ flag: true, week: '2026-03-04', observed: 21 });
    const missing = await docket('crisis', 'assess', '--events', join(dataDir, 'nope.csv'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no file');
  });

  it('verifies the log, then names the entry edited directly in the database and exits 7', async () => {
    const ok = await docket('verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: \d+ entries verified; head \d+ [0-9a-f]{64}\n$/);

    const db = new PGlite(join(dataDir, 'pglite'));
    await db.exec(`
      alter table events disable trigger events_append_only;
      update events set actor = 'user:someone-else' where seq = 2;
      alter table events enable trigger events_append_only;`);
    await db.close();

    const broken = await docket('verify');
    expect(broken.code).toBe(7);
    expect(broken.stdout).toContain('BROKEN at entry 2 (hash_mismatch)');
    expect(broken.stderr).toContain('[chain_broken]');
  });
});
