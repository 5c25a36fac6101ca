/**
 * The crisis detector states its reasons for the record (src/crisis/assess.ts, `explain`): which rule fired, with
 * the baseline, the observed count and the threshold. That reads well to an analyst, not to a journalist. This turns
 * such a reason into plain sentences; the page keeps the original, numbers and all, behind a "Details" toggle.
 * Reasons a person wrote (a staff proposal) are not the detector's and come back as null: they are shown as written.
 */

const N = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;
const DAY = String.raw`\d{4}-\d{2}-\d{2}`;

const SPIKE = new RegExp(
  String.raw`^ACUTE: the week (${DAY}) to (${DAY}) had (${N}) political-violence events against a baseline of (${N}) \(scale ${N}\): robust z ${N} > ${N}, and more than (${N})\.$`,
);
const RISE = new RegExp(
  String.raw`^ACUTE: a sustained rise: CUSUM ${N} > ${N} over the last (\d+) weeks \(baseline (${N}), scale ${N}\)\.$`,
);
const NO_SPIKE = new RegExp(
  String.raw`^No acute spike: (${N}) political-violence events in the week (${DAY}) to (${DAY}) against a baseline of (${N}) \(scale ${N}, z ${N}\); a spike needs more than ${N}; CUSUM ${N} ≤ ${N}\.$`,
);
const CHRONIC = new RegExp(String.raw`^CHRONIC: (.+); in the top decile (\d+) of the last (\d+) weeks\.$`);
const BY_RATE = new RegExp(
  String.raw`^its state-repression rate of (${N}) (per million people per week|per week) \(median\) is at or above the (\d+)th percentile of all places \((${N})\)$`,
);
const BY_CIVIC_SPACE = /^its civic space is rated (\w+)$/;
const NOT_CHRONIC = new RegExp(
  String.raw`^Not chronic: state-repression rate (${N}) (?:per million people per week|per week) against the \d+th percentile of all places \(${N}\)(?:, but a median below ${N} event per week)?; civic space (\w+)\.$`,
);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03-04` as "4 March 2026". */
function spoken(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** "4 to 10 March 2026", "28 February to 6 March 2026", across a year too. */
function weekOf(first: string, last: string): string {
  const [a, b] = [spoken(first).split(' '), spoken(last).split(' ')];
  if (a[2] !== b[2]) return `${spoken(first)} to ${spoken(last)}`;
  return a[1] === b[1] ? `${a[0]} to ${spoken(last)}` : `${a[0]} ${a[1]} to ${spoken(last)}`;
}

/** A count as people say it: whole numbers as they are, others to two significant figures at most. */
function amount(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value >= 10 ? Math.round(value).toLocaleString('en') : String(Number(value.toPrecision(2)));
}

const events = (count: number, what = 'violent political event'): string =>
  `${amount(count)} ${what}${count === 1 ? '' : 's'}`;

/** How many times the usual level: "3.2 times", "26 times"; a usual level of none cannot be multiplied. */
function times(observed: number, usual: number): string | null {
  if (usual <= 0) return null;
  const ratio = observed / usual;
  return `${ratio >= 10 ? Math.round(ratio) : Number(ratio.toFixed(1))} times`;
}

function acuteSentences(text: string, place: string): string[] | null {
  const spike = SPIKE.exec(text);
  if (spike) {
    const [, first, last, observed, baseline, threshold] = spike as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [count, usual] = [Number(observed), Number(baseline)];
    const ratio = times(count, usual);
    return [
      `In the week of ${weekOf(first, last)}, ${events(count)} were recorded in ${place}: ${ratio ? `${ratio} its usual level of ${amount(usual)} a week` : 'in a usual week there are none'}.`,
      `That is a sudden spike: for ${place}, anything above ${amount(Number(threshold))} a week is already unusual.`,
    ];
  }
  const rise = RISE.exec(text);
  if (rise) {
    const [, weeks, baseline] = rise as unknown as [string, string, string];
    return [
      `Violent political events in ${place} have kept rising, week after week, over the last ${weeks} weeks, above its usual level of ${amount(Number(baseline))} a week.`,
    ];
  }
  const none = NO_SPIKE.exec(text);
  if (none) {
    const [, observed, first, last, baseline] = none as unknown as [string, string, string, string, string];
    return [
      `Violence in ${place} did not suddenly spike: the week of ${weekOf(first, last)} saw ${events(Number(observed))}, against a usual ${amount(Number(baseline))} a week.`,
    ];
  }
  return null;
}

function chronicSentences(text: string, place: string): string[] | null {
  const chronic = CHRONIC.exec(text);
  if (chronic) {
    const [, reasons, topWeeks, weeks] = chronic as unknown as [string, string, string, string];
    const sentences: string[] = [];
    for (const reason of reasons.split(', and ')) {
      const rate = BY_RATE.exec(reason);
      const civic = BY_CIVIC_SPACE.exec(reason);
      if (rate) {
        const [, value, unit, percentile] = rate as unknown as [string, string, string, string];
        const perMillion = unit.startsWith('per million');
        sentences.push(
          `${place} is among the places with the most state violence: in a typical week of the last year, police or military forces took part in ${events(Number(value), 'violent event')}${perMillion ? ' per million people' : ''}, at least as high as in ${percentile}% of the places compared.`,
        );
      } else if (civic) {
        sentences.push(
          `Its civic space (the freedom to organise, protest and speak out) is rated "${civic[1]}" on the CIVICUS Monitor's scale from open to closed.`,
        );
      } else {
        return null;
      }
    }
    sentences.push(
      `It was among the tenth of places with the most state violence in ${topWeeks} of the last ${weeks} weeks.`,
    );
    return sentences;
  }
  const not = NOT_CHRONIC.exec(text);
  if (not)
    return [
      `State violence in ${place} is not among the highest of the places compared, and its civic space is rated "${not[2]}".`,
    ];
  return null;
}

/**
 * The detector's reason as plain sentences about `place` (the country's name), or null when the text is not the
 * detector's (then it is shown as written). What made the designation (`kind`) comes first, the other rule after.
 */
export function plainReasons(reasons: string, place: string, kind: 'acute' | 'chronic'): string[] | null {
  const split = /^(.*?\.) ((?:CHRONIC|Not chronic): .*)$/.exec(reasons.trim());
  if (!split) return null;
  const acute = acuteSentences(split[1] as string, place);
  const chronic = chronicSentences(split[2] as string, place);
  if (!acute || !chronic) return null;
  return kind === 'acute' ? [...acute, ...chronic] : [...chronic, ...acute];
}
