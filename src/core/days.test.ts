import { describe, expect, it } from 'vitest';
import { dayProblem, instantInRange, isCalendarDay } from './days.js';

describe('the accepted calendar', () => {
  it('knows a calendar day from a lookalike', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2023-13-01')).toBe(false);
    expect(isCalendarDay('2023-6-1')).toBe(false);
  });

  it('accepts days from 1970-01-01 to 2100-12-31 and names the bound it breaks otherwise', () => {
    expect(dayProblem('1970-01-01')).toBeNull();
    expect(dayProblem('2100-12-31')).toBeNull();
    expect(dayProblem('9999-12-31')).toBe('must be a day from 1970-01-01 to 2100-12-31');
    expect(dayProblem('0000-01-01')).toMatch(/not a date|from 1970/);
    expect(dayProblem('1969-12-31')).toBe('must be a day from 1970-01-01 to 2100-12-31');
    expect(dayProblem('soon')).toMatch(/YYYY-MM-DD/);
  });

  it('bounds instants to the same calendar, to the last millisecond of its last day', () => {
    expect(instantInRange(Date.parse('2100-12-31T23:59:59.999Z'))).toBe(true);
    expect(instantInRange(Date.parse('2101-01-01T00:00:00Z'))).toBe(false);
    expect(instantInRange(Date.parse('1969-12-31T23:59:59Z'))).toBe(false);
    expect(instantInRange(Number.NaN)).toBe(false);
  });
});
