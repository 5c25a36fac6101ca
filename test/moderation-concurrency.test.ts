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
