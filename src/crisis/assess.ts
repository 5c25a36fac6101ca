import { existsSync } from 'node:fs';
import { dayProblem } from '../core/days.js';
import { DocketError } from '../core/errors.js';
import type { Assessment } from './contract.js';
import { readCsv, readCsvText } from './csv.js';
import {
  assessAcute,
  assessChronic,
  classifyEvent,
  median,
  percentile,
  weeksNeeded,
  type AcuteAssessment,
  type ChronicAssessment,
  type CivicSpace,
  type CrisisRules,
} from './rules.js';

export interface InputProblem {
  line: number;
  column: string;
  message: string;
}

const REQUIRED = ['event_date', 'country', 'iso3', 'event_type', 'sub_event_type', 'actor1', 'fatalities'] as const;
const CIVIC_SPACES = new Set(['open', 'narrowed', 'obstructed', 'repressed', 'closed']);
const DAY_MS = 86_400_000;
/** Days since the epoch of a day already checked by `dayProblem`. */
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const ISO3 = /^[A-Z]{3}$/;

/** A CSV input: a file, or text (an upload), with a name for messages. */
export type CsvSource = { path: string } | { name: string; text: string };

export interface AssessOptions {
  eventsPath: string | CsvSource;
  contextPath?: string | CsvSource | undefined;
  asOf?: string | undefined;
  /** Without it, any invalid line refuses the whole file (with every problem listed); with it, they are skipped and reported. */
  skipInvalid: boolean;
  onSkip?: (problem: InputProblem) => void;
  rules: CrisisRules;
}

/**
 * `docket crisis assess`: reads ACLED-style events (and optionally a context file of population and civic space),
 * bins political-violence and state-repression events into weeks counted back from the as-of date, and assesses
 * every country for an acute spike and a chronic context.
 */
export async function assessFile(options: AssessOptions): Promise<Assessment> {
  const events = sourceOf(options.eventsPath);
  const contextSource = options.contextPath === undefined ? undefined : sourceOf(options.contextPath);
  for (const source of [events, contextSource]) {
    if (source && 'path' in source && !existsSync(source.path))
      throw new DocketError('not_found', `no file ${source.path}`);
  }
  const eventsName = nameOf(events);
  const context = contextSource ? await readContext(contextSource) : null;
  const problems: InputProblem[] = [];
  const report = (problem: InputProblem) => {
    problems.push(problem);
    if (options.skipInvalid) options.onSkip?.(problem);
  };

  // Pass 1: parse and validate into compact arrays (day number, country, class) so the as-of date is known.
  const countries: string[] = [];
  const countryNames: string[] = [];
  const countryIndex = new Map<string, number>();
  let days = new Int32Array(1 << 16);
  let places = new Int32Array(1 << 16);
  let classes = new Uint8Array(1 << 16);
  let count = 0;
  let read = 0;
  let columns: Record<string, number> | null = null;
  let inter1 = -1;

  for await (const { line, fields } of recordsOf(events)) {
    if (!columns) {
      const header = fields.map((f) => f.trim().toLowerCase());
      const missing = REQUIRED.filter((name) => !header.includes(name));
      if (missing.length > 0) {
        throw new DocketError(
          'validation_failed',
          `${eventsName} line 1: missing column(s) ${missing.join(', ')} (need ${REQUIRED.join(', ')})`,
          missing.map((name) => ({ field: `line 1/${name}`, message: 'missing column' })),
        );
      }
      columns = Object.fromEntries(REQUIRED.map((name) => [name, header.indexOf(name)]));
      inter1 = header.indexOf('inter1');
      continue;
    }
    read += 1;
    const get = (name: (typeof REQUIRED)[number]) => (fields[columns?.[name] as number] ?? '').trim();
    const date = get('event_date');
    const dateProblem = dayProblem(date);
    if (dateProblem) {
      report({ line, column: 'event_date', message: `"${date}" ${dateProblem}` });
      continue;
    }
    const day = dayNumber(date);
    const iso3 = get('iso3');
    if (!ISO3.test(iso3)) {
      report({ line, column: 'iso3', message: `"${iso3}" is not an ISO 3166-1 alpha-3 code` });
      continue;
    }
    if (context && !context.has(iso3)) {
      report({ line, column: 'iso3', message: `unknown country "${iso3}": not in the context file` });
      continue;
    }
    const fatalities = get('fatalities');
    if (!/^\d+$/.test(fatalities)) {
      report({ line, column: 'fatalities', message: `"${fatalities}" is not a whole number of 0 or more` });
      continue;
    }
    if (!get('country')) {
      report({ line, column: 'country', message: 'empty' });
      continue;
    }
    const kind = classifyEvent({
      eventType: get('event_type'),
      subEventType: get('sub_event_type'),
      actor1: get('actor1'),
      inter1: inter1 >= 0 ? fields[inter1]?.trim() : undefined,
    });
    let place = countryIndex.get(iso3);
    if (place === undefined) {
      place = countries.length;
      countries.push(iso3);
      countryNames.push(get('country'));
      countryIndex.set(iso3, place);
    }
    if (count === days.length) {
      days = grow(days, new Int32Array(count * 2));
      places = grow(places, new Int32Array(count * 2));
      classes = grow(classes, new Uint8Array(count * 2));
    }
    days[count] = day;
    places[count] = place;
    classes[count] = (kind.politicalViolence ? 1 : 0) | (kind.stateRepression ? 2 : 0);
    count += 1;
  }
  if (!columns)
    throw new DocketError(
      'validation_failed',
      `${eventsName} is empty: it needs a header row (${REQUIRED.join(', ')})`,
    );
  if (problems.length > 0 && !options.skipInvalid) {
    const listed = problems.slice(0, 20).map((p) => `line ${p.line}, ${p.column}: ${p.message}`);
    throw new DocketError(
      'validation_failed',
      `${problems.length} invalid line(s) in ${eventsName}; nothing was assessed (use --skip-invalid to skip them):\n  ${listed.join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`,
      problems.slice(0, 1_000).map((p) => ({ field: `line ${p.line}/${p.column}`, message: p.message })),
    );
  }

  // As-of: given, or the latest event date; events after it are ignored.
  let asOfDay: number;
  if (options.asOf) {
    const asOfProblem = dayProblem(options.asOf);
    if (asOfProblem)
      throw new DocketError('validation_failed', `--as-of "${options.asOf}" ${asOfProblem}`, [
        { field: '/asOf', message: asOfProblem },
      ]);
    asOfDay = dayNumber(options.asOf);
  } else {
    asOfDay = -Infinity;
    for (let i = 0; i < count; i++) if ((days[i] as number) > asOfDay) asOfDay = days[i] as number;
    if (!Number.isFinite(asOfDay)) throw new DocketError('validation_failed', `${eventsName} has no events to assess`);
  }

  // Pass 2: weekly counts per place.
  const weeks = weeksNeeded(options.rules);
  const violence = countries.map(() => new Array<number>(weeks).fill(0));
  const repression = countries.map(() => new Array<number>(weeks).fill(0));
  let counted = 0;
  for (let i = 0; i < count; i++) {
    const delta = asOfDay - (days[i] as number);
    if (delta < 0) continue;
    const week = Math.floor(delta / 7);
    if (week >= weeks) continue;
    const cls = classes[i] as number;
    const place = places[i] as number;
    if (cls & 1) bump(violence[place] as number[], week);
    if (cls & 2) bump(repression[place] as number[], week);
    counted += 1;
  }

  // Chronic: compared across places, per million people when every place has a population.
  const perMillion = context !== null && countries.every((c) => (context.get(c)?.population ?? 0) > 0);
  const millions = (iso3: string) => (perMillion ? (context?.get(iso3)?.population as number) / 1e6 : null);
  const rates = countries.map((iso3, p) => {
    const m = millions(iso3);
    const med = median((repression[p] as number[]).slice(0, options.rules.chronicWeeks));
    return m === null ? med : med / m;
  });
  const weeklyThresholds = Array.from({ length: options.rules.chronicWeeks }, (_, w) =>
    percentile(
      countries.map((iso3, p) => (repression[p]?.[w] ?? 0) / (millions(iso3) ?? 1)),
      options.rules.chronicPercentile,
    ),
  );
  const lastWeekStart = new Date((asOfDay - 6) * DAY_MS).toISOString().slice(0, 10);
  const asOf = new Date(asOfDay * DAY_MS).toISOString().slice(0, 10);

  const assessed = countries.map((iso3, p) => {
    const acute = assessAcute(violence[p] as number[], lastWeekStart, options.rules);
    const chronic = assessChronic(
      {
        weekly: repression[p] as number[],
        perMillion: millions(iso3),
        civicSpace: context?.get(iso3)?.civicSpace ?? null,
      },
      { rates, weeklyThresholds },
      options.rules,
    );
    const { spike: _spike, sustainedRise: _rise, ...acuteOut } = acute;
    const { threshold: _t, medianWeekly: _m, byRate: _r, byCivicSpace: _c, ...chronicOut } = chronic;
    return {
      iso3,
      name: countryNames[p] as string,
      acute: acuteOut,
      chronic: chronicOut,
      explanation: explain(acute, chronic, asOf, perMillion, options.rules),
    };
  });
  assessed.sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : 0));
  const series = Object.fromEntries(countries.map((iso3, p) => [iso3, violence[p] as number[]]));
  return { asOf, events: { read, counted, skipped: problems.length }, perMillion, countries: assessed, series };
}

function explain(
  acute: AcuteAssessment,
  chronic: ChronicAssessment,
  asOf: string,
  perMillion: boolean,
  rules: CrisisRules,
): string {
  const acuteText = acute.spike
    ? `ACUTE: the week ${acute.week} to ${asOf} had ${acute.observed} political-violence events against a baseline of ${acute.baseline} (scale ${acute.scale}): robust z ${acute.z} > ${rules.zThreshold}, and more than ${acute.threshold}.`
    : acute.sustainedRise
      ? `ACUTE: a sustained rise: CUSUM ${acute.cusum} > ${rules.cusumH} over the last ${rules.cusumWeeks} weeks (baseline ${acute.baseline}, scale ${acute.scale}).`
      : `No acute spike: ${acute.observed} political-violence events in the week ${acute.week} to ${asOf} against a baseline of ${acute.baseline} (scale ${acute.scale}, z ${acute.z}); a spike needs more than ${acute.threshold}; CUSUM ${acute.cusum} ≤ ${rules.cusumH}.`;
  const unit = perMillion ? 'per million people per week' : 'per week';
  const reasons = [
    chronic.byRate
      ? `its state-repression rate of ${chronic.rate} ${unit} (median) is at or above the ${rules.chronicPercentile}th percentile of all places (${chronic.threshold})`
      : null,
    chronic.byCivicSpace ? `its civic space is rated ${chronic.civic_space}` : null,
  ].filter((r) => r !== null);
  const chronicText = chronic.flag
    ? `CHRONIC: ${reasons.join(', and ')}; in the top decile ${chronic.weeks_in_top_decile} of the last ${rules.chronicWeeks} weeks.`
    : `Not chronic: state-repression rate ${chronic.rate} ${unit} against the ${rules.chronicPercentile}th percentile of all places (${chronic.threshold})${chronic.medianWeekly < rules.chronicMinimumMedian && chronic.rate >= chronic.threshold ? `, but a median below ${rules.chronicMinimumMedian} event per week` : ''}; civic space ${chronic.civic_space ?? 'unknown'}.`;
  return `${acuteText} ${chronicText}`;
}

async function readContext(
  source: CsvSource,
): Promise<Map<string, { population: number | null; civicSpace: CivicSpace | null }>> {
  const context = new Map<string, { population: number | null; civicSpace: CivicSpace | null }>();
  const problems: string[] = [];
  let header: string[] | null = null;
  const path = nameOf(source);
  for await (const { line, fields } of recordsOf(source)) {
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!header.includes('iso3'))
        throw new DocketError(
          'validation_failed',
          `${path} line 1: missing column iso3 (columns: iso3, population, civic_space)`,
        );
      continue;
    }
    const get = (name: string) =>
      header && header.indexOf(name) >= 0 ? (fields[header.indexOf(name)] ?? '').trim() : '';
    const iso3 = get('iso3');
    const population = get('population');
    const civic = get('civic_space').toLowerCase();
    if (!ISO3.test(iso3)) problems.push(`line ${line}, iso3: "${iso3}" is not an ISO 3166-1 alpha-3 code`);
    else if (population && !(Number(population) > 0))
      problems.push(`line ${line}, population: "${population}" is not a positive number`);
    else if (civic && !CIVIC_SPACES.has(civic))
      problems.push(
        `line ${line}, civic_space: "${civic}" is not one of open, narrowed, obstructed, repressed, closed`,
      );
    else
      context.set(iso3, {
        population: population ? Number(population) : null,
        civicSpace: (civic || null) as CivicSpace | null,
      });
  }
  if (problems.length > 0)
    throw new DocketError(
      'validation_failed',
      `${problems.length} invalid line(s) in ${path}:\n  ${problems.slice(0, 20).join('\n  ')}`,
    );
  return context;
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function bump(counts: number[], week: number): void {
  counts[week] = (counts[week] ?? 0) + 1;
}

const sourceOf = (input: string | CsvSource): CsvSource => (typeof input === 'string' ? { path: input } : input);
const nameOf = (source: CsvSource): string => ('path' in source ? source.path : source.name);
const recordsOf = (source: CsvSource) => ('path' in source ? readCsv(source.path) : readCsvText(source.text));
