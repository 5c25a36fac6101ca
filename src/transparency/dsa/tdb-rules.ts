import {
  ACCOUNT_TYPES,
  ALL_LANGUAGES,
  AUTOMATED_DECISIONS,
  AUTOMATED_DETECTIONS,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_MONETARIES,
  DECISION_PROVISIONS,
  DECISION_VISIBILITIES,
  EEA_COUNTRY_CODES,
  INCOMPATIBLE_CONTENT_ILLEGALS,
  KEYWORDS,
  SOURCE_TYPES,
  STATEMENT_CATEGORIES,
} from './tdb-enums.js';

/**
 * The EU DSA Transparency Database's validation of a submitted statement of reasons, as a pure function that answers
 * in the database's own form: field -> messages, the `errors` object of its 422.
 *
 * The rules are the ones its public source applies (github.com/digital-services-act/transparency-database, commit
 * 69e80a0bc8eb3cbfbe8246e898194c3bdf490a4b):
 * - POST /api/v1/statement: app/Http/Requests/StatementStoreRequest.php (rules() and messages());
 * - POST /api/v1/statements: app/Services/GroupedSubmissionsService.php (multi_rules(), multi_messages()), run on
 *   each statement of the batch, and the batch itself `statements: required|array|between:1,100`
 *   (app/Http/Controllers/Api/v1/StatementMultipleAPIController.php).
 * They are Laravel 12 validation rules; this module evaluates them the way Laravel's Validator does (rules in order
 * per field; a field that is absent, or null when the field is `nullable`, skips every rule but the required kind;
 * a failed required-kind rule stops that field; `exclude` drops a field from then on but keeps messages its earlier
 * rules gave), with Laravel's English messages and the source's own custom messages. Before validating, a string
 * is trimmed and an empty one becomes null, as the database's TrimStrings and ConvertEmptyStringsToNull middleware
 * do to every request.
 *
 * What the source does NOT check, though its documentation or the issue says so: territorial_scope is optional
 * (`nullable`); no end date must follow the application date; no date is refused for being in the future (only
 * after 2038-01-01); content_date may come after application_date; category_specification_other is never required.
 *
 * One approximation: when a date is not in the YYYY-MM-DD form, PHP's lenient date parser decides whether the
 * range rules add more messages to the format message; here a malformed date gives the range messages only when it
 * starts with a year-month-day. The field named is the same either way.
 */

export type TdbErrors = Record<string, string[]>;
/** `statement`: POST /api/v1/statement; `statements`: one item of POST /api/v1/statements. */
export type TdbEndpoint = 'statement' | 'statements';

type Data = Record<string, unknown>;

type Rule =
  | { kind: 'array' | 'nullable' | 'required' | 'string' | 'url' | 'exclude' }
  | { kind: 'in'; values: ReadonlySet<string> }
  | { kind: 'max'; size: number }
  | { kind: 'between'; min: number; max: number }
  | { kind: 'required_if' | 'exclude_unless'; field: string; value: string }
  | { kind: 'required_without_all'; fields: string[] }
  | { kind: 'regex'; pattern: RegExp }
  | { kind: 'date_format' }
  | { kind: 'after_or_equal' | 'before_or_equal'; date: string };

const IMPLICIT = new Set(['required', 'required_if', 'required_without_all']);

// Rule builders, named after the Laravel rules they stand for.
const array: Rule = { kind: 'array' };
const nullable: Rule = { kind: 'nullable' };
const required: Rule = { kind: 'required' };
const string: Rule = { kind: 'string' };
const url: Rule = { kind: 'url' };
const dateFormat: Rule = { kind: 'date_format' };
const max = (size: number): Rule => ({ kind: 'max', size });
const afterOrEqual = (date: string): Rule => ({ kind: 'after_or_equal', date });
const beforeOrEqual = (date: string): Rule => ({ kind: 'before_or_equal', date });
const requiredIf = (field: string, value: string): Rule => ({ kind: 'required_if', field, value });
const excludeUnless = (field: string, value: string): Rule => ({ kind: 'exclude_unless', field, value });
const requiredWithoutAll = (...fields: string[]): Rule => ({ kind: 'required_without_all', fields });
/** `Rule::requiredIf(bool)` / `Rule::excludeIf(bool)`: the rule when true, nothing when false. */
const when = (condition: boolean, rule: Rule): Rule[] => (condition ? [rule] : []);
/** The source's `in()` helper: `in:null,...` when the field may be null, so the string "null" passes too. */
const oneOf = (values: Record<string, string> | readonly string[], allowNullWord = false): Rule => {
  const list = Array.isArray(values) ? (values as readonly string[]) : Object.keys(values);
  return { kind: 'in', values: new Set(allowNullWord ? ['null', ...list] : list) };
};

const ILLEGAL = 'DECISION_GROUND_ILLEGAL_CONTENT';
const INCOMPATIBLE = 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
const PUID = /^[A-Za-z0-9_-]+$/;
const EAN13 = /^[0-9]{13}$/;

/** The messages the source sets (the same in StatementStoreRequest::messages() and multi_messages()). */
const CUSTOM_MESSAGES: Record<string, string> = {
  'decision_visibility_other.required_if':
    'The decision visibility other field is required when decision visibility is other.',
  'decision_monetary_other.required_if':
    'The decision monetary other field is required when decision monetary is other.',
  'content_type_other.required_if': 'The content type other field is required when content is other.',
  'illegal_content_legal_ground.required_if':
    'The illegal content legal ground field is required when decision ground is illegal content.',
  'illegal_content_explanation.required_if':
    'The illegal content explanation field is required when decision ground is illegal content.',
  'incompatible_content_ground.required_if':
    'The incompatible content ground field is required when decision ground is incompatible content.',
  'incompatible_content_explanation.required_if':
    'The incompatible content explanation field is required when decision ground is incompatible content.',
  'content_date.date_format': 'The content date does not match the format YYYY-MM-DD.',
  'application_date.date_format': 'The application date does not match the format YYYY-MM-DD.',
  'end_date_account_restriction.date_format':
    'The end date of account restriction does not match the format YYYY-MM-DD.',
  'end_date_monetary_restriction.date_format':
    'The end date of monetary restriction does not match the format YYYY-MM-DD.',
  'end_date_service_restriction.date_format':
    'The end date of service restriction does not match the format YYYY-MM-DD.',
  'end_date_visibility_restriction.date_format':
    'The end date of visibility restriction does not match the format YYYY-MM-DD.',
  'puid.regex': 'The puid format is invalid.',
};

/** A field's rules, ready to run: its dot path split once, and what its list says of every rule in it. */
interface FieldRules {
  attribute: string;
  path: readonly string[];
  rules: readonly Rule[];
  nullable: boolean;
  /** The list has the `array` rule (an array may then pass `in`, and sizes are counts of items). */
  array: boolean;
}

function fieldRules(attribute: string, rules: Rule[]): FieldRules {
  return {
    attribute,
    path: attribute.split('.'),
    rules,
    nullable: rules.some((rule) => rule.kind === 'nullable'),
    array: rules.some((rule) => rule.kind === 'array'),
  };
}

/**
 * The rule set of a statement. It depends on the endpoint and on three facts of the statement (whether it chose
 * the visibility, content type and source "other"/voluntary values), so the 16 sets are built once each and kept.
 */
const ruleSets = new Map<string, readonly FieldRules[]>();

function statementRules(data: Data, endpoint: TdbEndpoint): readonly FieldRules[] {
  // The single endpoint reads the conditions with PHP's `(array)` cast; the batch only from a real array.
  const asList = (value: unknown): unknown[] =>
    Array.isArray(value)
      ? value
      : isObject(value)
        ? Object.values(value)
        : endpoint === 'statement' && value !== null && value !== undefined
          ? [value]
          : [];
  const conditions = {
    visibilityOther: asList(data.decision_visibility).includes('DECISION_VISIBILITY_OTHER'),
    contentTypeOther: asList(data.content_type).includes('CONTENT_TYPE_OTHER'),
    sourceVoluntary: asList(data.source_type).includes('SOURCE_VOLUNTARY'),
  };
  const key = `${endpoint}:${Number(conditions.visibilityOther)}${Number(conditions.contentTypeOther)}${Number(conditions.sourceVoluntary)}`;
  let set = ruleSets.get(key);
  if (!set) {
    set = buildStatementRules(conditions, endpoint).map(([attribute, rules]) => fieldRules(attribute, rules));
    ruleSets.set(key, set);
  }
  return set;
}

/** The fields each rule set lists, in its order (the order of the `errors` object). */
function buildStatementRules(
  {
    visibilityOther,
    contentTypeOther,
    sourceVoluntary,
  }: { visibilityOther: boolean; contentTypeOther: boolean; sourceVoluntary: boolean },
  endpoint: TdbEndpoint,
): [string, Rule[]][] {
  const contentId: [string, Rule[]][] = [
    ['content_id', [array, nullable]],
    ['content_id.EAN-13', [string, { kind: 'regex', pattern: EAN13 }]],
  ];
  const endDate = (field: string): [string, Rule[]] => [field, [dateFormat, nullable, beforeOrEqual('2038-01-01')]];
  const rules: [string, Rule[]][] = [
    ...(endpoint === 'statement'
      ? [...contentId, ['content_id_ean', [nullable, string, { kind: 'regex', pattern: EAN13 }]] as [string, Rule[]]]
      : []),
    [
      'decision_visibility',
      [
        array,
        oneOf(DECISION_VISIBILITIES, true),
        requiredWithoutAll('decision_monetary', 'decision_provision', 'decision_account'),
        nullable,
      ],
    ],
    [
      'decision_visibility_other',
      [max(500), ...when(visibilityOther, required), ...when(!visibilityOther, { kind: 'exclude' })],
    ],
    [
      'decision_monetary',
      [
        oneOf(DECISION_MONETARIES, true),
        requiredWithoutAll('decision_visibility', 'decision_provision', 'decision_account'),
        nullable,
      ],
    ],
    [
      'decision_monetary_other',
      [
        requiredIf('decision_monetary', 'DECISION_MONETARY_OTHER'),
        excludeUnless('decision_monetary', 'DECISION_MONETARY_OTHER'),
        max(500),
      ],
    ],
    [
      'decision_provision',
      [
        oneOf(DECISION_PROVISIONS, true),
        requiredWithoutAll('decision_visibility', 'decision_monetary', 'decision_account'),
        nullable,
      ],
    ],
    [
      'decision_account',
      [
        oneOf(DECISION_ACCOUNTS, true),
        requiredWithoutAll('decision_visibility', 'decision_monetary', 'decision_provision'),
        nullable,
      ],
    ],
    ['account_type', [oneOf(ACCOUNT_TYPES, true), nullable]],
    ['category_specification', [array, oneOf(KEYWORDS, true), nullable]],
    ['category_specification_other', [max(500)]],
    ['decision_ground', [required, oneOf(DECISION_GROUNDS)]],
    ['decision_ground_reference_url', [url, nullable, max(500)]],
    [
      'illegal_content_legal_ground',
      [requiredIf('decision_ground', ILLEGAL), excludeUnless('decision_ground', ILLEGAL), max(500)],
    ],
    [
      'illegal_content_explanation',
      [requiredIf('decision_ground', ILLEGAL), excludeUnless('decision_ground', ILLEGAL), max(2000)],
    ],
    [
      'incompatible_content_ground',
      [requiredIf('decision_ground', INCOMPATIBLE), excludeUnless('decision_ground', INCOMPATIBLE), max(500)],
    ],
    [
      'incompatible_content_explanation',
      [requiredIf('decision_ground', INCOMPATIBLE), excludeUnless('decision_ground', INCOMPATIBLE), max(2000)],
    ],
    [
      'incompatible_content_illegal',
      [oneOf(INCOMPATIBLE_CONTENT_ILLEGALS), excludeUnless('decision_ground', INCOMPATIBLE)],
    ],
    ['content_type', [array, required, oneOf(CONTENT_TYPES)]],
    [
      'content_type_other',
      [max(500), ...when(contentTypeOther, required), ...when(!contentTypeOther, { kind: 'exclude' })],
    ],
    ['category', [required, oneOf(STATEMENT_CATEGORIES)]],
    ['category_addition', [array, oneOf(STATEMENT_CATEGORIES)]],
    ['territorial_scope', [array, nullable, oneOf(EEA_COUNTRY_CODES)]],
    ['content_language', [oneOf(ALL_LANGUAGES), nullable]],
    ['content_date', [required, dateFormat, afterOrEqual('2000-01-01'), beforeOrEqual('2038-01-01')]],
    ['application_date', [required, dateFormat, afterOrEqual('2020-01-01'), beforeOrEqual('2038-01-01')]],
    endDate('end_date_account_restriction'),
    endDate('end_date_monetary_restriction'),
    endDate('end_date_service_restriction'),
    endDate('end_date_visibility_restriction'),
    ['decision_facts', [required, max(5000)]],
    ['source_type', [required, oneOf(SOURCE_TYPES)]],
    [
      'source_identity',
      endpoint === 'statement' ? [max(500), ...when(sourceVoluntary, { kind: 'exclude' })] : [max(500), nullable],
    ],
    ['automated_detection', [required, oneOf(AUTOMATED_DETECTIONS)]],
    ['automated_decision', [required, oneOf(AUTOMATED_DECISIONS)]],
    ['puid', [required, max(500), { kind: 'regex', pattern: PUID }]],
    ...(endpoint === 'statements' ? contentId : []),
  ];
  return rules;
}

/**
 * Problems of one statement, as the database's 422 `errors` for it: empty when its validation would pass. Whether
 * the puid was used before only the database knows (its duplicate-puid 422); `endpoint` picks the rule set.
 */
export function tdbProblems(statement: unknown, endpoint: TdbEndpoint = 'statements'): TdbErrors {
  const data = asData(asReceived(statement));
  return runRules(data, statementRules(data, endpoint));
}

/**
 * Problems of a batch body `{"statements": [...]}` before its items are looked at (the `$request->validate` of
 * StatementMultipleAPIController): `statements` is required, an array, of 1 to 100 items.
 */
export function tdbBatchProblems(body: unknown): TdbErrors {
  const data = asData(asReceived(body));
  return runRules(data, BATCH_RULES);
}

const BATCH_RULES = [fieldRules('statements', [required, array, { kind: 'between', min: 1, max: 100 }])];

/** Laravel's ValidationException message: the first message, and "(and N more error[s])". */
export function tdbSummary(errors: TdbErrors): string {
  const all = Object.values(errors).flat();
  if (all.length === 0) return 'The given data was invalid.';
  const more = all.length - 1;
  return more === 0 ? all[0]! : `${all[0]!} (and ${more} more ${more === 1 ? 'error' : 'errors'})`;
}

/** The request as the database's validation sees it: strings trimmed, empty strings null (its global middleware). */
export function asReceived(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = EDGE_SPACE.test(value) ? value.replace(EDGE_SPACES, '') : value;
    return trimmed === '' ? null : trimmed;
  }
  if (Array.isArray(value)) return value.map(asReceived);
  if (isObject(value)) {
    const received: Data = {};
    for (const key of Object.keys(value)) received[key] = asReceived(value[key]);
    return received;
  }
  return value;
}

/** What TrimStrings trims: white space, and the byte-order mark and zero-width characters it lists. */
const EDGE_SPACE = /^[\s\uFEFF\u200B\u200E]|[\s\uFEFF\u200B\u200E]$/;
const EDGE_SPACES = /^[\s\uFEFF\u200B\u200E]+|[\s\uFEFF\u200B\u200E]+$/g;

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asData(value: unknown): Data {
  return isObject(value) ? value : {};
}

const ABSENT = { present: false, value: null } as const;

/** Arr::has / Arr::get with dot notation (the path split at its dots). */
function lookup(data: Data, path: readonly string[]): { present: boolean; value: unknown } {
  if (path.length === 1) {
    const key = path[0]!;
    return Object.hasOwn(data, key) ? { present: true, value: data[key] } : ABSENT;
  }
  let current: unknown = data;
  for (const key of path) {
    if (Array.isArray(current) && /^\d+$/.test(key) && Number(key) < current.length) {
      current = current[Number(key)];
    } else if (isObject(current) && Object.hasOwn(current, key)) {
      current = current[key];
    } else {
      return ABSENT;
    }
  }
  return { present: true, value: current };
}

/** A field named in a rule (`required_if:decision_ground,…`): always a top-level field here. */
function field(data: Data, name: string): unknown {
  return Object.hasOwn(data, name) ? data[name] : null;
}

function runRules(data: Data, rules: readonly FieldRules[]): TdbErrors {
  return evaluate(data, rules).errors;
}

/** Laravel's Validator::passes(): the messages, and the fields an `exclude` rule dropped. */
function evaluate(data: Data, rules: readonly FieldRules[]): { errors: TdbErrors; excluded: Set<string> } {
  const errors: TdbErrors = {};
  const excluded = new Set<string>();
  for (const fieldRule of rules) {
    const { attribute, rules: list, nullable: isNullable } = fieldRule;
    const { present, value } = lookup(data, fieldRule.path);
    const blank = typeof value === 'string' && value.trim() === '';
    for (const rule of list) {
      if (rule.kind === 'nullable') continue;
      if (rule.kind === 'exclude' || (rule.kind === 'exclude_unless' && !sameAs(field(data, rule.field), rule.value))) {
        excluded.add(attribute);
        break;
      }
      if (rule.kind === 'exclude_unless') continue;
      const implicit = IMPLICIT.has(rule.kind);
      const validatable = implicit || (!blank && present && !(isNullable && value === null));
      if (!validatable || passes(rule, value, data, fieldRule.array)) continue;
      (errors[attribute] ??= []).push(message(attribute, rule, fieldRule.array));
      if (implicit) break;
    }
  }
  return { errors, excluded };
}

/**
 * What the database keeps of a statement it accepts (Laravel's `validated()`): the fields its rules name, as
 * received (trimmed, empty strings null), in the order of its rules, without the fields an `exclude` rule dropped
 * (e.g. the illegal-content texts of an incompatible-content decision). Fields it has no rule for are not kept.
 */
export function tdbValidated(statement: unknown, endpoint: TdbEndpoint = 'statements'): Record<string, unknown> {
  const data = asData(asReceived(statement));
  const rules = statementRules(data, endpoint);
  const { excluded } = evaluate(data, rules);
  const kept: Record<string, unknown> = {};
  for (const { attribute, path } of rules) {
    if (path.length > 1 || excluded.has(attribute)) continue;
    const { present, value } = lookup(data, path);
    if (present) kept[attribute] = value;
  }
  return kept;
}

/** `in_array($other, $values)` of the dependent rules: a loose comparison of strings. */
function sameAs(other: unknown, value: string): boolean {
  return (
    other !== null && other !== undefined && !isObject(other) && !Array.isArray(other) && phpString(other) === value
  );
}

/** PHP's `(string)` of a JSON scalar. */
function phpString(value: unknown): string {
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  return String(value);
}

function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

function size(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  return [...phpString(value)].length;
}

function passes(rule: Rule, value: unknown, data: Data, asArray: boolean): boolean {
  switch (rule.kind) {
    case 'required':
      return filled(value);
    case 'required_if':
      return !Object.hasOwn(data, rule.field) || !sameAs(data[rule.field], rule.value) || filled(value);
    case 'required_without_all':
      return rule.fields.some((name) => filled(field(data, name))) || filled(value);
    case 'array':
      return Array.isArray(value) || isObject(value);
    case 'string':
      return typeof value === 'string';
    case 'in': {
      // An array passes only when the field also has the `array` rule, and then each of its items must be listed.
      const items = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : null;
      if (items === null) return rule.values.has(phpString(value));
      if (!asArray) return false;
      return items.every((item) => typeof item !== 'object' && rule.values.has(phpString(item)));
    }
    case 'max':
      return size(value) <= rule.size;
    case 'between':
      return size(value) >= rule.min && size(value) <= rule.max;
    case 'regex':
      return (typeof value === 'string' || typeof value === 'number') && rule.pattern.test(String(value));
    case 'url':
      return typeof value === 'string' && isUrl(value);
    case 'date_format':
      return (typeof value === 'string' || typeof value === 'number') && strictDay(String(value)) !== null;
    case 'after_or_equal':
    case 'before_or_equal': {
      const day = typeof value === 'string' || typeof value === 'number' ? lenientDay(String(value)) : null;
      if (day === null) return false;
      return rule.kind === 'after_or_equal' ? day >= rule.date : day <= rule.date;
    }
    default:
      return true;
  }
}

/** `date_format:Y-m-d`: PHP parses it and formats it back; only a real calendar day in that form passes. */
function strictDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  return lenientDay(text) === text ? text : null;
}

/** Days read so far: a batch's statements share a few days, each checked by three rules. Bounded. */
const daysRead = new Map<string, string | null>();

function lenientDay(text: string): string | null {
  let day = daysRead.get(text);
  if (day === undefined) {
    day = readDay(text);
    if (daysRead.size >= 10_000) daysRead.clear();
    daysRead.set(text, day);
  }
  return day;
}

/** PHP's `DateTime::createFromFormat('!Y-m-d')`, which rolls an out-of-range month or day over. */
function readDay(text: string): string | null {
  const match = /^(\d{1,4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return null;
  return `${String(year).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Laravel's `url` rule (Str::isUrl): a scheme, "://", and a host that is localhost, an IP address or a dotted
 * domain, then an optional port, path, query and fragment without spaces.
 */
function isUrl(text: string): boolean {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^\s/?#@]+@)?(\[[0-9a-f:.]+\]|[^\s/?#:[\]]+)(?::\d+)?(?:[/?#]\S*)?$/i.exec(
    text,
  );
  if (!match) return false;
  const host = match[2]!;
  return (
    host === 'localhost' ||
    host.startsWith('[') ||
    /^(?:[\p{L}\p{N}\p{S}\p{M}_-]+\.)+[\p{L}\p{N}\p{M}]+\.?$/u.test(host)
  );
}

/** Laravel's displayable attribute: `str_replace('_', ' ', Str::snake($attribute))`. */
function displayName(attribute: string): string {
  const snake = /^[a-z]+$/.test(attribute)
    ? attribute
    : (attribute.charAt(0).toUpperCase() + attribute.slice(1)).replace(/(.)(?=[A-Z])/g, '$1_').toLowerCase();
  return snake.replace(/_/g, ' ');
}

function message(attribute: string, rule: Rule, asArray: boolean): string {
  const custom = CUSTOM_MESSAGES[`${attribute}.${rule.kind}`];
  if (custom) return custom;
  const name = displayName(attribute);
  switch (rule.kind) {
    case 'required':
      return `The ${name} field is required.`;
    case 'required_if':
      return `The ${name} field is required when ${displayName(rule.field)} is ${rule.value}.`;
    case 'required_without_all':
      return `The ${name} field is required when none of ${rule.fields.map(displayName).join(' / ')} are present.`;
    case 'array':
      return `The ${name} field must be an array.`;
    case 'string':
      return `The ${name} field must be a string.`;
    case 'in':
      return `The selected ${name} is invalid.`;
    case 'max':
      return asArray
        ? `The ${name} field must not have more than ${rule.size} items.`
        : `The ${name} field must not be greater than ${rule.size} characters.`;
    case 'between':
      return asArray
        ? `The ${name} field must have between ${rule.min} and ${rule.max} items.`
        : `The ${name} field must be between ${rule.min} and ${rule.max} characters.`;
    case 'regex':
      return `The ${name} field format is invalid.`;
    case 'url':
      return `The ${name} field must be a valid URL.`;
    case 'date_format':
      return `The ${name} field must match the format Y-m-d.`;
    case 'after_or_equal':
      return `The ${name} field must be a date after or equal to ${rule.date}.`;
    case 'before_or_equal':
      return `The ${name} field must be a date before or equal to ${rule.date}.`;
    default:
      return `The ${name} field is invalid.`;
  }
}
