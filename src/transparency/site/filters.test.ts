import { describe, expect, it } from 'vitest';
import { decisionFilter, filterProblem, queryString, trackerFilter } from './filters.js';

describe('the decisions search form', () => {
  it('reads an empty form as "everything", page 1', () => {
    expect(decisionFilter({})).toEqual({ ok: true, filter: { page: 1 } });
    expect(decisionFilter({ q: '  ', country: '', policy: '', outcome: '', from: '', to: '' })).toEqual({
      ok: true,
      filter: { page: 1 },
    });
  });

  it('keeps each filter, trimmed, with the country code in capitals', () => {
    expect(
      decisionFilter({
        q: ' speech ',
        country: 'qkb',
        policy: 'violence-incitement',
        outcome: 'overturn',
        from: '2023-01-01',
        to: '2023-12-31',
        page: '2',
      }),
    ).toEqual({
      ok: true,
      filter: {
        q: 'speech',
        country: 'QKB',
        policy: 'violence-incitement',
        outcome: 'overturn',
        from: '2023-01-01',
        to: '2023-12-31',
        page: 2,
      },
    });
  });

  it('refuses a malformed or impossible date, naming the field and the form to use', () => {
    const parsed = decisionFilter({ from: '29/06/2023', to: '2023-02-30' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      { field: 'from', message: '"29/06/2023" is not a date: write it as YYYY-MM-DD, e.g. 2023-06-29' },
      { field: 'to', message: '"2023-02-30" is not a date: write it as YYYY-MM-DD, e.g. 2023-06-29' },
    ]);
  });

  it('refuses a range that ends before it starts', () => {
    const parsed = decisionFilter({ from: '2023-07-01', to: '2023-06-01' });
    expect(!parsed.ok && parsed.errors).toEqual([
      { field: 'to', message: 'the end of the range (2023-06-01) is before its start (2023-07-01)' },
    ]);
  });

  it('refuses an unknown outcome, a bad country, a bad page, an over-long search and a field sent twice', () => {
    const parsed = decisionFilter({
      outcome: 'maybe',
      country: 'Netherlands',
      page: '0',
      q: 'x'.repeat(201),
      policy: ['a', 'b'],
    });
    expect(!parsed.ok && parsed.errors.map((e) => e.field).sort()).toEqual([
      'country',
      'outcome',
      'page',
      'policy',
      'q',
    ]);
    expect(!parsed.ok && parsed.errors.find((e) => e.field === 'outcome')?.message).toBe(
      '"maybe" is not one of: uphold, overturn, adopt, reject',
    );
  });

  it('ignores parameters it does not know (a shared link may carry them)', () => {
    expect(decisionFilter({ utm_source: 'mail' })).toEqual({ ok: true, filter: { page: 1 } });
  });
});

describe('the tracker filters', () => {
  it('reads states, categories, assessments (or none), a case and a country', () => {
    expect(
      trackerFilter({
        state: 'overdue',
        category: 'none',
        assessment: 'not_demonstrated',
        case: 'bc-2023-001',
        country: 'qkb',
      }),
    ).toEqual({
      ok: true,
      filter: {
        state: 'overdue',
        category: 'none',
        assessment: 'not_demonstrated',
        case: 'BC-2023-001',
        country: 'QKB',
      },
    });
    expect(trackerFilter({ state: '', category: '' })).toEqual({ ok: true, filter: {} });
  });

  it('refuses values outside the lists', () => {
    const parsed = trackerFilter({ state: 'late', category: 'ignored', assessment: 'done', case: 'case 1' });
    expect(!parsed.ok && parsed.errors.map((e) => e.field)).toEqual(['state', 'category', 'assessment', 'case']);
  });
});

describe('search links and problems', () => {
  it('writes a filter as a query string, leaving out empty values and the first page', () => {
    expect(queryString({ country: 'QKB', outcome: undefined, q: 'a b&c', page: 1 })).toBe('?country=QKB&q=a+b%26c');
    expect(queryString({ page: 3 })).toBe('?page=3');
    expect(queryString({})).toBe('');
  });

  it('turns field errors into a validation problem with JSON pointers', () => {
    const problem = filterProblem([{ field: 'from', message: 'is not a date' }]);
    expect(problem).toMatchObject({
      code: 'validation_failed',
      message: 'the search is not valid: from: is not a date',
      fields: [{ field: '/from', message: 'is not a date' }],
    });
  });

  it('refuses days outside the accepted calendar, so a search cannot ask for the year 9999', () => {
    const parsed = decisionFilter({ from: '2023-01-01', to: '9999-12-31' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      { field: 'to', message: '"9999-12-31" must be a day from 1970-01-01 to 2100-12-31' },
    ]);
  });
});
