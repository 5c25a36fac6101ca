import { describe, expect, it } from 'vitest';
import { mastodonHistoryText } from './history-text.js';

describe("the Mastodon connector's history entries, in words", () => {
  const moddy = { id: '109999', username: 'moddy' };

  it('says who resolved a report, and whom a reopened one is assigned to', () => {
    expect(mastodonHistoryText('mastodon.report_resolved_upstream', { reportId: '8437', actionTakenBy: moddy })).toBe(
      'Mastodon report 8437 was resolved inside Mastodon by @moddy',
    );
    expect(mastodonHistoryText('mastodon.report_resolved_upstream', { reportId: '8437', actionTakenBy: null })).toBe(
      'Mastodon report 8437 was resolved inside Mastodon',
    );
    expect(mastodonHistoryText('mastodon.report_reopened_upstream', { reportId: '8437', assignedAccount: moddy })).toBe(
      'Mastodon report 8437 was reopened inside Mastodon (assigned to @moddy)',
    );
    expect(mastodonHistoryText('mastodon.report_reopened_upstream', { reportId: '8437', assignedAccount: null })).toBe(
      'Mastodon report 8437 was reopened inside Mastodon',
    );
  });

  it('says a changed policy as old and new, and the posts added or removed', () => {
    const changed = mastodonHistoryText('mastodon.report_changed_upstream', {
      reportId: '8437',
      from: {
        category: 'violation',
        ruleIds: ['2', '4'],
        policy: { policyId: 'bullying-harassment', sectionId: 'targeted-harassment' },
      },
      to: { category: 'spam', ruleIds: [], policy: { policyId: 'spam' } },
      statusesAdded: ['1'],
      statusesRemoved: ['2', '3'],
    });
    expect(changed).toBe(
      'Mastodon report 8437 was changed inside Mastodon: its policy changed from violation, rules #2 and #4 ' +
        '(bullying-harassment/targeted-harassment) to spam (spam); 1 post added, each filed as a report; ' +
        '2 posts removed (their reports stay)',
    );
    expect(
      mastodonHistoryText('mastodon.report_changed_upstream', {
        reportId: '8437',
        from: null,
        to: null,
        statusesAdded: ['1', '2'],
        statusesRemoved: [],
      }),
    ).toBe('Mastodon report 8437 was changed inside Mastodon: 2 posts added, each filed as a report');
  });

  it('has no words for events that are not the connector’s', () => {
    expect(mastodonHistoryText('decision.taken', { reportId: '1' })).toBeNull();
  });
});
