import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A PLC directory on loopback, as https://plc.directory answers: GET /<did> is the DID document (404 with
 * {"message"} for a DID it does not know). The same server answers GET /.well-known/did.json with the document of
 * `did:web:localhost%3A<port>` when one is set, so a did:web on loopback resolves too (atproto's resolver fetches
 * did:web of `localhost` over http). It counts the lookups, to show the cache at work.
 */
export interface FakePlc {
  url: string;
  /** The did:web this server serves at /.well-known/did.json. */
  webDid: string;
  documents: Map<string, unknown>;
  lookups: string[];
  close(): Promise<void>;
}

export async function startFakePlc(): Promise<FakePlc> {
  const documents = new Map<string, unknown>();
  const lookups: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const did = path === '/.well-known/did.json' ? fake.webDid : path.slice(1);
    lookups.push(did);
    const document = request.method === 'GET' ? documents.get(did) : undefined;
    response.setHeader('content-type', 'application/json');
    if (document === undefined) {
      response.statusCode = 404;
      response.end(JSON.stringify({ message: `DID not registered: ${did}` }));
      return;
    }
    response.end(JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakePlc = {
    url: `http://127.0.0.1:${port}`,
    webDid: `did:web:localhost%3A${port}`,
    documents,
    lookups,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
