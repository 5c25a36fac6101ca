import fc from 'fast-check';

/**
 * Generators of faulty API requests, derived from the server's own OpenAPI document: for every operation, requests
 * that are well formed except for at least one fault (a wrong type, a missing or unknown field, a string too long
 * or carrying NUL or a lone surrogate, an extreme number, a bad id or date, bad JSON, a wrong content type). A
 * server that validates at its edge answers each with a 4xx problem and writes nothing.
 */

/** The part of JSON schema (as the OpenAPI document states it) the generators read. */
export interface Schema {
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  security?: unknown[];
  description?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Who may call an operation: anyone, any signed-in principal, or holders of one permission. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: string };

export interface Parameter {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: Method;
  /** The path as the document names it, e.g. `/api/cases/{id}/claim`. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  body: Schema | null;
  access: Access;
  /** The methods the document defines on this path (a request with another one is a fault). */
  methodsOnPath: Method[];
}

export const operationName = (operation: Pick<Operation, 'method' | 'path'>): string =>
  `${operation.method} ${operation.path}`;

/** Every operation of the document, with its inputs and its access rule. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    const methodsOnPath = Object.keys(byMethod)
      .map((m) => m.toUpperCase() as Method)
      .filter((m) => METHODS.includes(m));
    for (const [method, op] of Object.entries(byMethod)) {
      const upper = method.toUpperCase() as Method;
      if (!METHODS.includes(upper)) continue;
      const parameters = op.parameters ?? [];
      const pick = (where: OpenApiParameter['in']) =>
        parameters
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema }));
      operations.push({
        method: upper,
        path,
        pathParams: pick('path'),
        query: pick('query'),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        access: accessOf(op),
        methodsOnPath,
      });
    }
  }
  return operations;
}

/** The server states each operation's rule in its security and in the last line of its description. */
function accessOf(op: OpenApiOperation): Access {
  if (!op.security || op.security.length === 0) return { kind: 'public' };
  const permission = /Needs the `([a-z.]+)` permission/.exec(op.description ?? '')?.[1];
  return permission ? { kind: 'permission', permission } : { kind: 'authenticated' };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** What a request carries, described so a failure can be read and replayed by hand. */
export interface FuzzRequest {
  operation: string;
  /** The fault the request carries, e.g. `body /items/0/views: extreme number`. */
  fault: string;
  /** The fault's family, for the totals (and to tell which central fix a finding waits for). */
  family: FaultFamily;
  method: Method;
  url: string;
  /** Content type of the payload; absent when no payload is sent. */
  contentType?: string;
  payload?: string;
  /** Headers of the request's own (a signature, a credential), beside those the fuzzer adds. */
  headers?: Record<string, string>;
}

export type FaultFamily =
  | 'wrong-type'
  | 'missing'
  | 'unknown-field'
  | 'too-long'
  | 'too-short'
  | 'pattern'
  | 'enum'
  | 'range'
  | 'extreme-number'
  | 'nul-or-control'
  | 'lone-surrogate'
  | 'blank'
  | 'bad-date'
  | 'bad-id'
  | 'not-found'
  | 'bad-json'
  | 'content-type'
  | 'body-too-large'
  | 'bad-encoding'
  | 'bad-auth'
  | 'wrong-method';

interface Fault<T> {
  value: T;
  family: FaultFamily;
  what: string;
}

/** Values known to exist in the store, so a fault elsewhere in a request meets a real record. */
export interface KnownValues {
  /** Real values for a path parameter, by operation path and parameter name. */
  pathValues(path: string, name: string): readonly string[];
}

/** A generator of requests to one operation, each carrying at least one fault. */
export function faultyRequests(operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const options: fc.WeightedArbitrary<FuzzRequest>[] = [];
  const add = (arbitrary: fc.Arbitrary<FuzzRequest>, weight: number) => options.push({ arbitrary, weight });
  for (const param of operation.pathParams) add(pathFault(operation, known, param), 3);
  if (operation.query.length > 0) add(queryFault(operation, known), 4);
  if (operation.body) add(bodyFault(operation, known, operation.body), 8);
  if (operation.method !== 'GET') add(payloadFault(operation, known), 2);
  add(wrongMethod(operation, known), 1);
  return fc.oneof(...options);
}

interface Parts {
  params: Record<string, string>;
  query: [string, string][];
  body: unknown;
}

/** The request's parts, valid except where a fault replaces one. */
function validParts(operation: Operation, known: KnownValues): fc.Arbitrary<Parts> {
  const params = fc.tuple(...operation.pathParams.map((p) => validPathValue(operation.path, p, known)));
  const query = fc.tuple(
    ...operation.query.map((p) =>
      p.required && p.schema.default === undefined
        ? validValue(p.schema, p.name).map((v) => [v])
        : fc.option(validValue(p.schema, p.name), { nil: undefined }).map((v) => (v === undefined ? [] : [v])),
    ),
  );
  const body = operation.body ? validValue(operation.body, 'body') : fc.constant(undefined);
  return fc.record({ params, query, body }).map(({ params: values, query: queryValues, body: bodyValue }) => ({
    params: Object.fromEntries(operation.pathParams.map((p, i) => [p.name, encodeURIComponent(String(values[i]))])),
    query: operation.query.flatMap((p, i) =>
      (queryValues[i] ?? []).map((v): [string, string] => [p.name, encodeURIComponent(queryText(v))]),
    ),
    body: bodyValue,
  }));
}

function validPathValue(path: string, param: Parameter, known: KnownValues): fc.Arbitrary<string> {
  const real = known.pathValues(path, param.name);
  const generated = validValue(param.schema, param.name).map(String);
  return real.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: generated, weight: 1 })
    : generated;
}

function build(
  operation: Operation,
  parts: Parts,
  fault: Fault<unknown> & { where: string },
  overrides: Partial<FuzzRequest> = {},
): FuzzRequest {
  // `{*}` is a wildcard's parameter (`/public/log/tile/{*}`), named `*`.
  const path = operation.path.replace(/\{(\w+|\*)\}/g, (_, name: string) => parts.params[name] ?? '');
  const query = parts.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  const withBody = operation.body !== null && parts.body !== undefined;
  return {
    operation: operationName(operation),
    fault: `${fault.where}: ${fault.what}`,
    family: fault.family,
    method: operation.method,
    url: query ? `${path}?${query}` : path,
    ...(withBody ? { contentType: 'application/json', payload: JSON.stringify(parts.body) } : {}),
    ...overrides,
  };
}

function pathFault(operation: Operation, known: KnownValues, param: Parameter): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(validParts(operation, known), textFault(param.schema, param.name, 'path'))
    .map(([parts, fault]) =>
      build(
        operation,
        { ...parts, params: { ...parts.params, [param.name]: fault.value } },
        { ...fault, where: `path {${param.name}}` },
      ),
    );
}

function queryFault(operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const inParameter = fc
    .constantFrom(...operation.query)
    .chain((param) => textFault(param.schema, param.name, 'query').map((fault) => ({ param: param.name, fault })));
  const unknown = fc.constantFrom('colour', 'isAdmin', '__proto__', 'constructor', 'LIMIT', 'limit[]').map((param) => ({
    param,
    fault: { value: 'x', family: 'unknown-field' as const, what: 'unknown parameter' },
  }));
  // Built only where such a parameter exists: fc.constantFrom of nothing throws (a query of one boolean has none).
  const repeatable = operation.query.filter((p) => p.schema.type === 'integer' || p.schema.enum);
  const repeated =
    repeatable.length === 0
      ? []
      : [
          fc.constantFrom(...repeatable).map((param) => ({
            param: param.name,
            fault: {
              value: `1&${encodeURIComponent(param.name)}=2`,
              family: 'wrong-type' as const,
              what: 'given twice',
            },
          })),
        ];
  const choices = [inParameter, unknown, ...repeated];
  return fc
    .tuple(validParts(operation, known), fc.oneof(...choices))
    .map(([parts, { param, fault }]) =>
      build(
        operation,
        { ...parts, query: [...parts.query.filter(([k]) => k !== param), [param, fault.value]] },
        { ...fault, where: `query ${param}` },
      ),
    );
}

function bodyFault(operation: Operation, known: KnownValues, schema: Schema): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(validParts(operation, known), valueFault(schema, 'body', ''))
    .map(([parts, fault]) =>
      build(operation, { ...parts, body: fault.value }, { ...fault, where: `body ${fault.pointer || '(whole)'}` }),
    );
}

/** Faults in the payload as bytes: bad JSON, a wrong content type, no body, a body over the size limit. */
function payloadFault(operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const badJson = fc.constantFrom(
    '{',
    '{"a":',
    '[1,]',
    "{'a':1}",
    'nul',
    '{"a":1}}',
    '\u0000',
    '{"a":"\\x"}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '"\\ud800',
    '{"a":1,"a":',
  );
  // Fastify reads text/plain as a string: a fault where a JSON object is due, ignored by a route that takes no body.
  const wrongType = fc.constantFrom(
    ...(operation.body ? ['text/plain'] : []),
    'application/xml',
    'text/csv',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/jsonx',
    'application/octet-stream',
    'image/png',
  );
  const noBody = fc.constantFrom<['' | 'none', string]>(['', 'application/json'], ['none', 'none']);
  return fc
    .tuple(
      validParts(operation, known),
      fc.oneof(
        badJson.map((payload) => ({
          payload,
          contentType: 'application/json',
          family: 'bad-json' as const,
          what: `not JSON: ${JSON.stringify(payload)}`,
        })),
        wrongType.map((contentType) => ({
          payload: undefined,
          contentType,
          family: 'content-type' as const,
          what: `content type ${contentType}`,
        })),
        fc.integer({ min: 1_048_577, max: 1_100_000 }).map((size) => ({
          payload: `{"x":"${'x'.repeat(size)}"}`,
          contentType: 'application/json',
          family: 'body-too-large' as const,
          what: `a body of ${size} bytes`,
        })),
        ...(operation.body
          ? [
              noBody.map(([payload, contentType]) => ({
                payload: payload === 'none' ? undefined : payload,
                contentType: contentType === 'none' ? undefined : contentType,
                family: 'missing' as const,
                what: 'no body',
              })),
            ]
          : []),
      ),
    )
    .map(([parts, fault]) => {
      // A wrong content type keeps the (valid) JSON body, so the type alone is the fault.
      const payload = fault.family === 'content-type' ? JSON.stringify(parts.body ?? {}) : fault.payload;
      const request = build(operation, parts, {
        value: undefined,
        family: fault.family,
        what: fault.what,
        where: 'payload',
      });
      const { contentType: _type, payload: _payload, ...rest } = request;
      return {
        ...rest,
        ...(fault.contentType === undefined ? {} : { contentType: fault.contentType }),
        ...(payload === undefined ? {} : { payload }),
      };
    });
}

/** A method the document does not define on the path. */
function wrongMethod(operation: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const others = METHODS.filter((m) => !operation.methodsOnPath.includes(m));
  return fc.tuple(validParts(operation, known), fc.constantFrom(...others)).map(([parts, method]) => {
    const request = build(operation, parts, {
      value: undefined,
      family: 'wrong-method',
      what: `${method} is not defined here`,
      where: 'method',
    });
    const { contentType: _type, payload: _payload, ...rest } = request;
    return { ...rest, method, ...(method === 'GET' ? {} : { contentType: 'application/json', payload: '{}' }) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Valid values

const WORD = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));

function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const upper = Math.min(maxLength, minLength + 40);
  return fc
    .string({
      unit: fc.oneof({ arbitrary: WORD, weight: 8 }, { arbitrary: fc.constant(' '), weight: 1 }),
      minLength: Math.max(0, minLength - 1),
      maxLength: Math.max(0, upper - 1),
    })
    .map((s) => (minLength === 0 && maxLength === 0 ? '' : `x${s}`));
}

/** A date field, by its format, its pattern or its name. */
export function isDateField(schema: Schema, name: string): boolean {
  return (
    schema.format === 'date-time' ||
    schema.format === 'date' ||
    (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') ?? false) ||
    /^(from|to|asOf|since|until)$|At$/.test(name)
  );
}

const ISO3_CODES = ['KEN', 'BRA', 'IND', 'DEU', 'USA', 'QKB'];

/** A value the schema accepts (domain rules aside); the generators keep it small. */
export function validValue(schema: Schema, name: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== ''));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, name)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, validValue(s, key)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) as never[] });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      const items = validValue(schema.items ?? {}, name);
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength, maxLength });
    }
    case 'integer':
    case 'number':
      return fc.integer({
        min: schema.minimum ?? 0,
        max: Math.min(schema.maximum ?? 1_000, (schema.minimum ?? 0) + 1_000),
      });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema, name);
    default:
      return fc.constant('x');
  }
}

function validString(schema: Schema, name: string): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid({ version: 7 });
  if (schema.format === 'uri') return fc.stringMatching(/^[a-z]{1,12}$/).map((p) => `https://example.org/${p}`);
  if (schema.format === 'date-time')
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2026-11-30'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (isDateField(schema, name))
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2026-11-30'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.pattern?.includes('[A-Z]{3}') || (name === 'country' && !schema.pattern))
    return fc.constantFrom(...ISO3_CODES);
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const max = schema.maxLength ?? 60;
    return fc.stringMatching(pattern).filter((s) => s.length <= max && s.length >= (schema.minLength ?? 0));
  }
  return text(schema.minLength ?? 0, schema.maxLength ?? 60);
}

function queryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Faults in values

const BAD_UUIDS = [
  'not-a-uuid',
  '01a2107e-17c2-7afb-ad70-d7427e1395d',
  '01a2107e17c27afbad70d7427e1395d6',
  '{01a2107e-17c2-7afb-ad70-d7427e1395d6}',
  'g1a2107e-17c2-7afb-ad70-d7427e1395d6',
  '01a2107e-17c2-7afb-ad70-d7427e1395d6x',
  ' 01a2107e-17c2-7afb-ad70-d7427e1395d6',
  '00000000-0000-0000-0000-00000000000',
  '1',
  '-1',
  '0',
  "' or 1=1 --",
  '..%2F..%2Fetc%2Fpasswd',
];
/** Dates no calendar has, or outside the years Docket records (1970 to 2100). */
const BAD_DATES = [
  '9999-12-31',
  '0000-01-01',
  '2023-02-30',
  '2023-13-01',
  '2023-00-10',
  '2100-12-32',
  '1969-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2023-2-3',
  'yesterday',
  '2023-02-29',
];
const BAD_DATE_TIMES = [
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2023-02-30T10:00:00Z',
  '2023-01-01T25:00:00Z',
  '2023-01-01',
  '1969-12-31T23:59:59Z',
  '2101-01-01T00:00:00Z',
  'now',
  '2023-01-01T00:00:00',
];
const EXTREME_NUMBERS = [
  1e308,
  -1e308,
  2 ** 63,
  -(2 ** 63),
  2 ** 53 + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1.5,
  1e-300,
];
const EXTREME_NUMBER_TEXTS = [
  '99999999999999999999999',
  '-99999999999999999999999',
  '1e308',
  '-1e308',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '-Infinity',
  '1.5',
  'abc',
  'true',
  '1e',
  '--1',
  '١٢',
];
/**
 * Fields a person fills in for the record; blanks there are a fault. A platform's post may well be blank, and a
 * blank display name falls back to the username.
 */
/** The pattern of src/core/written-text.ts: a character that is not blank. */
const WRITTEN_TEXT_PATTERN = '\\S';
const WRITTEN_FOR_THE_RECORD =
  /^(note|reasons?|statement|facts|changeNote|opinion|organisation|name|timeline|measure|assessment)$/;
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u200b',
  '\ufeff',
];

/** A string holding a NUL among other control characters: the NUL is what makes it a fault. */
const withNul = fc
  .tuple(fc.array(fc.constantFrom(...CONTROL), { maxLength: 4 }), fc.string({ maxLength: 8 }))
  .map(([controls, s]) => `a${controls.join('')}\u0000${s}`);
const withLoneSurrogate = fc
  .tuple(fc.constantFrom('\ud800', '\udfff', '\udbff', '\udc00'), fc.string({ maxLength: 8 }), fc.boolean())
  .map(([half, s, atEnd]) => (atEnd ? `${s}x${half}` : `${half}x${s}`));

/** Faults for a value that travels as text (a path parameter or a query value), percent-encoded as sent. */
export function textFault(schema: Schema, name: string, where: 'path' | 'query'): fc.Arbitrary<Fault<string>> {
  const encoded =
    (family: FaultFamily, what: string) =>
    (value: string): Fault<string> => ({
      value: encodeURIComponent(value),
      family,
      what: `${what}: ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`,
    });
  const options: fc.Arbitrary<Fault<string>>[] = [withNul.map(encoded('nul-or-control', 'a NUL'))];
  // The router refuses a path that does not decode; a query value that does not decode is read as the text it
  // is (`%FF` stays "%FF"), which is a fault only where that text breaks the parameter's pattern, type or choices.
  const freeText = schema.type === 'string' && !schema.pattern && !schema.format && !schema.enum;
  if (where === 'path' || !freeText) {
    options.push(
      fc
        .constantFrom('%ED%A0%80', '%ED%BF%BF', 'a%ED%A0%80b')
        .map((value) => ({ value, family: 'lone-surrogate' as const, what: `a lone surrogate, as CESU-8 (${value})` })),
      fc
        .constantFrom('%', '%zz', '%E0%A4%A', '%C0%80', '%FF%FE', 'a%')
        .map((value) => ({ value, family: 'bad-encoding' as const, what: `bad percent-encoding (${value})` })),
    );
  }
  if (schema.format === 'uuid') {
    options.push(fc.constantFrom(...BAD_UUIDS).map(encoded('bad-id', 'not a UUID')));
    if (where === 'path') options.push(fc.uuid({ version: 4 }).map(encoded('not-found', 'no such record')));
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    options.push(
      fc.constantFrom(...EXTREME_NUMBER_TEXTS).map(encoded('extreme-number', 'not a number the field takes')),
    );
    if (schema.minimum !== undefined)
      options.push(
        fc
          .integer({ min: schema.minimum - 1_000, max: schema.minimum - 1 })
          .map((n) => encoded('range', 'below the minimum')(String(n))),
      );
    // "-0" reads as 0: below a minimum of 1 or more, and nothing wrong where 0 is allowed.
    if ((schema.minimum ?? 0) > 0) options.push(fc.constant(encoded('extreme-number', 'minus zero')('-0')));
    if (schema.maximum !== undefined)
      options.push(
        fc
          .integer({ min: schema.maximum + 1, max: schema.maximum + 1_000_000 })
          .map((n) => encoded('range', 'above the maximum')(String(n))),
      );
  }
  if (schema.enum)
    options.push(
      fc
        .constantFrom('x', 'ALL', 'proposed ', 'null', '0', '%20')
        .filter((v) => !schema.enum?.includes(v))
        .map(encoded('enum', 'not one of the choices')),
    );
  if (isDateField(schema, name))
    options.push(fc.constantFrom(...BAD_DATES).map(encoded('bad-date', 'not a date Docket takes')));
  if (schema.pattern && !isDateField(schema, name)) {
    const pattern = new RegExp(schema.pattern);
    options.push(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((s) => !pattern.test(s))
        .map(encoded('pattern', 'does not match the pattern')),
    );
  }
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    options.push(
      fc.integer({ min: max + 1, max: max + 200 }).map((n) => encoded('too-long', `${n} characters`)('x'.repeat(n))),
    );
  } else if (schema.type === 'string' && !schema.enum && !schema.pattern && !schema.format) {
    options.push(
      fc.integer({ min: 10_000, max: 40_000 }).map((n) => encoded('too-long', `${n} characters`)('x'.repeat(n))),
    );
  }
  if (where === 'path' && (schema.minLength ?? 0) > 0)
    options.push(fc.constant({ value: '', family: 'too-short' as const, what: 'empty' }));
  return fc.oneof(...options);
}

type ValueFault = Fault<unknown> & { pointer: string };

/** Faults anywhere inside a JSON value: the fault itself, or a valid value with a fault at one place within. */
export function valueFault(schema: Schema, name: string, pointer: string, depth = 0): fc.Arbitrary<ValueFault> {
  const here = ownFault(schema, name).map((fault) => ({ ...fault, pointer }));
  if (depth > 4) return here;
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length > 0) {
    return fc.oneof({ arbitrary: here, weight: 1 }, { arbitrary: objectFault(schema, pointer, depth), weight: 4 });
  }
  if (schema.type === 'array' && schema.items) {
    return fc.oneof({ arbitrary: here, weight: 1 }, { arbitrary: itemFault(schema, name, pointer, depth), weight: 2 });
  }
  return here;
}

/** Faults of the object's own shape: a missing required field, an unknown one, or a fault in one of its fields. */
function objectFault(schema: Schema, pointer: string, depth: number): fc.Arbitrary<ValueFault> {
  const properties = schema.properties ?? {};
  const valid = validValue(schema, 'object') as fc.Arbitrary<Record<string, unknown>>;
  const required = (schema.required ?? []).filter((k) => k in properties);
  const options: fc.Arbitrary<ValueFault>[] = [
    fc.tuple(valid, fc.constantFrom(...Object.keys(properties))).chain(([object, key]) =>
      valueFault(properties[key] as Schema, key, `${pointer}/${key}`, depth + 1).map((inner) => ({
        ...inner,
        value: { ...object, [key]: inner.value },
      })),
    ),
  ];
  if (schema.additionalProperties === false) {
    options.push(
      fc
        .tuple(
          valid,
          fc.constantFrom('isAdmin', 'id', 'createdAt', '__proto__', 'constructor', 'Title', 'extra field', ''),
        )
        .map(([object, key]) => {
          const value = { ...object };
          // __proto__ as an own property, as JSON.parse makes it, not as the prototype.
          Object.defineProperty(value, key, { value: true, enumerable: true, configurable: true, writable: true });
          return { value, family: 'unknown-field' as const, what: `unknown field ${JSON.stringify(key)}`, pointer };
        }),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([object, key]) => {
        const { [key]: _dropped, ...rest } = object;
        return {
          value: rest,
          family: 'missing' as const,
          what: `missing required ${key}`,
          pointer: `${pointer}/${key}`,
        };
      }),
    );
  }
  return fc.oneof(...options);
}

function itemFault(schema: Schema, name: string, pointer: string, depth: number): fc.Arbitrary<ValueFault> {
  const items = schema.items as Schema;
  const valid = validValue(schema, name) as fc.Arbitrary<unknown[]>;
  return fc
    .tuple(valid, valueFault(items, name, `${pointer}/0`, depth + 1))
    .map(([array, inner]) => ({ ...inner, value: [inner.value, ...array.slice(1)] }));
}

/** A fault of the value as a whole, by what the schema says of it. */
function ownFault(schema: Schema, name: string): fc.Arbitrary<Fault<unknown>> {
  const options: fc.Arbitrary<Fault<unknown>>[] = [wrongType(schema)];
  if (schema.enum)
    options.push(
      fc
        .constantFrom('x', 'ADMIN', 'remove ', 0, 'none')
        .filter((v) => !schema.enum?.includes(v))
        .map((value) => ({ value, family: 'enum' as const, what: `not one of the choices: ${JSON.stringify(value)}` })),
    );
  if (schema.anyOf)
    options.push(
      fc
        .constantFrom(0, 5, 1.5, '1', 1e308, -1)
        .map((value) => ({ value, family: 'enum' as const, what: `none of the choices: ${JSON.stringify(value)}` })),
    );
  if (schema.type === 'string') options.push(...stringFaults(schema, name));
  if (schema.type === 'integer' || schema.type === 'number') options.push(...numberFaults(schema));
  if (schema.type === 'array') options.push(...arrayFaults(schema, name));
  return fc.oneof(...options);
}

function wrongType(schema: Schema): fc.Arbitrary<Fault<unknown>> {
  const candidates: unknown[] = ['1', 1, 1.5, true, [], {}, [1], { a: 1 }];
  if (!schema.nullable) candidates.push(null);
  const type = schema.type;
  const wrong = candidates.filter((v) => {
    if (schema.enum) return !schema.enum.includes(v);
    if (schema.anyOf) return typeof v !== 'number' || ![1, 2, 3, 4].includes(v);
    if (type === 'string') return typeof v !== 'string';
    if (type === 'integer') return typeof v !== 'number' || !Number.isInteger(v);
    if (type === 'number') return typeof v !== 'number';
    if (type === 'boolean') return typeof v !== 'boolean';
    if (type === 'array') return !Array.isArray(v);
    if (type === 'object') return v === null || typeof v !== 'object' || Array.isArray(v);
    return false;
  });
  return fc
    .constantFrom(...wrong)
    .map((value) => ({ value, family: 'wrong-type' as const, what: `wrong type: ${JSON.stringify(value)}` }));
}

function stringFaults(schema: Schema, name: string): fc.Arbitrary<Fault<unknown>>[] {
  const options: fc.Arbitrary<Fault<unknown>>[] = [
    withNul.map((value) => ({ value, family: 'nul-or-control' as const, what: `a NUL: ${JSON.stringify(value)}` })),
    withLoneSurrogate.map((value) => ({
      value,
      family: 'lone-surrogate' as const,
      what: `a lone surrogate: ${JSON.stringify(value)}`,
    })),
  ];
  const max = schema.maxLength;
  if (max !== undefined)
    options.push(
      fc
        .integer({ min: max + 1, max: max + 100 })
        .map((n) => ({ value: 'x'.repeat(n), family: 'too-long' as const, what: `${n} characters (at most ${max})` })),
    );
  else if (!schema.pattern && !schema.format)
    options.push(
      fc
        .integer({ min: 1_048_600, max: 1_100_000 })
        .map((n) => ({ value: 'x'.repeat(n), family: 'body-too-large' as const, what: `${n} characters` })),
    );
  const min = schema.minLength ?? 0;
  // Text a person writes for the record (a note, reasons, a name) is not there when it is only blanks.
  const written =
    schema.pattern === WRITTEN_TEXT_PATTERN || (!schema.pattern && !schema.format && WRITTEN_FOR_THE_RECORD.test(name));
  if (min > 0 && written) {
    options.push(
      fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000').map((blank) => ({
        value: blank.repeat(Math.min(max ?? min + 5, min + 5)),
        family: 'blank' as const,
        what: `only blanks (${JSON.stringify(blank)})`,
      })),
    );
  }
  if (min > 0)
    options.push(
      fc.integer({ min: 0, max: min - 1 }).map((n) => ({
        value: 'x'.repeat(n),
        family: 'too-short' as const,
        what: `${n} characters (at least ${min})`,
      })),
    );
  if (schema.format === 'uuid')
    options.push(
      fc
        .constantFrom(...BAD_UUIDS)
        .map((value) => ({ value, family: 'bad-id' as const, what: `not a UUID: ${value}` })),
    );
  if (schema.format === 'date-time')
    options.push(
      fc
        .constantFrom(...BAD_DATE_TIMES)
        .map((value) => ({ value, family: 'bad-date' as const, what: `not a time Docket takes: ${value}` })),
    );
  else if (isDateField(schema, name))
    options.push(
      fc
        .constantFrom(...BAD_DATES)
        .map((value) => ({ value, family: 'bad-date' as const, what: `not a date Docket takes: ${value}` })),
    );
  if (schema.format === 'uri')
    options.push(
      fc
        .constantFrom(
          'not a url',
          'javascript:alert(1)x y',
          '//example.org',
          'https://exa mple.org/',
          'https://example.org/<script>',
        )
        .map((value) => ({ value, family: 'pattern' as const, what: `not a URI: ${value}` })),
    );
  if (schema.pattern && schema.pattern !== WRITTEN_TEXT_PATTERN && !isDateField(schema, name)) {
    const pattern = new RegExp(schema.pattern);
    options.push(
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((s) => !pattern.test(s))
        .map((value) => ({
          value,
          family: 'pattern' as const,
          what: `does not match ${schema.pattern}: ${JSON.stringify(value)}`,
        })),
    );
  }
  return options;
}

function numberFaults(schema: Schema): fc.Arbitrary<Fault<unknown>>[] {
  const outside = (n: number) =>
    (schema.minimum !== undefined && n < schema.minimum) ||
    (schema.maximum !== undefined && n > schema.maximum) ||
    (schema.type === 'integer' && !Number.isInteger(n)) ||
    Math.abs(n) > Number.MAX_SAFE_INTEGER;
  const options: fc.Arbitrary<Fault<unknown>>[] = [
    fc
      .constantFrom(...EXTREME_NUMBERS.filter(outside))
      .map((value) => ({ value, family: 'extreme-number' as const, what: `extreme number ${value}` })),
  ];
  if (schema.minimum !== undefined) {
    const min = schema.minimum;
    options.push(
      fc
        .constantFrom(min - 1, min - 0.5, -1e6)
        .filter((n) => n < min)
        .map((value) => ({ value, family: 'range' as const, what: `${value} (at least ${min})` })),
    );
    // -0 is below a minimum of 1 or more; at a minimum of 0 it is 0, which the field takes.
    if (min > 0) options.push(fc.constant({ value: -0, family: 'range' as const, what: '-0' }));
  }
  if (schema.maximum !== undefined) {
    const max = schema.maximum;
    options.push(
      fc
        .constantFrom(max + 1, max + 0.5, 1e6 + max)
        .map((value) => ({ value, family: 'range' as const, what: `${value} (at most ${max})` })),
    );
  }
  return options;
}

function arrayFaults(schema: Schema, name: string): fc.Arbitrary<Fault<unknown>>[] {
  const options: fc.Arbitrary<Fault<unknown>>[] = [];
  const items = validValue(schema.items ?? {}, name);
  if (schema.maxItems !== undefined) {
    const max = schema.maxItems;
    options.push(
      items.map((item) => ({
        value: Array.from({ length: max + 1 }, () => item),
        family: 'too-long' as const,
        what: `${max + 1} items (at most ${max})`,
      })),
    );
  }
  if ((schema.minItems ?? 0) > 0)
    options.push(
      fc.constant({ value: [], family: 'too-short' as const, what: `no items (at least ${schema.minItems})` }),
    );
  if (schema.uniqueItems)
    options.push(
      items.map((item) => ({ value: [item, item], family: 'pattern' as const, what: 'the same item twice' })),
    );
  return options;
}
