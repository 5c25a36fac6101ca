import { expect } from 'vitest';
import type { MarkResult } from '../src/moderation/misuse-contract.js';
import type { Client, TestServer } from './http.js';

/** The ground of the illegal-content decisions these tests mark manifestly illegal. */
export const incitementGround = {
  legalProvision: 'Germany, Strafgesetzbuch § 130',
  explanation: 'Incitement to hatred against a group defined by religion.',
  memberStates: ['DE' as const],
};

/**
 * Measures against misuse the demo does not take, for tests that need them on the log: rules set, a notice marked
 * manifestly unfounded (a warning), and a user's two illegal posts marked manifestly illegal (a warning, then a
 * suspension as an account restriction), contested by the platform and lifted.
 */
export async function misuseMeasures(
  rig: TestServer,
  token: string,
  people: { moderator: Client; policy: Client },
  noticeRef: string,
): Promise<void> {
  const { moderator, policy } = people;
  const strict = { warnAfter: 1, suspendAfter: 2, windowDays: 90, suspensionDays: 14 };
  const rules = await policy.request('PUT', '/api/misuse/rules', {
    notifier: strict,
    complainant: strict,
    user: strict,
  });
  expect(rules.statusCode, rules.body).toBe(200);
  const mark = async (kind: string, itemId: string) => {
    const marked = await moderator.request('POST', '/api/misuse/marks', {
      kind,
      itemId,
      reason: 'Manifest on its face.',
    });
    expect(marked.statusCode, marked.body).toBe(201);
    return marked.json<MarkResult>().measure;
  };
  await mark('unfounded_notice', noticeRef);
  let suspensionId = '';
  for (const n of [1, 2]) {
    const pushed = await rig.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        subject: {
          externalId: `replay-misuse-${n}`,
          kind: 'content',
          contentType: 'text',
          authorExternalId: 'replay-misuser',
          body: 'Hateful slogans against a religious group',
        },
        policyId: 'hate-speech',
        source: 'user',
      },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    const { caseId } = pushed.json<{ receipt: { caseId: string } }>().receipt;
    expect((await moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
    const decided = await moderator.request('POST', `/api/cases/${caseId}/decision`, {
      policyId: 'hate-speech',
      sectionId: 'attacks-on-protected-groups',
      outcome: 'remove',
      facts: 'Incites hatred against a religious group.',
      illegalContent: incitementGround,
    });
    expect(decided.statusCode, decided.body).toBe(201);
    suspensionId = (await mark('illegal_content', decided.json<{ decisionId: string }>().decisionId))?.id ?? '';
  }
  const appealed = await rig.app.inject({
    method: 'POST',
    url: `/api/misuse/measures/${suspensionId}/appeal`,
    headers: { authorization: `Bearer ${token}` },
    payload: { statement: 'Those posts were quotes, in a report on the group.' },
  });
  expect(appealed.statusCode, appealed.body).toBe(201);
  const lifted = await policy.request('POST', `/api/misuse/measures/${suspensionId}/review`, {
    result: 'lifted',
    reason: 'Quoted in reporting: not manifest.',
  });
  expect(lifted.statusCode, lifted.body).toBe(200);
}
