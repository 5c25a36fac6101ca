import type { LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../src/core/clock.js';
import type { Config } from '../src/core/config.js';
import { buildServer } from '../src/http/server.js';
import type { StoreKind } from '../src/store/database.js';
import { openTestServerFor, type Client, type TestServer } from './http.js';
import { openTestDocket } from './stores.js';

export const START = '2026-03-02T09:00:00.000Z';

export interface ModerationRig extends TestServer {
  clock: ManualClock;
  moderator: Client;
  moderator2: Client;
  senior: Client;
  policy: Client;
  token: string;
  /** POST as the platform integration. */
  push(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

/** A server on the given store with the default policy library, reviewers of each role and a platform token. */
export async function openModerationRig(kind: StoreKind, config: Partial<Config> = {}): Promise<ModerationRig> {
  const clock = new ManualClock(START);
  const docket = await openTestDocket(kind, { clock, config });
  const app = await buildServer(docket, { logger: false });
  await app.ready();
  const server = openTestServerFor(docket, app);
  await docket.policies.ensureDefaultLibrary('system:test');
  for (const [username, role] of [
    ['mod1', 'moderator'],
    ['mod2', 'moderator'],
    ['senior1', 'senior_reviewer'],
    ['policy1', 'policy'],
  ] as const) {
    await docket.access.createUser('system:test', { username, roles: [role], password: `${username} password!` });
  }
  const token = (
    await docket.access.createToken('system:test', { name: 'Lumen', kind: 'integration', platform: 'lumen' })
  ).token;
  return {
    ...server,
    clock,
    moderator: await server.signIn('mod1', 'mod1 password!'),
    moderator2: await server.signIn('mod2', 'mod2 password!'),
    senior: await server.signIn('senior1', 'senior1 password!'),
    policy: await server.signIn('policy1', 'policy1 password!'),
    token,
    push: (url, body, headers = {}) =>
      app.inject({
        method: 'POST',
        url,
        payload: body as object,
        headers: { authorization: `Bearer ${token}`, ...headers },
      }),
    get: (url) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
  };
}

export const pmVideo = {
  externalId: 'video-1',
  kind: 'content',
  contentType: 'video',
  authorExternalId: 'acct-pm',
  title: 'Speech to party members',
  body: 'Opponents can choose the law or a bat.',
  language: 'km',
  country: 'QKB',
  views: 600_000,
  followers: 14_000_000,
  postedAt: '2026-03-01T08:00:00.000Z',
} as const;

export const pmAccount = {
  externalId: 'acct-pm',
  kind: 'account',
  title: 'Prime Minister',
  publicFigure: 'head_of_government',
  country: 'QKB',
  followers: 14_000_000,
} as const;

export const ordinaryPost = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `post-${n}`,
  kind: 'content',
  contentType: 'text',
  authorExternalId: `acct-${n}`,
  body: `An ordinary post number ${n}`,
  language: 'en',
  country: 'KEN',
  views: 100 * n,
  postedAt: '2026-03-01T10:00:00.000Z',
  ...extra,
});
