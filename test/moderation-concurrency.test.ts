import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocket, type Docket } from '../src/app.js';
import { principalOfView } from '../src/access/service.js';
import type { Principal } from '../src/core/roles.js';
import { openPostgres } from '../src/store/database.js';
import { describeEachStore, openTestDocket, testConfig, type TestDocket } from './stores.js';

type User = Extract<Principal, { kind: 'user' }>;

/**
 * Several Docket instances (on PostgreSQL: separate connection pools, as separate processes would have) claim from
 * one queue at once: every claim gets a different case, and the extra claims find the queue empty.
 */
describeEachStore('queue claims under concurrency', (kind) => {
  let first: TestDocket;
  const others: Docket[] = [];
  const users: User[] = [];

  beforeAll(async () => {
    first = await openTestDocket(kind);
    await first.policies.ensureDefaultLibrary('system:test');
    for (let i = 0; i < 8; i++) {
      const { user } = await first.access.createUser('system:test', {
        username: `claimer${i}`,
        roles: ['moderator'],
        password: 'claimer password',
      });
      users.push(principalOfView(user));
    }
    const items = Array.from({ length: 30 }, (_, n) => ({
      subject: { externalId: `c-${n}`, kind: 'content' as const, body: `post ${n}`, views: n * 10 },
      policyId: 'spam',
      source: 'user' as const,
    }));
    await first.moderation.ingestReports('system:test', 'lumen', items, null);
    if (kind === 'postgres') {
      const url = (first.store.db as unknown as { $client: { options: { connectionString: string } } }).$client.options
        .connectionString;
      for (let i = 0; i < 3; i++)
        others.push(await createDocket({ config: testConfig(), store: await openPostgres(url, 4) }));
    }
  });
  afterAll(async () => {
    for (const docket of others) await docket.close();
    await first.close();
  });

  it('gives every concurrent claim a different case', async () => {
    const instances: Docket[] = [first, ...others];
    const attempts = Array.from({ length: 40 }, (_, i) => {
      const docket = instances[i % instances.length] as Docket;
      // Each reviewer claims several cases on purpose (keepOthers): the point is that no two claims share one.
      return docket.moderation.queue.claimNext(users[i % users.length] as User, {}, { keepOthers: true }).then(
        (caseId) => ({ caseId }),
        (error: Error) => ({ error: error.message }),
      );
    });
    const results = await Promise.all(attempts);
    const claimed = results.flatMap((r) => ('caseId' in r ? [r.caseId] : []));
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed).size).toBe(30);
    expect(results.filter((r) => 'error' in r).map((r) => (r as { error: string }).error)).toEqual(
      Array(10).fill('no case is waiting in your queue'),
    );
  });
});

/**
 * The first reports about one new subject, sent at once through several instances (on PostgreSQL, separate pools,
 * as separate processes): every report is stored, on one subject and one open case, none refused.
 */
describeEachStore('first reports about one new subject under concurrency', (kind) => {
  it('registers the subject and opens its case once, and every report joins them', async () => {
    const first = await openTestDocket(kind);
    const others: Docket[] = [];
    try {
      await first.policies.ensureDefaultLibrary('system:test');
      if (kind === 'postgres') {
        for (let i = 0; i < 2; i++)
          others.push(await createDocket({ config: testConfig(), store: await first.another() }));
      }
      const instances: Docket[] = [first, ...others];
      const report = {
        subject: { externalId: 'viral-1', kind: 'content' as const, body: 'a post everyone reports', views: 900 },
        policyId: 'spam',
        source: 'user' as const,
      };
      const sent = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const docket = instances[i % instances.length] as Docket;
          return i % 2 === 0
            ? docket.moderation.ingestReport('system:test', 'lumen', report, null).then(
                (a) => a.body.receipt.caseId,
                (e: Error) => `refused: ${e.message}`,
              )
            : docket.moderation.ingestReports('system:test', 'lumen', [report], null).then(
                (a) => a.body.receipts[0]?.caseId,
                (e: Error) => `refused: ${e.message}`,
              );
        }),
      );
      expect(sent.filter((caseId) => String(caseId).startsWith('refused'))).toEqual([]);
      expect(new Set(sent).size).toBe(1);
    } finally {
      for (const docket of others) await docket.store.close();
      await first.close();
    }
  }, 60_000);
});

/**
 * A batch of reports updates its cases in id order, so another transaction that locks the same cases in that order
 * never deadlocks with it. Before, the batch locked them in the order its reports came: holding the second case
 * while it waited for the first, it deadlocked with a writer holding the first and asking for the second, and
 * PostgreSQL failed one of them (a 500 for the platform).
 */
describeEachStore('a batch of reports and another writer of the same cases', (kind) => {
  it.skipIf(kind !== 'postgres')('lock the cases in one order, so neither fails', async () => {
    const docket = await openTestDocket(kind);
    const url = (docket.store.db as unknown as { $client: { options: { connectionString: string } } }).$client.options
      .connectionString;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await docket.policies.ensureDefaultLibrary('system:test');
      const report = (externalId: string) => ({
        subject: { externalId, kind: 'content' as const, body: `post ${externalId}` },
        policyId: 'spam',
        source: 'user' as const,
      });
      const opened = await docket.moderation.ingestReports(
        'system:test',
        'lumen',
        [report('d-1'), report('d-2')],
        null,
      );
      const [low, high] = opened.body.receipts.map((r) => r.caseId).sort() as [string, string];
      const subjectOf = new Map(opened.body.receipts.map((r) => [r.caseId, r.subjectId]));
      const again = (caseId: string) => ({
        subjectExternalId: caseId === low ? 'd-1' : 'd-2',
        policyId: 'spam',
        source: 'user' as const,
      });
      expect(subjectOf.size).toBe(2);

      await other.query(`set lock_timeout = '10s'`);
      await other.query('begin');
      await other.query('select id from cases where id = $1 for update', [low]);
      // The batch names the later case first: it must still wait for the earlier one before taking the later.
      const batch = docket.moderation.ingestReports('system:test', 'lumen', [again(high), again(low)], null).then(
        () => 'done',
        (error: Error) => `failed: ${error.message}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = await other.query('select id from cases where id = $1 for update', [high]).then(
        () => 'locked',
        (error: Error) => `failed: ${error.message}`,
      );
      await other.query(second === 'locked' ? 'commit' : 'rollback');
      expect({ other: second, batch: await batch }).toEqual({ other: 'locked', batch: 'done' });
    } finally {
      await other.end();
      await docket.close();
    }
  });
});
