import fc from 'fast-check';
import { DEFAULT_REASON_POLICIES } from '../../src/atproto/rules.js';
import { lexDef } from '../atproto-lexicon.js';
import { cidOf } from '../fakes/atproto-pds.js';
import {
  accountUpdated,
  reportCreated,
  reportReopened,
  reportResolved,
  signed,
  statusCreated,
} from '../mastodon-payloads.js';
import {
  faultyRequests,
  operationsOf,
  textFault,
  validValue,
  type FaultFamily,
  type FuzzRequest,
  type KnownValues,
  type OpenApiDocument,
  type Operation,
  type Schema,
} from './openapi-arbitraries.js';

/**
 * Generators of faulty requests to the routes the OpenAPI document leaves out, each from its real shape:
 * com.atproto.moderation.createReport from its lexicon (test/fixtures/atproto/lexicons), Mastodon's admin webhook from
 * Mastodon's payloads (test/mastodon-payloads.ts) under a valid signature, the public site's pages from the query and
 * path parameters of their JSON twins in the document, its forms from their fields, and the public log's tile paths
 * from C2SP tlog-tiles. Every request carries at least one fault.
 */

/** What a createReport request authenticates with: a fresh service-auth JWT of the reporter, or a faulty one. */
export type XrpcCredential =
  | 'valid'
  | 'none'
  | 'not bearer'
  | 'not a JWT'
  | 'another audience'
  | 'another method'
  | 'no method'
  | 'expired'
  | 'issued in the future'
  | 'lives for days'
  | 'a DID the directory does not know'
  | 'signed with another key'
  | 'alg none';

export interface OutsideRequest extends FuzzRequest {
  /** createReport only: the credential minted when the request is sent (each JWT is good for one request). */
  credential?: XrpcCredential;
  /** What the answer must be: XRPC's error JSON, Docket's problem+json, or a page of the public site. */
  form: 'xrpc' | 'problem' | 'page';
}

type Json = Record<string, unknown>;
interface Fault {
  value: unknown;
  family: FaultFamily;
  what: string;
  pointer: string;
}

const described = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
};

// ---------------------------------------------------------------------------------------------------------------
// Values no route takes, wherever they are

const withNul = fc.string({ maxLength: 6 }).map((s) => `a\u0000${s}`);
const withLoneSurrogate = fc
  .tuple(fc.constantFrom('\ud800', '\udfff', '\udbff', '\udc00'), fc.string({ maxLength: 6 }))
  .map(([half, s]) => `${s}x${half}`);
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

/** A value that no store keeps, in any place of a JSON body (even one the route ignores). */
const unstorable: fc.Arbitrary<Omit<Fault, 'pointer'>> = fc.oneof(
  withNul.map((value) => ({ value, family: 'nul-or-control' as const, what: `a NUL: ${described(value)}` })),
  withLoneSurrogate.map((value) => ({ value, family: 'lone-surrogate' as const, what: `a lone surrogate` })),
  fc
    .constantFrom(1e308, -1e308, 2 ** 63, 2 ** 53 + 2)
    .map((value) => ({ value, family: 'extreme-number' as const, what: `extreme number ${value}` })),
  fc.constant({ value: nested(40), family: 'range' as const, what: 'nested 40 levels deep' }),
);

const WRONG_TYPES: unknown[] = ['1', 1, 1.5, true, [], {}, [1], { a: 1 }, null];
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The value at a JSON pointer replaced (or, with `drop`, removed) in a copy of `root`. */
function setAt(root: unknown, pointer: string, value: unknown, drop = false): unknown {
  if (pointer === '') return value;
  const keys = pointer.slice(1).split('/');
  const copy = structuredClone(root) as Json;
  let node = copy as Json | unknown[];
  for (const key of keys.slice(0, -1)) node = (node as Json)[key] as Json;
  const last = keys[keys.length - 1] as string;
  if (drop) delete (node as Json)[last];
  else if (last === '__proto__')
    Object.defineProperty(node, last, { value, enumerable: true, configurable: true, writable: true });
  else (node as Json)[last] = value;
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// com.atproto.moderation.createReport, from its lexicon

type LexDef = ReturnType<typeof lexDef>;
const CREATE_REPORT = 'com.atproto.moderation.createReport';

const nsidOf = (ref: string, from: string): string => (ref.startsWith('#') ? from : (ref.split('#')[0] ?? ''));

const B32 = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567'.split(''));
const plcDidArb = fc.string({ unit: B32, minLength: 24, maxLength: 24 }).map((s) => `did:plc:${s}`);
const didArb = fc.oneof(
  plcDidArb,
  fc.constantFrom('did:web:example.com', 'did:web:blog.example.org', 'did:web:localhost%3A8080'),
);
const rkeyArb = fc.string({ unit: B32, minLength: 13, maxLength: 13 });
const atUriArb = fc
  .tuple(plcDidArb, fc.constantFrom('app.bsky.feed.post', 'app.bsky.actor.profile', 'app.bsky.graph.list'), rkeyArb)
  .map(([did, collection, rkey]) => `at://${did}/${collection}/${rkey}`);
const cidArb = fc.string({ minLength: 1, maxLength: 12 }).map(cidOf);
/** Reason types Docket takes with its default map; the lexicon's others are refused unless mapped (a 400 too). */
const TAKEN_REASONS = Object.keys(DEFAULT_REASON_POLICIES);

const BAD_DIDS = [
  'did:',
  'did:plc:',
  'DID:plc:ewvi7nxzyoun6zhxrhs64oiz',
  'did:plc:ewvi7nxzyoun6zhxrhs64oiz ',
  'did:plc:a b',
  'did:PLC:ewvi7nxzyoun6zhxrhs64oiz',
  'did:web:%',
  'did:web:example.com:',
  'alice.bsky.social',
  `did:plc:${'a'.repeat(2_100)}`,
  '',
];
const BAD_AT_URIS = [
  'at://',
  'https://bsky.app/profile/alice/post/3l3qo2vuowo2b',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/..',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vuowo2b?x=1',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3l3qo2vuowo2b#frag',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/post/3l3qo2vuowo2b',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/a/b',
  'at://not a did/app.bsky.feed.post/3l3qo2vuowo2b',
  `at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/${'a'.repeat(9_000)}`,
  '',
];
const BAD_CIDS = [
  'bafy',
  'Qm',
  `Qm${'1'.repeat(44)}`,
  'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm!',
  'zdj7WWeQ43G6JJvLWQWZpyHuAMq6uYWRjkBXFad11vE2LHhQ7',
  `b${'a'.repeat(300)}`,
  'baaaaaaaaaaaaaa',
  '',
];

/** A value the lexicon's definition describes, as Docket takes it. */
function validLex(def: LexDef, nsid: string): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'ref':
      return validLex(lexDef(def.ref ?? '', nsid), nsidOf(def.ref ?? '', nsid));
    case 'union':
      return fc.oneof(
        ...(def.refs ?? []).map((ref) =>
          validLex(lexDef(ref, nsid), nsidOf(ref, nsid)).map((value) => ({
            $type: ref.replace(/#main$/, ''),
            ...(value as Json),
          })),
        ),
      );
    case 'object': {
      const properties = def.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, d]) => [k, validLex(d, nsid)]));
      return fc.record(model, { requiredKeys: (def.required ?? []) as never[] });
    }
    case 'string':
      if (def.format === 'did') return didArb;
      if (def.format === 'at-uri') return atUriArb;
      if (def.format === 'cid') return cidArb;
      if (def.format === 'datetime') return fc.constant('2026-01-12T10:00:00.000Z');
      if (def.knownValues) return fc.constantFrom(...def.knownValues.filter((v) => TAKEN_REASONS.includes(v)));
      return fc.constantFrom('bsky-app/web', 'it threatens me', 'spam, again', 'Ça suffit.');
    case 'integer':
      return fc.integer({ min: 0, max: 1_000 });
    case 'unknown':
      return fc.dictionary(
        fc.constantFrom('client', 'version', 'n'),
        fc.oneof(fc.constantFrom('web', '1.2'), fc.integer({ min: 0, max: 9 })),
        { maxKeys: 2 },
      );
    default:
      return fc.constant(null);
  }
}

/** Faults at or under a lexicon definition, each with its JSON pointer. */
function lexFaults(def: LexDef, nsid: string, pointer: string, depth = 0): fc.Arbitrary<Fault> {
  const at = (f: fc.Arbitrary<Omit<Fault, 'pointer'>>) => f.map((fault) => ({ ...fault, pointer }));
  const wrongType = (allowed: (v: unknown) => boolean) =>
    at(
      fc
        .constantFrom(...WRONG_TYPES.filter((v) => !allowed(v)))
        .map((value) => ({ value, family: 'wrong-type' as const, what: `wrong type: ${described(value)}` })),
    );
  const listed = (values: string[], family: FaultFamily, what: string) =>
    at(fc.constantFrom(...values).map((value) => ({ value, family, what: `${what}: ${described(value)}` })));
  switch (def.type) {
    case 'ref':
      return lexFaults(lexDef(def.ref ?? '', nsid), nsidOf(def.ref ?? '', nsid), pointer, depth);
    case 'union': {
      const members = (def.refs ?? []).map((ref) => ({ ref, def: lexDef(ref, nsid), nsid: nsidOf(ref, nsid) }));
      // A member's own faults, under its $type (a fault of the member as a whole is the union's, below).
      const inMember = fc.constantFrom(...members).chain((member) =>
        lexFaults(member.def, member.nsid, pointer, depth + 1)
          .filter((f) => f.pointer !== pointer)
          .map((inner) => ({
            ...inner,
            value: { $type: member.ref.replace(/#main$/, ''), ...(inner.value as Json) },
          })),
      );
      const badType = fc
        .tuple(
          fc.constantFrom(...members),
          fc.constantFrom<unknown>(
            undefined,
            'com.atproto.repo.strongRef#other',
            'app.bsky.feed.post',
            'com.atproto.admin.defs',
            1,
            null,
          ),
        )
        .chain(([member, type]) =>
          validLex(member.def, member.nsid).map((value) => ({
            value: type === undefined ? value : { ...(value as Json), $type: type },
            family: 'enum' as const,
            what: type === undefined ? 'no $type' : `$type ${described(type)}`,
            pointer,
          })),
        );
      return fc.oneof(
        { arbitrary: wrongType((v) => typeOf(v) === 'object'), weight: 1 },
        { arbitrary: inMember, weight: 4 },
        { arbitrary: badType, weight: 2 },
      );
    }
    case 'object': {
      const properties = def.properties ?? {};
      const valid = validLex(def, nsid) as fc.Arbitrary<Json>;
      // A field's own faults outnumber the object's: most turns fault a field.
      const options: fc.WeightedArbitrary<Fault>[] = [
        { arbitrary: wrongType((v) => typeOf(v) === 'object'), weight: 1 },
      ];
      const required = def.required ?? [];
      if (required.length > 0)
        options.push({
          weight: 1,
          arbitrary: fc.tuple(valid, fc.constantFrom(...required)).map(([object, key]) => ({
            value: setAt(object, `/${key}`, undefined, true),
            family: 'missing' as const,
            what: `missing required ${key}`,
            pointer: `${pointer}/${key}`,
          })),
        });
      const keys = Object.keys(properties);
      if (keys.length > 0 && depth < 4)
        options.push({
          weight: 2 * keys.length,
          arbitrary: fc.tuple(valid, fc.constantFrom(...keys)).chain(([object, key]) =>
            lexFaults(properties[key] as LexDef, nsid, `${pointer}/${key}`, depth + 1).map((inner) => ({
              ...inner,
              value: setAt(object, `/${key}`, inner.value),
            })),
          ),
        });
      // Lexicon objects are open: a field the lexicon does not name is ignored, unless no store could keep it.
      options.push({
        weight: 1,
        arbitrary: fc
          .tuple(valid, fc.constantFrom('extra', '__proto__', 'constructor'), unstorable)
          .map(([object, key, bad]) => ({
            ...bad,
            value: setAt(object, `/${key}`, bad.value),
            what: `an unnamed field holding ${bad.what}`,
            pointer: `${pointer}/${key}`,
          })),
      });
      return fc.oneof(...options);
    }
    case 'string': {
      const options: fc.Arbitrary<Fault>[] = [
        wrongType((v) => typeof v === 'string'),
        at(unstorable.filter((f) => f.family === 'nul-or-control' || f.family === 'lone-surrogate')),
      ];
      if (def.format === 'did') options.push(listed(BAD_DIDS, 'pattern', 'not a DID'));
      if (def.format === 'at-uri') options.push(listed(BAD_AT_URIS, 'pattern', 'not an AT URI of a record'));
      if (def.format === 'cid') options.push(listed(BAD_CIDS, 'pattern', 'not a CID'));
      if (def.knownValues)
        options.push(
          listed(
            ['x', 'com.atproto.moderation.defs#reasonNope', 'reasonSpam', 'com.atproto.moderation.defs#reasonSpam '],
            'enum',
            'not a reason type',
          ),
        );
      const maxLength = (def as { maxLength?: number }).maxLength;
      const maxGraphemes = (def as { maxGraphemes?: number }).maxGraphemes;
      if (maxLength !== undefined)
        options.push(
          at(
            fc.integer({ min: maxLength + 1, max: maxLength + 100 }).map((n) => ({
              value: 'é'.repeat(Math.ceil(n / 2)),
              family: 'too-long' as const,
              what: `${Math.ceil(n / 2) * 2} bytes (at most ${maxLength})`,
            })),
          ),
        );
      if (maxGraphemes !== undefined)
        options.push(
          at(
            fc.integer({ min: maxGraphemes + 1, max: maxGraphemes + 100 }).map((n) => ({
              value: '👍🏽'.repeat(n).slice(0, maxLength ? Math.floor(maxLength / 2) : undefined),
              family: 'too-long' as const,
              what: `${n} graphemes (at most ${maxGraphemes})`,
            })),
          ),
        );
      return fc.oneof(...options);
    }
    case 'unknown':
      // Anything goes, except what no store keeps.
      return at(unstorable);
    default:
      return wrongType(() => false);
  }
}

const XRPC_CREDENTIALS: XrpcCredential[] = [
  'none',
  'not bearer',
  'not a JWT',
  'another audience',
  'another method',
  'no method',
  'expired',
  'issued in the future',
  'lives for days',
  'a DID the directory does not know',
  'signed with another key',
  'alg none',
];

/** createReport with a fault in the body (under a valid credential), in the credential, or in the payload. */
export function xrpcRequests(): fc.Arbitrary<OutsideRequest> {
  const input = lexDef(CREATE_REPORT).input?.schema as LexDef;
  const validBody = validLex(input, CREATE_REPORT);
  const base = { operation: `POST /xrpc/${CREATE_REPORT}`, method: 'POST' as const, url: `/xrpc/${CREATE_REPORT}` };
  const inBody = lexFaults(input, CREATE_REPORT, '').map((fault): OutsideRequest => ({
    ...base,
    fault: `body ${fault.pointer || '(whole)'}: ${fault.what}`,
    family: fault.family,
    contentType: 'application/json',
    payload: JSON.stringify(fault.value),
    credential: 'valid',
    form: 'xrpc',
  }));
  const inCredential = fc
    .tuple(validBody, fc.constantFrom(...XRPC_CREDENTIALS))
    .map(([body, credential]): OutsideRequest => ({
      ...base,
      fault: `credential: ${credential}`,
      family: 'bad-auth',
      contentType: 'application/json',
      payload: JSON.stringify(body),
      credential,
      form: 'xrpc',
    }));
  const inPayload = fc
    .tuple(
      validBody,
      fc.oneof(
        fc.constantFrom('{', '[1,]', "{'a':1}", '', '"\\ud800"', '{"reasonType":').map((payload) => ({
          payload,
          contentType: 'application/json' as string | undefined,
          family: 'bad-json' as const,
          what: `not JSON: ${described(payload)}`,
        })),
        fc
          .constantFrom<string | undefined>(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/jsonx',
            'multipart/form-data; boundary=x',
            undefined,
          )
          .map((contentType) => ({
            payload: undefined,
            contentType,
            family: 'content-type' as const,
            what: `content type ${contentType ?? 'none'}`,
          })),
        fc.integer({ min: 1_048_577, max: 1_060_000 }).map((size) => ({
          payload: `{"reason":"${'x'.repeat(size)}"}`,
          contentType: 'application/json' as string | undefined,
          family: 'body-too-large' as const,
          what: `a body of ${size} bytes`,
        })),
      ),
    )
    .map(([body, fault]): OutsideRequest => ({
      ...base,
      fault: `payload: ${fault.what}`,
      family: fault.family,
      ...(fault.contentType === undefined ? {} : { contentType: fault.contentType }),
      payload: fault.payload ?? JSON.stringify(body),
      credential: 'valid',
      form: 'xrpc',
    }));
  const wrongMethod = fc.constantFrom('GET', 'PUT', 'DELETE').map((method): OutsideRequest => ({
    ...base,
    method: method as 'GET',
    fault: `method ${method}`,
    family: 'wrong-method',
    credential: 'valid',
    form: 'xrpc',
  }));
  return fc.oneof(
    { arbitrary: inBody, weight: 10 },
    { arbitrary: inCredential, weight: 3 },
    { arbitrary: inPayload, weight: 2 },
    { arbitrary: wrongMethod, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Mastodon's admin webhook, from Mastodon's payloads

/** How Mastodon's serializers type a field the connector reads: what it must be, and whether it must be there. */
type FieldKind = 'id' | 'text' | 'maybe text' | 'flag' | 'object' | 'maybe object' | 'list' | 'count' | 'date';

/** The fields the connector reads, by event, as JSON pointers under `object` (`*` for each item of a list). */
const REPORT_FIELDS: Record<string, FieldKind> = {
  '/id': 'id',
  '/category': 'text',
  '/comment': 'maybe text',
  '/action_taken': 'flag',
  '/action_taken_at': 'maybe text',
  '/action_taken_by_account': 'maybe object',
  '/created_at': 'date',
  '/updated_at': 'date',
  '/account': 'object',
  '/account/id': 'id',
  '/target_account': 'object',
  '/target_account/id': 'id',
  '/target_account/username': 'text',
  '/target_account/domain': 'maybe text',
  '/target_account/account': 'maybe object',
  '/target_account/account/acct': 'maybe text',
  '/target_account/account/display_name': 'maybe text',
  '/target_account/account/followers_count': 'count',
  '/statuses': 'list',
  '/statuses/0': 'object',
  '/statuses/0/id': 'id',
  '/statuses/0/account': 'object',
  '/statuses/0/account/id': 'id',
  '/statuses/0/content': 'maybe text',
  '/statuses/0/language': 'maybe text',
  '/statuses/0/url': 'maybe text',
  '/statuses/0/created_at': 'date',
  '/statuses/0/reblogs_count': 'count',
};
const ACCOUNT_FIELDS: Record<string, FieldKind> = {
  '/id': 'id',
  '/username': 'text',
  '/domain': 'maybe text',
  '/locale': 'maybe text',
  '/account': 'maybe object',
  '/account/acct': 'maybe text',
  '/account/note': 'maybe text',
  '/account/url': 'maybe text',
  '/account/followers_count': 'count',
};
const STATUS_FIELDS: Record<string, FieldKind> = {
  '/id': 'id',
  '/account': 'object',
  '/account/id': 'id',
  '/account/acct': 'maybe text',
  '/content': 'maybe text',
  '/spoiler_text': 'maybe text',
  '/language': 'maybe text',
  '/uri': 'maybe text',
  '/created_at': 'date',
  '/edited_at': 'maybe text',
  '/reblogs_count': 'count',
};
const RESOLVED_FIELDS: Record<string, FieldKind> = {
  ...REPORT_FIELDS,
  '/action_taken_by_account': 'maybe object',
  '/action_taken_by_account/id': 'id',
  '/action_taken_by_account/username': 'text',
};

const BAD_IDS = ['', '1 2', '../1', 'a/b', '1;drop', `${'9'.repeat(101)}`, '１２', '-'.repeat(101)];
const BAD_TIMES = [
  'yesterday',
  '2023-02-30T10:00:00.000Z',
  '2023-13-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '2023-10-26',
  '',
];

/** Faults Mastodon never sends in a field of this kind. */
function fieldFaults(kind: FieldKind): fc.Arbitrary<Omit<Fault, 'pointer'>> {
  const wrong = (allowed: (v: unknown) => boolean) =>
    fc
      .constantFrom(...WRONG_TYPES.filter((v) => !allowed(v)))
      .map((value) => ({ value, family: 'wrong-type' as const, what: `wrong type: ${described(value)}` }));
  const missing = fc.constant({ value: undefined, family: 'missing' as const, what: 'missing' });
  switch (kind) {
    case 'id':
      return fc.oneof(
        wrong((v) => typeof v === 'string'),
        missing,
        fc
          .constantFrom(...BAD_IDS)
          .map((value) => ({ value, family: 'pattern' as const, what: `not an id: ${value}` })),
      );
    case 'text':
      return fc.oneof(
        wrong((v) => typeof v === 'string'),
        missing,
      );
    case 'maybe text':
      return wrong((v) => typeof v === 'string' || v === null);
    case 'flag':
      return fc.oneof(
        wrong((v) => typeof v === 'boolean'),
        missing,
      );
    case 'object':
      return fc.oneof(
        wrong((v) => typeOf(v) === 'object'),
        missing,
      );
    case 'maybe object':
      return wrong((v) => typeOf(v) === 'object' || v === null);
    case 'list':
      return fc.oneof(
        wrong((v) => Array.isArray(v)),
        missing,
        fc.constantFrom<unknown>([1], ['x'], [null], [[]]).map((value) => ({
          value,
          family: 'wrong-type' as const,
          what: `a list of ${described(value)}`,
        })),
      );
    case 'count':
      return wrong((v) => typeof v === 'number' || v === null);
    case 'date':
      return fc.oneof(
        wrong((v) => typeof v === 'string'),
        missing,
        fc
          .constantFrom(...BAD_TIMES)
          .map((value) => ({ value, family: 'bad-date' as const, what: `not a time Mastodon writes: ${value}` })),
      );
  }
}

/** Every JSON pointer of a value (objects' fields and arrays' items), for faults that fit anywhere. */
function pointersOf(value: unknown, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [pointer];
  const children = Object.entries(value as Json).flatMap(([key, child]) => pointersOf(child, `${pointer}/${key}`));
  return [pointer, ...children];
}

export interface MastodonTarget {
  platform: string;
  secret: string;
}

/**
 * Mastodon's deliveries with a fault in what the connector reads (a field of the wrong type, missing, an id or a time
 * Mastodon never writes), anywhere in the payload (a value no store keeps), or in the envelope: all under a valid
 * X-Hub-Signature, so each reaches the payload's checks. Also unsigned or mis-signed deliveries, and unknown platforms.
 */
export function mastodonRequests(target: MastodonTarget): fc.Arbitrary<OutsideRequest> {
  const url = `/api/connectors/mastodon/${target.platform}/webhook`;
  const operation = 'POST /api/connectors/mastodon/{platform}/webhook';
  const payloads = [
    { payload: reportCreated(), fields: REPORT_FIELDS },
    { payload: reportResolved(), fields: RESOLVED_FIELDS },
    { payload: reportReopened(), fields: REPORT_FIELDS },
    { payload: accountUpdated(), fields: ACCOUNT_FIELDS },
    { payload: statusCreated(), fields: STATUS_FIELDS },
  ];
  const sent = (body: unknown, fault: Omit<Fault, 'pointer'> & { where: string }, sign = true): OutsideRequest => {
    const { body: text, signature } = signed(body, target.secret);
    return {
      operation,
      method: 'POST',
      url,
      fault: `${fault.where}: ${fault.what}`,
      family: fault.family,
      contentType: 'application/json',
      payload: text,
      ...(sign ? { headers: { 'x-hub-signature': signature } } : {}),
      form: 'problem',
    };
  };
  const inRead = fc
    .constantFrom(...payloads)
    .chain(({ payload, fields }) =>
      fc
        .constantFrom(...Object.entries(fields))
        .chain(([pointer, kind]) =>
          fieldFaults(kind).map((fault) =>
            sent(
              { ...payload, object: setAt(payload.object, pointer, fault.value, fault.value === undefined) },
              { ...fault, where: `object${pointer}` },
            ),
          ),
        ),
    );
  const anywhere = fc
    .constantFrom(...payloads)
    .chain(({ payload }) =>
      fc
        .tuple(fc.constantFrom(...pointersOf(payload.object).filter((p) => p !== '')), unstorable)
        .map(([pointer, fault]) =>
          sent(
            { ...payload, object: setAt(payload.object, pointer, fault.value) },
            { ...fault, where: `object${pointer}` },
          ),
        ),
    );
  const envelope = fc.constantFrom(...payloads).chain(({ payload }) =>
    fc
      .constantFrom<[string, unknown, FaultFamily]>(
        ['/event', undefined, 'missing'],
        ['/event', '', 'too-short'],
        ['/event', 7, 'wrong-type'],
        ['/event', 'x'.repeat(101), 'too-long'],
        ['/created_at', undefined, 'missing'],
        ['/created_at', 'x'.repeat(101), 'too-long'],
        ['/object', undefined, 'missing'],
        ['/object', [], 'wrong-type'],
        ['/object', 'report', 'wrong-type'],
        ['/object', null, 'wrong-type'],
        ['', [], 'wrong-type'],
        ['', 'report.created', 'wrong-type'],
      )
      .map(([pointer, value, family]) =>
        sent(setAt(payload, pointer, value, value === undefined && pointer !== ''), {
          value,
          family,
          what: value === undefined ? 'missing' : described(value),
          where: `body${pointer || ' (whole)'}`,
        }),
      ),
  );
  const unsigned = fc.constantFrom(...payloads).chain(({ payload }) =>
    fc
      .constantFrom(
        undefined,
        '',
        'sha256=',
        'sha1=0000',
        `sha256=${'0'.repeat(64)}`,
        signed(payload, 'another secret of the same length').signature,
        signed({ ...payload, event: 'account.created' }, target.secret).signature,
      )
      .map((header): OutsideRequest => {
        const request = sent(
          payload,
          { value: header, family: 'bad-auth', what: `X-Hub-Signature ${described(header)}`, where: 'header' },
          false,
        );
        return header === undefined ? request : { ...request, headers: { 'x-hub-signature': header } };
      }),
  );
  const platform = fc
    .constantFrom('no-such-instance', 'a%20b', '%00', '..', 'x'.repeat(121), '%ED%A0%80')
    .map((name): OutsideRequest => {
      const { body, signature } = signed(reportCreated(), target.secret);
      return {
        operation,
        method: 'POST',
        url: `/api/connectors/mastodon/${name}/webhook`,
        fault: `path {platform}: ${described(name)}`,
        family: 'not-found',
        contentType: 'application/json',
        payload: body,
        headers: { 'x-hub-signature': signature },
        form: 'problem',
      };
    });
  return fc.oneof(
    { arbitrary: inRead, weight: 8 },
    { arbitrary: anywhere, weight: 3 },
    { arbitrary: envelope, weight: 2 },
    { arbitrary: unsigned, weight: 2 },
    { arbitrary: platform, weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The public site's pages and forms

/**
 * The site's pages with inputs, each with its JSON twin in the document, whose query or path parameters it takes.
 * A page shows what it can: a parameter it does not know is no fault, nor is a `through` that names no entry.
 */
const PAGES: { path: string; twin: string; query?: string[]; pathParams?: Record<string, Schema> }[] = [
  { path: '/decisions', twin: 'GET /api/public/board/cases' },
  { path: '/decisions/{ref}', twin: 'GET /api/public/board/cases/{ref}' },
  { path: '/recommendations', twin: 'GET /api/public/recommendations' },
  { path: '/statistics', twin: 'GET /api/public/statistics', query: ['from', 'to', 'country'] },
  { path: '/notices/status/{token}', twin: 'GET /api/public/notices/status/{token}' },
  { path: '/complaints/{token}', twin: 'GET /api/public/complaints/{token}' },
  { path: '/misuse/{token}', twin: 'GET /api/public/misuse/{token}' },
  { path: '/policies/{id}', twin: 'GET /api/policies/{id}/versions' },
];

/** Families that are faults on a page too (an unknown parameter is ignored there; another method is the API's 404). */
const PAGE_FAULTS = new Set<FaultFamily>([
  'wrong-type',
  'too-long',
  'too-short',
  'pattern',
  'enum',
  'range',
  'extreme-number',
  'nul-or-control',
  'lone-surrogate',
  'bad-date',
  'bad-id',
  'not-found',
  'bad-encoding',
]);

function pageRequests(document: OpenApiDocument, known: KnownValues): fc.Arbitrary<OutsideRequest>[] {
  const operations = new Map(operationsOf(document).map((op) => [`${op.method} ${op.path}`, op]));
  const pages = PAGES.map((page) => {
    const twin = operations.get(page.twin);
    if (!twin) throw new Error(`the document has no ${page.twin}`);
    const op: Operation = {
      ...twin,
      path: page.path,
      query: page.query ? twin.query.filter((q) => page.query?.includes(q.name)) : twin.query,
      body: null,
      access: { kind: 'public' },
      methodsOnPath: ['GET'],
    };
    const twinKnown: KnownValues = { pathValues: (_path, name) => known.pathValues(twin.path, name) };
    const faulty = faultyRequests(op, twinKnown)
      .filter((request) => PAGE_FAULTS.has(request.family))
      .map((request): OutsideRequest => ({ ...request, form: 'page' }));
    if (op.query.length === 0 || op.pathParams.length > 0) return faulty;
    // A parameter given twice, each time with a value it takes: the page reads it as a list, not as text.
    const twice = fc
      .constantFrom(...op.query)
      .chain((param) =>
        fc
          .tuple(validValue(param.schema, param.name), validValue(param.schema, param.name))
          .map((values) => ({ param, values: values.map((v) => encodeURIComponent(String(v))) })),
      )
      .map(({ param, values }): OutsideRequest => ({
        operation: `GET ${page.path}`,
        fault: `query ${param.name}: given twice`,
        family: 'wrong-type',
        method: 'GET',
        url: `${page.path}?${values.map((v) => `${encodeURIComponent(param.name)}=${v}`).join('&')}`,
        form: 'page',
      }));
    return fc.oneof({ arbitrary: faulty, weight: 4 }, { arbitrary: twice, weight: 1 });
  });
  // The log page takes any `through` (one that names no entry shows the newest): only text no one can type is a fault.
  const log: Operation = {
    method: 'GET',
    path: '/log',
    pathParams: [],
    query: [{ name: 'through', required: false, schema: { type: 'integer', minimum: 1 } }],
    body: null,
    access: { kind: 'public' },
    methodsOnPath: ['GET'],
  };
  const logFaults = new Set<FaultFamily>(['nul-or-control', 'lone-surrogate', 'bad-encoding']);
  pages.push(
    faultyRequests(log, known)
      .filter((request) => logFaults.has(request.family))
      .map((request): OutsideRequest => ({ ...request, form: 'page' })),
  );
  return pages;
}

/** A form field: its value's limits (as the form states them) and whether the form may leave it empty. */
interface FormField {
  schema: Schema;
  required: boolean;
}

export interface FormTarget {
  /** The form's address, e.g. `/complaints/<a real token>`; the operation names it by its route. */
  url: string;
  route: string;
  fields: Record<string, FormField>;
  valid: fc.Arbitrary<Record<string, string>>;
}

const encodeForm = (fields: [string, string][]): string =>
  fields.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');

/** A form post with one faulty field (as a browser encodes it), a required one left out, or a faulty payload. */
function formRequests(form: FormTarget): fc.Arbitrary<OutsideRequest> {
  const base = { operation: `POST ${form.route}`, method: 'POST' as const, url: form.url, form: 'page' as const };
  const encoded = (fields: Record<string, string>) =>
    Object.entries(fields).map(([k, v]): [string, string] => [k, encodeURIComponent(v)]);
  const names = Object.keys(form.fields);
  const inField = fc
    .tuple(form.valid, fc.constantFrom(...names))
    .chain(([valid, name]) =>
      textFault((form.fields[name] as FormField).schema, name, 'query').map((fault) => ({ valid, name, fault })),
    )
    .map(({ valid, name, fault }): OutsideRequest => ({
      ...base,
      fault: `field ${name}: ${fault.what}`,
      family: fault.family,
      contentType: 'application/x-www-form-urlencoded',
      payload: encodeForm([...encoded(valid).filter(([k]) => k !== name), [name, fault.value]]),
    }));
  const twice = fc.tuple(form.valid, fc.constantFrom(...names)).map(([valid, name]): OutsideRequest => ({
    ...base,
    fault: `field ${name}: given twice`,
    family: 'wrong-type',
    contentType: 'application/x-www-form-urlencoded',
    payload: encodeForm([...encoded(valid), [name, 'x'], [name, 'y']]),
  }));
  const required = names.filter((name) => form.fields[name]?.required);
  const missing = fc
    .tuple(form.valid, fc.constantFrom(...required), fc.boolean())
    .map(([valid, name, empty]): OutsideRequest => ({
      ...base,
      fault: `field ${name}: ${empty ? 'empty' : 'left out'}`,
      family: 'missing',
      contentType: 'application/x-www-form-urlencoded',
      payload: encodeForm([
        ...encoded(valid).filter(([k]) => k !== name),
        ...(empty ? [[name, ''] as [string, string]] : []),
      ]),
    }));
  const payload = fc.tuple(form.valid, fc.integer({ min: 0, max: 7 })).map(([valid, kind]): OutsideRequest => {
    const text = encodeForm(encoded(valid));
    const faults: [FaultFamily, string, string | undefined, string | undefined][] = [
      ['content-type', 'the form as JSON', 'application/json', JSON.stringify(valid)],
      [
        'content-type',
        'JSON whose values are not text',
        'application/json',
        JSON.stringify({ ...valid, statement: 1, location: { a: 1 } }),
      ],
      ['content-type', 'content type text/plain', 'text/plain', text],
      ['content-type', 'a multipart form', 'multipart/form-data; boundary=x', `--x\r\n\r\n${text}\r\n--x--`],
      ['content-type', 'no content type', undefined, text],
      ['bad-json', 'bad JSON', 'application/json', '{"statement":'],
      [
        'body-too-large',
        'a form of 70,000 bytes',
        'application/x-www-form-urlencoded',
        `${text}&pad=${'x'.repeat(70_000)}`,
      ],
      ['missing', 'no body', 'application/x-www-form-urlencoded', ''],
    ];
    const [family, what, contentType, body] = faults[kind] as (typeof faults)[number];
    return {
      ...base,
      fault: `payload: ${what}`,
      family,
      ...(contentType === undefined ? {} : { contentType }),
      ...(body === undefined ? {} : { payload: body }),
    };
  });
  return fc.oneof(
    { arbitrary: inField, weight: 6 },
    { arbitrary: twice, weight: 1 },
    ...(required.length > 0 ? [{ arbitrary: missing, weight: 2 }] : []),
    { arbitrary: payload, weight: 2 },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The public log's tiles (C2SP tlog-tiles)

const TILE_INDEX = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
/**
 * Paths no tlog-tiles log serves: a bad level, index or width, or text where numbers belong. (A path with `..` is
 * not among them: the client resolves it before sending, and app.inject's URL parser does too.)
 */
const BAD_TILE_PATHS: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '0/',
    '0/1',
    '0/01',
    '0/0001',
    '0/x001',
    '0/x001/',
    '0/x1/000',
    '0/x001/1000',
    '0/000.p/0',
    '0/000.p/256',
    '0/000.p/-1',
    '0/000.p/01',
    '0/000.p/',
    '0/000.p',
    '0/000.x/1',
    '64/000',
    '-1/000',
    '00/000',
    'a/000',
    'entries',
    'entries/',
    'entries/1',
    'entries/x999/000.p/0',
    'entries/000.p/256',
    'data/000',
    '0/000/',
    `0/${'x999/'.repeat(12)}999`,
    '0/x9007199254740991/999',
  ),
  fc
    .tuple(fc.constantFrom('0', '1', '5', 'entries'), TILE_INDEX, fc.integer({ min: 256, max: 100_000 }))
    .map(([level, index, width]) => `${level}/${index}.p/${width}`),
);

function tileRequests(): fc.Arbitrary<OutsideRequest> {
  return BAD_TILE_PATHS.map((path): OutsideRequest => ({
    operation: 'GET /public/log/tile/{*}',
    fault: `tile path ${described(path)}`,
    family: 'pattern',
    method: 'GET',
    url: `/public/log/tile/${path}`,
    form: 'problem',
  }));
}

// ---------------------------------------------------------------------------------------------------------------

export interface OutsideTargets {
  document: OpenApiDocument;
  known: KnownValues;
  mastodon: MastodonTarget;
  forms: FormTarget[];
}

/** Every route outside the document (and the tiles, whose paths the document cannot describe), weighted by inputs. */
export function outsideRequests(targets: OutsideTargets): fc.Arbitrary<OutsideRequest> {
  return fc.oneof(
    { arbitrary: xrpcRequests(), weight: 6 },
    { arbitrary: mastodonRequests(targets.mastodon), weight: 6 },
    ...pageRequests(targets.document, targets.known).map((arbitrary) => ({ arbitrary, weight: 1 })),
    ...targets.forms.map((form) => ({ arbitrary: formRequests(form), weight: 2 })),
    { arbitrary: tileRequests(), weight: 1 },
  );
}
