import { readFileSync } from 'node:fs';

/**
 * The official lexicons Docket's createReport speaks, as published in bluesky-social/atproto (lexicons/, commit
 * d6296a1cfdb40a773319cb59061300e4e8e52f26; tools.ozone.report.defs and com.atproto.admin.defs cut to the
 * definitions used), and a JSON Schema built from a lexicon definition, so a test validates an answer against the
 * lexicon itself rather than against Docket's own description of it.
 */
type LexDef = {
  type: string;
  required?: string[];
  properties?: Record<string, LexDef>;
  ref?: string;
  refs?: string[];
  format?: string;
  maxLength?: number;
  knownValues?: string[];
  items?: LexDef;
  output?: { schema: LexDef };
  input?: { schema: LexDef };
};
type Lexicon = { id: string; defs: Record<string, LexDef> };

const FILES = [
  'com.atproto.moderation.createReport',
  'com.atproto.moderation.defs',
  'tools.ozone.report.defs',
  'com.atproto.repo.strongRef',
  'com.atproto.admin.defs.repoRef',
];

export const lexicons: Map<string, Lexicon> = new Map(
  FILES.map((file) => {
    const lexicon = JSON.parse(
      readFileSync(new URL(`./fixtures/atproto/lexicons/${file}.json`, import.meta.url), 'utf8'),
    ) as Lexicon;
    return [lexicon.id, lexicon];
  }),
);

/** A definition by its reference (`nsid#name`, or `nsid` for main), relative to the lexicon it is read in. */
export function lexDef(ref: string, from = ''): LexDef {
  const [nsid = '', name = 'main'] = ref.startsWith('#') ? [from, ref.slice(1)] : ref.split('#');
  const def = lexicons.get(nsid)?.defs[name];
  if (!def) throw new Error(`no lexicon definition ${ref}`);
  return def;
}

const FORMATS: Record<string, object> = {
  did: { pattern: '^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$' },
  'at-uri': { pattern: '^at://' },
  cid: { pattern: '^[a-zA-Z0-9+=]{8,256}$' },
  datetime: { format: 'date-time' },
};

/** A JSON Schema of a lexicon definition (the parts these lexicons use); a union member must carry its $type. */
export function jsonSchemaOf(def: LexDef, nsid: string): object {
  switch (def.type) {
    case 'object':
      return {
        type: 'object',
        required: def.required ?? [],
        properties: Object.fromEntries(
          Object.entries(def.properties ?? {}).map(([name, child]) => [name, jsonSchemaOf(child, nsid)]),
        ),
      };
    case 'ref':
      return jsonSchemaOf(
        lexDef(def.ref ?? '', nsid),
        (def.ref ?? '').startsWith('#') ? nsid : ((def.ref ?? '').split('#')[0] ?? ''),
      );
    case 'union':
      return {
        oneOf: (def.refs ?? []).map((ref) => {
          const member = jsonSchemaOf(lexDef(ref, nsid), ref.split('#')[0] ?? '') as {
            required: string[];
            properties: object;
          };
          return {
            ...member,
            required: [...member.required, '$type'],
            properties: { ...member.properties, $type: { const: ref.replace(/#main$/, '') } },
          };
        }),
      };
    case 'string':
      return {
        type: 'string',
        ...(def.maxLength ? { maxLength: def.maxLength } : {}),
        ...(def.format ? FORMATS[def.format] : {}),
      };
    case 'integer':
      return { type: 'integer' };
    case 'unknown':
      return {};
    default:
      throw new Error(`lexicon type ${def.type} is not handled here`);
  }
}
