import { dayProblem } from '../../core/days.js';
import { DocketError } from '../../core/errors.js';

const COUNTRY = /^[A-Z]{3}$/;

export interface ReportQuery {
  period: { from: string; to: string };
  country: string | null;
}

/**
 * Reads a report's period and country from a query. Missing days default to the counted range (or today);
 * a bad day, one outside the accepted calendar (core/days.ts), a reversed period or a malformed country is refused
 * with the field named.
 */
export function parseReportQuery(
  query: { from?: string | undefined; to?: string | undefined; country?: string | undefined },
  defaults: { first: string | null; last: string | null; today: string },
): ReportQuery {
  const fields: { field: string; message: string }[] = [];
  const from = query.from || defaults.first || defaults.today;
  const to = query.to || defaults.last || defaults.today;
  for (const [field, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const problem = dayProblem(day);
    if (problem) fields.push({ field, message: problem });
  }
  if (fields.length === 0 && from > to)
    fields.push({ field: 'to', message: `the period ends (${to}) before it starts (${from})` });
  const country = query.country ? query.country.trim().toUpperCase() : '';
  if (country !== '' && country !== 'UNKNOWN' && !COUNTRY.test(country))
    fields.push({
      field: 'country',
      message: 'must be an ISO 3166-1 alpha-3 code such as KEN, or empty for all countries',
    });
  if (fields.length > 0)
    throw new DocketError('validation_failed', 'the report period or country is not valid', fields);
  return { period: { from, to }, country: country === '' ? null : country === 'UNKNOWN' ? '' : country };
}
