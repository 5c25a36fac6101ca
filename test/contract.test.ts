import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestServer, type TestServer } from './http.js';

type Schema = { type?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema };
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/**
 * Where an answer schema says nothing of its fields: no schema at all, or an object (at any depth) with no
 * properties that allows any (the old `Open`). A record of named values (`patternProperties`) says what it holds.
 */
function openPlaces(schema: Schema | undefined, at = ''): string[] {
  if (schema === undefined) return [at || '/'];
  const own =
    schema.type === 'object' &&
    Object.keys(schema.properties ?? {}).length === 0 &&
    schema.additionalProperties === true
      ? [at || '/']
      : [];
  const inner = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => openPlaces(child, `${at}/${name}`));
  return [...own, ...inner, ...(schema.items ? openPlaces(schema.items, `${at}/items`) : [])];
}

describe('the API contract, as the OpenAPI document publishes it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await openTestServer('embedded');
  });
  afterAll(async () => server?.close());

  it('gives every API operation a described answer: a schema for each success, none of them open', async () => {
    const document = server.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(80);
    const untyped: string[] = [];
    for (const { name, operation } of operations) {
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
      if (successes.length === 0) untyped.push(`${name}: no success answer`);
      for (const [status, response] of successes) {
        if (status === '204') continue;
        const json = response.content?.['application/json']?.schema;
        // A text or binary answer (the transparency log's checkpoint, key and tiles) is a string in its own format.
        const other = Object.entries(response.content ?? {}).filter(([type]) => type !== 'application/json');
        if (!json && other.length > 0 && other.every(([, media]) => media.schema?.type === 'string')) continue;
        for (const place of openPlaces(json)) untyped.push(`${name} ${status}: open at ${place}`);
      }
    }
    expect(untyped).toEqual([]);
  });
});
