import { describe, expect, it } from 'vitest';
import { consequencesOf, rungFor, type DraftDecision } from './consequences.js';
import { CURRENT_META_LADDER, DEFAULT_MODERATION_RULES, EARLIER_META_LADDER } from './rules.js';

const now = new Date('2026-03-02T09:00:00.000Z');
const draft = (over: Partial<DraftDecision> = {}): DraftDecision => ({
  outcome: 'remove',
  accountAction: null,
  warningScreen: false,
  policyId: 'spam',
  section: { id: 'commercial-spam', severe: false },
  accountRef: 'acct-1',
  postedAt: new Date('2026-03-01T10:00:00.000Z'),
  decidedAt: now,
  activeStrikes: 0,
  ...over,
});
const kinds = (d: Partial<DraftDecision>) =>
  consequencesOf(draft(d), DEFAULT_MODERATION_RULES).restrictions.map((r) => r.kind);

describe('the consequences of a draft decision', () => {
  it('a removal issues a strike and the first rung: a warning', () => {
    const c = consequencesOf(draft(), DEFAULT_MODERATION_RULES);
    expect(c.strike).toEqual({ activeStrikes: 1, rung: CURRENT_META_LADDER[0] });
    expect(c.restrictions).toEqual([
      {
        kind: 'warning',
        cause: 'strike_ladder',
        days: null,
        endsAt: null,
        reason: '1 active strike(s) under the penalty ladder',
      },
    ]);
    expect(c.summary).toContain("Strike issued: 1 active strike(s), the ladder's rung for 1+ strikes: a warning");
  });

  it('the seventh strike reaches the 1-day block, with its end date', () => {
    const c = consequencesOf(draft({ activeStrikes: 6 }), DEFAULT_MODERATION_RULES);
    expect(c.strike?.rung).toEqual({ minStrikes: 7, penalty: { kind: 'block_content_creation', days: 1 } });
    expect(c.restrictions[0]).toMatchObject({
      kind: 'block_content_creation',
      days: 1,
      endsAt: new Date('2026-03-03T09:00:00.000Z'),
    });
  });

  it('a strike on a severe section becomes a disable, and says so', () => {
    const c = consequencesOf(
      draft({
        accountAction: { kind: 'strike' },
        section: { id: 'terrorism', severe: true },
        policyId: 'dangerous-organizations',
      }),
      DEFAULT_MODERATION_RULES,
    );
    expect(c.strike).toBeNull();
    expect(c.restrictions.map((r) => [r.kind, r.cause])).toEqual([['disable_account', 'severe_section']]);
    expect(c.strikeWithheld).toBe(
      'no strike: severe section dangerous-organizations/terrorism skips the strike ladder',
    );
    expect(c.summary.some((line) => line.startsWith('Account disabled'))).toBe(true);
  });

  it('a severe section disables only on removal', () => {
    expect(kinds({ outcome: 'warning_screen', section: { id: 'terrorism', severe: true } })).toEqual([]);
  });

  it('old content earns no strike, and the preview says why', () => {
    const c = consequencesOf(draft({ postedAt: new Date('2025-01-01T00:00:00.000Z') }), DEFAULT_MODERATION_RULES);
    expect(c.strike).toBeNull();
    expect(c.strikeWithheld).toBe('no strike: the content was more than 90 days old when removed');
  });

  it("the reviewer's account action follows the ladder's penalty, with its duration", () => {
    expect(
      consequencesOf(
        draft({ accountAction: { kind: 'suspend_account', days: 14 } }),
        DEFAULT_MODERATION_RULES,
      ).restrictions.map((r) => [r.kind, r.days]),
    ).toEqual([
      ['warning', null],
      ['suspend_account', 14],
    ]);
    expect(kinds({ outcome: 'restrict_visibility', accountAction: { kind: 'feature_limit' } })).toEqual([
      'feature_limit',
    ]);
  });

  it('without a known account there is no strike, no restriction, and no one to send the notice to', () => {
    const c = consequencesOf(draft({ accountRef: null }), DEFAULT_MODERATION_RULES);
    expect([c.strike, c.restrictions, c.noticeTo]).toEqual([null, [], null]);
  });

  it("reads the rung from whichever ladder is configured (Meta's earlier one)", () => {
    expect(rungFor(3, EARLIER_META_LADDER)?.penalty).toEqual({ kind: 'block_content_creation', days: 3 });
    expect(rungFor(0, EARLIER_META_LADDER)).toBeNull();
  });
});
