/**
 * The calendar Docket accepts from outside. Every day and instant a caller sends, in a query, a body, a form or
 * a CLI flag, lies between these two days (inclusive): nothing in content governance happened before the Unix
 * epoch or is due after 2100, and a bound keeps every date arithmetic, database comparison and chart series
 * finite (`to=9999-12-31` once walked three million daily buckets).
 */
export const FIRST_DAY = '1970-01-01';
export const LAST_DAY = '2100-12-31';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a text is a real day of the calendar written YYYY-MM-DD (2023-02-30 is not), whatever its year. */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What is wrong with a day a caller sent, in words for them, or null when it is a calendar day in range. */
export function dayProblem(value: string): string | null {
  if (!isCalendarDay(value)) return 'is not a date: write it as YYYY-MM-DD, e.g. 2023-06-29';
  if (value < FIRST_DAY || value > LAST_DAY) return `must be a day from ${FIRST_DAY} to ${LAST_DAY}`;
  return null;
}

const FIRST_INSTANT = Date.parse(`${FIRST_DAY}T00:00:00Z`);
const LAST_INSTANT = Date.parse(`${LAST_DAY}T23:59:59.999Z`);

/** Whether an instant (already parsed) lies in the accepted calendar. */
export const instantInRange = (ms: number): boolean => Number.isFinite(ms) && ms >= FIRST_INSTANT && ms <= LAST_INSTANT;

/** Adds calendar months in UTC; a day past the target month's end falls back to its last day. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCHours(date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  return target;
}
