import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { contentNotices } from '../src/moderation/notice-tables.js';
import type { Client, TestServer } from './http.js';

/**
 * Complaints the demo does not file, for tests that need them on the log: a notifier's complaint through their
 * notice's status link, the affected user's through the complaint link the platform asked for, and a senior
 * reviewer's decision on one of them.
 */
export async function linkComplaints(rig: TestServer, token: string, moderator: Client): Promise<void> {
  const platform = { authorization: `Bearer ${token}` };
  const location = 'https://lumen.example/replay/complaint-1';
  const pushed = await rig.app.inject({
    method: 'POST',
    url: '/api/subjects',
    headers: platform,
    payload: { externalId: 'replay-complaint-1', kind: 'content', contentType: 'text', url: location },
  });
  expect(pushed.statusCode, pushed.body).toBeLessThan(300);
  const noticed = await rig.app.inject({
    method: 'POST',
    url: '/api/public/notices',
    remoteAddress: '198.51.100.77',
    payload: {
      location,
      explanation: 'It threatens the people of a named village with violence.',
      policyId: 'violence-incitement',
      name: 'Replay Complainant',
      email: 'complainant@example.org',
      goodFaith: true,
    },
  });
  expect(noticed.statusCode, noticed.body).toBe(201);
  const statusToken = new URL((noticed.json() as { statusUrl: string }).statusUrl).pathname.split('/').pop();
  const status = await rig.app.inject({ method: 'GET', url: `/api/public/notices/status/${statusToken}` });
  expect(status.statusCode, status.body).toBe(200);
  const [{ caseId }] = (await rig.docket.store.db
    .select({ caseId: contentNotices.caseId })
    .from(contentNotices)
    .where(eq(contentNotices.location, location))) as [{ caseId: string }];
  expect((await moderator.request('POST', `/api/cases/${caseId}/claim`)).statusCode).toBe(200);
  const decided = await moderator.request('POST', `/api/cases/${caseId}/decision`, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'no_violation',
    facts: 'A chant between football fans, not a threat.',
  });
  expect(decided.statusCode, decided.body).toBe(201);
  const { decisionId } = decided.json() as { decisionId: string };

  const byNotifier = await rig.app.inject({
    method: 'POST',
    url: `/api/public/complaints/${statusToken}`,
    payload: { statement: 'The village is named: it is a threat.' },
  });
  expect(byNotifier.statusCode, byNotifier.body).toBe(201);
  const link = await rig.app.inject({
    method: 'POST',
    url: `/api/decisions/${decisionId}/complaint-link`,
    headers: platform,
    payload: {},
  });
  expect(link.statusCode, link.body).toBe(201);
  const userToken = new URL((link.json() as { url: string }).url).pathname.split('/').pop();
  const byUser = await rig.app.inject({
    method: 'POST',
    url: `/api/public/complaints/${userToken}`,
    payload: { statement: 'I only quoted a chant.' },
  });
  expect(byUser.statusCode, byUser.body).toBe(201);

  const senior = await rig.signIn('senior', 'senior-demo-pass');
  const pending = (await senior.request('GET', '/api/appeals?limit=200')).json() as {
    appeals: { id: string; appellant: string; decision: { id: string } }[];
  };
  const notifiers = pending.appeals.find((a) => a.decision.id === decisionId && a.appellant === 'reporter');
  const upheld = await senior.request('POST', `/api/appeals/${notifiers?.id}/decision`, {
    result: 'upheld',
    reason: 'Read again by a person: a football chant.',
  });
  expect(upheld.statusCode, upheld.body).toBe(200);
}
