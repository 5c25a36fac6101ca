import { Ajv, type ErrorObject } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FastifySchemaCompiler } from 'fastify';
import { dayProblem, FIRST_DAY, instantInRange, LAST_DAY } from '../core/days.js';
import type { FieldError } from '../core/errors.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext that arrives as the namespace's `default`.
const addFormats = ajvFormats.default as unknown as (ajv: Ajv) => Ajv;

const isDateTime = fullFormats['date-time'] as { validate: (text: string) => boolean };

/**
 * Dates and instants a caller sends lie in the calendar Docket accepts (core/days.ts), wherever a schema declares
 * `format: "date"` or `"date-time"`: the standard formats, bounded.
 */
const BOUNDED_FORMATS = {
  date: (text: string) => dayProblem(text) === null,
  'date-time': (text: string) => isDateTime.validate(text) && instantInRange(Date.parse(text)),
};

const FORMAT_MESSAGES: Record<string, string> = {
  date: `must be a day written YYYY-MM-DD, from ${FIRST_DAY} to ${LAST_DAY}`,
  'date-time': `must be a date and time as in RFC 3339 (e.g. 2023-06-29T10:00:00Z), from ${FIRST_DAY} to ${LAST_DAY}`,
};

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: false });
  addFormats(ajv);
  for (const [name, validate] of Object.entries(BOUNDED_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

/**
 * Bodies are validated strictly: an unknown field or a wrong type is an error, never silently dropped or
 * converted (Fastify's defaults would do both). Query strings and path parameters arrive as text, so they are
 * coerced to the declared types.
 */
const bodyAjv = makeAjv(false);
const textAjv = makeAjv('array');

const NUMERALS = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/ } as const;

/**
 * ajv coerces text to a number as JavaScript does, so `?after=0x10` reads as 16 and `?after=%20` (a space) as 0.
 * A number in a query or a path is written in decimal digits, or it is refused like any other wrong type.
 */
function nonDecimalNumbers(schema: object, data: unknown): ErrorObject[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  if (!properties || data === null || typeof data !== 'object') return [];
  const errors: ErrorObject[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const type = property.type;
    if (type !== 'integer' && type !== 'number') continue;
    const raw = (data as Record<string, unknown>)[name];
    const texts = Array.isArray(raw) ? raw : [raw];
    if (texts.some((text) => typeof text === 'string' && !NUMERALS[type].test(text))) {
      errors.push({
        keyword: 'type',
        instancePath: `/${name}`,
        schemaPath: `#/properties/${name}/type`,
        params: { type },
      });
    }
  }
  return errors;
}

const failure = (errors: ErrorObject[]) => ({
  error: Object.assign(new Error('validation failed'), { validation: errors }),
});

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const text = httpPart !== 'body';
  const validate = (text ? textAjv : bodyAjv).compile(schema as object);
  return (data: unknown) => {
    const notDecimal = text ? nonDecimalNumbers(schema as object, data) : [];
    if (notDecimal.length > 0) return failure(notDecimal);
    return validate(data) ? { value: data } : failure(validate.errors ?? []);
  };
};

/** Turns ajv's errors into one sentence per field, with JSON pointers, for problem+json. */
export function fieldErrors(errors: readonly ErrorObject[], part: string): FieldError[] {
  return errors.map((error) => {
    const base = error.instancePath;
    switch (error.keyword) {
      case 'additionalProperties':
        return { field: `${base}/${String(error.params.additionalProperty)}`, message: `unknown field in the ${part}` };
      case 'required':
        return { field: `${base}/${String(error.params.missingProperty)}`, message: 'is required' };
      case 'type':
        return { field: base, message: `must be of type ${String(error.params.type)}` };
      case 'enum':
        return { field: base, message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
      case 'format':
        return {
          field: base,
          message: FORMAT_MESSAGES[String(error.params.format)] ?? error.message ?? 'is not valid',
        };
      case 'minLength':
        return {
          field: base,
          message:
            Number(error.params.limit) === 1
              ? 'must not be empty'
              : `must be at least ${String(error.params.limit)} characters long`,
        };
      case 'maxLength':
        return { field: base, message: `must be at most ${String(error.params.limit)} characters long` };
      case 'minItems':
        return {
          field: base,
          message:
            Number(error.params.limit) === 1
              ? 'must have at least one item'
              : `must have at least ${String(error.params.limit)} items`,
        };
      case 'maxItems':
        return { field: base, message: `must have at most ${String(error.params.limit)} items` };
      case 'minimum':
        return { field: base, message: `must be at least ${String(error.params.limit)}` };
      case 'maximum':
        return { field: base, message: `must be at most ${String(error.params.limit)}` };
      case 'pattern':
        return { field: base, message: 'is not in the expected form' };
      default:
        return { field: base, message: error.message ?? 'is not valid' };
    }
  });
}
