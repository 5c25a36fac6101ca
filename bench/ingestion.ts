import { createDocket } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import type { ReportInput } from '../src/moderation/contract.js';
import { measure, type Row } from './measure.js';
import type { BenchStore } from './stores.js';

const BATCH = 1_000;

/**
 * Report ingestion in batches of 1,000 (each report on a new subject, so each opens a case): through the service,
 * and through HTTP (a real server on loopback, JSON over keep-alive connections, the platform's bearer token).
 * Ratios are against the store's raw batched INSERT limit, in reports per second against rows per second.
 */
export async function benchIngestion({ name, store }: BenchStore, seconds: number, rawLimit: number): Promise<Row[]> {
  // The batch limit is raised, not switched off: the bench pays the per-request count as production does.
  const docket = await createDocket({
    config: loadConfig({ DOCKET_LIMIT_INGEST_BATCHES: '1000000/1m' }, { logLevel: 'silent', demo: false }),
    store,
  });
  await docket.policies.ensureDefaultLibrary('system:bench');
  const { token } = await docket.access.createToken('system:bench', {
    name: 'bench',
    kind: 'integration',
    platform: 'bench',
  });
  let next = 0;
  const batch = (): ReportInput[] =>
    Array.from({ length: BATCH }, () => {
      const n = next++;
      return {
        subject: {
          externalId: `bench-${n}`,
          kind: 'content',
          contentType: 'text',
          authorExternalId: `author-${n % 5_000}`,
          body: `Bench post ${n}`,
          country: 'KEN',
          language: 'en',
          views: n % 10_000,
        },
        policyId: n % 3 === 0 ? 'hate-speech' : 'spam',
        source: 'user',
        reporterRef: `reporter-${n}`,
      };
    });
  const row = (measurement: string, rate: number): Row => ({
    store: name,
    measurement,
    rate,
    unit: 'reports/s',
    vsRaw: rate / rawLimit,
  });

  const viaService = await measure(
    `${name}: ingestion via the service`,
    async () => {
      await docket.moderation.ingestReports('system:bench', 'bench', batch(), null);
      return BATCH;
    },
    { seconds },
  );

  const app = await buildServer(docket, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/reports/batch`;
  const viaHttp = await measure(
    `${name}: ingestion via HTTP`,
    async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ items: batch() }),
      });
      if (response.status !== 201) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      return BATCH;
    },
    { seconds },
  );
  await app.close();

  return [
    row('report ingestion via the service (1,000/batch)', viaService),
    row('report ingestion via HTTP (1,000/batch)', viaHttp),
  ];
}
