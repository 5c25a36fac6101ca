import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { isClientRoute } from '../src/http/web-app.js';
import { openTestServer, problemOf, type TestServer } from './http.js';

describe('addresses that are no page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await openTestServer('embedded');
  });
  afterAll(() => server.close());
  const get = (url: string) => server.app.inject({ method: 'GET', url });

  it('answers an unknown address with a 404 page that leads home', async () => {
    for (const url of [
      '/no-such-page',
      '/decisions-old',
      '/board',
      '/board/cases/BC-2023-001',
      '/assets/missing.js',
      '/logins?next=/console',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body).toContain('<h1>Page not found</h1>');
      expect(response.body).toContain('<a href="/">Go to the Docket home page</a>');
    }
    const odd = await get('/%3Cscript%3Ealert(1)%3C/script%3E"onload=');
    expect(odd.statusCode).toBe(404);
    expect(odd.body).not.toMatch(/<script|"onload/);
  });

  it('keeps unknown API addresses JSON problems', async () => {
    const problem = problemOf(await get('/api/no-such-thing'));
    expect([problem.status, problem.code]).toEqual([404, 'not_found']);
  });

  it("serves the browser app's own routes, the console's included", async () => {
    const built = existsSync('dist/web/index.html');
    for (const url of [
      '/',
      '/login',
      '/console',
      '/console/queue',
      '/console/no-such-view',
      '/board/cases/BC-2023-001/comment',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(built ? 200 : 503);
      if (built) expect(response.body, url).toContain('<div id="root">');
    }
  });

  it('knows the client routes of web/src/main.tsx', () => {
    expect(
      ['/', '/login', '/console', '/console/board/cases/x', '/board/cases/BC-2023-001/comment'].every(isClientRoute),
    ).toBe(true);
    expect(
      ['/consoles', '/board/cases/BC-2023-001', '/board/cases/a/b/comment', '/login/x', '/statistics'].some(
        isClientRoute,
      ),
    ).toBe(false);
  });
});
