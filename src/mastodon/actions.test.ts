import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_MEASURE_MAP,
  CONTENT_OUTCOME_MAP,
  liftedBy,
  typesHeld,
  planDecision,
  planReversal,
  strongest,
  type DocketMeasure,
  type MastodonDecision,
  type MastodonTarget,
} from './actions.js';

const post: MastodonTarget = { statusId: '111', accountId: '222', accountIsLocal: true, reportId: '333' };
const remotePost: MastodonTarget = { ...post, accountIsLocal: false };
const account: MastodonTarget = { statusId: null, accountId: '222', accountIsLocal: true, reportId: '333' };
const summary = 'Your post was removed under Spam, section "Bulk posting".';

const decide = (over: Partial<MastodonDecision>): MastodonDecision => ({
  outcome: 'no_violation',
  warningScreen: false,
  measures: [],
  summary,
  target: post,
  ...over,
});
const notify = { text: summary, send_email_notification: 'true' };
const measure = (kind: DocketMeasure, endsAt: string | null = null) => ({ kind, endsAt });
const paths = (decision: MastodonDecision) => planDecision(decision).calls.map((c) => c.path);

describe('content outcomes on a Mastodon post', () => {
  it('no_violation resolves the report, and nothing else is called', () => {
    const plan = planDecision(decide({ outcome: 'no_violation' }));
    expect(plan.calls).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/v1/admin/reports/333/resolve', params: {} }),
    ]);
    expect(plan.cannot).toEqual([]);
  });

  it('remove deletes the post through the admin status action, with the report and the summary', () => {
    const plan = planDecision(decide({ outcome: 'remove' }));
    expect(plan.calls).toEqual([
      expect.objectContaining({
        path: '/api/v1/admin/statuses/111/action',
        params: { type: 'delete', report_id: '333', ...notify },
      }),
    ]);
    expect(plan.calls[0]?.ifMissing).toMatch(/not removed, and the report stays open/);
  });

  it('warning_screen marks the post sensitive, and says text-only posts cannot be', () => {
    const plan = planDecision(decide({ outcome: 'warning_screen' }));
    expect(plan.calls).toEqual([
      expect.objectContaining({
        path: '/api/v1/admin/statuses/111/action',
        params: { type: 'sensitive', report_id: '333', ...notify },
      }),
    ]);
    expect(plan.cannot.join()).toMatch(/text-only post stays/);
  });

  it('keep_newsworthy resolves the report; with a warning screen, the status action resolves it instead', () => {
    expect(paths(decide({ outcome: 'keep_newsworthy' }))).toEqual(['/api/v1/admin/reports/333/resolve']);
    const screened = planDecision(decide({ outcome: 'keep_newsworthy', warningScreen: true }));
    expect(screened.calls.map((c) => [c.path, c.params.type])).toEqual([
      ['/api/v1/admin/statuses/111/action', 'sensitive'],
    ]);
  });

  it('restrict_visibility cannot be done on Mastodon: no call, the report stays open, and the plan says why', () => {
    const plan = planDecision(decide({ outcome: 'restrict_visibility', warningScreen: true }));
    expect(plan.calls).toEqual([]);
    expect(plan.cannot).toEqual([expect.stringMatching(/cannot lower one post's reach.*report stays open/)]);
  });

  it('every content outcome has a row', () => {
    expect(Object.keys(CONTENT_OUTCOME_MAP).sort()).toEqual(
      ['keep_newsworthy', 'no_violation', 'remove', 'restrict_visibility', 'warning_screen'].sort(),
    );
  });
});

describe('account measures on a local account', () => {
  const typeFor = (kind: DocketMeasure, target = account) =>
    planDecision(decide({ target, measures: [measure(kind)] })).calls.find((c) => c.path.endsWith('/action'))?.params
      .type ?? null;

  it('strike sends "none": a warning, recorded by Mastodon as a strike', () => {
    expect(typeFor('strike')).toBe('none');
  });
  it('warning (the ladder\'s first rung) sends "none"', () => {
    expect(typeFor('warning')).toBe('none');
  });
  it('feature_limit sends "sensitive": the account\'s media behind a screen', () => {
    expect(typeFor('feature_limit')).toBe('sensitive');
  });
  it('block_content_creation has no Mastodon measure: nothing is sent and the plan says so', () => {
    const plan = planDecision(decide({ target: account, measures: [measure('block_content_creation')] }));
    expect(plan.calls.filter((c) => c.path.includes('/accounts/'))).toEqual([]);
    expect(plan.cannot).toEqual([expect.stringMatching(/^block_content_creation: Mastodon has no measure/)]);
  });
  it('restrict_account sends "silence" (Mastodon\'s "limit")', () => {
    expect(typeFor('restrict_account')).toBe('silence');
  });
  it('suspend_account sends "suspend", with the report and the statement\'s summary', () => {
    const plan = planDecision(decide({ target: account, measures: [measure('suspend_account')] }));
    expect(plan.calls).toEqual([
      expect.objectContaining({
        path: '/api/v1/admin/accounts/222/action',
        params: { type: 'suspend', report_id: '333', ...notify },
      }),
    ]);
  });
  it('disable_account sends "disable" (no login)', () => {
    expect(typeFor('disable_account')).toBe('disable');
  });
  it('every measure Docket applies has a row', () => {
    expect(Object.keys(ACCOUNT_MEASURE_MAP).sort()).toEqual(
      [
        'block_content_creation',
        'disable_account',
        'feature_limit',
        'restrict_account',
        'strike',
        'suspend_account',
        'warning',
      ].sort(),
    );
  });
});

describe('account measures on a remote account (Mastodon offers it only sensitive, silence and suspend)', () => {
  const remote: MastodonTarget = { ...account, accountIsLocal: false };
  it('a strike or warning is not sent as "none": the account\'s own server warns it', () => {
    for (const kind of ['strike', 'warning'] as const) {
      const plan = planDecision(decide({ target: remote, measures: [measure(kind)] }));
      expect(plan.calls.map((c) => c.path)).toEqual(['/api/v1/admin/reports/333/resolve']);
      expect(plan.cannot).toEqual([expect.stringMatching(/remote accounts no warnings/)]);
    }
  });
  it('disable_account becomes "suspend": a remote account has no login here to disable', () => {
    const plan = planDecision(decide({ target: remote, measures: [measure('disable_account')] }));
    expect(plan.calls.map((c) => c.params.type)).toEqual(['suspend']);
  });
  it('never sends "none" or "disable" for any measure', () => {
    for (const kind of Object.keys(ACCOUNT_MEASURE_MAP) as DocketMeasure[]) {
      const types = planDecision(decide({ target: remote, measures: [measure(kind)] })).calls.map((c) => c.params.type);
      expect(types).not.toContain('none');
      expect(types).not.toContain('disable');
    }
  });
});

describe('a decision with a post and account measures', () => {
  it('sends one account action, the strongest, and names the measures it covers', () => {
    const plan = planDecision(
      decide({ target: account, measures: [measure('strike'), measure('feature_limit'), measure('suspend_account')] }),
    );
    expect(plan.calls.map((c) => c.params.type)).toEqual(['suspend']);
    expect(plan.cannot).toEqual([
      expect.stringMatching(/^strike \("none" on Mastodon\) is covered by the stronger "suspend"/),
      expect.stringMatching(/^feature_limit \("sensitive" on Mastodon\) is covered/),
    ]);
    expect(strongest(['silence', 'disable', 'sensitive'])).toBe('disable');
  });

  it('a removal with a strike sends only the status action: Mastodon records it as the strike', () => {
    const plan = planDecision(decide({ outcome: 'remove', measures: [measure('strike')] }));
    expect(plan.calls.map((c) => c.path)).toEqual(['/api/v1/admin/statuses/111/action']);
  });

  it('a removal with a restriction sends the status action, then the account action on the author', () => {
    const plan = planDecision(
      decide({ outcome: 'remove', measures: [measure('strike'), measure('restrict_account')] }),
    );
    expect(plan.calls.map((c) => [c.path, c.params.type])).toEqual([
      ['/api/v1/admin/statuses/111/action', 'delete'],
      ['/api/v1/admin/accounts/222/action', 'silence'],
    ]);
  });

  it('a time-limited measure is lifted when it ends: Mastodon never ends one by itself', () => {
    const endsAt = '2026-12-08T10:00:00.000Z';
    const plan = planDecision(decide({ target: account, measures: [measure('suspend_account', endsAt)] }));
    expect(plan.calls.map((c) => [c.path, c.notBefore])).toEqual([
      ['/api/v1/admin/accounts/222/action', undefined],
      ['/api/v1/admin/accounts/222/unsuspend', endsAt],
    ]);
  });

  it('a case without a Mastodon report sends no report_id and resolves nothing', () => {
    const target = { ...account, reportId: null };
    expect(planDecision(decide({ target, outcome: 'no_violation' })).calls).toEqual([]);
    const plan = planDecision(decide({ target, measures: [measure('restrict_account')] }));
    expect(plan.calls[0]?.params).toEqual({ type: 'silence', ...notify });
  });

  it('an account measure without a known Mastodon account id is not sent, the report stays open, and the plan says so', () => {
    const plan = planDecision(decide({ target: { ...post, accountId: null }, measures: [measure('suspend_account')] }));
    expect(plan.calls).toEqual([]);
    expect(plan.cannot).toEqual([expect.stringMatching(/its Mastodon id is not known/)]);
  });

  it('a post outcome on an account subject has no post to act on, and says so', () => {
    const plan = planDecision(decide({ target: account, outcome: 'remove' }));
    expect(plan.calls).toEqual([]);
    expect(plan.cannot).toEqual([expect.stringMatching(/needs a post, and the subject is an account/)]);
  });
});

describe('reversal on appeal', () => {
  it('lifts each account measure through its own endpoint', () => {
    const lifts = (kind: DocketMeasure, target = account) =>
      planReversal(decide({ target, measures: [measure(kind)] })).calls.map((c) => c.path);
    expect(lifts('suspend_account')).toEqual(['/api/v1/admin/accounts/222/unsuspend']);
    expect(lifts('restrict_account')).toEqual(['/api/v1/admin/accounts/222/unsilence']);
    expect(lifts('feature_limit')).toEqual(['/api/v1/admin/accounts/222/unsensitive']);
    expect(lifts('disable_account')).toEqual(['/api/v1/admin/accounts/222/enable']);
    expect(lifts('disable_account', { ...account, accountIsLocal: false })).toEqual([
      '/api/v1/admin/accounts/222/unsuspend',
    ]);
  });

  it('cannot withdraw a strike or restore a deleted post, and says so', () => {
    expect(planReversal(decide({ target: account, measures: [measure('strike')] }))).toEqual({
      calls: [],
      cannot: [expect.stringMatching(/cannot withdraw a warning/)],
    });
    expect(planReversal(decide({ outcome: 'remove' }))).toEqual({
      calls: [],
      cannot: [expect.stringMatching(/deleted on Mastodon and cannot be restored/)],
    });
  });

  it("lifts a post's sensitive mark through the admin status API, where the instance has it", () => {
    const plan = planReversal(decide({ outcome: 'warning_screen' }));
    expect(plan.calls).toEqual([
      expect.objectContaining({ path: '/api/v1/admin/statuses/111/unsensitive', ifMissing: expect.any(String) }),
    ]);
  });

  it('keeps a measure that another decision in force still holds', () => {
    const plan = planReversal(decide({ target: account, measures: [measure('suspend_account')] }), ['suspend']);
    expect(plan.calls).toEqual([]);
    expect(plan.cannot).toEqual(['"suspend" stays: another decision in force holds it']);
  });

  it("undoes nothing for a decision that took no action (the replacement's own plan acts)", () => {
    expect(planReversal(decide({ outcome: 'no_violation', target: remotePost }))).toEqual({ calls: [], cannot: [] });
  });
});

describe('lifting at the end, and what still holds', () => {
  it('names the account action each lifting call ends, and nothing for other calls', () => {
    expect(liftedBy('/api/v1/admin/accounts/9/unsuspend')).toBe('suspend');
    expect(liftedBy('/api/v1/admin/accounts/9/unsilence')).toBe('silence');
    expect(liftedBy('/api/v1/admin/accounts/9/unsensitive')).toBe('sensitive');
    expect(liftedBy('/api/v1/admin/accounts/9/enable')).toBe('disable');
    expect(liftedBy('/api/v1/admin/accounts/9/action')).toBeNull();
    expect(liftedBy('/api/v1/admin/statuses/9/unsensitive')).toBeNull();
  });

  it("maps the measures in force to Mastodon's types, by the account's home", () => {
    expect(typesHeld(['suspend_account', 'warning', 'disable_account'], true)).toEqual(['suspend', 'none', 'disable']);
    // A remote account: no warning, and disabling is a suspension here.
    expect(typesHeld(['suspend_account', 'warning', 'disable_account'], false)).toEqual(['suspend', 'suspend']);
    expect(typesHeld(['block_content_creation', 'no_such_measure'], true)).toEqual([]);
  });
});
