import type { Docket } from '../app.js';
import type { Principal } from '../core/roles.js';
import type { ManualClock } from '../core/clock.js';
import type { ReportInput, SubjectInput } from '../moderation/contract.js';

type User = Extract<Principal, { kind: 'user' }>;
export type StoryStaff = Record<'autoreview' | 'moderator' | 'senior' | 'policy', User>;
export const DEMO_PLATFORM = 'lumen';

/**
 * The reference case (../shared/design/REFERENCE-CASE.md), with invented names (Kambara, its prime minister Arkad
 * Velun), replayed through the real services on its real dates in January 2023: a head of government's video
 * threatening opponents, reported 5 times by 3 users; the platform's automation closes the reports without human
 * review; on two of the users' appeals two human reviewers find no violation; on January 18 the platform's policy
 * and subject-matter experts keep the video up as newsworthy while finding that it breaks the violence and
 * incitement policy.
 */
export const PM_ACCOUNT: SubjectInput = {
  externalId: 'lumen-account-pm-kambara',
  kind: 'account',
  title: 'Arkad Velun (Prime Minister of Kambara)',
  publicFigure: 'head_of_government',
  accountType: 'private',
  language: 'km',
  country: 'QKB',
  followers: 14_000_000,
};

export const PM_VIDEO: SubjectInput = {
  externalId: 'lumen-video-88213',
  kind: 'content',
  contentType: 'video',
  authorExternalId: 'lumen-account-pm-kambara',
  title: 'Speech to party members, Prime Minister Arkad Velun',
  body: 'Video of a speech: opponents are told they have two options, "the law or a bat"; the prime minister threatens to beat them up and to send people to their homes.',
  language: 'km',
  country: 'QKB',
  views: 600_000,
  shares: 2_800,
  followers: 14_000_000,
  postedAt: '2023-01-09T08:00:00.000Z',
};

/** The three users who reported the video (the platform's private references; reporters are never shown). */
export const PM_VIDEO_REPORTERS = ['lumen-user-7731', 'lumen-user-20418', 'lumen-user-55102'] as const;

const at = (iso: string) => new Date(`${iso}Z`);
const THREAT = { policyId: 'violence-incitement', sectionId: 'threats-of-violence' } as const;

/** The five user reports, January 9 to 26: [when, which of the three users, what they wrote]. */
const REPORTS: [string, number, string | undefined][] = [
  [
    '2023-01-09T14:00:00.000',
    0,
    'The prime minister threatens to beat up his opponents and send people to their homes.',
  ],
  ['2023-01-10T09:30:00.000', 1, 'A threat of violence against the opposition by the head of government.'],
  ['2023-01-12T16:00:00.000', 0, undefined],
  ['2023-01-20T11:00:00.000', 2, 'He says opponents can choose the law or a bat. This is a threat.'],
  ['2023-01-26T08:45:00.000', 1, undefined],
];

export async function replayReferenceStory(
  docket: Docket,
  clock: ManualClock,
  people: StoryStaff,
  platformActor: string,
): Promise<{ decisionId: string }> {
  const { moderation } = docket;
  const report = async (when: string, reporter: number, text: string | undefined, first = false) => {
    clock.set(at(when));
    const item: ReportInput = {
      ...(first ? { subject: PM_VIDEO } : { subjectExternalId: PM_VIDEO.externalId }),
      ...THREAT,
      source: 'user',
      reporterRef: PM_VIDEO_REPORTERS[reporter],
      text,
    };
    return (await moderation.ingestReports(platformActor, DEMO_PLATFORM, [item], null)).body.receipts[0]
      ?.caseId as string;
  };

  clock.set(at('2023-01-09T08:00:00.000'));
  await moderation.ingestSubjects(platformActor, DEMO_PLATFORM, [PM_ACCOUNT], null);
  const [first, second] = REPORTS;
  const caseId = await report(...first!, true);
  await report(...second!);

  // The platform's automation closes the reports without human review: a fully automated decision of no violation.
  clock.set(at('2023-01-10T10:00:00.000'));
  await moderation.queue.claim(people.autoreview, caseId);
  const closed = await moderation.decisions.decide(people.autoreview, caseId, {
    ...THREAT,
    outcome: 'no_violation',
    facts: 'Closed by automated review without human review: the reports were not prioritised for review.',
    automatedDecision: true,
  });
  await report(...REPORTS[2]!);

  // Two of the users appeal; two human reviewers, one after the other, find no violation.
  const appealAndUphold = async (
    reporter: number,
    filed: string,
    decided: string,
    reviewer: User,
    statement: string,
  ) => {
    clock.set(at(filed));
    const appeal = await moderation.appeals.file(platformActor, DEMO_PLATFORM, {
      decisionId: closed.decisionId,
      appellant: 'reporter',
      appellantRef: PM_VIDEO_REPORTERS[reporter],
      statement,
    });
    clock.set(at(decided));
    await moderation.appeals.decide(reviewer, appeal.appealId, {
      result: 'upheld',
      reason: 'Reviewed by a person on appeal: no violation found.',
    });
  };
  await appealAndUphold(
    0,
    '2023-01-11T09:00:00.000',
    '2023-01-13T15:00:00.000',
    people.moderator,
    'The prime minister threatens his opponents with beatings; this must come down.',
  );
  await appealAndUphold(
    1,
    '2023-01-12T10:00:00.000',
    '2023-01-16T11:00:00.000',
    people.senior,
    'This video threatens violence against named opponents ahead of the election.',
  );

  // Platform staff send the video to the policy and subject-matter experts, who keep it up as newsworthy on January 18
  // while finding that it breaks the violence and incitement policy.
  clock.set(at('2023-01-17T09:00:00.000'));
  await moderation.ingestReports(
    platformActor,
    DEMO_PLATFORM,
    [
      {
        subjectExternalId: PM_VIDEO.externalId,
        ...THREAT,
        source: 'staff',
        reporterRef: 'lumen-staff-escalations',
        text: 'Escalated to the policy and subject-matter experts: a head of government threatening opponents.',
      },
    ],
    null,
  );
  await moderation.queue.claim(people.moderator, caseId);
  await moderation.queue.escalate(
    people.moderator,
    caseId,
    'policy',
    'Head of government; the speech threatens opponents. For the policy and subject-matter experts: newsworthiness.',
  );
  clock.set(at('2023-01-18T14:00:00.000'));
  await docket.figures.verify(people.policy, {
    platform: DEMO_PLATFORM,
    accountRef: PM_ACCOUNT.externalId,
    kind: 'head_of_government',
    name: 'Arkad Velun',
    country: 'QKB',
    note: "The prime minister's official page, confirmed with the platform.",
  });
  await moderation.queue.claim(people.policy, caseId);
  const kept = await moderation.decisions.decide(people.policy, caseId, {
    ...THREAT,
    outcome: 'keep_newsworthy',
    facts:
      'Speech by the sitting prime minister to party members, posted on his official page. It breaks the violence and incitement policy: it threatens opponents with beatings and with people sent to their homes.',
    territorialScope: ['WORLD'],
    balancing: {
      publicInterest: ['political_speech', 'leader_accountability', 'elections'],
      harms: ['threat_to_identifiable_people', 'speaker_reach_and_power'],
      assessment:
        "The policy and subject-matter experts judged the public interest in knowing what the country's leader says ahead of the July election to outweigh the risk of harm.",
    },
  });
  await report(...REPORTS[3]!);
  await report(...REPORTS[4]!);
  return { decisionId: kept.decisionId };
}
