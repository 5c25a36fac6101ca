import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import { describeEachStore } from './stores.js';

const BLANKS = ['          ', '\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t', '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000', '\n \n \n \n \n \n'];

/**
 * Reasons and notes go on the log as the record of why; blanks pass any minimum length and say nothing. Found by
 * the fuzz tests: a designation, an approval, a verified figure and its removal were all taken with only blanks.
 */
describeEachStore('reasons, notes and names written for the record are not blank', (kind) => {
  let server: TestServer;
  let policy: Client;
  let designation: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    await server.docket.access.createUser('system:test', { username: 'pol', roles: ['policy'], password: 'policy password 1' });
    policy = await server.signIn('pol', 'policy password 1');
    designation = (await policy.request('POST', '/api/designations', { iso3: 'KEN', kind: 'acute', reasons: 'Armed clashes spread to three regions.' })).json().id;
    expect((await policy.request('POST', '/api/figures', { platform: 'lumen', accountRef: 'pm', kind: 'head_of_government', name: 'A Minister', note: 'official site' })).statusCode).toBe(200);
  });
  afterAll(() => server.close());

  it.each(BLANKS)('refuses %j as reasons, a note or a name, and writes nothing', async (blank) => {
    const before = await server.written();
    const attempts = [
      await policy.request('POST', '/api/designations', { iso3: 'KEN', kind: 'chronic', reasons: blank }),
      await policy.request('POST', `/api/designations/${designation}/approve`, { note: blank }),
      await policy.request('POST', '/api/figures', { platform: 'lumen', accountRef: 'mp', kind: 'legislator', name: blank, note: 'official site' }),
      await policy.request('POST', '/api/figures', { platform: 'lumen', accountRef: 'mp', kind: 'legislator', name: 'An MP', note: blank }),
      await policy.request('DELETE', '/api/figures/lumen/pm', { note: blank }),
      await policy.request('POST', '/api/restrictions', { platform: 'lumen', accountRef: 'pm', severityTier: 1, reason: blank }),
    ];
    for (const response of attempts) {
      expect(response.statusCode, response.body).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
    }
    expect(await server.written()).toBe(before);
  });
});
