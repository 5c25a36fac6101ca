import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HarmonisedReport } from '../src/transparency/statistics/contract.js';
import { runDocket } from './cli-run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'docket-harmonised-'));

/** The `docket` command on a throw-away embedded store. */
const docket = (...args: string[]) =>
  runDocket({ DOCKET_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' }, args);

describe('docket export transparency-report', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the period in the harmonised template’s sections, as JSON or CSV', async () => {
    const file = join(dataDir, 'orders.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({
        subject: { externalId: 'order-1', kind: 'content', body: 'a threat', country: 'DEU', views: 10 },
        policyId: 'violence-incitement',
        source: 'legal_order',
      })}\n`,
    );
    const imported = await docket('import', 'reports', file, '--platform', 'acme');
    expect(imported.code, imported.stderr).toBe(0);
    const today = new Date().toISOString().slice(0, 10);

    const json = await docket('export', 'transparency-report', '--from', today, '--to', today);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as HarmonisedReport;
    expect(report.period).toEqual({ from: today, to: today });
    const orders = report.sections.find((s) => s.section === '1.2')?.rows[0];
    expect(orders).toMatchObject({ value: 1, status: 'reported', breakdown: null });

    const out = join(dataDir, 'report.csv');
    const csv = await docket(
      'export',
      'transparency-report',
      '--from',
      today,
      '--to',
      today,
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(csv.code, csv.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('section,section_title,field,breakdown,value,unit,status,note');
    expect(lines.some((l) => l.startsWith('1.7,') && l.includes(',not_available,'))).toBe(true);
  }, 120_000); // the first command creates the embedded store and applies every migration

  it('refuses a reversed period naming the field, with exit code 2', async () => {
    const result = await docket('export', 'transparency-report', '--from', '2026-03-31', '--to', '2026-03-01');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the reporting period is not valid [validation_failed]');
    expect(result.stderr).toContain('to: the period ends (2026-03-01) before it starts (2026-03-31)');
  }, 60_000);
});
