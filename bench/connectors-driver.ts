import { createPrivateKey } from 'node:crypto';
import type { JwtAlg } from '../src/atproto/keys.js';
import { cidOf, mintServiceJwt } from '../test/fakes/atproto-pds.js';
import { reportCreated, signed } from '../test/mastodon-payloads.js';

/**
 * The connectors' load generator, a process of its own (forked by bench/connectors.ts): takes one ConnectorLoad as
 * its first message, sends single items over keep-alive connections (node's fetch) from `connections` concurrent
 * callers, answers with a ConnectorResult and exits. Each request is built here, so minting JWTs and signing
 * webhooks costs the server nothing: Docket's plain POST /api/reports (a new subject each), a Mastodon
 * `report.created` webhook signed as Mastodon signs it (a new report, account and status each), or an atproto
 * createReport with a fresh service-auth JWT (a new jti, a new post each) from one of a few reporters.
 */
export type ConnectorKind = 'plain' | 'mastodon' | 'bluesky';

export interface BenchReporter {
  did: string;
  alg: JwtAlg;
  /** The private key as PKCS#8 PEM (a KeyObject does not cross process boundaries). */
  pem: string;
}

export interface ConnectorLoad {
  kind: ConnectorKind;
  url: string;
  connections: number;
  /** Sent and not counted first, at the same connections: the server's JIT, caches (DID documents), pools. */
  warmupSeconds: number;
  /** Measure for this long; or, with `requests`, send exactly that many, one after another. */
  seconds: number;
  requests?: number;
  /** Added to every id, so each run's items are new. */
  offset: number;
  token: string;
  mastodon: { platform: string; secret: string };
  bluesky: { serviceDid: string; reporters: BenchReporter[]; authors: string[] };
}

export interface ConnectorResult {
  answered: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  firstFailure: string | null;
}

const CREATE_REPORT = 'com.atproto.moderation.createReport';
type Json = Record<string, unknown>;

/** Builds request `n` of the load: path, headers, body, and the status a success answers with. */
function requestMaker(load: ConnectorLoad): (n: number) => { path: string; init: RequestInit; ok: number } {
  const json = { 'content-type': 'application/json' };
  if (load.kind === 'plain')
    return (n) => ({
      path: '/api/reports',
      ok: 201,
      init: {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${load.token}` },
        body: JSON.stringify({
          subject: {
            externalId: `connectors-${n}`,
            kind: 'content',
            contentType: 'text',
            authorExternalId: `author-${n % 5_000}`,
            body: `A post reported on its own, ${n}`,
            language: 'en',
          },
          policyId: 'spam',
          source: 'user',
          reporterRef: `reporter-${n % 1_000}`,
        }),
      },
    });

  if (load.kind === 'mastodon') {
    const template = reportCreated();
    const report = template.object;
    const target = report.target_account as Json;
    const status = (report.statuses as Json[])[0] as Json;
    return (n) => {
      // Mastodon's ids are numeric strings; the report, the reported account and its status are all new.
      const [reportId, accountId, statusId] = [1, 2, 3].map((k) => String(k * 10_000_000_000 + n));
      const payload = {
        ...template,
        object: {
          ...report,
          id: reportId,
          target_account: { ...target, id: accountId, account: { ...(target.account as Json), id: accountId } },
          statuses: [
            {
              ...status,
              id: statusId,
              uri: `https://someothermastodonsite.com/users/cheeseperson/statuses/${statusId}`,
              url: `https://someothermastodonsite.com/@cheeseperson/${statusId}`,
              account: { ...(status.account as Json), id: accountId },
            },
          ],
        },
      };
      const { body, signature } = signed(payload, load.mastodon.secret);
      return {
        path: `/api/connectors/mastodon/${load.mastodon.platform}/webhook`,
        ok: 201,
        init: { method: 'POST', headers: { ...json, 'x-hub-signature': signature }, body },
      };
    };
  }

  const { serviceDid, reporters, authors } = load.bluesky;
  const keys = reporters.map((r) => ({ ...r, privateKey: createPrivateKey(r.pem) }));
  return (n) => {
    const reporter = keys[n % keys.length] as (typeof keys)[number];
    // A new jti each (mintServiceJwt draws 16 random bytes), as a PDS mints one per call.
    const jwt = mintServiceJwt(reporter, { iss: reporter.did, aud: serviceDid, lxm: CREATE_REPORT });
    const post = `at://${authors[n % authors.length]}/app.bsky.feed.post/bench${n}`;
    return {
      path: `/xrpc/${CREATE_REPORT}`,
      ok: 200,
      init: {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${jwt}` },
        body: JSON.stringify({
          reasonType: 'com.atproto.moderation.defs#reasonSpam',
          reason: `selling followers, ${n}`,
          subject: { $type: 'com.atproto.repo.strongRef', uri: post, cid: cidOf(post) },
        }),
      },
    };
  };
}

async function run(load: ConnectorLoad): Promise<ConnectorResult> {
  const make = requestMaker(load);
  let next = load.offset;
  let failures = 0;
  let firstFailure: string | null = null;
  const send = async (): Promise<number | null> => {
    const { path, init, ok } = make(next++);
    const started = performance.now();
    const response = await fetch(`${load.url}${path}`, init);
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status === ok) return ms;
    failures++;
    firstFailure ??= `${load.kind}: ${response.status} ${text.slice(0, 500)}`;
    return null;
  };
  const callers = async (seconds: number, times: number[] | null, budget = Infinity) => {
    const deadline = performance.now() + seconds * 1_000;
    let left = budget;
    await Promise.all(
      Array.from({ length: load.connections }, async () => {
        while (performance.now() < deadline && left-- > 0) {
          const ms = await send();
          if (ms !== null) times?.push(ms);
        }
      }),
    );
  };

  if (load.warmupSeconds > 0) await callers(load.warmupSeconds, null);
  const times: number[] = [];
  const started = performance.now();
  await callers(load.requests === undefined ? load.seconds : 3_600, times, load.requests);
  const elapsed = (performance.now() - started) / 1_000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    answered: times.length,
    perSecond: times.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    failures,
    firstFailure,
  };
}

process.once('message', (load: ConnectorLoad) => {
  run(load).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: Error) => process.send?.({ error: error.stack ?? error.message }, () => process.exit(1)),
  );
});
