import { describe, expect, it } from 'vitest';
import {
  appealEligibility,
  candidateScore,
  checkComment,
  checkEarlyClose,
  checkPublication,
  commentPeriod,
  commentsClosedNotice,
  checkResponse,
  checkVoter,
  checkVoteValue,
  deadlineState,
  decisionDue,
  DEFAULT_BOARD_RULES as rules,
  drawPanel,
  publishedAuthor,
  requiredOutcome,
  responseState,
  tally,
  votesToDecide,
  type MemberFacts,
} from './rules.js';

const at = (iso: string) => new Date(`${iso}T12:00:00.000Z`);

describe('board intake', () => {
  const facts = { decidedAt: at('2023-03-01'), takenOnInternalAppeal: true, inForce: true, alreadyBeforeBoard: false };

  it('takes a user appeal within 15 days of the final internal decision, and not on day 16', () => {
    expect(appealEligibility(facts, at('2023-03-16'), rules)).toEqual({ eligible: true });
    expect(appealEligibility(facts, at('2023-03-17'), rules)).toEqual({
      eligible: false,
      reason: 'the 15-day window to appeal to the board closed on 2023-03-16',
    });
  });

  it('refuses appeals before the internal appeal, on decisions no longer in force, and twice', () => {
    expect(appealEligibility({ ...facts, takenOnInternalAppeal: false }, at('2023-03-02'), rules)).toMatchObject({
      eligible: false,
      reason: expect.stringContaining('appeal the decision to the platform first'),
    });
    expect(appealEligibility({ ...facts, inForce: false }, at('2023-03-02'), rules)).toMatchObject({
      reason: 'the decision is no longer in force',
    });
    expect(appealEligibility({ ...facts, alreadyBeforeBoard: true }, at('2023-03-02'), rules)).toMatchObject({
      reason: 'this decision is already before the board',
    });
  });

  it('ranks candidates by the board’s priorities first, then significance, difficulty, demand and urgency', () => {
    const base = {
      kind: 'user_appeal' as const,
      track: 'standard' as const,
      priorities: [],
      significance: 1,
      difficulty: 1,
      demand: 1,
    };
    const pm = candidateScore({
      ...base,
      kind: 'platform_referral',
      priorities: ['crisis_conflict', 'government_use_of_platforms'],
      significance: 3,
      difficulty: 3,
      demand: 46,
    });
    expect(pm.score).toBe(6 + 6 + 3 + 2 + 1);
    expect(pm.parts.map((p) => p.factor)).toEqual([
      'priorities',
      'significance',
      'difficulty',
      'demand',
      'platform referral',
    ]);
    expect(candidateScore(base).score).toBe(3);
    expect(candidateScore({ ...base, track: 'expedited' }).score).toBe(5);
  });
});

describe('board panels', () => {
  const member = (
    userId: string,
    region: MemberFacts['region'],
    openPanels = 0,
    conflicts: string[] = [],
  ): MemberFacts => ({ userId, region, conflicts, openPanels });
  const members = [
    member('a', 'europe', 2),
    member('b', 'europe'),
    member('c', 'asia_pacific', 3),
    member('d', 'latin_america_caribbean'),
    member('e', 'sub_saharan_africa', 1),
    member('f', 'united_states_canada'),
    member('g', 'asia_pacific', 0, ['QKB']),
  ];

  it('seats 5 with the least-loaded member of the region first, and recuses declared conflicts', () => {
    const panel = drawPanel(members, { region: 'asia_pacific', conflictKeys: ['lumen', 'QKB', 'acct-pm'] }, rules);
    expect(panel.seated).toEqual(['c', 'b', 'd', 'f', 'e']);
    expect(panel.recused).toEqual([{ userId: 'g', reason: 'declared conflict: QKB' }]);
  });

  it('refuses a panel with no member of the region free of conflicts, or too few members', () => {
    expect(() =>
      drawPanel(
        members.filter((m) => m.userId !== 'c'),
        { region: 'asia_pacific', conflictKeys: ['QKB'] },
        rules,
      ),
    ).toThrow(/no board member from asia pacific/);
    expect(() => drawPanel(members.slice(0, 4), { region: 'europe', conflictKeys: [] }, rules)).toThrow(
      /needs 5 members free of conflicts; 4 are/,
    );
  });

  it('lets only seated, unrecused members vote, with the values of the case kind', () => {
    expect(() => checkVoter(null)).toThrow(/only members of the panel/);
    expect(() => checkVoter({ status: 'recused' })).toThrow(/recused/);
    expect(() => checkVoter({ status: 'seated' })).not.toThrow();
    expect(() => checkVoteValue('user_appeal', 'adopt')).toThrow(/uphold, overturn/);
    expect(() => checkVoteValue('policy_advisory', 'adopt')).not.toThrow();
  });
});

describe('board deliberation', () => {
  const panel = ['a', 'b', 'c', 'd', 'e'];
  const v = (userId: string, vote: 'uphold' | 'overturn', draftVersion = 2) => ({ userId, vote, draftVersion });

  it('decides by a majority of the seated panel on the current draft; minority named', () => {
    expect(
      tally([v('a', 'overturn'), v('b', 'overturn'), v('c', 'overturn'), v('d', 'uphold')], panel, 2, rules),
    ).toEqual({ outcome: 'overturn', counts: { overturn: 3, uphold: 1 }, majority: ['a', 'b', 'c'], minority: ['d'] });
  });

  it('has no decision without a majority of the whole panel: ties, too few votes, votes on old drafts, non-members', () => {
    expect(() =>
      tally([v('a', 'overturn'), v('b', 'overturn'), v('c', 'uphold'), v('d', 'uphold')], panel, 2, rules),
    ).toThrow(
      /no majority of the 5-member panel on draft 2: a decision needs 3 of the 5 seated members voting the same way \(overturn 2, uphold 2\)/,
    );
    expect(() => tally([v('a', 'overturn'), v('b', 'overturn')], panel, 2, rules)).toThrow(/no majority/);
    expect(() => tally([v('a', 'overturn', 1), v('b', 'overturn', 1), v('c', 'overturn')], panel, 2, rules)).toThrow(
      /no majority/,
    );
    expect(() => tally([v('x', 'overturn'), v('y', 'overturn'), v('a', 'overturn')], panel, 2, rules)).toThrow(
      /no majority/,
    );
  });

  it('needs more than the configured share of the seated panel: 3 of 5, 4 of 7, 4 of 5 at two thirds', () => {
    expect([votesToDecide(5, rules), votesToDecide(7, rules), votesToDecide(4, rules)]).toEqual([3, 4, 3]);
    expect(votesToDecide(5, { majorityShare: 2 / 3 })).toBe(4);
    expect(() =>
      tally([v('a', 'overturn'), v('b', 'overturn'), v('c', 'overturn')], panel, 2, { majorityShare: 2 / 3 }),
    ).toThrow(/needs 4 of the 5 seated members/);
  });

  it('publishes only after public comments close (or were closed early) and on an explicit confirmation', () => {
    const open = commentPeriod({ closesAt: at('2023-04-15'), closedEarly: false }, at('2023-04-10'));
    expect(open).toMatchObject({ open: true, closedEarly: false });
    expect(() => checkPublication({ period: open, confirm: true })).toThrow(
      /public comments are open until 2023-04-15/,
    );
    const closed = commentPeriod({ closesAt: at('2023-04-15'), closedEarly: false }, at('2023-04-15'));
    expect(() => checkPublication({ period: closed, confirm: false })).toThrow(/final: confirm it/);
    expect(() => checkPublication({ period: closed, confirm: true })).not.toThrow();
    expect(() =>
      checkPublication({
        period: commentPeriod({ closesAt: at('2023-04-10'), closedEarly: true }, at('2023-04-10')),
        confirm: true,
      }),
    ).not.toThrow();
  });

  it('closes comments early only while open and with a reason, and says so in the words a late comment gets', () => {
    expect(() => checkEarlyClose({ open: false }, 'The panel has what it needs.')).toThrow(/not open/);
    expect(() => checkEarlyClose({ open: true }, 'soon')).toThrow(/say why/);
    expect(() => checkEarlyClose({ open: true }, 'The panel has what it needs.')).not.toThrow();
    expect(commentsClosedNotice({ closesAt: at('2023-04-10'), closedEarly: true })).toBe(
      'public comments closed early on 2023-04-10',
    );
    const late = {
      body: 'A comment that arrives after the early close of the period.',
      now: at('2023-04-11'),
      closesAt: at('2023-04-10'),
      closedEarly: true,
      recentFromSender: 0,
    };
    expect(() => checkComment(late, rules)).toThrow('public comments closed early on 2023-04-10');
  });

  it('gives 90 days from selection for standard cases and 30 for expedited, warning as the date nears', () => {
    expect(decisionDue(at('2023-04-01'), 'standard', rules)).toEqual(at('2023-06-30'));
    expect(decisionDue(at('2023-04-01'), 'expedited', rules)).toEqual(at('2023-05-01'));
    expect(deadlineState(at('2023-06-30'), at('2023-06-01'), 14)).toBe('on_time');
    expect(deadlineState(at('2023-06-30'), at('2023-06-20'), 14)).toBe('warning');
    expect(deadlineState(at('2023-06-30'), at('2023-07-01'), 14)).toBe('overdue');
  });

  it('takes public comments while the period is open, within size and link limits, a few an hour per sender', () => {
    const ok = {
      body: 'The speech is part of a long pattern of intimidation of the opposition.',
      now: at('2023-04-10'),
      closesAt: at('2023-04-15'),
      recentFromSender: 0,
    };
    expect(() => checkComment(ok, rules)).not.toThrow();
    expect(() => checkComment({ ...ok, now: at('2023-04-15') }, rules)).toThrow(/public comments closed on 2023-04-15/);
    expect(() => checkComment({ ...ok, closesAt: null }, rules)).toThrow(/not open for public comments/);
    expect(() => checkComment({ ...ok, body: 'x'.repeat(10_001) }, rules)).toThrow(/at most 10000 characters/);
    expect(() => checkComment({ ...ok, body: `${ok.body} http://a http://b http://c http://d` }, rules)).toThrow(
      /at most 3 links/,
    );
    expect(() => checkComment({ ...ok, recentFromSender: 3 }, rules)).toThrow(/at most 3 comments an hour/);
    // The first of the hour's comments leaves the window 20 minutes from now: that is when to try again.
    expect(() =>
      checkComment({ ...ok, recentFromSender: 3, oldestRecentAt: new Date(ok.now.getTime() - 40 * 60_000) }, rules),
    ).toThrow(expect.objectContaining({ retryAfterSeconds: 20 * 60 }));
    expect(() => checkComment({ ...ok, honeypot: 'http://spam' }, rules)).toThrow(/refused/);
  });

  it('publishes a commenter’s name only if they allowed it', () => {
    expect(publishedAuthor({ name: 'Dara Sok', organisation: 'Kambara Rights Watch', anonymous: false })).toBe(
      'Dara Sok (Kambara Rights Watch)',
    );
    expect(publishedAuthor({ name: 'Dara Sok', organisation: null, anonymous: true })).toBe('Anonymous');
    expect(publishedAuthor({ name: null, organisation: null, anonymous: false })).toBe('Anonymous');
  });
});

describe('after the board decides', () => {
  it('requires removal when a keep is overturned, and restoration when a removal is', () => {
    expect(requiredOutcome('keep_newsworthy')).toBe('remove');
    expect(requiredOutcome('no_violation')).toBe('remove');
    expect(requiredOutcome('remove')).toBe('no_violation');
  });

  it('tracks the 60-day response clock: awaiting, overdue, answered, answered late', () => {
    const due = at('2023-08-28');
    expect(responseState({ responseDueAt: due, firstRespondedAt: null }, at('2023-08-01'))).toBe('awaiting');
    expect(responseState({ responseDueAt: due, firstRespondedAt: null }, at('2023-08-29'))).toBe('overdue');
    expect(responseState({ responseDueAt: due, firstRespondedAt: at('2023-08-28') }, at('2023-09-10'))).toBe(
      'answered',
    );
    expect(responseState({ responseDueAt: due, firstRespondedAt: at('2023-09-02') }, at('2023-09-10'))).toBe(
      'answered_late',
    );
  });

  it('takes responses with reasons, a timeline when implementing, and none once the board closed the recommendation', () => {
    const reasons = 'We will publish the criteria in our transparency centre.';
    expect(() => checkResponse({ category: 'declined', reasons, closed: false })).not.toThrow();
    expect(() => checkResponse({ category: 'implementing_fully', reasons, closed: false })).toThrow(/timeline/);
    expect(() =>
      checkResponse({ category: 'implementing_fully', reasons, timeline: 'by Q4 2023', closed: false }),
    ).not.toThrow();
    expect(() => checkResponse({ category: 'declined', reasons: 'No.', closed: false })).toThrow(/reasons/);
    expect(() => checkResponse({ category: 'declined', reasons, closed: true })).toThrow(/closed this recommendation/);
  });
});
