import { Ajv, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { App } from './types.js';

const addFormats = ajvFormats.default as unknown as (ajv: Ajv) => Ajv;

/**
 * A copy of a response schema in which every object that does not say otherwise allows no other properties.
 * Fastify's serialiser silently drops what a schema leaves out; checked this way, a field the contract forgot is an
 * error in the tests instead of a field lost in production.
 */
export function closedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` and `patternProperties` map names to schemas; `$defs` likewise: close each schema inside.
    copy[key] =
      key === 'properties' || key === 'patternProperties' || key === '$defs'
        ? Object.fromEntries(Object.entries(value as object).map(([name, inner]) => [name, closedSchema(inner)]))
        : closedSchema(value);
  }
  if (copy.type === 'object' && copy.properties !== undefined && copy.additionalProperties === undefined)
    copy.additionalProperties = false;
  return copy;
}

/**
 * In checking mode (DOCKET_CHECK_RESPONSES, set by the tests), every JSON answer of an API route is validated
 * against its declared response schema, closed as above, before it is serialised. An answer with no schema for its
 * status, or one that does not match, is a 500 naming the route and the first mismatches.
 */
export function installResponseCheck(app: App): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  app.addHook('preSerialization', async (request, reply, payload) => {
    const config = request.routeOptions.config;
    if (config.access === undefined || reply.statusCode >= 400) return payload;
    if (typeof payload !== 'object' || payload === null) return payload;
    const responses = (request.routeOptions.schema?.response ?? {}) as Record<string, unknown>;
    const declared = (responses[String(reply.statusCode)] ?? responses['2xx']) as
      { content?: Record<string, { schema: object }> } | undefined;
    // A route answering several media types declares each; its objects are its JSON.
    const schema = declared?.content ? declared.content['application/json']?.schema : declared;
    const route = `${request.method} ${request.routeOptions.url}`;
    if (!schema) throw new Error(`response check: ${route} answered ${reply.statusCode} with no schema for it`);
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(closedSchema(schema) as object);
      compiled.set(schema, validate);
    }
    // What the client receives: dates as text, undefined fields gone.
    const sent: unknown = JSON.parse(JSON.stringify(payload));
    if (!validate(sent)) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map(
          (e) =>
            `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
        );
      throw new Error(`response check: ${route} answered ${reply.statusCode} outside its schema: ${errors.join('; ')}`);
    }
    return payload;
  });
}
