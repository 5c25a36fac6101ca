import type { Docket } from '../app.js';
import type { Principal } from '../core/roles.js';
import type { ManualClock } from '../core/clock.js';
import type { ContentOutcome, ReportSource } from '../core/outcomes.js';
import type { ReportInput, SubjectInput } from '../moderation/contract.js';
import { seededRandom } from './random.js';
import { DEMO_PLATFORM } from './reference-story.js';

type User = Extract<Principal, { kind: 'user' }>;

const PLACES = [
  { country: 'KEN', languages: ['en', 'sw'] },
  { country: 'BRA', languages: ['pt'] },
  { country: 'IND', languages: ['hi', 'en'] },
  { country: 'NLD', languages: ['nl'] },
  { country: 'USA', languages: ['en', 'es'] },
  { country: 'PHL', languages: ['tl', 'en'] },
  { country: 'NGA', languages: ['en', 'yo'] },
  { country: 'DEU', languages: ['de'] },
  { country: 'QKB', languages: ['km'] },
] as const;

/** What the reported content is, described rather than reproduced. */
const ALLEGATIONS: { policyId: string; sectionId: string; weight: number; bodies: string[] }[] = [
  {
    policyId: 'spam',
    sectionId: 'commercial-spam',
    weight: 30,
    bodies: [
      'Repeated links to a shop selling followers.',
      'The same crypto giveaway posted in dozens of groups.',
      'Comment flood advertising counterfeit watches.',
    ],
  },
  {
    policyId: 'hate-speech',
    sectionId: 'dehumanising-speech',
    weight: 12,
    bodies: [
      '[described] A post comparing a religious minority to vermin.',
      '[described] A meme calling migrants a disease.',
    ],
  },
  {
    policyId: 'hate-speech',
    sectionId: 'slurs',
    weight: 8,
    bodies: ['[described] A comment using an ethnic slur against a footballer.'],
  },
  {
    policyId: 'bullying-harassment',
    sectionId: 'targeted-harassment',
    weight: 10,
    bodies: [
      '[described] Repeated insulting replies to a student journalist.',
      '[described] A thread mocking a private person’s appearance.',
    ],
  },
  {
    policyId: 'bullying-harassment',
    sectionId: 'doxxing',
    weight: 5,
    bodies: ['[described] A post sharing an activist’s home address.'],
  },
  {
    policyId: 'misinformation',
    sectionId: 'harmful-health-claims',
    weight: 8,
    bodies: ['A video claiming a herbal drink cures malaria.', 'A post telling parents to skip measles vaccination.'],
  },
  {
    policyId: 'misinformation',
    sectionId: 'election-interference',
    weight: 7,
    bodies: ['A post giving the wrong date for the election.', 'A claim that voting by post is cancelled this year.'],
  },
  {
    policyId: 'violence-incitement',
    sectionId: 'threats-of-violence',
    weight: 8,
    bodies: [
      '[described] A comment threatening to hurt a local councillor.',
      '[described] A post telling protesters they will be beaten.',
    ],
  },
  {
    policyId: 'violence-incitement',
    sectionId: 'incitement',
    weight: 4,
    bodies: ['[described] A call to attack a neighbourhood after a football match.'],
  },
  {
    policyId: 'dangerous-organizations',
    sectionId: 'terrorism',
    weight: 3,
    bodies: ['[described] A recruitment video of a designated terrorist group.'],
  },
  {
    policyId: 'dangerous-organizations',
    sectionId: 'praise-and-support',
    weight: 3,
    bodies: ['[described] A post praising a violent militia.'],
  },
  {
    policyId: 'child-safety',
    sectionId: 'child-sexual-exploitation',
    weight: 2,
    bodies: ['[described] An account offering to trade exploitative images (hash match).'],
  },
];

const SOURCES: [ReportSource, number][] = [
  ['user', 80],
  ['automated', 10],
  ['trusted_flagger', 7],
  ['staff', 2],
  ['legal_order', 1],
];
const PUBLIC_FIGURES = [
  { ref: 'minister-health-ken', title: 'Minister of Health (Kenya)', kind: 'minister', country: 'KEN' },
  { ref: 'senator-bra', title: 'Senator (Brazil)', kind: 'legislator', country: 'BRA' },
  { ref: 'candidate-phl', title: 'Mayoral candidate (Philippines)', kind: 'candidate', country: 'PHL' },
] as const;

/**
 * A realistic week of moderation: about 300 subjects and 600 reports in 9 countries and 13 languages,
 * about 45% of the cases decided (with strikes, penalties and notices), some escalated, some appealed.
 * Everything goes through the real services, with the clock moving through the week.
 */
export async function generateCaseload(
  docket: Docket,
  clock: ManualClock,
  people: Record<'moderator' | 'senior' | 'policy', User>,
  platformActor: string,
  now: Date,
): Promise<void> {
  const random = seededRandom(20_260_101);
  const { moderation } = docket;
  const start = now.getTime() - 7 * 86_400_000;
  clock.set(new Date(start));
  await moderation.ingestSubjects(
    platformActor,
    DEMO_PLATFORM,
    PUBLIC_FIGURES.map((p) => ({
      externalId: `lumen-account-${p.ref}`,
      kind: 'account',
      title: p.title,
      publicFigure: p.kind,
      country: p.country,
      followers: 800_000,
      accountType: 'private',
    })),
    null,
  );
  // The posts' other authors: most private people, every fifth a business; a few the platform says nothing about,
  // whose statements of reasons leave the account type out.
  await moderation.ingestSubjects(
    platformActor,
    DEMO_PLATFORM,
    Array.from({ length: 180 }, (_, i): SubjectInput => {
      const n = i + 1;
      return {
        externalId: `lumen-account-${n}`,
        kind: 'account',
        ...(n % 7 === 0 ? {} : { accountType: n % 5 === 0 ? 'business' : 'private' }),
      };
    }),
    null,
  );

  const subjects: { input: SubjectInput; policyId: string; sectionId: string }[] = [];
  for (let n = 0; n < 300; n++) {
    const place = random.pick(PLACES);
    const allegation = random.weighted(ALLEGATIONS.map((a) => [a, a.weight] as const));
    const figure = random.next() < 0.04 ? random.pick(PUBLIC_FIGURES) : null;
    subjects.push({
      policyId: allegation.policyId,
      sectionId: allegation.sectionId,
      input: {
        externalId: `lumen-post-${10_000 + n}`,
        kind: 'content',
        contentType: random.weighted([
          ['text', 55],
          ['image', 25],
          ['video', 15],
          ['link', 5],
        ] as const),
        authorExternalId: figure ? `lumen-account-${figure.ref}` : `lumen-account-${random.int(1, 180)}`,
        body: random.pick(allegation.bodies),
        language: random.pick(place.languages),
        country: figure?.country ?? place.country,
        views: Math.round(10 ** (1 + random.next() * 5)),
        shares: random.int(0, 2_000),
        followers: Math.round(10 ** (1 + random.next() * 4)),
        postedAt: new Date(start - random.int(1, 20) * 86_400_000).toISOString(),
      },
    });
  }

  // 600 reports in 12 batches through the week; about a third of subjects are reported more than once.
  for (let batch = 0; batch < 12; batch++) {
    clock.set(new Date(start + batch * 12 * 3_600_000));
    const items: ReportInput[] = Array.from({ length: 50 }, (_, i) => {
      const index = i < 25 ? batch * 25 + i : random.int(0, batch * 25 + 24);
      const target = subjects[index] as (typeof subjects)[number];
      const first = i < 25;
      return {
        ...(first ? { subject: target.input } : { subjectExternalId: target.input.externalId }),
        policyId: target.policyId,
        ...(random.next() < 0.7 ? { sectionId: target.sectionId } : {}),
        source: random.weighted(SOURCES),
        reporterRef: `lumen-user-${random.int(1, 5_000)}`,
      };
    });
    await moderation.ingestReports(platformActor, DEMO_PLATFORM, items, null);
  }

  // Work the queue through the week: decide the most urgent cases, escalate a few.
  const decidedIds: string[] = [];
  for (let round = 0; round < 135; round++) {
    clock.set(new Date(start + 6 * 3_600_000 + round * 3_600_000));
    const reviewer = round % 9 === 0 ? people.senior : people.moderator;
    const caseId = await moderation.queue.claimNext(reviewer, { level: 'frontline' }).catch(() => null);
    if (!caseId) break;
    const detail = await moderation.queue.detail(reviewer, caseId);
    const report = detail.reports[0];
    const gravest = subjects.find((s) => s.input.externalId === detail.subject.externalId);
    if (!report || !gravest) continue;
    if (random.next() < 0.05) {
      await moderation.queue.escalate(reviewer, caseId, 'senior', 'Borderline: context needed from a senior reviewer.');
      continue;
    }
    const outcome: ContentOutcome = random.weighted([
      ['remove', 60],
      ['no_violation', 30],
      ['restrict_visibility', 5],
      ['warning_screen', 5],
    ] as const);
    const allowed =
      gravest.policyId === 'child-safety' || gravest.sectionId === 'terrorism'
        ? outcome === 'no_violation'
          ? 'no_violation'
          : 'remove'
        : gravest.policyId === 'spam' && outcome === 'warning_screen'
          ? 'remove'
          : outcome;
    const decision = await moderation.decisions.decide(reviewer, caseId, {
      policyId: gravest.policyId,
      sectionId: gravest.sectionId,
      outcome: allowed,
      facts:
        allowed === 'no_violation'
          ? `Reviewed against ${gravest.policyId}: the content does not break the policy.`
          : `${detail.subject.body ?? 'The content'} Reviewed against ${gravest.policyId}/${gravest.sectionId}.`,
      territorialScope: ['WORLD'],
      automatedDetection: detail.reports.some((r) => r.source === 'automated'),
    });
    decidedIds.push(decision.decisionId);
  }

  // Affected users appeal some removals over the last half day; a senior reviewer decides most of them some hours
  // later, in the order they came (the transparency report states the median time to decide an appeal).
  const appealed = decidedIds.filter((_, i) => i % 9 === 4).slice(0, 12);
  const filed: { appealId: string; at: number }[] = [];
  for (const [i, decisionId] of appealed.entries()) {
    const at = now.getTime() - 12 * 3_600_000 + i * 20 * 60_000;
    clock.set(new Date(at));
    const appeal = await moderation.appeals
      .file(platformActor, DEMO_PLATFORM, {
        decisionId,
        appellant: 'affected_user',
        statement: 'I believe this decision was a mistake; please look again.',
      })
      .catch(() => null);
    if (appeal) filed.push({ appealId: appeal.appealId, at });
  }
  for (const [i, { appealId, at }] of filed.slice(0, 9).entries()) {
    clock.set(new Date(at + (4 + i / 2) * 3_600_000));
    await moderation.appeals
      .decide(
        people.senior,
        appealId,
        i % 2 === 0
          ? { result: 'reversed', reason: 'On a second look the content does not break the policy.' }
          : { result: 'upheld', reason: 'The decision was right under the policy.' },
      )
      .catch(() => null);
  }
}
