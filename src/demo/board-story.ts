import type { Docket } from '../app.js';
import type { Principal } from '../core/roles.js';
import type { RecommendationGroup, Region, ResponseCategory } from '../board/rules.js';
import type { ManualClock } from '../core/clock.js';
import { DEMO_PLATFORM, PM_ACCOUNT } from './reference-story.js';

type User = Extract<Principal, { kind: 'user' }>;
export type BoardPeople = { casemanager: User; liaison: User; policy: User; members: { user: User; region: Region }[] };

const at = (iso: string) => new Date(`${iso}Z`);
const day = (iso: string) => at(`${iso}T10:00:00.000`);

/**
 * The board's six recommendations in the reference case, in its three groups (invented names; the wording follows
 * the published decision, and items the source marks [unverified] keep that label).
 */
export const REFERENCE_RECOMMENDATIONS: { group: RecommendationGroup; text: string; measure: string }[] = [
  {
    group: 'policy',
    text: 'Make clear that the restriction protocol for public figures also covers contexts where citizens live under a continuing threat of retaliatory violence from their government, not only time-bound civil unrest.',
    measure: 'The published protocol says so.',
  },
  {
    group: 'policy',
    text: 'Make clear that incitement and threats of violence are not eligible for the newsworthiness allowance.',
    measure: 'The published newsworthiness allowance says so.',
  },
  {
    group: 'enforcement',
    text: "Suspend the prime minister's page and his other account immediately, for at least six months.",
    measure: 'The suspension and its end date are published.',
  },
  {
    group: 'enforcement',
    text: 'Prioritise the review of potentially violating content by heads of state and government. [unverified wording]',
    measure: 'Published review times for such content.',
  },
  {
    group: 'enforcement',
    text: 'Review long-form videos in full, not only their first part. [unverified wording]',
    measure: 'The reviewer guidance for long videos is published.',
  },
  {
    group: 'transparency',
    text: 'Publish every account action taken against a head of state or government, with its reasons.',
    measure: 'The account actions and their reasons are published.',
  },
];

/**
 * The platform's answers on day 60 (August 28), each with its own reasons. (1) and (3) are declined with the reasons
 * it gave; (5) is not refused; the answers to (2), (4) and (6) are the best reading of public sources [unverified].
 */
const RESPONSES: { category: ResponseCategory; reasons: string }[] = [
  {
    category: 'declined',
    reasons:
      "An open-ended restriction of a leader's account risks cutting people off from their leaders' speech; the protocol stays tied to periods of civil unrest.",
  },
  {
    category: 'declined',
    reasons:
      'We keep assessing newsworthiness case by case, weighing the public interest against the risk of harm. [unverified]',
  },
  {
    category: 'declined',
    reasons:
      "Suspending the accounts outside our regular enforcement framework would not be consistent with our policies. No crisis designation applied: violence in Kambara did not significantly exceed the country's own baseline.",
  },
  {
    category: 'assessing_feasibility',
    reasons: 'We are assessing how to prioritise such content for review. [unverified]',
  },
  {
    category: 'assessing_feasibility',
    reasons: 'We are assessing how reviewers can see long videos in full. [unverified]',
  },
  {
    category: 'assessing_feasibility',
    reasons: 'We are assessing which account actions can be published, and how. [unverified]',
  },
];

/** The 18 public comments the board received (invented senders), among them international jurists and dangerous-speech researchers. */
const COMMENTS: { name?: string; organisation?: string; anonymous: boolean; body: string }[] = [
  {
    name: 'Global Jurists’ Forum',
    organisation: 'Global Jurists’ Forum',
    anonymous: false,
    body: 'A head of government threatening his opponents with violence, in a country where such threats are carried out, is incitement under international standards. The newsworthiness allowance cannot cover it.',
  },
  {
    name: 'Dangerous Speech Observatory',
    organisation: 'Dangerous Speech Observatory',
    anonymous: false,
    body: 'The speaker, the audience and the history of violence after such speeches make this dangerous speech. Keeping it up with the reach of his page amplifies the threat.',
  },
  {
    name: 'Dara Sok',
    anonymous: true,
    body: 'Opposition activists were attacked after earlier speeches like this one. Leaving the video up tells supporters such threats are acceptable.',
  },
  {
    name: 'Jonas Weber',
    organisation: 'Free Expression Forum',
    anonymous: false,
    body: 'Voters need to know what their leaders say. Remove the video if you must, but keep a record of it available to journalists and researchers.',
  },
  {
    name: 'Sreymom Keo',
    anonymous: true,
    body: 'My cousin was beaten after a rally last year. These words are not politics, they are orders.',
  },
  {
    name: 'Lina Morales',
    organisation: 'Press Freedom Watch',
    anonymous: false,
    body: 'Journalists in Kambara cannot report on threats like this one without risk. The platform is one of the few places where the words are on record.',
  },
  {
    anonymous: true,
    body: 'The prime minister has used his page for years to name critics. The platform knows this and did nothing.',
  },
  {
    name: 'Prof. Arun Mehta',
    organisation: 'Centre for Election Integrity',
    anonymous: false,
    body: 'An election is coming without the main opposition. Threats of violence by the ruling party shape that election; the platform should not carry them.',
  },
  {
    name: 'Helena Fischer',
    anonymous: false,
    body: 'The board should ask whether the platform reviews long videos in full: the threat comes late in the speech.',
  },
  {
    name: 'Vannak Chea',
    anonymous: true,
    body: 'People in my village watched this video. They understood it as a warning to anyone who supports the opposition.',
  },
  {
    name: 'Open Civic Space Coalition',
    organisation: 'Open Civic Space Coalition',
    anonymous: false,
    body: 'Civic space in Kambara is rated repressed. A protocol limited to time-bound unrest misses countries where repression is constant.',
  },
  {
    name: 'Marta Nowak',
    anonymous: false,
    body: 'Removing the video does not silence the prime minister: he has state television. It only stops the platform from amplifying a threat.',
  },
  {
    name: 'Digital Rights Asia',
    organisation: 'Digital Rights Asia',
    anonymous: false,
    body: 'We ask the board to recommend that every account action against a head of government be published with reasons, so the public can judge consistency.',
  },
  {
    name: 'Samuel Osei',
    anonymous: false,
    body: 'Leaders must be held to the same rules as everyone else. A user who posted this would have been suspended.',
  },
  { anonymous: true, body: 'I reported this video and was told it broke no rules. Nobody looked at it.' },
  {
    name: 'Claire Dubois',
    organisation: 'Institute for Platform Governance',
    anonymous: false,
    body: 'The newsworthiness allowance needs published criteria; otherwise it becomes an exemption for the powerful.',
  },
  {
    name: 'Rithy Som',
    anonymous: true,
    body: 'After this speech, people came to the homes of opposition members in my province. The threat was real.',
  },
  {
    name: 'Ana Petrovic',
    anonymous: false,
    body: 'A suspension should be time-bound and reviewed, so that the platform does not decide alone and forever who may speak.',
  },
];

/**
 * The board's part of the reference case, replayed through the real services on its 2023 dates: the platform's own
 * referral; the case announced with a call for public comments on March 16 (18 received) and commissioned research;
 * the decision of June 29 approved by a majority, published without a vote split or separate opinion (overturn: the
 * video comes down); the prime minister deleting his own page that day and restoring it three weeks later; his
 * change of role in August; and the platform's answers to the six recommendations on day 60.
 */
export async function replayBoardCase(
  docket: Docket,
  clock: ManualClock,
  people: BoardPeople,
  platformActor: string,
  decisionId: string,
): Promise<{ boardCaseId: string }> {
  const { intake, deliberation, followUp } = docket.board;
  clock.set(day('2023-03-01'));
  for (const { user, region } of people.members)
    await intake.registerMember(people.casemanager, { username: user.username, region, conflicts: [] });

  clock.set(day('2023-03-06'));
  const referral = await intake.refer(platformActor, DEMO_PLATFORM, {
    kind: 'platform_referral',
    track: 'standard',
    title: "Kambara prime minister's speech threatening opponents",
    statement:
      'We kept the video up under the newsworthiness allowance although it breaks our violence and incitement policy. We ask the board whether that balanced the public interest and the risk of harm correctly for a head of government.',
    decisionId,
  });
  const id = referral.boardCaseId;
  clock.set(day('2023-03-10'));
  await intake.assessCandidate(people.casemanager, id, {
    priorities: ['crisis_conflict', 'government_use_of_platforms', 'elections_civic_space'],
    significance: 3,
    difficulty: 3,
    region: 'asia_pacific',
  });
  // March 16: the board announces the case and calls for public comments (open for 14 days).
  clock.set(day('2023-03-16'));
  const [selector] = people.members;
  const selected = await intake.select(selector!.user, id, {
    note: 'A sitting head of government threatening violence ahead of an election: the board’s priorities on crisis and on government use of platforms.',
  });

  const received = [];
  for (const [i, comment] of COMMENTS.entries()) {
    clock.set(new Date(day('2023-03-17').getTime() + i * 14 * 3_600_000));
    received.push(await deliberation.comment(selected.ref, comment, `192.0.2.${10 + i}`));
  }
  clock.set(day('2023-03-28'));
  await deliberation.attachBrief(people.casemanager, id, {
    name: 'Dr. Mina Chhay',
    organisation: 'Kambara Centre for Civic Space',
    body: "Research commissioned by the board on the country's pattern of intimidation: since 2017 the government has used online platforms to intimidate opponents, alongside arrests and attacks offline. Threats from the prime minister are followed by action.",
  });
  clock.set(day('2023-04-03'));
  for (const { commentId } of received)
    await deliberation.moderateComment(people.casemanager, commentId, { status: 'approved', note: 'On topic.' });

  const file = await docket.board.reads.caseFile(people.casemanager, id);
  const panel = file.panel
    .filter((seat) => seat.status === 'seated')
    .map((seat) => people.members.find((m) => m.user.id === seat.userId)!.user);
  clock.set(day('2023-05-10'));
  await deliberation.saveDraft(panel[0]!, id, {
    text: 'The board overturns the decision to keep the video up.',
    recommendations: REFERENCE_RECOMMENDATIONS.slice(0, 3),
  });
  clock.set(day('2023-06-12'));
  await deliberation.saveDraft(panel[1]!, id, {
    text: "The board overturns the platform's decision to keep the video up. The prime minister threatened opponents with violence in a country where the government has a record of acting on such threats. The newsworthiness allowance cannot protect a head of government's incitement where the risk of harm is this high: the public interest in his words is served by reporting on them, not by amplifying the threat.",
    recommendations: REFERENCE_RECOMMENDATIONS,
  });
  // The decision is approved by a majority; the board publishes no vote split and no separate opinion.
  clock.set(day('2023-06-20'));
  for (const [i, member] of panel.entries())
    await deliberation.vote(member, id, { vote: i === 4 ? 'uphold' : 'overturn' });
  clock.set(day('2023-06-29'));
  const published = await deliberation.publish(people.casemanager, id, { confirm: true, voteSplit: 'withheld' });

  // The platform says the same day that it will remove the video, and does.
  clock.set(at('2023-06-29T16:00:00.000'));
  await followUp.implement(people.liaison, published.obligationId as string, {
    note: 'The platform said on June 29 that it would remove the video, and removed it worldwide the same day.',
  });

  // The prime minister deletes his own page that day; it is back about three weeks later. His acts, not moderation.
  clock.set(at('2023-06-29T21:00:00.000'));
  await docket.accountOwners.record(platformActor, DEMO_PLATFORM, PM_ACCOUNT.externalId, {
    kind: 'deleted_by_owner',
    occurredAt: '2023-06-29T19:30:00.000Z',
    note: 'The owner deleted the page.',
  });
  clock.set(at('2023-07-20T09:00:00.000'));
  await docket.accountOwners.record(platformActor, DEMO_PLATFORM, PM_ACCOUNT.externalId, {
    kind: 'restored_by_owner',
    occurredAt: '2023-07-20T06:00:00.000Z',
    note: 'The owner restored the page.',
  });

  // He hands the premiership to his son in August and stays powerful: the registry records the change, with its date.
  clock.set(day('2023-08-24'));
  await docket.figureRoles.change(people.policy, DEMO_PLATFORM, PM_ACCOUNT.externalId, {
    kind: 'official',
    since: '2023-08-22T00:00:00.000Z',
    note: 'Handed the premiership to his son on August 22; stays president of the ruling party and head of the supreme privy council. No longer head of government.',
  });

  clock.set(day('2023-08-28'));
  for (const [i, rec] of published.recommendations.entries()) {
    const response = RESPONSES[i];
    if (response) await followUp.respond(people.liaison, rec.id, response);
  }
  clock.set(day('2023-09-20'));
  const assessments = [
    'declined',
    'declined',
    'declined',
    'not_demonstrated',
    'progress_reported',
    'not_demonstrated',
  ] as const;
  for (const [i, rec] of published.recommendations.entries()) {
    await followUp.assess(people.casemanager, rec.id, {
      assessment: assessments[i] ?? 'not_demonstrated',
      note:
        i < 3
          ? 'The platform declined; the board maintains the recommendation and will report on it.'
          : 'No published information demonstrates implementation yet.',
    });
  }
  // A later quarterly update on long-form video: not a refusal.
  clock.set(day('2023-11-20'));
  const longVideo = published.recommendations[4];
  if (longVideo)
    await followUp.respond(people.liaison, longVideo.id, {
      category: 'implementing_in_part',
      reasons: 'We will continue to iterate on how reviewers see long-form videos in full.',
      timeline: 'Progress in our quarterly updates.',
    });
  return { boardCaseId: id };
}

/**
 * A policy advisory opinion the platform asked for this month, selected and open for public comments now, so the
 * board's workspace and the public comment form have live work in the demo.
 */
export async function openAdvisoryOpinion(
  docket: Docket,
  clock: ManualClock,
  people: BoardPeople,
  now: Date,
): Promise<void> {
  clock.set(new Date(now.getTime() - 5 * 86_400_000));
  const pao = await docket.board.intake.refer(`user:${people.liaison.id}`, DEMO_PLATFORM, {
    kind: 'policy_advisory',
    track: 'standard',
    title: 'Newsworthiness of threats by heads of government in designated countries',
    statement:
      'When, if ever, should a threat of violence by a head of government stay up as newsworthy in a country under a crisis designation?',
  });
  await docket.board.intake.assessCandidate(people.casemanager, pao.boardCaseId, {
    priorities: ['crisis_conflict', 'government_use_of_platforms'],
    significance: 3,
    difficulty: 3,
    region: 'asia_pacific',
  });
  clock.set(new Date(now.getTime() - 2 * 86_400_000));
  await docket.board.intake.select(people.members[0]!.user, pao.boardCaseId, {
    note: 'The question follows the Kambara case and the platform’s answers to it.',
  });
}
