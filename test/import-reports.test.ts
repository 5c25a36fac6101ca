import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importReports } from '../src/cli/import-reports.js';
import { readHead } from '../src/core/event-log.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

const report = (n: number, extra: Record<string, unknown> = {}, subject: Record<string, unknown> = {}) =>
  JSON.stringify({
    subject: { externalId: `imp-${n}`, kind: 'content', body: `post ${n}`, ...subject },
    policyId: 'spam',
    source: 'user',
    ...extra,
  });

/** `docket import reports` checks each line as POST /api/reports checks its body. Found by the fuzz tests. */
describeEachStore('importing reports refuses, line by line, what the API refuses', (kind) => {
  let docket: TestDocket;
  const folder = mkdtempSync(join(tmpdir(), 'docket-import-'));

  beforeAll(async () => {
    docket = await openTestDocket(kind);
    await docket.policies.ensureDefaultLibrary('system:test');
  });
  afterAll(async () => {
    await docket.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names lines holding a NUL, half a surrogate pair or a time past 2100 as rejected, and imports the rest', async () => {
    const file = join(folder, 'reports.jsonl');
    writeFileSync(
      file,
      [
        report(1, { reporterRef: 'a\u0000b' }),
        report(2, { policyId: 'sp\ud800am' }),
        report(3, {}, { postedAt: '9999-12-31T00:00:00Z' }),
        report(4),
      ].join('\n'),
    );
    const head = (await readHead(docket.store.db)).seq;
    // Before: the first two stopped the whole import with a database error (exit 1); the third was stored.
    const summary = await importReports(docket, file, 'lumen', 10, () => undefined);
    expect(summary.rejected.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(summary.rejected[0]?.reason).toContain('/reporterRef must not contain the NUL character');
    expect(summary.rejected[1]?.reason).toContain('/policyId must be valid Unicode');
    expect(summary.rejected[2]?.reason).toContain('/subject/postedAt must match format "date-time"');
    expect(summary.imported).toBe(1);
    expect((await readHead(docket.store.db)).seq).toBeGreaterThan(head);
  });

  it('keeps a line whole when a string in it holds U+2028 or U+2029 unescaped (readline splits there since Node 24)', async () => {
    const file = join(folder, 'separators.jsonl');
    writeFileSync(file, `${report(10, {}, { body: 'one\u2028two\u2029three' })}\r\n${report(11)}\n`);
    const summary = await importReports(docket, file, 'lumen', 10, () => undefined);
    expect(summary).toMatchObject({ lines: 2, imported: 2, rejected: [] });
  });
});
