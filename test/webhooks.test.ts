import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifySignature } from '../src/webhooks/rules.js';
import type { DeliveryList, EndpointSet, WebhookEndpointList } from '../src/webhooks/contract.js';
import { problemOf, type Client } from './http.js';
import { openModerationRig, ordinaryPost, type ModerationRig } from './moderation-fixtures.js';
import { describeEachStore } from './stores.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A platform's receiver on loopback: it fails the first delivery, then accepts. */
function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(received.length === 1 ? 500 : 204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/docket`, received }),
    ),
  );
}

describeEachStore('webhooks to platforms', (kind) => {
  let rig: ModerationRig;
  let admin: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret: string;

  beforeAll(async () => {
    rig = await openModerationRig(kind);
    receiver = await startReceiver();
    await rig.docket.access.createUser('system:test', {
      username: 'root',
      roles: ['admin'],
      password: 'admin password 1',
    });
    admin = await rig.signIn('root', 'admin password 1');
  });
  afterAll(async () => {
    receiver.server.close();
    await rig.close();
  });

  it('lets only admins set an endpoint, with a valid URL', async () => {
    const before = await rig.written();
    expect(problemOf(await rig.moderator.request('PUT', '/api/webhooks/lumen', { url: receiver.url })).code).toBe(
      'forbidden',
    );
    expect(problemOf(await admin.request('PUT', '/api/webhooks/lumen', { url: 'not a url' })).code).toBe(
      'validation_failed',
    );
    // Found by the fuzz tests: the schema's "uri" format takes it, URL parsing does not (it was a 500).
    expect(problemOf(await admin.request('PUT', '/api/webhooks/lumen', { url: 'http://' })).code).toBe(
      'validation_failed',
    );
    expect(await rig.written()).toBe(before);
    const set = await admin.request('PUT', '/api/webhooks/lumen', { url: receiver.url });
    expect(set.statusCode).toBe(200);
    secret = set.json<EndpointSet>().secret ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify((await admin.request('GET', '/api/webhooks')).json<WebhookEndpointList>())).not.toContain(
      secret,
    );
  });

  it('sends every decision signed, retries a failure with backoff, and logs each attempt', async () => {
    const receipt = (
      await rig.push('/api/reports', {
        subject: ordinaryPost(1),
        policyId: 'spam',
        source: 'user',
        reporterRef: 'hidden-reporter',
      })
    ).json().receipt;
    await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/claim`);
    const decision = (
      await rig.moderator.request('POST', `/api/cases/${receipt.caseId}/decision`, {
        policyId: 'spam',
        sectionId: 'commercial-spam',
        outcome: 'remove',
        facts: 'The same advert posted forty times.',
      })
    ).json();

    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 0, retrying: 1, failed: 0, notSent: 0 });
    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 0, retrying: 0, failed: 0, notSent: 0 });
    rig.clock.advance(31_000);
    expect(await rig.docket.webhooks.deliverDue()).toEqual({ delivered: 1, retrying: 0, failed: 0, notSent: 0 });

    expect(receiver.received).toHaveLength(2);
    const [, delivered] = receiver.received as [Received, Received];
    expect(delivered.headers['x-docket-event']).toBe('decision.taken');
    expect(
      verifySignature(
        secret,
        String(delivered.headers['x-docket-signature']),
        delivered.body,
        Math.floor(rig.clock.now().getTime() / 1000),
      ),
    ).toBe(true);
    expect(
      verifySignature(
        'wrong secret',
        String(delivered.headers['x-docket-signature']),
        delivered.body,
        Math.floor(rig.clock.now().getTime() / 1000),
      ),
    ).toBe(false);
    const message = JSON.parse(delivered.body);
    expect(message).toMatchObject({
      type: 'decision.taken',
      data: { decisionId: decision.decisionId, outcome: 'remove', subject: { externalId: 'post-1' }, activeStrikes: 1 },
    });
    expect(message.data.notice.statement.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_REMOVED']);
    expect(delivered.body).not.toContain('hidden-reporter');

    const log = (await admin.request('GET', '/api/webhooks/deliveries?platform=lumen')).json<DeliveryList>().deliveries;
    expect(log.map((d) => [d.attempt, d.status, d.state])).toEqual([
      [2, 204, 'delivered'],
      [1, 500, 'delivered'],
    ]);
    expect(problemOf(await rig.moderator.request('GET', '/api/webhooks/deliveries')).code).toBe('forbidden');
  });
});
