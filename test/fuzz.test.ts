import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIMIT_SETTINGS, type Config } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { describeFailures, describeTotals, openFuzzer, type Fuzzer } from './fuzz/api-fuzzer.js';
import { describeCliFailures, fuzzCrisisAssessments, fuzzCrisisUploads, fuzzReportImports } from './fuzz/cli-fuzzer.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

/**
 * Issue 11: property-based fuzzing of every API route, generated from the server's OpenAPI document. Every
 * generated request carries at least one fault; every answer must be a 4xx problem+json, and nothing may be
 * written. FUZZ_SEED replays a run; FUZZ_RUNS scales it (requests per store).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
const BATCH = 250;
/** Bad files for each CLI import, scaled with the requests. */
const CLI_FILES = Math.max(20, Math.round(RUNS / 100));
/**
 * Request limits off: the fuzzer sends thousands of requests a minute from one address, and each limit counts in a
 * table, which would read as a write. (A 429 would pass anyway: it is a 4xx problem.)
 */
const NO_LIMITS = Object.fromEntries(Object.keys(LIMIT_SETTINGS).map((group) => [group, null])) as Config['limits'];
/** FUZZ_TRACE=regex prints every request whose "METHOD /path family" matches, with its answer. */
const TRACE = process.env.FUZZ_TRACE ? new RegExp(process.env.FUZZ_TRACE) : undefined;

describeEachStore('fuzzing every API route with faulty requests', (kind) => {
  let docket: TestDocket;
  let app: App;
  let fuzzer: Fuzzer;

  beforeAll(async () => {
    // The demo data gives the faults real records to meet (a bad body for a case that exists).
    docket = await openTestDocket(kind, { config: { limits: NO_LIMITS }, demo: true });
    app = await buildServer(docket, { logger: false });
    await app.ready();
    fuzzer = await openFuzzer(docket, app);
  });
  afterAll(async () => {
    await app?.close();
    await docket?.close();
  });

  it(`answers ${RUNS} faulty requests with 4xx problems and writes nothing (seed ${SEED})`, async () => {
    console.log(`fuzz [${kind}]: seed ${SEED}, ${RUNS} requests over ${fuzzer.operations.length} operations`);
    const totals = await fuzzer.run(SEED, RUNS, BATCH, TRACE);
    console.log(describeTotals(kind, SEED, totals));
    expect(totals.requests).toBe(RUNS);
    // A run long enough reaches every operation of the document.
    if (RUNS >= 20 * fuzzer.operations.length) expect(totals.byOperation.size).toBe(fuzzer.operations.length);
    if (totals.failures.length > 0)
      console.log(`fuzz [${kind}] failures, seed ${SEED}:\n${describeFailures(totals.failures)}`);
    expect(
      totals.failures.length,
      `fuzz [${kind}] seed ${SEED}: ${totals.failures.length} failures (listed above)`,
    ).toBe(0);
  }, 600_000);

  it(`names every bad line of a report import as rejected and writes nothing (seed ${SEED})`, async () => {
    const totals = await fuzzReportImports(docket, SEED, CLI_FILES);
    console.log(
      `fuzz import reports [${kind}]: seed ${SEED}, ${totals.files} files, ${totals.lines} bad lines, ${totals.failures.length} failures`,
    );
    expect(totals.failures.length, `seed ${SEED}:\n${describeCliFailures(totals.failures)}`).toBe(0);
  }, 300_000);

  it(`refuses every bad crisis events file with exit code 2 and a message (seed ${SEED})`, async () => {
    const totals = await fuzzCrisisAssessments(SEED, CLI_FILES);
    console.log(
      `fuzz crisis assess [${kind}]: seed ${SEED}, ${totals.files} files, ${totals.failures.length} failures`,
    );
    expect(totals.failures.length, `seed ${SEED}:\n${describeCliFailures(totals.failures)}`).toBe(0);
  }, 300_000);

  it(`answers every bad crisis events upload with a 400 problem and proposes nothing (seed ${SEED})`, async () => {
    const totals = await fuzzCrisisUploads(docket, app, fuzzer.userToken, SEED, CLI_FILES);
    console.log(
      `fuzz crisis uploads [${kind}]: seed ${SEED}, ${totals.files} files, ${totals.failures.length} failures`,
    );
    expect(totals.failures.length, `seed ${SEED}:\n${describeCliFailures(totals.failures)}`).toBe(0);
  }, 300_000);
});
