import type { Docket } from '../app.js';
import type { Principal } from '../access/roles.js';
import type { ManualClock } from '../core/clock.js';
import type { ReportInput, SubjectInput } from '../moderation/schema.js';

type User = Extract<Principal, { kind: 'user' }>;
export const DEMO_PLATFORM = 'lumen';

/**
 * The reference case, with invented names (Kambara, its prime minister Hun Vara), replayed through the real
 * services on its real dates: a head of government's video threatening opponents, reported many times in
 * January and February 2023, escalated, and kept up as newsworthy; a reporter's internal appeal upheld the keep.
 */
export const PM_ACCOUNT: SubjectInput = {
  externalId: 'lumen-account-pm-kambara',
  kind: 'account',
  title: 'Hun Vara (Prime Minister of Kambara)',
  publicFigure: 'head_of_government',
  language: 'km',
  country: 'QKB',
  followers: 14_000_000,
};

export const PM_VIDEO: SubjectInput = {
  externalId: 'lumen-video-88213',
  kind: 'content',
  contentType: 'video',
  authorExternalId: 'lumen-account-pm-kambara',
  title: 'Speech to party members, Prime Minister Hun Vara',
  body: 'Video of a speech: opponents are told they can choose "the law or a bat", and are threatened with beatings and with gangs sent to their homes.',
  language: 'km',
  country: 'QKB',
  views: 600_000,
  shares: 14_000,
  followers: 14_000_000,
  postedAt: '2023-01-09T08:00:00.000Z',
};

const day = (iso: string) => new Date(`${iso}T10:00:00.000Z`);

export async function replayReferenceStory(docket: Docket, clock: ManualClock, people: Record<'moderator' | 'senior' | 'policy', User>, platformActor: string): Promise<{ decisionId: string }> {
  const { moderation } = docket;
  clock.set(day('2023-01-09'));
  await moderation.ingestSubjects(platformActor, DEMO_PLATFORM, [PM_ACCOUNT], null);

  // 44 user reports over five weeks, a few from trusted flaggers (civil-society organisations).
  for (let week = 0; week < 5; week++) {
    clock.set(new Date(day('2023-01-09').getTime() + week * 7 * 86_400_000 + 3_600_000));
    const items: ReportInput[] = Array.from({ length: week === 0 ? 20 : 6 }, (_, i) => ({
      ...(week === 0 && i === 0 ? { subject: PM_VIDEO } : { subjectExternalId: PM_VIDEO.externalId }),
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
      source: i === 1 ? 'trusted_flagger' : 'user',
      reporterRef: `lumen-user-${week}-${i}`,
      text: i % 3 === 0 ? 'The prime minister threatens to beat his opponents and send gangs to their homes.' : undefined,
    }));
    const { body } = await moderation.ingestReports(platformActor, DEMO_PLATFORM, items, null);
    if (week === 0) {
      const caseId = body.receipts[0]?.caseId as string;
      clock.set(day('2023-01-12'));
      await moderation.queue.claim(people.moderator, caseId);
      await moderation.queue.escalate(people.moderator, caseId, 'senior', 'Head of government; the speech threatens opponents. Needs a newsworthiness assessment.');
    }
  }

  clock.set(day('2023-02-14'));
  const caseId = (await moderation.queue.list(people.senior, { level: 'senior', country: 'QKB' }, 1))[0]?.id as string;
  await moderation.queue.claim(people.senior, caseId);
  const kept = await moderation.decisions.decide(people.senior, caseId, {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    outcome: 'keep_newsworthy',
    facts: 'Speech by the sitting prime minister to party members, posted on his official page; it threatens opponents with violence. Reported 44 times.',
    territorialScope: ['WORLD'],
    balancing: {
      publicInterest: ['political_speech', 'leader_accountability', 'elections'],
      harms: ['threat_to_identifiable_people', 'speaker_reach_and_power'],
      assessment: "The public interest in knowing what the country's leader says ahead of the July election was judged to outweigh the risk of harm.",
    },
  });

  // A reporter appeals the decision not to act; policy staff uphold it.
  clock.set(day('2023-02-20'));
  const appeal = await moderation.appeals.file(platformActor, DEMO_PLATFORM, {
    decisionId: kept.decisionId,
    appellant: 'reporter',
    appellantRef: 'lumen-user-0-2',
    statement: 'The prime minister openly threatens violence against his opponents; leaving it up endangers them.',
  });
  clock.set(day('2023-03-01'));
  await moderation.appeals.decide(people.policy, appeal.appealId, {
    result: 'upheld',
    reason: 'The newsworthiness allowance was applied with a recorded balancing; the decision stands.',
  });
  return { decisionId: kept.decisionId };
}
