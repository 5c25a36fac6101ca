import { IntlMessageFormat } from 'intl-messageformat';
import { invalid } from '../core/errors.js';
import {
  MESSAGE_LANGUAGES,
  MESSAGES,
  type MessageArgument,
  type MessageKey,
  type MessageLanguage,
} from './message-catalog.js';

export { LANGUAGE_NAMES, MESSAGE_KEYS, MESSAGE_LANGUAGES, MESSAGES } from './message-catalog.js';
export type { MessageArgument, MessageKey, MessageLanguage } from './message-catalog.js';

/**
 * Messages to the people a decision concerns, in their language: which language a message goes out in, whether a
 * template policy staff wrote may be used, and formatting one with ICU MessageFormat (intl-messageformat).
 */

export const isMessageLanguage = (value: string): value is MessageLanguage =>
  (MESSAGE_LANGUAGES as readonly string[]).includes(value);

export const isMessageKey = (value: string): value is MessageKey => Object.hasOwn(MESSAGES, value);

/** The shipped language a BCP 47 tag falls under (`fr-BE` -> `fr`), or null when none is shipped. */
export function shippedLanguageOf(tag: string | null | undefined): MessageLanguage | null {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isMessageLanguage(primary) ? primary : null;
}

/**
 * The language a message goes out in: the recipient's own where it is known and shipped (the notifier's choice on
 * the notice, their browser's at filing, the user's as the platform states it), else the language of the content
 * the message is about, else English.
 */
export function messageLanguage(known: {
  recipient?: string | null | undefined;
  content?: string | null | undefined;
}): MessageLanguage {
  return shippedLanguageOf(known.recipient) ?? shippedLanguageOf(known.content) ?? 'en';
}

/**
 * The shipped language an `Accept-Language` header prefers most (RFC 9110 §12.5.4: by quality, then by order), or
 * null when it names none of them.
 */
export function preferredLanguage(header: string | null | undefined): MessageLanguage | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: shippedLanguageOf(tag), quality: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.language !== null && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return ranked[0]?.language ?? null;
}

/** Dates in messages are days, told in UTC as the rest of Docket tells them. */
const DAY = { timeZone: 'UTC' } as const;
const FORMATS = {
  date: {
    short: { ...DAY, day: 'numeric', month: 'numeric', year: '2-digit' },
    medium: { ...DAY, day: 'numeric', month: 'short', year: 'numeric' },
    long: { ...DAY, day: 'numeric', month: 'long', year: 'numeric' },
    full: { ...DAY, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  },
  time: {},
  number: {},
} as const;

function compileMessage(text: string, language: MessageLanguage): IntlMessageFormat {
  return new IntlMessageFormat(text, language, FORMATS, { ignoreTag: true });
}

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };

/** The names of the arguments a message's syntax tree uses, in its branches too. */
function argumentsUsed(elements: readonly Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    // Argument, number, date, time, select and plural elements name an argument (intl-messageformat's TYPE 1-6).
    if (element.type >= 1 && element.type <= 6 && typeof element.value === 'string') into.add(element.value);
    for (const option of Object.values(element.options ?? {})) argumentsUsed(option.value, into);
  }
  return into;
}

/** Sample values of a message's arguments, one set per value of its select arguments, to try every branch. */
function samplesOf(args: readonly MessageArgument[]): Record<string, string | Date>[] {
  let sets: Record<string, string | Date>[] = [{}];
  for (const arg of args) {
    if (arg.kind === 'select')
      sets = sets.flatMap((set) => [...arg.values, 'other'].map((v) => ({ ...set, [arg.name]: v })));
    else sets = sets.map((set) => ({ ...set, [arg.name]: arg.kind === 'date' ? new Date(arg.sample) : arg.sample }));
  }
  return sets;
}

/** The most a template may hold, in characters. */
export const MAX_TEMPLATE_CHARS = 4_000;

/**
 * Refuses a template that is not a message Docket can send: empty or too long, not valid ICU MessageFormat, using an
 * argument the message does not have, or failing to format one of its branches. The problem names `/text`.
 */
export function checkTemplate(key: MessageKey, language: MessageLanguage, text: string): void {
  if (text.trim() === '') throw invalid('/text', 'must not be empty');
  if (text.length > MAX_TEMPLATE_CHARS) throw invalid('/text', `must be at most ${MAX_TEMPLATE_CHARS} characters`);
  let compiled: IntlMessageFormat;
  try {
    compiled = compileMessage(text, language);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(
      '/text',
      `is not valid ICU MessageFormat (${reason}): check the braces and that select has an other case`,
    );
  }
  const known: readonly MessageArgument[] = MESSAGES[key].arguments;
  const names = known.map((a) => a.name);
  const unknown = [...argumentsUsed(compiled.getAst() as Element[])].filter((name) => !names.includes(name));
  if (unknown.length > 0)
    throw invalid(
      '/text',
      `uses ${unknown.map((n) => `{${n}}`).join(', ')}, which this message does not have; it may use ${names.length > 0 ? names.map((n) => `{${n}}`).join(', ') : 'no arguments'}`,
    );
  for (const sample of samplesOf(known)) {
    try {
      compiled.format(sample);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw invalid('/text', `does not format (${reason})`);
    }
  }
}

/** A message's arguments: text, dates, or one of a select's values. */
export type MessageArgs = Record<string, string | Date>;

/** Formats messages in one language: `say(key, args)`, from the templates in force. */
export type Say = (key: MessageKey, args?: MessageArgs) => string;

/** The templates policy staff saved in place of the defaults, by language then key. */
export type TemplateOverrides = ReadonlyMap<string, string>;

const overrideKey = (language: MessageLanguage, key: MessageKey) => `${language}|${key}`;

/** Overrides keyed for `sayer`, from rows of (language, key, text). */
export function overridesOf(rows: readonly { language: string; key: string; text: string }[]): TemplateOverrides {
  return new Map(rows.map((r) => [`${r.language}|${r.key}`, r.text]));
}

/** Compiled templates, kept since the same few are formatted for every decision (bounded: cleared when full). */
const compiled = new Map<string, IntlMessageFormat>();
const MAX_COMPILED = 500;

function compiledOf(text: string, language: MessageLanguage): IntlMessageFormat {
  const cacheKey = `${language}\u0000${text}`;
  let found = compiled.get(cacheKey);
  if (!found) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    found = compileMessage(text, language);
    compiled.set(cacheKey, found);
  }
  return found;
}

/** The template in force for a message in a language: policy staff's override, else the shipped default. */
export function templateOf(key: MessageKey, language: MessageLanguage, overrides: TemplateOverrides): string {
  return overrides.get(overrideKey(language, key)) ?? MESSAGES[key].defaults[language];
}

/**
 * Formats messages in `language` from the templates in force. A saved override was checked when it was saved; should
 * one still fail (a later release changed the message's arguments), the shipped default is used instead, so a
 * notice always goes out.
 */
export function sayer(language: MessageLanguage, overrides: TemplateOverrides = new Map()): Say {
  return (key, args = {}) => {
    const text = templateOf(key, language, overrides);
    try {
      return String(compiledOf(text, language).format(args));
    } catch {
      return String(compiledOf(MESSAGES[key].defaults[language], language).format(args));
    }
  };
}

/** English from the shipped templates: what pure rules say when no language and no overrides are given. */
export const ENGLISH: Say = sayer('en');

/** A message in force formatted with sample values (a select's first value), for the staff who edit it. */
export function previewOf(key: MessageKey, language: MessageLanguage, overrides: TemplateOverrides): string {
  return sayer(language, overrides)(key, samplesOf(MESSAGES[key].arguments)[0]);
}
