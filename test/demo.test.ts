import { Value } from 'typebox/value';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvents, verifyLog } from '../src/core/event-log.js';
import { DEMO_TOKEN, DEMO_USERS, demoPassword, seedDemo } from '../src/demo/seed.js';
import { eventCatalogue, type EventType } from '../src/events.js';
import { describeEachStore, openTestDocket, type TestDocket } from './stores.js';

describeEachStore('demo data', (kind) => {
  let docket: TestDocket;
  beforeAll(async () => {
    docket = await openTestDocket(kind);
  });
  afterAll(() => docket.close());

  it('seeds once; a second start leaves it as it is', async () => {
    expect(await seedDemo(docket)).toEqual({ seeded: true });
    const head = (await verifyLog(docket.store.db)).head;
    expect(await seedDemo(docket)).toEqual({ seeded: false });
    expect((await verifyLog(docket.store.db)).head).toEqual(head);
  });

  it('lets every demo user sign in with the documented password, and the demo token act for its platform', async () => {
    for (const user of DEMO_USERS) {
      const { session } = await docket.access.login(user.username, demoPassword(user.username));
      expect(session.principal.roles).toEqual(user.roles);
    }
    expect(await docket.access.principalForBearer(DEMO_TOKEN)).toMatchObject({ kind: 'integration', platform: 'lumen' });
    expect((await docket.subjects.list({ limit: 100 })).length).toBeGreaterThanOrEqual(5);
  });

  it('writes only events of the catalogue, each payload matching its schema, on a chain that verifies', async () => {
    const { entries } = await readEvents(docket.store.db, { limit: 10_000 });
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const schema = eventCatalogue[entry.type as EventType];
      expect(schema, `event type ${entry.type} is in the catalogue`).toBeDefined();
      expect(Value.Check(schema, entry.payload), `${entry.type} #${entry.seq} matches its schema`).toBe(true);
    }
    expect((await verifyLog(docket.store.db)).ok).toBe(true);
  });
});
