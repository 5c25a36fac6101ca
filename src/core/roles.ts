/**
 * Who may do what. Roles are a closed list; permissions name actions; areas are the console sections a role
 * sees. Everything the UI shows about access comes from these tables via the API, never re-derived in the UI.
 */
export const ROLES = [
  'admin',
  'moderator',
  'senior_reviewer',
  'policy',
  'board_member',
  'case_manager',
  'platform_liaison',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  moderator: 'Moderator',
  senior_reviewer: 'Senior reviewer',
  policy: 'Policy staff',
  board_member: 'Board member',
  case_manager: 'Board case manager',
  platform_liaison: 'Platform liaison',
};

/** The principal kinds: a person with roles, or a platform integration acting through its token. */
export type Principal =
  | { kind: 'user'; id: string; username: string; displayName: string; roles: Role[]; platform: string | null }
  | { kind: 'integration'; id: string; name: string; platform: string };

export const PERMISSIONS = {
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'tokens.manage': ['admin'],
  'webhooks.manage': ['admin'],
  'log.read': ['admin', 'policy'],
  'log.verify': ['admin', 'policy'],
  'subjects.read': ['moderator', 'senior_reviewer', 'policy'],
  'subjects.ingest': ['integration'],
  'reports.ingest': ['integration'],
  'appeals.file': ['integration'],
  'decisions.read': ['integration', 'moderator', 'senior_reviewer', 'policy'],
  'decisions.automate': ['integration'],
  'policies.edit': ['policy'],
  'queue.work': ['moderator', 'senior_reviewer', 'policy'],
  'board.work': ['board_member', 'case_manager', 'platform_liaison'],
  'board.appeal': ['integration'],
  'board.refer': ['integration', 'platform_liaison'],
  'board.review': ['board_member', 'case_manager'],
  'board.select': ['board_member'],
  'board.deliberate': ['board_member'],
  'board.manage': ['case_manager'],
  'board.respond': ['platform_liaison'],
  'crisis.work': ['policy', 'senior_reviewer'],
  'designations.decide': ['policy'],
  'figures.verify': ['policy'],
  'transparency.manage': ['policy', 'admin'],
  /** The register of out-of-court dispute settlement bodies, and the disputes on decisions with their outcomes (DSA Art. 21). */
  'disputes.manage': ['policy', 'admin'],
  /** The register of trusted flaggers (DSA Art. 22): entries, status, keys. */
  'flaggers.manage': ['policy', 'admin'],
  /** The templates of the messages to notifiers and affected users, in each shipped language. */
  'messages.manage': ['policy'],
  /** Measures against misuse (DSA Art. 23): the rules, the warnings and suspensions, their review. */
  'misuse.manage': ['policy', 'admin'],
} as const satisfies Record<string, readonly (Role | 'integration')[]>;

export type Permission = keyof typeof PERMISSIONS;

export const AREAS = ['queue', 'policies', 'board', 'crisis', 'transparency', 'admin'] as const;
export type Area = (typeof AREAS)[number];

/** An area is shown to whoever holds the permission that opens it. */
export const AREA_PERMISSION: Record<Area, Permission> = {
  queue: 'queue.work',
  policies: 'policies.edit',
  board: 'board.work',
  crisis: 'crisis.work',
  transparency: 'transparency.manage',
  admin: 'users.manage',
};

export function holdsPermission(principal: Principal, permission: Permission): boolean {
  const allowed: readonly string[] = PERMISSIONS[permission];
  if (principal.kind === 'integration') return allowed.includes('integration');
  return principal.roles.some((role) => allowed.includes(role));
}

export function permissionsOf(principal: Principal): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => holdsPermission(principal, permission));
}

export function areasOf(principal: Principal): Area[] {
  return AREAS.filter((area) => holdsPermission(principal, AREA_PERMISSION[area]));
}

/** How a principal appears as the actor of an event. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.id}` : `integration:${principal.id}`;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The user an actor written by `actorOf` names (`user:<id>`), or null for an integration, the system or the CLI. */
export const userIdOfActor = (actor: string): string | null =>
  actor.startsWith('user:') ? actor.slice('user:'.length) : null;
