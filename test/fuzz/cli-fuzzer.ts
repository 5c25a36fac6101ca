import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { App } from '../../src/http/types.js';
import { importReports } from '../../src/cli/import-reports.js';
import { isDocketError } from '../../src/core/errors.js';
import { assessFile } from '../../src/crisis/assess.js';
import { DEFAULT_CRISIS_RULES } from '../../src/crisis/rules.js';
import { DEMO_PLATFORM } from '../../src/demo/seed.js';
import type { TestDocket } from '../stores.js';
import { storedCounts, changes } from './api-fuzzer.js';
import { badEventsFile, badReportFile } from './cli-arbitraries.js';

/**
 * Runs the CLI's imports, through the functions `docket` calls, on generated bad files: every bad report line is
 * named as rejected and nothing is written; every bad events file is refused with exit code 2 and a message.
 */

export interface CliFailure {
  command: string;
  fault: string;
  input: string;
  why: string;
}

export interface CliTotals {
  files: number;
  lines: number;
  failures: CliFailure[];
}

const excerpt = (text: string) =>
  text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}… (${text.length} chars)` : JSON.stringify(text);

/** Why a refusal is not the one the CLI should give (exit 2 and a sentence), or null. */
function refusalProblem(error: unknown): string | null {
  if (!isDocketError(error))
    return `crashed (exit 1): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.slice(0, 500);
  if (error.exitCode !== 2) return `exit ${error.exitCode} (${error.code}): ${error.message}`;
  if (error.message.trim().length < 10) return `no message worth the name: ${JSON.stringify(error.message)}`;
  return null;
}

export async function fuzzReportImports(docket: TestDocket, seed: number, files: number): Promise<CliTotals> {
  const folder = mkdtempSync(join(tmpdir(), 'docket-fuzz-import-'));
  const totals: CliTotals = { files: 0, lines: 0, failures: [] };
  try {
    let before = await storedCounts(docket.store.db);
    for (const [index, file] of fc.sample(badReportFile, { seed, numRuns: files }).entries()) {
      const path = join(folder, `reports-${index}.jsonl`);
      const text = file.lines.map((l) => l.line).join('\n');
      writeFileSync(path, text);
      totals.files += 1;
      const expected = file.lines.flatMap((l, i) => (l.line.trim() ? [i + 1] : []));
      totals.lines += expected.length;
      const fail = (why: string) =>
        totals.failures.push({
          command: `docket import reports FILE --platform ${DEMO_PLATFORM} --batch ${file.batch}`,
          fault: file.lines.map((l) => l.fault).join('; '),
          input: excerpt(text),
          why,
        });
      try {
        const summary = await importReports(docket, path, DEMO_PLATFORM, file.batch, () => undefined);
        const rejected = summary.rejected.map((r) => r.line).sort((a, b) => a - b);
        if (JSON.stringify(rejected) !== JSON.stringify(expected))
          fail(`rejected lines ${rejected.join(',') || 'none'}, not every bad line (${expected.join(',')})`);
        if (summary.imported + summary.replayed > 0) fail(`imported ${summary.imported}, replayed ${summary.replayed}`);
      } catch (error) {
        fail(`the import stopped: ${refusalProblem(error) ?? (error as Error).message}`);
      }
      const after = await storedCounts(docket.store.db);
      const moved = changes(before, after);
      if (moved) fail(`wrote: ${moved}`);
      before = after;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return totals;
}

export async function fuzzCrisisAssessments(seed: number, files: number): Promise<CliTotals> {
  const folder = mkdtempSync(join(tmpdir(), 'docket-fuzz-crisis-'));
  const totals: CliTotals = { files: 0, lines: 0, failures: [] };
  try {
    for (const [index, file] of fc.sample(badEventsFile, { seed, numRuns: files }).entries()) {
      const path = join(folder, `events-${index}.csv`);
      writeFileSync(path, file.text);
      totals.files += 1;
      totals.lines += file.text.split('\n').length;
      const command = `docket crisis assess --events FILE${file.asOf === undefined ? '' : ` --as-of ${JSON.stringify(file.asOf)}`}`;
      const fail = (why: string) =>
        totals.failures.push({ command, fault: file.fault, input: excerpt(file.text), why });
      try {
        await assessFile({ eventsPath: path, asOf: file.asOf, skipInvalid: false, rules: DEFAULT_CRISIS_RULES });
        fail('assessed a file with a fault (exit 0)');
      } catch (error) {
        const problem = refusalProblem(error);
        if (problem) fail(problem);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return totals;
}

/** The same bad files uploaded to POST /api/crisis/assessments: a 400 problem each, and no designation proposed. */
export async function fuzzCrisisUploads(
  docket: TestDocket,
  app: App,
  token: string,
  seed: number,
  files: number,
): Promise<CliTotals> {
  const totals: CliTotals = { files: 0, lines: 0, failures: [] };
  let before = await storedCounts(docket.store.db);
  for (const file of fc.sample(badEventsFile, { seed, numRuns: files })) {
    totals.files += 1;
    totals.lines += file.text.split('\n').length;
    const payload = { events: file.text, ...(file.asOf === undefined ? {} : { asOf: file.asOf }) };
    const response = await app.inject({
      method: 'POST',
      url: '/api/crisis/assessments',
      payload,
      headers: { authorization: `Bearer ${token}` },
    });
    const fail = (why: string) =>
      totals.failures.push({
        command: 'POST /api/crisis/assessments',
        fault: file.fault,
        input: excerpt(file.text),
        why,
      });
    const problem = String(response.headers['content-type']).startsWith('application/problem+json');
    if (response.statusCode !== 400 || !problem) fail(`${response.statusCode} ${response.body.slice(0, 300)}`);
    const after = await storedCounts(docket.store.db);
    const moved = changes(before, after);
    if (moved) fail(`wrote: ${moved}`);
    before = after;
  }
  return totals;
}

export function describeCliFailures(failures: CliFailure[]): string {
  return failures
    .slice(0, 30)
    .map((f) => `${f.command}\n    fault: ${f.fault}\n    input: ${f.input}\n    -> ${f.why}`)
    .join('\n');
}
