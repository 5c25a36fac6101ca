import type { Docket } from '../app.js';
import type { Principal } from '../access/roles.js';
import type { Region } from '../board/rules.js';
import type { ManualClock } from '../core/clock.js';
import { DEMO_PLATFORM, PM_VIDEO } from './reference-story.js';

type User = Extract<Principal, { kind: 'user' }>;
export type BoardPeople = { casemanager: User; liaison: User; members: { user: User; region: Region }[] };

const day = (iso: string) => new Date(`${iso}T10:00:00.000Z`);

/** The board's recommendations in the reference case (invented wording), with the measures the board set. */
export const REFERENCE_RECOMMENDATIONS = [
  { text: "Suspend the prime minister's account for at least six months for threatening violence against opponents.", measure: 'The account restriction and its end date are published.' },
  { text: 'Clarify that the public-figure restriction protocol also covers contexts where citizens live under a continuing threat of retaliatory violence from their government, not only time-bound unrest.', measure: 'The published protocol says so.' },
  { text: 'Prioritise the review of content in which heads of state or government threaten violence, whatever the number of reports.', measure: 'Published review times for such content.' },
  { text: 'Publish the criteria of the newsworthiness allowance and how it is balanced against harm for public figures.', measure: 'The criteria are on the transparency centre.' },
  { text: "Assess the human-rights impact of the platform's enforcement against heads of government in high-risk countries.", measure: 'A published assessment.' },
  { text: 'Report how often the public-figure protocol is applied, by country and tier.', measure: 'Figures in the transparency report.' },
  { text: 'Explain to users who report threats by leaders what was decided and why.', measure: 'The notice to reporters is published.' },
];

/** The platform's answers on day 60, as in the reference case: removal done; suspension and clarification declined; the rest assessing. */
const RESPONSES = [
  { category: 'declined', reasons: "No crisis designation applies: violence in Kambara did not significantly exceed the country's own baseline, and an indefinite suspension would cut people off from their leader's speech." },
  { category: 'declined', reasons: 'The protocol already covers periods of civil unrest; we do not extend it to contexts without a time-bound crisis.' },
  { category: 'assessing_feasibility', reasons: 'We are assessing how to prioritise such content without slowing other urgent queues.' },
  { category: 'assessing_feasibility', reasons: 'We are assessing which criteria can be published without helping evasion.' },
  { category: 'declined', reasons: 'Our existing human-rights due diligence covers this; no separate assessment is planned.' },
  { category: 'assessing_feasibility', reasons: 'We are assessing whether the numbers can be reported reliably by country.' },
  { category: 'assessing_feasibility', reasons: 'We are assessing changes to the notices sent to reporters.' },
] as const;

/**
 * The board's part of the reference case, replayed through the real services on its 2023 dates: the platform's
 * referral and a user's appeal, selection, public comments and a civil-society brief, deliberation, the decision of
 * June 29 (overturn), the removal within 7 days with the identical-content sweep, and the platform's answers on day 60.
 */
export async function replayBoardCase(docket: Docket, clock: ManualClock, people: BoardPeople, platformActor: string, decisionId: string): Promise<{ boardCaseId: string }> {
  const { intake, deliberation, followUp } = docket.board;
  clock.set(day('2023-03-01'));
  for (const { user, region } of people.members) await intake.registerMember(people.casemanager, { username: user.username, region, conflicts: [] });

  clock.set(day('2023-03-08'));
  const referral = await intake.refer(platformActor, DEMO_PLATFORM, {
    kind: 'platform_referral',
    track: 'standard',
    title: "Kambara prime minister's speech threatening opponents",
    statement: 'We kept the video up under the newsworthiness allowance. We ask the board whether that balanced the public interest and the risk of harm correctly for a head of government.',
    decisionId,
  });
  const id = referral.boardCaseId;
  clock.set(day('2023-03-10'));
  await intake.appeal(platformActor, DEMO_PLATFORM, { decisionId, statement: 'I reported this video: the prime minister threatens his opponents with beatings. Please take the case.' });
  clock.set(day('2023-03-15'));
  await intake.assessCandidate(people.casemanager, id, { priorities: ['crisis_conflict', 'government_use_of_platforms', 'elections_civic_space'], significance: 3, difficulty: 3, region: 'asia_pacific' });
  clock.set(day('2023-03-20'));
  const [selector] = people.members;
  await intake.select(selector!.user, id, { note: 'A sitting head of government threatening violence ahead of an election: the board’s priorities on crisis and on government use of platforms.' });

  clock.set(day('2023-03-22'));
  const comments = [
    { name: 'Dara Sok', anonymous: true, body: 'Opposition activists were attacked after earlier speeches like this one. Leaving the video up tells supporters such threats are acceptable.' },
    { name: 'Jonas Weber', organisation: 'Free Expression Forum', anonymous: false, body: 'Voters need to know what their leaders say. Remove the video if you must, but keep a record of it available to journalists and researchers.' },
    { name: 'buy followers', anonymous: false, body: 'Cheap followers and likes for your page, visit our shop today for the best deals!' },
  ];
  const received = [];
  for (const [i, comment] of comments.entries()) {
    clock.advance(3_600_000);
    received.push(await deliberation.comment(`BC-2023-001`, comment, `192.0.2.${10 + i}`));
  }
  await deliberation.attachBrief(people.casemanager, id, {
    name: 'Dr. Mina Chhay',
    organisation: 'Kambara Centre for Civic Space',
    body: 'Since 2017 the government has used online platforms to intimidate opponents, alongside arrests and attacks offline: a pattern of digital authoritarianism. Threats from the prime minister are followed by action.',
  });
  clock.set(day('2023-04-05'));
  await deliberation.moderateComment(people.casemanager, received[0]!.commentId, { status: 'approved', note: 'On topic.' });
  await deliberation.moderateComment(people.casemanager, received[1]!.commentId, { status: 'approved', note: 'On topic.' });
  await deliberation.moderateComment(people.casemanager, received[2]!.commentId, { status: 'rejected', note: 'Spam.' });

  const file = await docket.board.reads.caseFile(people.casemanager, id);
  const panel = file.panel.filter((seat) => seat.status === 'seated').map((seat) => people.members.find((m) => m.user.id === seat.userId)!.user);
  clock.set(day('2023-05-10'));
  await deliberation.saveDraft(panel[0]!, id, { text: 'The board overturns the decision to keep the video up.', recommendations: REFERENCE_RECOMMENDATIONS.slice(0, 3) });
  clock.set(day('2023-06-12'));
  await deliberation.saveDraft(panel[1]!, id, {
    text: "The board overturns the platform's decision to keep the video up. The prime minister threatened opponents with violence in a country where the government has a record of acting on such threats. The newsworthiness allowance cannot protect a head of government's incitement where the risk of harm is this high: the public interest in his words is served by reporting on them, not by amplifying the threat.",
    recommendations: REFERENCE_RECOMMENDATIONS,
  });
  clock.set(day('2023-06-20'));
  for (const [i, member] of panel.entries()) {
    await deliberation.vote(member, id, i === 4
      ? { vote: 'uphold', opinion: 'A minority would have kept the video behind a warning screen: citizens should be able to see for themselves how their leader speaks before an election.' }
      : { vote: 'overturn' });
  }
  clock.set(day('2023-06-29'));
  const published = await deliberation.publish(people.casemanager, id, { confirm: true });

  // A re-upload of the video, reported in June: the identical-content sweep takes it down with the original.
  clock.set(day('2023-06-30'));
  await docket.moderation.ingestReports(platformActor, DEMO_PLATFORM, [
    { subject: { ...PM_VIDEO, externalId: 'lumen-video-90417', title: 'PM speech (re-upload)', views: 42_000, postedAt: '2023-06-25T18:00:00.000Z' }, policyId: 'violence-incitement', sectionId: 'threats-of-violence', source: 'user', reporterRef: 'lumen-user-reupload' },
  ], null);
  clock.set(day('2023-07-03'));
  await followUp.implement(people.liaison, published.obligationId as string, { note: 'The video was removed worldwide on July 3.' });

  clock.set(day('2023-08-28'));
  for (const [i, rec] of published.recommendations.entries()) {
    const response = RESPONSES[i];
    if (response) await followUp.respond(people.liaison, rec.id, response);
  }
  clock.set(day('2023-09-20'));
  const assessments = ['declined', 'declined', 'progress_reported', 'not_demonstrated', 'declined', 'not_demonstrated', 'not_demonstrated'] as const;
  for (const [i, rec] of published.recommendations.entries()) {
    await followUp.assess(people.casemanager, rec.id, { assessment: assessments[i] ?? 'not_demonstrated', note: i < 2 ? 'The platform declined; the board maintains the recommendation and will report on it.' : 'No published information demonstrates implementation yet.' });
  }
  return { boardCaseId: id };
}

/**
 * A policy advisory opinion the platform asked for this month, selected and open for public comments now, so the
 * board's workspace and the public comment form have live work in the demo.
 */
export async function openAdvisoryOpinion(docket: Docket, clock: ManualClock, people: BoardPeople, now: Date): Promise<void> {
  clock.set(new Date(now.getTime() - 5 * 86_400_000));
  const pao = await docket.board.intake.refer(`user:${people.liaison.id}`, DEMO_PLATFORM, {
    kind: 'policy_advisory',
    track: 'standard',
    title: 'Newsworthiness of threats by heads of government in designated countries',
    statement: 'When, if ever, should a threat of violence by a head of government stay up as newsworthy in a country under a crisis designation?',
  });
  await docket.board.intake.assessCandidate(people.casemanager, pao.boardCaseId, { priorities: ['crisis_conflict', 'government_use_of_platforms'], significance: 3, difficulty: 3, region: 'asia_pacific' });
  clock.set(new Date(now.getTime() - 2 * 86_400_000));
  await docket.board.intake.select(people.members[0]!.user, pao.boardCaseId, { note: 'The question follows the Kambara case and the platform’s answers to it.' });
}
