import { describe, expect, it } from 'vitest';
import type { PolicySection } from '../policy/contract.js';
import {
  addMonths,
  checkAppeal,
  checkAppealReviewer,
  checkDecision,
  checkNewsworthyInContext,
  recommendNewsworthiness,
  checkEscalation,
  CURRENT_META_LADDER,
  DEFAULT_MODERATION_RULES as rules,
  earnsStrike,
  EARLIER_META_LADDER,
  penaltyFor,
  priorityAt,
  priorityOf,
  trustedFlaggerFactor,
  type PriorityInput,
  queueLevelsOf,
  reachFactor,
  reopenReason,
  strikeExpiry,
} from './rules.js';

const day = 86_400_000;
const t0 = new Date('2026-01-10T12:00:00.000Z');

describe('penalty ladder (Meta, current): one rung per number of active strikes', () => {
  it.each([
    [0, { kind: 'none' }],
    [1, { kind: 'warning' }],
    [2, { kind: 'feature_limit' }],
    [6, { kind: 'feature_limit' }],
    [7, { kind: 'block_content_creation', days: 1 }],
    [8, { kind: 'block_content_creation', days: 3 }],
    [9, { kind: 'block_content_creation', days: 7 }],
    [10, { kind: 'block_content_creation', days: 30 }],
    [25, { kind: 'block_content_creation', days: 30 }],
  ])('%i active strikes -> %o', (strikes, penalty) => {
    expect(penaltyFor(strikes, CURRENT_META_LADDER)).toEqual(penalty);
  });
});

describe('penalty ladder (Meta, earlier) is the same function with other data', () => {
  it.each([
    [1, { kind: 'warning' }],
    [2, { kind: 'block_content_creation', days: 1 }],
    [3, { kind: 'block_content_creation', days: 3 }],
    [4, { kind: 'block_content_creation', days: 7 }],
    [5, { kind: 'block_content_creation', days: 30 }],
    [9, { kind: 'block_content_creation', days: 30 }],
  ])('%i active strikes -> %o', (strikes, penalty) => {
    expect(penaltyFor(strikes, EARLIER_META_LADDER)).toEqual(penalty);
  });
});

describe('strikes', () => {
  const base = { outcome: 'remove' as const, accountAction: null, severe: false, decidedAt: t0 };
  it('a removal earns a strike', () =>
    expect(earnsStrike({ ...base, postedAt: new Date(t0.getTime() - 10 * day) }, rules)).toBe(true));
  it('content older than 90 days when removed earns none', () => {
    expect(earnsStrike({ ...base, postedAt: new Date(t0.getTime() - 90 * day) }, rules)).toBe(true);
    expect(earnsStrike({ ...base, postedAt: new Date(t0.getTime() - 91 * day) }, rules)).toBe(false);
  });
  it('a severe policy skips the ladder (the account is disabled instead)', () =>
    expect(earnsStrike({ ...base, severe: true, postedAt: t0 }, rules)).toBe(false));
  it('keeping content earns none; an explicit strike does', () => {
    expect(earnsStrike({ ...base, outcome: 'warning_screen', postedAt: t0 }, rules)).toBe(false);
    expect(
      earnsStrike({ ...base, outcome: 'warning_screen', accountAction: { kind: 'strike' }, postedAt: t0 }, rules),
    ).toBe(true);
  });
  it('a strike expires after 365 days', () =>
    expect(strikeExpiry(t0, rules)).toEqual(new Date(t0.getTime() + 365 * day)));
});

describe('priority = severity x reach x actor x context x age (x2 per 72 hours waited, at most x4)', () => {
  const input: PriorityInput = {
    severity: 4,
    severityOf: 'violence-incitement/threats',
    views: 0,
    followers: 0,
    postedAt: null,
    actor: 'private',
    context: 'none',
    openedAt: t0,
    now: t0,
  };
  const hour = 3_600_000;
  const at = (over: Partial<PriorityInput>, waitedMs: number) => {
    const priority = priorityOf({ ...input, ...over }, rules);
    return priorityAt({ factors: priority.factors, openedAt: t0 }, new Date(t0.getTime() + waitedMs), rules);
  };
  const factor = (p: { factors: { factor: string; value: number }[] }, name: string) =>
    p.factors.find((f) => f.factor === name)?.value;

  it('reach grows with the logarithm of views and followers', () => {
    expect(reachFactor(0, 0, 0)).toBe(1);
    expect(reachFactor(999, 0, 0)).toBeCloseTo(2.5, 5);
    expect(reachFactor(999_999, 9_999, 0)).toBeCloseTo(1 + 3 + 1, 5);
  });

  it('multiplies the factors and explains each', () => {
    const head = priorityOf({ ...input, actor: 'head_of_state_or_government', context: 'chronic' }, rules);
    expect(head.base).toBeCloseTo(4 * 1 * 3 * 1.5, 5);
    expect(head.factors.map((f) => f.factor)).toEqual(['severity', 'reach', 'actor', 'context', 'age']);
    expect(head.factors.find((f) => f.factor === 'actor')?.detail).toContain('head of state or government');
  });

  it('lifts a case holding a trusted flagger’s notice x1.5 (DSA Art. 22), naming the flaggers; no notice, no factor', () => {
    const flagged = priorityOf({ ...input, trustedFlaggers: ['Hate Aid Watch', 'Hate Aid Watch'] }, rules);
    expect(flagged.base).toBeCloseTo(priorityOf(input, rules).base * 1.5, 5);
    expect(flagged.factors.map((f) => f.factor)).toEqual([
      'severity',
      'reach',
      'actor',
      'context',
      'trusted_flagger',
      'age',
    ]);
    expect(flagged.factors.find((f) => f.factor === 'trusted_flagger')).toMatchObject({
      value: 1.5,
      detail: 'notice from a trusted flagger (EU DSA Art. 22): Hate Aid Watch',
    });
    expect(priorityOf({ ...input, trustedFlaggers: [] }, rules).factors.map((f) => f.factor)).not.toContain(
      'trusted_flagger',
    );
    const custom = { ...rules, priority: { ...rules.priority, trustedFlaggerFactor: 2 } };
    expect(trustedFlaggerFactor(['A'], custom)?.value).toBe(2);
  });

  it('ranks a head of government above a private person, and an acute designation above a chronic one', () => {
    const p = (over: Partial<PriorityInput>) => at(over, 0).score;
    expect(p({ actor: 'head_of_state_or_government' })).toBeGreaterThan(p({ actor: 'public_figure' }));
    expect(p({ actor: 'public_figure' })).toBeGreaterThan(p({}));
    expect(p({ context: 'acute' })).toBeGreaterThan(p({ context: 'chronic' }));
  });

  it('lifts a waiting case x2 per 72 hours, up to x4, and says so', () => {
    expect(factor(at({}, 0), 'age')).toBe(1);
    expect(factor(at({}, 36 * hour), 'age')).toBe(1.41);
    expect(factor(at({}, 72 * hour), 'age')).toBe(2);
    expect(factor(at({}, 144 * hour), 'age')).toBe(4);
    expect(factor(at({}, 3_000 * day), 'age')).toBe(4);
    expect(at({}, 98 * hour).factors.find((f) => f.factor === 'age')?.detail).toBe(
      'waited 98 hours: x2 per 72 hours waited, at most x4',
    );
  });

  it('scores the product of the factors shown, at the time shown', () => {
    const now = new Date(t0.getTime() + 100 * hour);
    const shown = priorityAt(
      { factors: priorityOf({ ...input, views: 50_000, followers: 1_200 }, rules).factors, openedAt: t0 },
      now,
      rules,
    );
    expect(shown.at).toEqual(now);
    expect(shown.score).toBe(Math.round(shown.factors.reduce((product, f) => product * f.value, 1) * 100) / 100);
  });

  it('ranks a fresh severity-5 threat with 50,000 views above 4-day-old severity-1 spam of the same reach (issue 12)', () => {
    const reach = { views: 50_000, followers: 0 };
    const threat = at({ ...reach, severity: 5 }, 0);
    const spam = at({ ...reach, severity: 1 }, 4 * day);
    expect(threat.score).toBeGreaterThan(spam.score);
    expect(factor(spam, 'age')).toBe(2.52);
  });
});

describe('queue and cases', () => {
  it('each role works its level and those below', () => {
    expect(queueLevelsOf(['moderator'])).toEqual(['frontline']);
    expect(queueLevelsOf(['senior_reviewer'])).toEqual(['frontline', 'senior']);
    expect(queueLevelsOf(['policy'])).toEqual(['frontline', 'senior', 'policy']);
    expect(queueLevelsOf(['board_member'])).toEqual([]);
  });

  it('escalates only upwards', () => {
    expect(() => checkEscalation('frontline', 'senior')).not.toThrow();
    expect(() => checkEscalation('senior', 'frontline')).toThrow(/upwards/);
    expect(() => checkEscalation('policy', 'policy')).toThrow(/upwards/);
  });

  const closed = {
    decidedAt: t0,
    policiesConsidered: ['hate-speech'],
    strongestSource: 'user' as const,
    subjectChangedAt: null,
  };
  it('a closed case reopens only on new facts', () => {
    expect(reopenReason(closed, { policyId: 'hate-speech', source: 'user' })).toBeNull();
    expect(reopenReason(closed, { policyId: 'violence-incitement', source: 'user' })).toContain('violence-incitement');
    expect(reopenReason(closed, { policyId: 'hate-speech', source: 'legal_order' })).toContain('legal_order');
    expect(
      reopenReason(
        { ...closed, subjectChangedAt: new Date(t0.getTime() + 1) },
        { policyId: 'hate-speech', source: 'user' },
      ),
    ).toContain('changed');
  });
});

describe('decisions', () => {
  const section: PolicySection = {
    id: 'threats',
    title: 'Threats',
    text: '…',
    severity: 5,
    severe: false,
    allowedOutcomes: ['no_violation', 'remove', 'warning_screen', 'keep_newsworthy'],
  };
  const balancing = {
    publicInterest: ['political_speech' as const],
    harms: ['imminent_violence' as const],
    assessment: 'A head of government speaking about an election.',
  };

  it('allows only the outcomes the section allows', () => {
    expect(() =>
      checkDecision({ outcome: 'restrict_visibility', accountAction: null, balancing: null }, section, ['moderator']),
    ).toThrow(/not an allowed outcome/);
  });
  it('lets only senior reviewers and policy staff keep content as newsworthy, and only with a balancing', () => {
    const draft = { outcome: 'keep_newsworthy' as const, accountAction: null, balancing };
    expect(() => checkDecision(draft, section, ['moderator'])).toThrow(/only senior reviewers and policy staff/);
    expect(() => checkDecision(draft, section, ['senior_reviewer'])).not.toThrow();
    expect(() => checkDecision({ ...draft, balancing: null }, section, ['policy'])).toThrow(/balancing/);
    expect(() =>
      checkDecision({ ...draft, balancing: { ...balancing, assessment: 'short' } }, section, ['policy']),
    ).toThrow(/20 characters/);
  });
  it('never leaves an account restriction open-ended', () => {
    expect(() =>
      checkDecision({ outcome: 'remove', accountAction: { kind: 'suspend_account' }, balancing: null }, section, [
        'moderator',
      ]),
    ).toThrow(/1 to 730 days/);
    expect(() =>
      checkDecision(
        { outcome: 'remove', accountAction: { kind: 'suspend_account', days: 180 }, balancing: null },
        section,
        ['moderator'],
      ),
    ).not.toThrow();
  });
  it('takes no account action after finding no violation', () => {
    expect(() =>
      checkDecision({ outcome: 'no_violation', accountAction: { kind: 'strike' }, balancing: null }, section, [
        'moderator',
      ]),
    ).toThrow(/no account action/);
  });
});

describe('internal appeals (EU DSA Art. 20)', () => {
  const appeal = {
    appellant: 'affected_user' as const,
    outcome: 'remove' as const,
    decidedAt: t0,
    now: t0,
    alreadyAppealed: false,
  };
  it('is open for 6 calendar months after the decision', () => {
    expect(addMonths(new Date('2026-08-31T10:00:00Z'), 6)).toEqual(new Date('2027-02-28T10:00:00Z'));
    expect(() => checkAppeal({ ...appeal, now: new Date('2026-07-10T12:00:00.000Z') }, rules)).not.toThrow();
    expect(() => checkAppeal({ ...appeal, now: new Date('2026-07-10T12:00:00.001Z') }, rules)).toThrow(
      /closed on 2026-07-10/,
    );
  });
  it('lets a reporter appeal only a decision not to act', () => {
    expect(() => checkAppeal({ ...appeal, appellant: 'reporter', outcome: 'keep_newsworthy' }, rules)).not.toThrow();
    expect(() => checkAppeal({ ...appeal, appellant: 'reporter', outcome: 'remove' }, rules)).toThrow(
      /only a decision not to act/,
    );
  });
  it('is decided by someone else', () => {
    expect(() => checkAppealReviewer('user:a', 'user:a')).toThrow(/different reviewer/);
    expect(() => checkAppealReviewer('user:a', 'user:b')).not.toThrow();
  });
});

describe('newsworthiness in a crisis context', () => {
  const threat = { context: 'chronic' as const, actor: 'head_of_state_or_government' as const, threatOfViolence: true };
  it('lets only policy staff keep a head of government’s threat in a designated country, behind a warning screen', () => {
    const keep = { outcome: 'keep_newsworthy' as const, warningScreen: true };
    expect(() => checkNewsworthyInContext(keep, threat, ['senior_reviewer'])).toThrow(/only by policy staff/);
    expect(() => checkNewsworthyInContext({ ...keep, warningScreen: false }, threat, ['policy'])).toThrow(
      /warning screen/,
    );
    expect(() => checkNewsworthyInContext(keep, threat, ['policy'])).not.toThrow();
  });
  it('leaves the allowance as it was outside a designated country, for other speakers and other policies', () => {
    const keep = { outcome: 'keep_newsworthy' as const, warningScreen: false };
    expect(() => checkNewsworthyInContext(keep, { ...threat, context: 'none' }, ['senior_reviewer'])).not.toThrow();
    expect(() =>
      checkNewsworthyInContext(keep, { ...threat, actor: 'public_figure' }, ['senior_reviewer']),
    ).not.toThrow();
    expect(() =>
      checkNewsworthyInContext(keep, { ...threat, threatOfViolence: false }, ['senior_reviewer']),
    ).not.toThrow();
  });
  it('recommends from the balancing, harms counting double under a designation', () => {
    const balancing = {
      publicInterest: ['political_speech', 'elections'] as const,
      harms: ['speaker_reach_and_power'] as const,
    };
    const situation = { context: 'none' as const, actor: 'public_figure' as const, threatOfViolence: false };
    expect(
      recommendNewsworthiness({ publicInterest: [...balancing.publicInterest], harms: [...balancing.harms] }, situation)
        .recommendation,
    ).toBe('keep');
    expect(
      recommendNewsworthiness(
        { publicInterest: [...balancing.publicInterest], harms: [...balancing.harms] },
        { ...situation, context: 'acute' },
      ).recommendation,
    ).toBe('remove');
  });
  it('recommends removal of a head of government’s threat in a designated country whatever the balance', () => {
    const result = recommendNewsworthiness(
      { publicInterest: ['political_speech', 'elections', 'leader_accountability', 'press_freedom'], harms: [] },
      threat,
    );
    expect(result.recommendation).toBe('remove');
    expect(result.reasons.at(-1)).toContain('chronic designation');
  });
});
