import autocannon, { type Client, type Request } from 'autocannon';
import type { Dialect, Latency, Load, LoadResult, Reviewer } from './load.js';

/**
 * The load generator, a process of its own (forked by bench/load.ts): takes one Load as its first message, runs
 * it with autocannon (one instance per target server, all at once), answers with a LoadResult and exits.
 * Latencies are autocannon's own per-response times, filed under the kind of request that got the response.
 * A kind's rate is summed over the connections, each counted up to its last answer: a run that ends cuts the
 * requests in flight, which for slow requests (a batch of 500 takes a second) would otherwise count as time with
 * nothing done.
 */

const times: Record<string, number[]> = {};
/** Per kind and connection: answers so far, and when the connection started and got its last answer. */
const tallies: Record<string, Map<Client, { answers: number; started: number; last: number }>> = {};
let answered = '';
let failures = 0;
let firstFailure: string | null = null;

/** Called by autocannon with each response, just before its 'response' event (same tick): files what answered. */
const answeredBy = (kind: string) => (status: number, body: string) => {
  answered = status < 300 ? kind : '';
  if (status >= 300) {
    failures++;
    firstFailure ??= `${kind}: ${status} ${body.slice(0, 500)}`;
  }
};

const chainQuery = (dialect: Dialect) => (dialect === 'peer-chain' ? '?chain=true' : '');

const json = { 'content-type': 'application/json' };

function reportOf(runId: string, n: number): object {
  return {
    subject: {
      externalId: `${runId}-${n}`,
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
}

/** The one request a reporting connection repeats, each time with new reports. */
function reportRequests(load: Extract<Load, { kind: 'reports' }>, next: () => number): Request[] {
  const single = load.batch === 1;
  const headers = load.dialect === 'docket' ? { ...json, authorization: `Bearer ${load.token}` } : json;
  const body = () =>
    JSON.stringify(
      single
        ? reportOf(load.runId, next())
        : { items: Array.from({ length: load.batch }, () => reportOf(load.runId, next())) },
    );
  return [
    {
      method: 'POST',
      path: `/api/reports${single ? '' : '/batch'}${chainQuery(load.dialect)}`,
      headers,
      setupRequest: (request) => ({ ...request, body: body() }),
      onResponse: answeredBy(single ? 'report' : 'batch'),
    },
  ];
}

const FACTS = 'Bench review: an ordinary post; nothing in it breaks the policy.';

/** A reviewer's cycle: claim the most urgent case, then decide it (no violation). */
function reviewRequests(dialect: Dialect, reviewer: Reviewer): Request[] {
  let caseId: string | number | undefined;
  const claimed = answeredBy('claim');
  const docket = dialect === 'docket';
  const headers = { ...json, ...reviewer.headers };
  return [
    {
      method: 'POST',
      path: docket ? '/api/queue/claim' : `/claim${chainQuery(dialect)}`,
      headers,
      body: docket ? '{}' : JSON.stringify({ reviewer: reviewer.name }),
      onResponse: (status, body) => {
        claimed(status, body);
        caseId =
          status < 300
            ? docket
              ? (JSON.parse(body) as { case: { id: string } }).case.id
              : (JSON.parse(body) as { id: number }).id
            : undefined;
      },
    },
    {
      method: 'POST',
      headers,
      // No case claimed: start the cycle again (autocannon restarts from the first request on a falsy value).
      setupRequest: (request) => {
        if (caseId === undefined) return undefined as unknown as Request;
        const body = docket
          ? { policyId: 'spam', sectionId: 'commercial-spam', outcome: 'no_violation', facts: FACTS }
          : { id: caseId, reviewer: reviewer.name, outcome: 'no_violation', facts: FACTS };
        return {
          ...request,
          path: docket ? `/api/cases/${caseId}/decision` : `/decide${chainQuery(dialect)}`,
          body: JSON.stringify(body),
        };
      },
      onResponse: answeredBy('decide'),
    },
  ];
}

/** One autocannon instance against one server; `requestsOf` gives each of its connections its own requests. */
function cannon(
  url: string,
  connections: number,
  seconds: number,
  requestsOf: (index: number) => Request[],
): Promise<number> {
  let clients = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 60,
        requests: [{ method: 'GET', path: '/' }],
        // Before it connects: this connection's own request objects (autocannon's are shared by all connections).
        setupClient: (client: Client) => client.setRequests(requestsOf(clients++)),
      },
      (error, result) => {
        if (error) return reject(error);
        failures += result.errors + result.timeouts;
        if (result.errors + result.timeouts > 0)
          firstFailure ??= `${result.errors} connection errors, ${result.timeouts} timeouts`;
        resolve(result.duration);
      },
    );
    instance.on('response', (client, _status, _bytes, ms) => {
      if (answered) {
        (times[answered] ??= []).push(ms);
        const tally = (tallies[answered] ??= new Map()).get(client) ?? { answers: 0, started, last: started };
        tallies[answered]?.set(client, { ...tally, answers: tally.answers + 1, last: performance.now() });
      }
      answered = '';
    });
  });
}

function figuresOf(kind: string): Latency {
  const sorted = [...(times[kind] ?? [])].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  let perSecond = 0;
  for (const { answers, started, last } of tallies[kind]?.values() ?? [])
    perSecond += (answers * 1_000) / (last - started);
  return { count: sorted.length, perSecond, p50: at(0.5), p99: at(0.99) };
}

async function run(load: Load): Promise<LoadResult> {
  const share = <T>(items: T[], target: number) => items.filter((_, i) => i % load.targets.length === target);
  let sent = 0;
  const runs = load.targets.map((url, target) => {
    if (load.kind === 'reports') {
      const connections = share(
        Array.from({ length: load.connections }, (_, i) => i),
        target,
      ).length;
      return cannon(url, connections, load.seconds, () => reportRequests(load, () => sent++));
    }
    const reviewers = share(load.reviewers, target);
    return cannon(url, reviewers.length, load.seconds, (index) =>
      reviewRequests(load.dialect, reviewers[index] as Reviewer),
    );
  });
  const seconds = Math.max(...(await Promise.all(runs)));
  return {
    seconds,
    kinds: Object.fromEntries(Object.keys(times).map((kind) => [kind, figuresOf(kind)])),
    failures,
    firstFailure,
  };
}

process.once('message', (load: Load) => {
  run(load).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: Error) => process.send?.({ error: error.stack ?? error.message }, () => process.exit(1)),
  );
});
