import { eq } from 'drizzle-orm';
import { createDocket, type Docket } from '../app.js';
import type { Principal, Role } from '../core/roles.js';
import { principalOfView } from '../access/service.js';
import { ManualClock } from '../core/clock.js';
import { events } from '../core/tables.js';
import { assessAndPropose } from '../crisis/signals.js';
import { generateCaseload } from './caseload.js';
import { crisisHistory } from './crisis-history.js';
import { DEMO_PLATFORM, replayReferenceStory, type StoryStaff } from './reference-story.js';
import { openAdvisoryOpinion, replayBoardCase, type BoardPeople } from './board-story.js';
import type { Region } from '../board/rules.js';

export { DEMO_PLATFORM };

/**
 * The demo data set. Names of people, parties and places are invented; the reference story's country is
 * "Kambara" (QKB, a code ISO 3166 assigns to no country; the crisis signals name it).
 * Demo passwords and the demo token are public: they are for local demos only.
 */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  roles: Role[];
  region?: string;
  platform?: string;
}[] = [
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'] },
  // The platform's automated review, as a service account: its decisions are recorded as fully automated.
  { username: 'autoreview', displayName: 'Lumen automated review', roles: ['moderator'] },
  { username: 'moderator', displayName: 'Mina Okafor', roles: ['moderator'] },
  { username: 'senior', displayName: 'Sam Reyes', roles: ['senior_reviewer'] },
  { username: 'policy', displayName: 'Priya Nair', roles: ['policy'] },
  { username: 'board', displayName: 'Elena Vasquez', roles: ['board_member'], region: 'asia_pacific' },
  { username: 'board2', displayName: 'Kwame Mensah', roles: ['board_member'], region: 'sub_saharan_africa' },
  { username: 'board3', displayName: 'Ingrid Holm', roles: ['board_member'], region: 'europe' },
  { username: 'board4', displayName: 'Rafael Duarte', roles: ['board_member'], region: 'latin_america_caribbean' },
  { username: 'board5', displayName: 'Aisha Rahman', roles: ['board_member'], region: 'central_south_asia' },
  { username: 'board6', displayName: 'Mark Ellison', roles: ['board_member'], region: 'united_states_canada' },
  { username: 'board7', displayName: 'Nadia Haddad', roles: ['board_member'], region: 'middle_east_north_africa' },
  { username: 'casemanager', displayName: 'Tomas Berg', roles: ['case_manager'] },
  { username: 'liaison', displayName: 'Lena Park', roles: ['platform_liaison'], platform: DEMO_PLATFORM },
];

export const demoPassword = (username: string): string => `${username}-demo-pass`;
export const DEMO_TOKEN = 'dkt_demo_lumen_social_local_use_only';

const DATASET = 'moderation';
const VERSION = 5;

/**
 * Seeds the demo once; later starts find the `demo.seeded` event and leave the data as it is. The seed replays
 * history through the real services on a replay clock: the reference story on its 2023 dates, then a week of
 * moderation ending now.
 */
export async function seedDemo(docket: Docket): Promise<{ seeded: boolean }> {
  const [done] = await docket.store.db
    .select({ seq: events.seq })
    .from(events)
    .where(eq(events.type, 'demo.seeded'))
    .limit(1);
  if (done) return { seeded: false };
  const now = docket.clock.now();
  const clock = new ManualClock('2022-12-01T09:00:00.000Z');
  // The same store, seen through services whose clock the seed moves.
  const replay = await createDocket({ config: docket.config, store: docket.store, clock, ids: docket.ids });
  const actor = 'system:demo';
  const people: Record<string, Extract<Principal, { kind: 'user' }>> = {};
  for (const user of DEMO_USERS) {
    const { user: created } = await replay.access.createUser(actor, { ...user, password: demoPassword(user.username) });
    people[created.username] = principalOfView(created);
  }
  const staff = people as StoryStaff;
  const board: BoardPeople = {
    casemanager: people.casemanager!,
    liaison: people.liaison!,
    policy: staff.policy,
    members: DEMO_USERS.filter((u) => u.roles.includes('board_member')).map((u) => ({
      user: people[u.username]!,
      region: u.region as Region,
    })),
  };
  await replay.policies.ensureDefaultLibrary(actor);
  const { record } = await replay.access.createToken(
    actor,
    { name: 'Lumen Social (demo platform)', kind: 'integration', platform: DEMO_PLATFORM },
    DEMO_TOKEN,
  );
  const platformActor = `integration:${record.id}`;

  const { decisionId } = await replayReferenceStory(replay, clock, staff, platformActor);
  await replayBoardCase(replay, clock, board, platformActor, decisionId);
  await generateCaseload(replay, clock, staff, platformActor, now);

  // The crisis protocol: the detector proposes; policy staff approve the chronic designation for Kambara that the
  // reference platform declined (no spike over its own baseline, yet among the worst places for state violence).
  clock.set(now);
  const { proposals } = await assessAndPropose(replay.designations, 'system:detector', crisisHistory(now));
  const kambara = proposals.find((p) => p.iso3 === 'QKB' && p.kind === 'chronic')?.designationId;
  if (kambara) {
    await replay.designations.approve(
      staff.policy,
      kambara,
      'Continuing state violence against opponents and a repressed civic space: the public-figure protocol applies here although there is no spike.',
    );
  }
  // What the reference platform declined and Docket makes possible: the board's third recommendation (suspension),
  // carried out under the protocol as a time-bound restriction (tier 2: six months) with a scheduled review. The
  // registry has him as an official since August 2023, a role the protocol still covers.
  await replay.restrictions.impose(staff.policy, {
    platform: DEMO_PLATFORM,
    accountRef: 'lumen-account-pm-kambara',
    severityTier: 2,
    reason:
      'Oversight board recommendation BC-2023-001-R3: threats of violence against opponents in a country under a chronic designation.',
  });
  await openAdvisoryOpinion(replay, clock, board, now);
  clock.set(now);
  await replay.run(actor, async ({ record: log }) =>
    log('demo.seeded', 'demo', { dataset: DATASET, version: VERSION }),
  );
  return { seeded: true };
}
