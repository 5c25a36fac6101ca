import { describe, expect, it } from 'vitest';
import {
  assessAcute,
  assessChronic,
  classifyEvent,
  DEFAULT_CRISIS_RULES as rules,
  median,
  percentile,
  poissonQuantile,
  weekIndex,
} from './rules.js';

const flat = (value: number, weeks = 56) => Array.from({ length: weeks }, () => value);

describe('which events count (ACLED conventions)', () => {
  it('counts battles, explosions, violence against civilians and riots as political violence', () => {
    for (const eventType of ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots']) {
      expect(classifyEvent({ eventType, subEventType: '', actor1: 'Rebels' }).politicalViolence).toBe(true);
    }
    expect(
      classifyEvent({ eventType: 'Protests', subEventType: 'Peaceful protest', actor1: 'Protesters' })
        .politicalViolence,
    ).toBe(false);
  });
  it('counts excessive force against protesters and arrests too', () => {
    expect(
      classifyEvent({
        eventType: 'Protests',
        subEventType: 'Excessive force against protesters',
        actor1: 'Police Forces of X',
      }),
    ).toEqual({ politicalViolence: true, stateRepression: true });
    expect(
      classifyEvent({ eventType: 'Strategic developments', subEventType: 'Arrests', actor1: 'Military Forces of X' }),
    ).toEqual({ politicalViolence: true, stateRepression: true });
  });
  it('calls it state repression when the first actor is the state (or inter1 is 1)', () => {
    expect(
      classifyEvent({
        eventType: 'Violence against civilians',
        subEventType: 'Attack',
        actor1: 'Unidentified Armed Group',
      }).stateRepression,
    ).toBe(false);
    expect(
      classifyEvent({
        eventType: 'Violence against civilians',
        subEventType: 'Attack',
        actor1: 'Party militia',
        inter1: '1',
      }).stateRepression,
    ).toBe(true);
  });
});

describe('weeks', () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  it('counts 7-day bins back from the as-of day; later events are ignored', () => {
    expect(weekIndex(day('2026-03-10'), day('2026-03-10'))).toBe(0);
    expect(weekIndex(day('2026-03-04'), day('2026-03-10'))).toBe(0);
    expect(weekIndex(day('2026-03-03'), day('2026-03-10'))).toBe(1);
    expect(weekIndex(day('2026-03-11'), day('2026-03-10'))).toBeNull();
  });
});

describe('statistics', () => {
  it('median, linear-interpolation percentile, Poisson quantile', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5], 90)).toBeCloseTo(4.6, 10);
    expect(percentile([10], 90)).toBe(10);
    expect(poissonQuantile(2, 0.99)).toBe(6);
    expect(poissonQuantile(0, 0.99)).toBe(0);
    expect(poissonQuantile(1_000, 0.99)).toBeGreaterThanOrEqual(1_073);
    expect(poissonQuantile(1_000, 0.99)).toBeLessThanOrEqual(1_075);
  });
});

describe('acute: a spike above the place’s own baseline', () => {
  it('flags a week far above a steady baseline, explaining baseline, scale, z and threshold', () => {
    const weekly = flat(2);
    weekly[0] = 20;
    const a = assessAcute(weekly, '2026-03-04', rules);
    expect(a).toMatchObject({ flag: true, spike: true, observed: 20, baseline: 2 });
    expect(a.scale).toBeCloseTo(Math.sqrt(2), 3);
    expect(a.z).toBeCloseTo((20 - 2) / Math.sqrt(2), 2);
    expect(a.threshold).toBe(6);
  });
  it('needs all three: z above 3, above the Poisson 99th percentile, at least 5 events', () => {
    const quiet = flat(0);
    quiet[0] = 4;
    expect(assessAcute(quiet, 'w', rules).spike).toBe(false);
    quiet[0] = 5;
    expect(assessAcute(quiet, 'w', rules).spike).toBe(true);
  });
  it('does not flag a place that is violent every week: no spike over its own baseline', () => {
    const chronic = flat(30);
    chronic[0] = 33;
    expect(assessAcute(chronic, 'w', rules)).toMatchObject({ flag: false, spike: false });
  });
  it('flags a sustained rise by CUSUM even without one spiking week', () => {
    const rising = flat(10);
    for (let w = 0; w < 8; w++) rising[w] = 16;
    const a = assessAcute(rising, 'w', rules);
    expect(a.spike).toBe(false);
    expect(a.sustainedRise).toBe(true);
    expect(a.cusum).toBeGreaterThan(5);
  });
});

describe('chronic: persistently high state violence compared with other places', () => {
  const others = { rates: [0, 0, 1, 1, 2, 2, 3, 3, 4, 12], weeklyThresholds: flat(4, 52) };
  it('flags a rate at or above the 90th percentile of all places with a median of at least 1 a week', () => {
    const c = assessChronic({ weekly: flat(12), perMillion: null, civicSpace: null }, others, rules);
    expect(c).toMatchObject({ flag: true, byRate: true, rate: 12, weeks_in_top_decile: 52 });
    expect(c.threshold).toBeCloseTo(4.8, 5);
    expect(c.percentile).toBe(95);
  });
  it('does not flag a rate below the 90th percentile', () => {
    expect(assessChronic({ weekly: flat(3), perMillion: null, civicSpace: 'obstructed' }, others, rules).flag).toBe(
      false,
    );
  });
  it('flags a repressed or closed civic space whatever the rate', () => {
    expect(assessChronic({ weekly: flat(0), perMillion: null, civicSpace: 'closed' }, others, rules)).toMatchObject({
      flag: true,
      byCivicSpace: true,
      byRate: false,
    });
  });
  it('compares per million people when populations are known', () => {
    const c = assessChronic(
      { weekly: flat(12), perMillion: 4, civicSpace: null },
      { rates: [0.5, 1, 3], weeklyThresholds: flat(2, 52) },
      rules,
    );
    expect(c.rate).toBe(3);
    expect(c.flag).toBe(true);
  });
});
