import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, CONTEXT_KINDS } from '../core/outcomes.js';
import { DEFAULT_MODERATION_RULES as rules, priorityAt, priorityOf, type PriorityInput } from './rules.js';

const t0 = new Date('2026-06-01T00:00:00.000Z').getTime();
const HOUR = 3_600_000;

/** A case as the queue holds it: what was reported, when it was opened; scored at one moment. */
const caseArbitrary = fc.record({
  severity: fc.integer({ min: 1, max: 5 }),
  views: fc.integer({ min: 0, max: 2_000_000_000 }),
  followers: fc.integer({ min: 0, max: 500_000_000 }),
  postedHoursBefore: fc.option(fc.integer({ min: 0, max: 24 * 365 * 5 }), { nil: null }),
  actor: fc.constantFrom(...ACTOR_KINDS),
  context: fc.constantFrom(...CONTEXT_KINDS),
  trustedFlaggers: fc.array(fc.constantFrom('Hate Aid Watch', 'Consumer Alert'), { maxLength: 3 }),
  waitedMs: fc.integer({ min: 0, max: 3_650 * 24 * HOUR }),
});
type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The case's priority `waitedMs` after it opened, through the same two steps the service takes. */
function shown(c: Case, severity = c.severity, waitedMs = c.waitedMs) {
  const openedAt = new Date(t0);
  const input: PriorityInput = {
    severity,
    severityOf: 'some-policy/some-section',
    views: c.views,
    followers: c.followers,
    postedAt: c.postedHoursBefore === null ? null : new Date(t0 - c.postedHoursBefore * HOUR),
    actor: c.actor,
    context: c.context,
    trustedFlaggers: c.trustedFlaggers,
    openedAt,
    now: openedAt,
  };
  return priorityAt({ factors: priorityOf(input, rules).factors, openedAt }, new Date(t0 + waitedMs), rules);
}

describe('priority, over random cases', () => {
  it('the factors shown multiply to the score shown', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const priority = shown(c);
        const product = priority.factors.reduce((p, f) => p * f.value, 1);
        expect(priority.score).toBe(Math.round(product * 100) / 100);
        const flagger: string[] = c.trustedFlaggers.length > 0 ? ['trusted_flagger'] : [];
        expect(priority.factors.map((f) => f.factor).sort()).toEqual(
          ['actor', 'age', 'context', 'reach', 'severity', ...flagger].sort(),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('a fresh severity-5 case never ranks below a severity-1 case of the same reach, actor, context and flaggers, however old', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 0, max: 60 * 60 * 1000 }), (c, freshMs) => {
        expect(shown(c, 5, freshMs).score).toBeGreaterThan(shown(c, 1).score);
      }),
      { numRuns: 2_000 },
    );
  });

  it('waiting never lowers a case, and lifts it at most x4', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 0, max: 1_000 * HOUR }), (c, moreMs) => {
        const now = shown(c);
        const later = shown(c, c.severity, c.waitedMs + moreMs);
        expect(later.score).toBeGreaterThanOrEqual(now.score);
        const fresh = shown(c, c.severity, 0).factors.reduce((p, f) => p * f.value, 1);
        expect(later.score).toBeLessThanOrEqual(Math.round(fresh * 4 * 100) / 100);
      }),
      { numRuns: 1_000 },
    );
  });
});
