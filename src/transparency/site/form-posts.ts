import type { App } from '../../http/types.js';

/**
 * Routes that read the public site's plain HTML form posts (`application/x-www-form-urlencoded`, every value text),
 * for forms that work without JavaScript. Only their scope reads that type, and it reads no other: a JSON body there
 * would hand the form's handlers values that are not text (`{"location": 1}` once answered 500); the JSON API takes
 * JSON.
 */
export async function formPosts(app: App, routes: (scope: App) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    routes(scope);
  });
}
