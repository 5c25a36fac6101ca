import { eq } from 'drizzle-orm';
import type { Docket } from '../app.js';
import type { Role } from '../access/roles.js';
import { events } from '../core/tables.js';
import type { SubjectInput } from '../moderation/schema.js';

/**
 * The demo data set. Names of people, parties and places are invented; the reference story's country is
 * "Kambara" (QKB, from ISO 3166's user-assigned range so it can never clash with a real country).
 * Demo passwords and the demo token are public: they are for local demos only.
 */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; region?: string }[] = [
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'] },
  { username: 'moderator', displayName: 'Mina Okafor', roles: ['moderator'] },
  { username: 'senior', displayName: 'Sam Reyes', roles: ['senior_reviewer'] },
  { username: 'policy', displayName: 'Priya Nair', roles: ['policy'] },
  { username: 'board', displayName: 'Elena Vasquez', roles: ['board_member'], region: 'Asia-Pacific' },
  { username: 'casemanager', displayName: 'Tomas Berg', roles: ['case_manager'] },
  { username: 'liaison', displayName: 'Lena Park', roles: ['platform_liaison'] },
];

export const demoPassword = (username: string): string => `${username}-demo-pass`;

export const DEMO_PLATFORM = 'lumen';
export const DEMO_TOKEN = 'dkt_demo_lumen_social_local_use_only';

const DEMO_SUBJECTS: SubjectInput[] = [
  {
    externalId: 'lumen-video-88213',
    kind: 'content',
    contentType: 'video',
    authorExternalId: 'lumen-account-pm-kambara',
    title: 'Speech to party members, Prime Minister Hun Vara',
    body: 'Video of a speech: opponents are told they can choose "the law or a bat", and are threatened with beatings and visits from gangs.',
    language: 'km',
    country: 'QKB',
    views: 600_000,
    shares: 14_000,
    followers: 14_000_000,
    postedAt: '2023-01-09T08:00:00.000Z',
  },
  {
    externalId: 'lumen-account-pm-kambara',
    kind: 'account',
    authorExternalId: 'lumen-account-pm-kambara',
    title: 'Hun Vara (Prime Minister of Kambara)',
    publicFigure: 'head_of_government',
    language: 'km',
    country: 'QKB',
    followers: 14_000_000,
  },
  {
    externalId: 'lumen-post-55102',
    kind: 'content',
    contentType: 'text',
    authorExternalId: 'lumen-account-7731',
    body: 'Join the march on Saturday at the central square, bring water and banners.',
    language: 'pt',
    country: 'BRA',
    views: 3_200,
    shares: 140,
    followers: 900,
  },
  {
    externalId: 'lumen-image-20931',
    kind: 'content',
    contentType: 'image',
    authorExternalId: 'lumen-account-1120',
    title: 'Meme about a rival football club',
    language: 'en',
    country: 'KEN',
    views: 48_000,
    shares: 2_100,
    followers: 12_000,
  },
  {
    externalId: 'lumen-link-77410',
    kind: 'content',
    contentType: 'link',
    authorExternalId: 'lumen-account-4480',
    url: 'https://example.org/miracle-cure',
    title: 'Miracle cure link',
    language: 'hi',
    country: 'IND',
    views: 150_000,
    shares: 9_800,
    followers: 45_000,
  },
];

const DATASET = 'foundation';
const VERSION = 1;

/** Seeds the demo once; later starts find the `demo.seeded` event and leave the data as it is. */
export async function seedDemo(docket: Docket): Promise<{ seeded: boolean }> {
  const [done] = await docket.store.db.select({ seq: events.seq }).from(events).where(eq(events.type, 'demo.seeded')).limit(1);
  if (done) return { seeded: false };
  const actor = 'system:demo';
  for (const user of DEMO_USERS) {
    await docket.access.createUser(actor, { ...user, password: demoPassword(user.username) });
  }
  await docket.access.createToken(actor, { name: 'Lumen Social (demo platform)', kind: 'integration', platform: DEMO_PLATFORM }, DEMO_TOKEN);
  const integration = await docket.access.principalForBearer(DEMO_TOKEN);
  const platformActor = integration ? `integration:${integration.id}` : actor;
  await docket.policies.ensureDefaultLibrary(actor);
  await docket.moderation.ingestSubjects(platformActor, DEMO_PLATFORM, DEMO_SUBJECTS, null);
  await docket.run(actor, async ({ record }) => record('demo.seeded', 'demo', { dataset: DATASET, version: VERSION }));
  return { seeded: true };
}
