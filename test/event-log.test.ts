import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocket } from '../src/app.js';
import { verifyLog, readEvents, stageEvents } from '../src/core/event-log.js';
import { DocketError } from '../src/core/errors.js';
import { rowsOf } from '../src/store/migrate.js';
import { describeEachStore, openTestDocket, testConfig, type TestDocket } from './stores.js';

describeEachStore('event log', (kind) => {
  let docket: TestDocket;
  beforeAll(async () => {
    docket = await openTestDocket(kind);
  });
  afterAll(() => docket.close());

  const countUsers = async () => docket.access.countUsers();
  const pending = async () =>
    rowsOf<{ n: number }>(await docket.store.db.execute(sql`select count(*)::int as n from pending_events`))[0]?.n;

  it('commits a command’s read-model rows and its events together', async () => {
    const before = await readEvents(docket.store.db, { limit: 1_000 });
    const { user } = await docket.access.createUser('system:test', {
      username: 'ada',
      roles: ['moderator'],
      password: 'correct horse battery',
    });
    const after = await readEvents(docket.store.db, { after: before.entries.at(-1)?.seq ?? 0, limit: 1_000 });
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]).toMatchObject({ type: 'user.created', stream: `user/${user.id}`, actor: 'system:test' });
    expect(JSON.stringify(after.entries[0]?.payload)).not.toContain('correct horse');
  });

  it('writes nothing, neither rows nor events, when a command fails', async () => {
    const usersBefore = await countUsers();
    const head = (await verifyLog(docket.store.db)).head;
    await expect(
      docket.run('system:test', async ({ tx, record }) => {
        await tx.execute(sql`update users set display_name = 'changed'`);
        record('demo.seeded', 'demo', { dataset: 'x', version: 1 });
        throw new DocketError('conflict', 'fails on purpose');
      }),
    ).rejects.toThrow('fails on purpose');
    expect(await countUsers()).toBe(usersBefore);
    expect((await verifyLog(docket.store.db)).head).toEqual(head);
    expect(await pending()).toBe(0);
    const names = rowsOf<{ display_name: string }>(await docket.store.db.execute(sql`select display_name from users`));
    expect(names.every((row) => row.display_name !== 'changed')).toBe(true);
  });

  it('keeps one unforked chain under concurrent commands', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        docket.access.createUser('system:test', {
          username: `concurrent${i}`,
          roles: ['moderator'],
          password: 'long enough password',
        }),
      ),
    );
    const report = await verifyLog(docket.store.db);
    expect(report.ok).toBe(true);
    expect(report.checked).toBe(report.head.seq);
  });

  it('chains, at the next start, the events of a command whose process stopped before they were chained', async () => {
    const head = (await verifyLog(docket.store.db)).head;
    // What a process leaves when it dies between its command's commit and the sequencer's pass.
    await docket.store.db.transaction((tx) =>
      stageEvents(tx, 'system:test', new Date('2026-11-30T12:00:00.000Z'), [
        { type: 'demo.seeded', stream: 'demo', payload: { dataset: 'left behind', version: 1 } },
        { type: 'demo.seeded', stream: 'demo', payload: { dataset: 'left behind', version: 2 } },
      ]),
    );
    expect((await verifyLog(docket.store.db)).head).toEqual(head);
    expect(await pending()).toBe(2);

    const restarted = await createDocket({ config: testConfig(), store: await docket.another() });
    try {
      const chained = await readEvents(docket.store.db, { after: head.seq, limit: 10 });
      expect(chained.entries.map((e) => [e.seq, e.actor, e.at, e.payload])).toEqual([
        [head.seq + 1, 'system:test', '2026-11-30T12:00:00.000Z', { dataset: 'left behind', version: 1 }],
        [head.seq + 2, 'system:test', '2026-11-30T12:00:00.000Z', { dataset: 'left behind', version: 2 }],
      ]);
      expect(await pending()).toBe(0);
      expect((await verifyLog(docket.store.db)).ok).toBe(true);
    } finally {
      await restarted.store.close();
    }
  });

  it('refuses to update or delete an entry through SQL', async () => {
    // Drizzle wraps the driver's error; the database's own refusal is its cause.
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(await refusal(docket.store.db.execute(sql`update events set actor = 'someone else' where seq = 1`))).toMatch(
      /append-only: UPDATE/,
    );
    expect(await refusal(docket.store.db.execute(sql`delete from events where seq = 1`))).toMatch(
      /append-only: DELETE/,
    );
  });

  it('names the first broken link when a row is edited directly in the database', async () => {
    expect((await verifyLog(docket.store.db)).ok).toBe(true);
    await docket.tamper(`
      alter table events disable trigger events_append_only;
      update events set payload = jsonb_set(payload, '{displayName}', '"Mallory"') where seq = 2;
      alter table events enable trigger events_append_only;`);
    const report = await verifyLog(docket.store.db, 3);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
    expect(report.firstBreak?.message).toContain('entry 2 (user.created) was changed');
  });
});
