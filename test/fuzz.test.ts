import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIMIT_SETTINGS, type Config } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import type { App } from '../src/http/types.js';
import { describeFailures, describeTotals, openFuzzer, type Fuzzer } from './fuzz/api-fuzzer.js';
import { describeCliFailures, fuzzCrisisAssessments, fuzzCrisisUploads, fuzzReportImports } from './fuzz/cli-fuzzer.js';
import { openOutsideFuzzer, type OutsideFuzzer } from './fuzz/outside-fuzzer.js';
import { startFakePlc, type FakePlc } from './fakes/plc.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

/**
 * Issue 11: property-based fuzzing of every API route, generated from the server's OpenAPI document. Every
 * generated request carries at least one fault; every answer must be a 4xx problem+json, and nothing may be
 * written. FUZZ_SEED replays a run; FUZZ_RUNS scales it (requests per store).
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
const BATCH = 250;
/** Requests to the routes outside the document (createReport, Mastodon's webhook, the site's pages and forms, tiles). */
const OUTSIDE_RUNS = Math.max(200, Math.round(RUNS / 5));
/** Docket as an atproto moderation service, so that createReport reaches its checks. */
const SERVICE_DID = 'did:web:docket.example';
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
  let plc: FakePlc;

  beforeAll(async () => {
    plc = await startFakePlc();
    // The demo data gives the faults real records to meet (a bad body for a case that exists).
    docket = await openTestDocket(kind, {
      config: { limits: NO_LIMITS, atprotoDid: SERVICE_DID, atprotoPlcUrl: plc.url },
      demo: true,
    });
    app = await buildServer(docket, { logger: false });
    await app.ready();
    fuzzer = await openFuzzer(docket, app);
  });
  afterAll(async () => {
    await app?.close();
    await docket?.close();
    await plc?.close();
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

  it(`answers faulty requests outside the API document in each route's own error form and writes nothing (seed ${SEED})`, async () => {
    const outside: OutsideFuzzer = await openOutsideFuzzer(docket, app, {
      plc,
      serviceDid: SERVICE_DID,
      userToken: fuzzer.userToken,
    });
    console.log(`fuzz outside [${kind}]: seed ${SEED}, ${OUTSIDE_RUNS} requests over ${outside.routes.length} routes`);
    const totals = await outside.run(SEED, OUTSIDE_RUNS, BATCH, TRACE);
    console.log(describeTotals(`outside ${kind}`, SEED, totals));
    expect(totals.requests).toBe(OUTSIDE_RUNS);
    if (OUTSIDE_RUNS >= 20 * outside.routes.length) expect(totals.byOperation.size).toBe(outside.routes.length);
    if (totals.failures.length > 0)
      console.log(`fuzz outside [${kind}] failures, seed ${SEED}:\n${describeFailures(totals.failures)}`);
    expect(
      totals.failures.length,
      `fuzz outside [${kind}] seed ${SEED}: ${totals.failures.length} failures (listed above)`,
    ).toBe(0);
  }, 600_000);
});
