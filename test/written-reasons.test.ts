import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestServer, problemOf, type Client, type TestServer } from './http.js';
import { describeEachStore } from './stores.js';
import type { DesignationProposed } from '../src/crisis/contract.js';

const BLANKS = [
  '          ',
  '\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t',
  '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000',
  '\n \n \n \n \n \n',
];

/**
 * Reasons and notes go on the log as the record of why; blanks pass any minimum length and say nothing. Found by
 * the fuzz tests: a designation, an approval, a verified figure and its removal were all taken with only blanks.
 */
describeEachStore('reasons, notes and names written for the record are not blank', (kind) => {
  let server: TestServer;
  let policy: Client;
  let designation: string;
  let staff: Client;
  let platform: string;

  beforeAll(async () => {
    server = await openTestServer(kind);
    await server.docket.access.createUser('system:test', {
      username: 'pol',
      roles: ['policy'],
      password: 'policy password 1',
    });
    policy = await server.signIn('pol', 'policy password 1');
    designation = (
      await policy.request('POST', '/api/designations', {
        iso3: 'KEN',
        kind: 'acute',
        reasons: 'Armed clashes spread to three regions.',
      })
    ).json<DesignationProposed>().id;
    expect(
      (
        await policy.request('POST', '/api/figures', {
          platform: 'lumen',
          accountRef: 'pm',
          kind: 'head_of_government',
          name: 'A Minister',
          note: 'official site',
        })
      ).statusCode,
    ).toBe(200);
    await server.docket.access.createUser('system:test', {
      username: 'staff',
      roles: ['moderator', 'policy', 'board_member', 'case_manager'],
      password: 'staff password 1',
    });
    staff = await server.signIn('staff', 'staff password 1');
    platform = (
      await server.docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' })
    ).token;
  });
  afterAll(() => server.close());

  it.each(BLANKS)('refuses %j as reasons, a note or a name, and writes nothing', async (blank) => {
    const before = await server.written();
    const attempts = [
      await policy.request('POST', '/api/designations', { iso3: 'KEN', kind: 'chronic', reasons: blank }),
      await policy.request('POST', `/api/designations/${designation}/approve`, { note: blank }),
      await policy.request('POST', '/api/figures', {
        platform: 'lumen',
        accountRef: 'mp',
        kind: 'legislator',
        name: blank,
        note: 'official site',
      }),
      await policy.request('POST', '/api/figures', {
        platform: 'lumen',
        accountRef: 'mp',
        kind: 'legislator',
        name: 'An MP',
        note: blank,
      }),
      await policy.request('DELETE', '/api/figures/lumen/pm', { note: blank }),
      await policy.request('POST', '/api/restrictions', {
        platform: 'lumen',
        accountRef: 'pm',
        severityTier: 1,
        reason: blank,
      }),
    ];
    for (const response of attempts) {
      expect(response.statusCode, response.body).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
    }
    expect(await server.written()).toBe(before);
  });

  // No such record: a blank is refused before the record is looked for (it used to be a 404, or taken if it was there).
  const NOBODY = '01a2107e-17c2-7afb-ad70-d7427e1395d6';
  const onMissingRecords = (blank: string): [string, string, Record<string, unknown>][] => [
    ['staff', `/api/cases/${NOBODY}/escalate`, { to: 'senior', note: blank }],
    [
      'staff',
      `/api/cases/${NOBODY}/decision`,
      { policyId: 'spam', sectionId: 'commercial-spam', outcome: 'remove', facts: blank },
    ],
    ['staff', `/api/appeals/${NOBODY}/decision`, { result: 'upheld', reason: blank }],
    ['platform', '/api/appeals', { decisionId: NOBODY, appellant: 'affected_user', statement: blank }],
    ['platform', '/api/board/appeals', { decisionId: NOBODY, statement: blank }],
    ['staff', `/api/board/cases/${NOBODY}/decline`, { note: blank }],
    [
      'staff',
      `/api/board/cases/${NOBODY}/briefs`,
      { name: 'A Name', organisation: blank, body: 'A brief of twenty characters or more.' },
    ],
    ['staff', `/api/board/cases/${NOBODY}/votes`, { vote: 'uphold', opinion: blank.repeat(3) }],
    [
      'staff',
      '/api/policies/no-such-policy/versions',
      {
        title: 'T',
        summary: 'S',
        sections: [{ id: 's', title: 'S', text: 'x', severity: 1, severe: false, allowedOutcomes: ['remove'] }],
        changeNote: blank,
      },
    ],
    // The policy library is public: a policy with a blank summary or section was created and published.
    [
      'staff',
      '/api/policies',
      {
        id: 'blank-summary',
        title: 'T',
        summary: blank,
        dsaCategory: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
        sections: [
          { id: 's', title: 'S', text: 'x', severity: 1, severe: false, allowedOutcomes: ['no_violation', 'remove'] },
        ],
        changeNote: 'first',
      },
    ],
    [
      'staff',
      '/api/policies',
      {
        id: 'blank-section',
        title: 'T',
        summary: 'S',
        dsaCategory: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
        sections: [
          { id: 's', title: 'S', text: blank, severity: 1, severe: false, allowedOutcomes: ['no_violation', 'remove'] },
        ],
        changeNote: 'first',
      },
    ],
  ];

  it.each(BLANKS)(
    'refuses %j in the moderation, board and policy texts before looking for the record',
    async (blank) => {
      const before = await server.written();
      for (const [who, url, body] of onMissingRecords(blank)) {
        const response =
          who === 'staff'
            ? await staff.request('POST', url, body)
            : await server.app.inject({
                method: 'POST',
                url,
                payload: body,
                headers: { authorization: `Bearer ${platform}` },
              });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        expect(problemOf(response).code).toBe('validation_failed');
      }
      expect(await server.written()).toBe(before);
    },
  );
});
