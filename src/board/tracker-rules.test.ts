import { describe, expect, it } from 'vitest';
import { obligationState, trackerCounts, type TrackedRecommendation } from './tracker-rules.js';

const at = (iso: string) => new Date(`${iso}T12:00:00.000Z`);
const rec = (over: Partial<TrackedRecommendation> = {}): TrackedRecommendation => ({
  responseDueAt: at('2023-08-28'),
  firstRespondedAt: null,
  latestResponse: null,
  latestAssessment: null,
  closedAt: null,
  ...over,
});

describe('where a binding decision’s implementation stands', () => {
  const due = at('2023-07-06');
  it('is open until its due date, then overdue', () => {
    expect(obligationState({ status: 'open', dueAt: due, implementedAt: null }, at('2023-07-06'))).toBe('open');
    expect(obligationState({ status: 'open', dueAt: due, implementedAt: null }, at('2023-07-07'))).toBe('overdue');
  });
  it('is implemented on time or late', () => {
    expect(
      obligationState({ status: 'implemented', dueAt: due, implementedAt: at('2023-07-03') }, at('2024-01-01')),
    ).toBe('implemented');
    expect(
      obligationState({ status: 'implemented', dueAt: due, implementedAt: at('2023-07-09') }, at('2024-01-01')),
    ).toBe('implemented_late');
  });
});

describe('the tracker’s counts', () => {
  it('counts by response state, latest category, latest assessment, closure, and obligations', () => {
    const now = at('2023-09-01');
    const counts = trackerCounts(
      [
        rec(),
        rec({ responseDueAt: at('2023-10-01') }),
        rec({
          firstRespondedAt: at('2023-08-01'),
          latestResponse: 'declined',
          latestAssessment: 'declined',
          closedAt: at('2023-08-20'),
        }),
        rec({
          firstRespondedAt: at('2023-08-30'),
          latestResponse: 'assessing_feasibility',
          latestAssessment: 'not_demonstrated',
        }),
        rec({
          firstRespondedAt: at('2023-08-01'),
          latestResponse: 'implementing_fully',
          latestAssessment: 'implemented',
          closedAt: at('2023-08-31'),
        }),
      ],
      [
        { status: 'open', dueAt: at('2023-08-01'), implementedAt: null },
        { status: 'implemented', dueAt: at('2023-08-01'), implementedAt: at('2023-07-30') },
      ],
      now,
    );
    expect(counts.recommendations).toBe(5);
    expect(counts.byState).toEqual({ awaiting: 1, overdue: 1, answered: 2, answered_late: 1 });
    expect(counts.byCategory).toMatchObject({
      none: 2,
      declined: 1,
      assessing_feasibility: 1,
      implementing_fully: 1,
      implementing_in_part: 0,
      work_already_done: 0,
    });
    expect(counts.byAssessment).toMatchObject({
      none: 2,
      declined: 1,
      not_demonstrated: 1,
      implemented: 1,
      progress_reported: 0,
    });
    expect(counts.closed).toBe(2);
    expect(counts.obligations).toEqual({ open: 0, overdue: 1, implemented: 1, implemented_late: 0 });
  });

  it('gives zeros, not missing keys, for an empty tracker', () => {
    const counts = trackerCounts([], [], at('2023-09-01'));
    expect(counts.byState).toEqual({ awaiting: 0, overdue: 0, answered: 0, answered_late: 0 });
    expect(Object.values(counts.byCategory).every((n) => n === 0)).toBe(true);
  });
});
