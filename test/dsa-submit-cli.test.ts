import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocket } from './cli-run.js';
import { startFakeTdb, type FakeTdb } from './fakes/dsa-tdb.js';

const dataDir = mkdtempSync(join(tmpdir(), 'docket-dsa-cli-'));
const TOKEN = 'cli-token';

/** The `docket` command on a throw-away embedded store, with or without the database configured. */
const docket = (env: Record<string, string>, ...args: string[]) =>
  runDocket({ DOCKET_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env }, args);

describe('docket dsa submit', () => {
  let tdb: FakeTdb;
  beforeAll(async () => {
    tdb = await startFakeTdb({ token: TOKEN, limits: null });
    const seeded = await docket({}, 'demo', '--scale', '40');
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await tdb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const configured = (token = TOKEN, url = tdb.url) => ({ DOCKET_DSA_TDB_URL: url, DOCKET_DSA_TDB_TOKEN: token });

  it('--dry-run prints what would be sent and what is held, and sends nothing', async () => {
    const result = await docket({}, 'dsa', 'submit', '--dry-run');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^send [0-9a-f-]{36} {2}\d{4}-\d{2}-\d{2} {2}STATEMENT_CATEGORY_/m);
    expect(result.stdout).toMatch(/dry run: \d+ would be sent, \d+ held, \d+ not for the database.*submission is off/);
    expect(tdb.requests).toHaveLength(0);
  }, 120_000);

  it('refuses to submit when the database is not configured, and --from without --to', async () => {
    const off = await docket({}, 'dsa', 'submit');
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('set DOCKET_DSA_TDB_URL and DOCKET_DSA_TDB_TOKEN');
    const half = await docket(configured(), 'dsa', 'submit', '--from', '2024-01-01');
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--from and --to go together');
  }, 120_000);

  it('exits 6 when the database cannot be reached, and 5 with a clear message when it refuses the token', async () => {
    const unreachable = await docket(configured(TOKEN, 'http://127.0.0.1:9'), 'dsa', 'submit');
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr).toContain('could not be reached');
    const refused = await docket(configured('wrong-token'), 'dsa', 'submit');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('the Transparency Database refused the token (401');
    expect(tdb.statements.size).toBe(0);
  }, 120_000);

  it('submits every statement it would send, then has nothing left to send', async () => {
    const dry = await docket({}, 'dsa', 'submit', '--dry-run');
    const wouldSend = Number(/dry run: (\d+) would be sent/.exec(dry.stdout)?.[1]);
    // The unreachable run above left its batch `sending`: it is resolved once its wait is over.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const result = await docket(configured(), 'dsa', 'submit');
    expect(result.code, result.stderr).toBe(0);
    expect(tdb.statements.size).toBeGreaterThan(0);
    expect(result.stdout).toContain(`submitted ${tdb.statements.size} (0 the database already had)`);
    expect(tdb.statements.size).toBeGreaterThanOrEqual(wouldSend);
    const again = await docket(configured(), 'dsa', 'submit');
    expect(again.stdout).toContain('submitted 0');
  }, 180_000);
});
