import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTdbClient, TdbUnreachable } from '../src/transparency/dsa/tdb-client.js';

/** The client of the DSA Transparency Database over Node's HTTP client, against a bare server on loopback. */
describe('the Transparency Database client', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  async function serve(handler: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
    const connections = { count: 0 };
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => handler(request, body, response));
    });
    server.on('connection', () => (connections.count += 1));
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections };
  }

  it('sends the token, asks for JSON, reads JSON answers and Retry-After, on one kept-alive connection', async () => {
    const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
    const { url, connections } = await serve((request, body, response) => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (request.method === 'GET') {
        response.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '7' });
        response.end('Limit Reached. Please do not overload the API');
        return;
      }
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ statements: [{ puid: 'a', uuid: 'u-1' }] }));
    });
    const client = createTdbClient({ url: `${url}/`, token: 'secret' });
    const stored = await client.postStatements([JSON.stringify({ puid: 'a' })]);
    expect(stored).toEqual({ status: 201, retryAfter: null, body: { statements: [{ puid: 'a', uuid: 'u-1' }] } });
    const throttled = await client.existingPuid('a b');
    expect(throttled).toEqual({
      status: 429,
      retryAfter: '7',
      body: 'Limit Reached. Please do not overload the API',
    });
    expect(seen.map(({ method, url: path }) => `${method} ${path}`)).toEqual([
      'POST /api/v1/statements',
      'GET /api/v1/statement/existing-puid/a%20b',
    ]);
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer secret',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ statements: [{ puid: 'a' }] });
    expect(seen[1]?.headers['content-type']).toBeUndefined();
    expect(connections.count).toBe(1);
  });

  it('is unreachable when nothing listens, when no answer comes in time, and when the answer is cut off', async () => {
    const refused = createTdbClient({ url: 'http://127.0.0.1:9', token: 't' });
    await expect(refused.postStatement(JSON.stringify({ puid: 'a' }))).rejects.toThrow(TdbUnreachable);

    const { url: silent } = await serve(() => undefined);
    const waiting = createTdbClient({ url: silent, token: 't' }, undefined, 200);
    await expect(waiting.postStatement(JSON.stringify({ puid: 'a' }))).rejects.toThrow(
      /could not be reached: no answer within/,
    );

    const { url: cut } = await serve((_request, _body, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"statements": [');
      setTimeout(() => response.destroy(), 20);
    });
    const cutOff = createTdbClient({ url: cut, token: 't' });
    await expect(cutOff.postStatements([JSON.stringify({ puid: 'a' })])).rejects.toThrow(TdbUnreachable);
  });
});
