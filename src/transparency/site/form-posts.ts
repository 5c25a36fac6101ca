import { DocketError } from '../../core/errors.js';
import type { App } from '../../http/types.js';

/**
 * A form's fields, each given once: a field sent twice is refused, naming it, rather than read as its last value
 * (which dropped what came first without a word).
 */
export function formFields(body: string): Record<string, string> | DocketError {
  const entries = [...new URLSearchParams(body)];
  const names = new Set<string>();
  for (const [name] of entries) {
    if (names.has(name))
      return new DocketError('validation_failed', `the form gives "${name.slice(0, 40)}" more than once`, [
        { field: `/${name.slice(0, 40)}`, message: 'give it once' },
      ]);
    names.add(name);
  }
  return Object.fromEntries(entries);
}

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
      (_request, body, done) => {
        const fields = formFields(body as string);
        if (fields instanceof DocketError) done(fields, undefined);
        else done(null, fields);
      },
    );
    routes(scope);
  });
}
