import { expect } from 'vitest';
import type { Client, TestServer } from './http.js';

/**
 * Decisions the demo does not take, for tests that need them on the log: a moderator's removal on the ground of
 * illegal content, and a platform tool's fully automated removal recorded through the integration's API.
 */
export async function groundAndToolDecisions(rig: TestServer, token: string, moderator: Client): Promise<void> {
  const platform = { authorization: `Bearer ${token}` };
  const pushed = await rig.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: platform,
    payload: {
      subject: { externalId: 'replay-illegal-1', kind: 'content', contentType: 'text', body: 'A call to violence' },
      policyId: 'hate-speech',
      source: 'user',
      reporterRef: 'replay-reporter-2',
    },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  const { caseId } = (pushed.json() as { receipt: { caseId: string } }).receipt;
  expect((await moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
  const decided = await moderator.request('POST', `/api/cases/${caseId}/decision`, {
    policyId: 'hate-speech',
    sectionId: 'attacks-on-protected-groups',
    outcome: 'remove',
    facts: 'Calls for violence against a religious minority.',
    illegalContent: {
      legalProvision: 'Germany, Strafgesetzbuch § 130',
      explanation: 'Incitement to violence against a group defined by religion.',
      memberStates: ['DE'],
    },
    automation: { tool: 'toxicity', toolVersion: '0.9', score: 0.91, humanReviewed: true },
  });
  expect(decided.statusCode, decided.body).toBe(201);
  const subject = await rig.app.inject({
    method: 'POST',
    url: '/api/subjects',
    headers: platform,
    payload: { externalId: 'replay-scam-1', kind: 'content', contentType: 'image', body: 'A known scam advert' },
  });
  expect(subject.statusCode, subject.body).toBeLessThan(300);
  const automated = await rig.app.inject({
    method: 'POST',
    url: '/api/automated-decisions',
    headers: platform,
    payload: {
      subjectExternalId: 'replay-scam-1',
      policyId: 'spam',
      sectionId: 'commercial-spam',
      outcome: 'remove',
      facts: 'The image matches a known scam advert.',
      automation: { tool: 'hashmatch', toolVersion: '2.1', score: 0.99, humanReviewed: false },
    },
  });
  expect(automated.statusCode, automated.body).toBe(201);
}
