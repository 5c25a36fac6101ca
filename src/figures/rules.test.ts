import { describe, expect, it } from 'vitest';
import {
  checkAccountActionUnderProtocol,
  checkNoRunningRestriction,
  DEFAULT_RESTRICTION_RULES as rules,
  extensionUntil,
  planRestriction,
  protocolApplies,
  restrictionPeriod,
  reviewRestriction,
  tierFor,
} from './rules.js';

const start = new Date('2023-06-29T12:00:00.000Z');

describe('public-figure restriction protocol', () => {
  it('applies to a head of government inciting violence in an acute or a chronic context', () => {
    expect(
      protocolApplies({ figure: 'head_of_government', incitesOrCelebratesViolence: true, context: 'acute' }, rules)
        .applies,
    ).toBe(true);
    const chronic = protocolApplies(
      { figure: 'head_of_government', incitesOrCelebratesViolence: true, context: 'chronic' },
      rules,
    );
    expect(chronic).toEqual({
      applies: true,
      reason: 'a public figure incited or celebrated violence where citizens live under continuing state violence',
    });
  });

  it('does not apply without a designation, to private people, or to other violations', () => {
    expect(
      protocolApplies({ figure: 'head_of_government', incitesOrCelebratesViolence: true, context: 'none' }, rules)
        .applies,
    ).toBe(false);
    expect(protocolApplies({ figure: null, incitesOrCelebratesViolence: true, context: 'acute' }, rules).applies).toBe(
      false,
    );
    expect(
      protocolApplies({ figure: 'minister', incitesOrCelebratesViolence: false, context: 'acute' }, rules).applies,
    ).toBe(false);
  });

  it.each([
    [1, '2023-07-29T12:00:00.000Z'],
    [2, '2023-12-29T12:00:00.000Z'],
    [3, '2024-06-29T12:00:00.000Z'],
    [4, '2025-06-29T12:00:00.000Z'],
  ] as const)('tier %i ends (and is reviewed) on %s', (tier, end) => {
    expect(restrictionPeriod(tier, start, rules)).toEqual({ endsAt: new Date(end), reviewAt: new Date(end) });
  });

  it('moves repeat violations up a tier, never past the highest', () => {
    expect(tierFor(2, 0)).toBe(2);
    expect(tierFor(2, 1)).toBe(3);
    expect(tierFor(3, 5)).toBe(4);
  });

  it('plans a restriction before it is recorded: a repeat violation is moved up a tier and runs that tier’s length', () => {
    expect(planRestriction({ severityTier: 1, earlierRestrictions: 0, start }, rules)).toEqual({
      severityTier: 1,
      earlierRestrictions: 0,
      tier: 1,
      months: 1,
      endsAt: new Date('2023-07-29T12:00:00.000Z'),
      reviewAt: new Date('2023-07-29T12:00:00.000Z'),
    });
    expect(planRestriction({ severityTier: 1, earlierRestrictions: 1, start }, rules)).toMatchObject({
      tier: 2,
      months: 6,
      endsAt: new Date('2023-12-29T12:00:00.000Z'),
    });
    expect(planRestriction({ severityTier: 3, earlierRestrictions: 4, start }, rules)).toMatchObject({
      tier: 4,
      months: 24,
    });
  });

  it('refuses a second restriction while one runs or awaits its review', () => {
    expect(() => checkNoRunningRestriction(undefined)).not.toThrow();
    expect(() =>
      checkNoRunningRestriction({ tier: 2, endsAt: new Date('2023-12-29T12:00:00.000Z'), status: 'active' }),
    ).toThrow(/already restricted until 2023-12-29 \(tier 2\): a restriction runs one at a time/);
    expect(() =>
      checkNoRunningRestriction({ tier: 2, endsAt: new Date('2023-12-29T12:00:00.000Z'), status: 'review_due' }),
    ).toThrow(/its review fell due on 2023-12-29/);
  });

  it('extends at review by the tier’s length from the restriction’s end', () => {
    expect(extensionUntil(1, new Date('2024-01-31T00:00:00.000Z'), rules)).toEqual(
      new Date('2024-02-29T00:00:00.000Z'),
    );
    expect(extensionUntil(4, start, rules)).toEqual(new Date('2025-06-29T12:00:00.000Z'));
  });

  it('lifts at review when the risk has receded, and otherwise extends by the same tier’s length with reasons', () => {
    const endsAt = new Date('2023-12-29T12:00:00.000Z');
    expect(
      reviewRestriction(
        { tier: 2, endsAt, riskReceded: true, reasons: 'Election over; no further threats observed.' },
        rules,
      ),
    ).toEqual({ action: 'lift', reason: 'Election over; no further threats observed.' });
    expect(
      reviewRestriction(
        { tier: 2, endsAt, riskReceded: false, reasons: 'Threats against opponents continue in speeches.' },
        rules,
      ),
    ).toEqual({
      action: 'extend',
      until: new Date('2024-06-29T12:00:00.000Z'),
      reason: 'Threats against opponents continue in speeches.',
    });
    expect(() => reviewRestriction({ tier: 2, endsAt, riskReceded: false, reasons: 'no' }, rules)).toThrow(
      /records its reasons/,
    );
  });

  it('routes a decision’s suspension or restriction of a covered figure to the protocol, and lets other actions through', () => {
    const applies = protocolApplies(
      { figure: 'head_of_government', incitesOrCelebratesViolence: true, context: 'chronic' },
      rules,
    );
    expect(() => checkAccountActionUnderProtocol('suspend_account', applies)).toThrow(
      /restricted under the public-figure protocol/,
    );
    expect(() => checkAccountActionUnderProtocol('restrict_account', applies)).toThrow(
      /restricted under the public-figure protocol/,
    );
    expect(() => checkAccountActionUnderProtocol('strike', applies)).not.toThrow();
    expect(() => checkAccountActionUnderProtocol(null, applies)).not.toThrow();
    const outside = protocolApplies(
      { figure: 'head_of_government', incitesOrCelebratesViolence: true, context: 'none' },
      rules,
    );
    expect(() => checkAccountActionUnderProtocol('suspend_account', outside)).not.toThrow();
  });
});
