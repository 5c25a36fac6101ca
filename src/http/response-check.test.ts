import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { closedSchema, installResponseCheck } from './response-check.js';
import type { App } from './types.js';

const Answer = Type.Object({ id: Type.String(), tags: Type.Array(Type.Object({ name: Type.String() })) });

async function appWith(answer: unknown, response?: object): Promise<App> {
  const app = Fastify() as unknown as App;
  installResponseCheck(app);
  app.get('/api/thing', { config: { access: 'public' }, schema: response ? { response } : {} }, async () => answer);
  app.get('/healthz', async () => ({ anything: true }));
  await app.ready();
  return app;
}

describe('the response check (tests run with it)', () => {
  it('closes every object that does not say otherwise, and keeps what a schema says', () => {
    const closed = closedSchema(Answer) as { additionalProperties: boolean; properties: { tags: { items: object } } };
    expect(closed.additionalProperties).toBe(false);
    expect(closed.properties.tags.items).toMatchObject({ additionalProperties: false });
    expect(closedSchema(Type.Object({}, { additionalProperties: true }))).toMatchObject({ additionalProperties: true });
  });

  it('passes an answer its schema describes, dates as text', async () => {
    const app = await appWith({ id: 'a', tags: [{ name: 'x' }] }, { 200: Answer });
    expect((await app.inject('/api/thing')).statusCode).toBe(200);
  });

  it('fails an answer with a field the schema lacks, naming the route and the field', async () => {
    const app = await appWith({ id: 'a', tags: [{ name: 'x', secret: 1 }] }, { 200: Answer });
    const res = await app.inject('/api/thing');
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/GET \/api\/thing answered 200 outside its schema: \/tags\/0 .*\(secret\)/);
  });

  it('fails an API answer with no schema for its status, and leaves routes outside the API alone', async () => {
    const app = await appWith({ id: 'a', tags: [] });
    expect((await app.inject('/api/thing')).json().message).toMatch(/answered 200 with no schema/);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
  });
});
