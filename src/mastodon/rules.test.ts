import { describe, expect, it } from 'vitest';
import {
  accountUpdated,
  anotherStatus,
  reportChanged,
  reportCreated,
  reportReopened,
  reportResolved,
  statusCreated,
} from '../../test/mastodon-payloads.js';
import {
  accountSubject,
  addedStatusItems,
  changesPolicyOrStatuses,
  isNewerThan,
  isOlderThan,
  reportChange,
  reportStateOf,
  DEFAULT_CATEGORY_POLICIES,
  deliveryKey,
  htmlToText,
  hubSignature,
  policyFor,
  policyMapProblems,
  policyRefsOf,
  readMastodonAccount,
  isMastodonTime,
  readMastodonReport,
  readMastodonStatus,
  reportItems,
  reportText,
  signatureMatches,
  statusSubject,
  upstreamResolution,
  type MastodonReport,
} from './rules.js';

const documented = (): MastodonReport => {
  const read = readMastodonReport(reportCreated().object);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
};

describe("Mastodon's webhook signature", () => {
  const body = Buffer.from('{"event":"report.created"}');
  // The value Ruby's OpenSSL::HMAC.hexdigest('sha256', 'a webhook secret', body) gives, as delivery_worker.rb sends it.
  const header = hubSignature('a webhook secret', body);

  it('is sha256= and the hex HMAC-SHA256 of the raw body with the secret', () => {
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureMatches('a webhook secret', body, header)).toBe(true);
  });

  it('fails with another secret, another body, no header, or an empty secret', () => {
    expect(signatureMatches('another secret!', body, header)).toBe(false);
    expect(signatureMatches('a webhook secret', Buffer.from('{"event":"report.created" }'), header)).toBe(false);
    expect(signatureMatches('a webhook secret', body, undefined)).toBe(false);
    expect(signatureMatches('a webhook secret', body, 'sha256=')).toBe(false);
    expect(signatureMatches('', body, hubSignature('', body))).toBe(false);
  });
});

describe("reading Mastodon's serializers", () => {
  it("reads the documentation's report.created example (REST::Admin::ReportSerializer)", () => {
    const report = documented();
    expect(report).toMatchObject({
      id: '8437',
      category: 'violation',
      comment: '',
      forwarded: true,
      actionTaken: false,
      actionTakenBy: null,
      reporterId: '123456789',
      updatedAt: '2023-10-26T13:34:00.348Z',
      rules: [{ id: '2', text: "Don't be a meanie!" }],
    });
    expect(report.target).toMatchObject({ id: '123454321', acct: 'cheeseperson@someothermastodonsite.com' });
    expect(report.statuses.map((s) => [s.id, s.accountId, s.language])).toEqual([
      ['12345678987654321', '123454321', 'de'],
    ]);
  });

  it('names every field a payload lacks or types wrongly, with its JSON pointer', () => {
    const object = { ...reportCreated().object, id: 8437, statuses: [{ id: '1' }] } as Record<string, unknown>;
    delete object.target_account;
    const read = readMastodonReport(object);
    expect(read.ok).toBe(false);
    const fields = read.ok ? [] : read.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        '/object/id',
        '/object/target_account',
        '/object/statuses/0/account',
        '/object/statuses/0/created_at',
      ]),
    );
  });

  it('refuses a time Mastodon never writes, where a report, a status or an account carries one', () => {
    const report = reportCreated().object as Record<string, unknown>;
    const status = (report.statuses as Record<string, unknown>[])[0] as Record<string, unknown>;
    for (const bad of [
      'yesterday',
      '2023-13-01T00:00:00.000Z',
      '2023-02-30T10:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '',
    ]) {
      const read = readMastodonReport({
        ...report,
        created_at: bad,
        updated_at: bad,
        action_taken_at: bad,
        target_account: { ...(report.target_account as object), created_at: bad },
        statuses: [{ ...status, created_at: bad, edited_at: bad }],
      });
      expect(read.ok ? [] : read.problems.map((p) => p.field), bad).toEqual([
        '/object/action_taken_at',
        '/object/created_at',
        '/object/updated_at',
        '/object/target_account/created_at',
        '/object/statuses/0/created_at',
        '/object/statuses/0/edited_at',
      ]);
    }
    expect(isMastodonTime('2023-10-26T13:34:00.348Z')).toBe(true);
    expect(isMastodonTime('2023-10-26T15:34:00+02:00')).toBe(true);
    expect(isMastodonTime('2023-10-26 13:34:00')).toBe(false);
  });

  it('refuses an empty id, as any id Mastodon never writes (an empty status id answered 500)', () => {
    const report = reportCreated().object as Record<string, unknown>;
    const read = readMastodonReport({ ...report, id: '', account: { ...(report.account as object), id: '' } });
    expect(read.ok ? [] : read.problems).toEqual([
      { field: '/object/id', message: 'is not an id Mastodon writes' },
      { field: '/object/account/id', message: 'is not an id Mastodon writes' },
    ]);
    const status = readMastodonStatus({ ...statusCreated().object, id: '' });
    expect(status.ok ? [] : status.problems.map((p) => p.field)).toEqual(['/object/id']);
  });

  it('reads a category Mastodon adds later as other', () => {
    const read = readMastodonReport({ ...reportCreated().object, category: 'something_new' });
    expect(read.ok && read.value.category).toBe('other');
  });

  it('reads account.updated (REST::Admin::AccountSerializer) and status.created (REST::StatusSerializer)', () => {
    const account = readMastodonAccount(accountUpdated().object);
    expect(account.ok && accountSubject(account.value)).toEqual({
      externalId: '123454321',
      kind: 'account',
      title: 'cheeseperson (@cheeseperson@someothermastodonsite.com)',
      body: 'Cheese & more cheese',
      url: 'https://someothermastodonsite.com/@cheeseperson',
      followers: 2,
      postedAt: '2023-08-20T00:00:00.000Z',
    });
    const status = readMastodonStatus(statusCreated().object);
    expect(status.ok && statusSubject(status.value)).toEqual({
      externalId: '12345678987654321',
      kind: 'content',
      contentType: 'text',
      authorExternalId: '123454321',
      body: 'Here is some content',
      url: 'https://someothermastodonsite.com/@cheeseperson/111301083360371621',
      language: 'de',
      shares: 0,
      postedAt: '2023-10-26T11:29:13.000Z',
    });
  });
});

describe("a status's HTML as text", () => {
  it('keeps paragraphs and line breaks, drops tags, decodes entities', () => {
    expect(
      htmlToText(
        '<p>Hello <span class="h-card"><a href="https://x.example/@a" class="u-url mention">@<span>a</span></a></span>' +
          '<br />line two &amp; &lt;b&gt; &#39;q&#39; &#x1F600;</p><p>second</p>',
      ),
    ).toBe("Hello @a\nline two & <b> 'q' 😀\n\nsecond");
  });

  it('drops a numeric entity no character has', () => {
    expect(htmlToText('a&#xD800;b&#0;c')).toBe('abc');
  });
});

describe('the policy a report alleges', () => {
  const map = {
    categories: { legal: { policyId: 'illegal-content' } },
    rules: { '2': { policyId: 'hate-speech', sectionId: 'slurs' } },
  };

  it('is the first cited rule the map names', () => {
    expect(
      policyFor(
        {
          category: 'violation',
          rules: [
            { id: '9', text: '' },
            { id: '2', text: '' },
          ],
        },
        map,
      ),
    ).toEqual({
      policyId: 'hate-speech',
      sectionId: 'slurs',
    });
  });

  it("else the category's mapping", () => {
    expect(policyFor({ category: 'legal', rules: [] }, map)).toEqual({ policyId: 'illegal-content' });
  });

  it('else the default of the category', () => {
    for (const category of ['spam', 'legal', 'violation', 'other'] as const)
      expect(policyFor({ category, rules: [{ id: '9', text: '' }] }, {})).toEqual(DEFAULT_CATEGORY_POLICIES[category]);
    expect(DEFAULT_CATEGORY_POLICIES.spam).toEqual({ policyId: 'spam', sectionId: 'commercial-spam' });
  });
});

describe("a Mastodon report as Docket's reports", () => {
  it('reports the account and each status, with the reporter private, the text and the policy', () => {
    const items = reportItems(documented(), {});
    expect(items.map((i) => [i.subject?.kind, i.subject?.externalId])).toEqual([
      ['account', '123454321'],
      ['content', '12345678987654321'],
    ]);
    for (const item of items)
      expect(item).toMatchObject({
        policyId: 'bullying-harassment',
        sectionId: 'targeted-harassment',
        reporterRef: '123456789',
        source: 'user',
      });
    expect(items[0]?.text).toBe(
      'Forwarded by another server: the reporter is on that server, not on this instance.\n' +
        "Mastodon report 8437, category violation, rules cited: #2 Don't be a meanie!.",
    );
  });

  it("puts the reporter's comment first, and says nothing of forwarding when it was not", () => {
    expect(reportText({ ...documented(), comment: '  spam links  ', forwarded: false, rules: [] })).toBe(
      'spam links\nMastodon report 8437, category violation.',
    );
  });

  it('reports a status named twice once', () => {
    const report = documented();
    expect(reportItems({ ...report, statuses: [...report.statuses, ...report.statuses] }, {})).toHaveLength(2);
  });
});

describe('a report resolved inside Mastodon', () => {
  it('is resolved when action was taken, by whom and when', () => {
    const read = readMastodonReport(reportResolved().object);
    expect(read.ok && upstreamResolution(read.value)).toEqual({
      by: { id: '109999', username: 'moddy' },
      at: '2023-10-26T14:02:11.101Z',
    });
    expect(upstreamResolution(documented())).toBeNull();
  });
});

describe('the delivery key', () => {
  it('is the event, the object id and its version', () => {
    expect(deliveryKey('report.created', '8437', '2023-10-26T13:34:00.348Z')).toBe(
      'mastodon:report.created:8437:2023-10-26T13:34:00.348Z',
    );
  });
});

describe('the policy map an admin writes', () => {
  it('is refused where it is not shaped as documented', () => {
    expect(policyMapProblems({})).toEqual([]);
    expect(
      policyMapProblems({
        categories: { spam: { policyId: 'spam' }, rude: { policyId: 'x' }, legal: { policy: 'x' } },
        rules: { '2': 'hate-speech' },
        extra: {},
      }).map((p) => p.field),
    ).toEqual([
      '/policyMap/categories/rude',
      '/policyMap/categories/legal/policy',
      '/policyMap/categories/legal/policyId',
      '/policyMap/rules/2',
      '/policyMap/extra',
    ]);
  });

  it("names every policy a report can allege: each category's (or its default) and each rule's", () => {
    const refs = policyRefsOf({ categories: { legal: { policyId: 'illegal' } }, rules: { '7': { policyId: 'x' } } });
    expect(refs.map((r) => [r.field, r.ref.policyId])).toEqual([
      ['/policyMap/categories/spam', 'spam'],
      ['/policyMap/categories/legal', 'illegal'],
      ['/policyMap/categories/violation', 'bullying-harassment'],
      ['/policyMap/categories/other', 'bullying-harassment'],
      ['/policyMap/rules/7', 'x'],
    ]);
  });
});

describe('what a later version of a report changes', () => {
  const read = (payload: { object: Record<string, unknown> }): MastodonReport => {
    const result = readMastodonReport(payload.object);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  };
  const created = documented();
  const resolved = read(reportResolved());
  const reopened = read(reportReopened());
  const filed = ['123454321', '12345678987654321'];
  const added = anotherStatus('111301099999999999');

  it('keeps the category, sorted rule ids, resolution and version of a report', () => {
    expect(reportStateOf(created)).toEqual({
      category: 'violation',
      ruleIds: ['2'],
      resolved: false,
      updatedAt: '2023-10-26T13:34:00.348Z',
    });
    const rules = [{ id: '9' }, { id: '2' }, { id: '9' }];
    expect(reportStateOf(read(reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { rules }))).ruleIds).toEqual([
      '2',
      '9',
    ]);
    expect(reportStateOf(resolved).resolved).toBe(true);
  });

  it('reads the moderator a report is assigned to, and none when the payload has no such field', () => {
    expect(reopened.assignedAccount).toEqual({ id: '109999', username: 'moddy' });
    expect(created.assignedAccount).toBeNull();
    const { assigned_account: _, ...without } = reportCreated().object;
    expect(read({ object: without }).assignedAccount).toBeNull();
  });

  it('orders versions by updated_at: newer, the same, or older (a late delivery)', () => {
    const kept = reportStateOf(resolved);
    expect(isNewerThan(reopened, kept)).toBe(true);
    expect(isNewerThan(resolved, kept)).toBe(false);
    expect(isNewerThan(created, kept)).toBe(false);
    expect(isNewerThan(created, null)).toBe(true);
    expect(isOlderThan(created, kept)).toBe(true);
    expect(isOlderThan(resolved, kept)).toBe(false);
    expect(isOlderThan(created, null)).toBe(false);
  });

  it('tells a reopening only of a report kept as resolved', () => {
    expect(reportChange(reportStateOf(resolved), filed, reopened, {}).reopened).toBe(true);
    expect(reportChange(reportStateOf(created), filed, reopened, {}).reopened).toBe(false);
    expect(reportChange(null, filed, reopened, {}).reopened).toBe(false);
    const change = reportChange(reportStateOf(resolved), filed, reopened, {});
    expect(changesPolicyOrStatuses(change)).toBe(false);
  });

  it('tells a changed category or rules as old and new policy under the map', () => {
    const spam = read(reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { category: 'spam', rules: [] }));
    const map = { rules: { '2': { policyId: 'hate-speech' } } };
    const change = reportChange(reportStateOf(created), filed, spam, map);
    expect(change.policy).toEqual({
      from: { category: 'violation', ruleIds: ['2'], policy: { policyId: 'hate-speech' } },
      to: { category: 'spam', ruleIds: [], policy: DEFAULT_CATEGORY_POLICIES.spam },
    });
    expect(changesPolicyOrStatuses(change)).toBe(true);
    const moreRules = read(
      reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { rules: [{ id: '2' }, { id: '4' }] }),
    );
    expect(reportChange(reportStateOf(created), filed, moreRules, map).policy?.to.ruleIds).toEqual(['2', '4']);
    // Nothing kept (a report received before Docket kept state): no policy change can be told.
    expect(reportChange(null, filed, spam, map).policy).toBeNull();
    expect(reportChange(reportStateOf(created), filed, created, map).policy).toBeNull();
  });

  it('tells the statuses added since Docket filed the report, and those removed', () => {
    const statuses = [...(reportCreated().object.statuses as Record<string, unknown>[]), added, added];
    const more = read(reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { statuses }));
    const change = reportChange(reportStateOf(created), filed, more, {});
    expect(change.addedStatuses.map((s) => s.id)).toEqual(['111301099999999999']);
    expect(change.removedStatusIds).toEqual([]);
    const fewer = read(reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { statuses: [added] }));
    const swapped = reportChange(reportStateOf(created), filed, fewer, {});
    expect(swapped.removedStatusIds).toEqual(['12345678987654321']);
    expect(swapped.addedStatuses.map((s) => s.id)).toEqual(['111301099999999999']);
    expect(changesPolicyOrStatuses(reportChange(reportStateOf(created), filed, created, {}))).toBe(false);
  });

  it("files only the added statuses, with the report's policy as it is now, never the account again", () => {
    const statuses = [...(reportCreated().object.statuses as Record<string, unknown>[]), added];
    const more = read(
      reportChanged(reportCreated(), '2023-10-27T00:00:00Z', { statuses, category: 'spam', rules: [] }),
    );
    const items = addedStatusItems(more, reportChange(reportStateOf(created), filed, more, {}).addedStatuses, {});
    expect(items.map((i) => i.subject?.externalId)).toEqual(['111301099999999999']);
    expect(items[0]).toMatchObject({ policyId: 'spam', sectionId: 'commercial-spam', reporterRef: '123456789' });
    expect(items[0]?.subject).toMatchObject({ kind: 'content', authorExternalId: '123454321' });
  });
});
