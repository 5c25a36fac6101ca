import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import type { Clock } from '../core/clock.js';
import { DocketError } from '../core/errors.js';
import type { IdSource } from '../core/ids.js';
import { isId } from '../store/rows.js';
import type { Db } from '../store/database.js';
import { assertNotLocked, checkPassword, checkRoles, checkUsername, lockAfterFailure } from './rules.js';
import { actorOf, type Principal, type Role } from './roles.js';
import { decoyPasswordHash, generatePassword, hashPassword, randomSecret, sha256, verifyPassword } from './secrets.js';
import { apiTokens, sessions, users } from './tables.js';

export interface AccessSettings {
  sessionHours: number;
  maxFailedLogins: number;
  lockMinutes: number;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  region: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface TokenView {
  id: string;
  name: string;
  kind: 'integration' | 'user';
  platform: string | null;
  userId: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewUser {
  username: string;
  displayName?: string | undefined;
  roles: string[];
  region?: string | null | undefined;
  /** When absent, a password is generated, returned once, and must be changed at first login. */
  password?: string | undefined;
}

export interface SessionInfo {
  principal: Extract<Principal, { kind: 'user' }>;
  csrfToken: string;
  mustChangePassword: boolean;
}

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: { db: Db; run: CommandRunner; clock: Clock; ids: IdSource; settings: AccessSettings }) {
  const { db, run, clock, ids, settings } = deps;

  async function createUser(actor: string, input: NewUser): Promise<{ user: UserView; password: string }> {
    const username = input.username.trim().toLowerCase();
    checkUsername(username);
    const roles = checkRoles(input.roles);
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword();
    if (!generated) checkPassword(password);
    const passwordHash = await hashPassword(password);
    return run(actor, async ({ tx, now, record }) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (existing) throw new DocketError('already_exists', `a user named "${username}" already exists`, [{ field: '/username', message: 'taken' }]);
      const row = {
        id: ids.next(),
        username,
        displayName: input.displayName?.trim() || username,
        roles,
        region: input.region ?? null,
        passwordHash,
        mustChangePassword: generated,
        createdAt: now,
      };
      await tx.insert(users).values(row);
      record('user.created', `user/${row.id}`, {
        userId: row.id,
        username,
        displayName: row.displayName,
        roles,
        region: row.region,
        mustChangePassword: generated,
      });
      return { user: userView({ ...row, disabledAt: null }), password };
    });
  }

  async function login(usernameInput: string, password: string): Promise<{ sessionToken: string; session: SessionInfo }> {
    const username = usernameInput.trim().toLowerCase();
    const [user] = await db.select().from(users).where(eq(users.username, username));
    if (!user || user.disabledAt) {
      await verifyPassword(password, await decoyPasswordHash());
      throw new DocketError('invalid_credentials', 'wrong username or password');
    }
    const now = clock.now();
    assertNotLocked(user.lockedUntil, now);
    if (!(await verifyPassword(password, user.passwordHash))) {
      await recordFailedLogin(user.id);
      throw new DocketError('invalid_credentials', 'wrong username or password');
    }
    const sessionToken = randomSecret();
    const csrfToken = randomSecret();
    await db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
      await tx.insert(sessions).values({
        tokenHash: sha256(sessionToken),
        userId: user.id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + settings.sessionHours * 3_600_000),
      });
    });
    return {
      sessionToken,
      session: { principal: principalOf(user), csrfToken, mustChangePassword: user.mustChangePassword },
    };
  }

  /** Counts a failure; the one that reaches the limit locks the account and is recorded as an event. */
  async function recordFailedLogin(userId: string): Promise<void> {
    await run('system:login', async ({ tx, now, record }) => {
      const [updated] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, userId))
        .returning({ failedLogins: users.failedLogins });
      const until = lockAfterFailure(updated?.failedLogins ?? 0, settings.maxFailedLogins, settings.lockMinutes, now);
      if (!until) return;
      await tx.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, userId));
      record('user.locked', `user/${userId}`, { userId, until: until.toISOString(), failedLogins: updated?.failedLogins ?? 0 });
    });
  }

  async function sessionFor(sessionToken: string): Promise<SessionInfo | null> {
    const now = clock.now();
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, sha256(sessionToken)), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
    if (!row) return null;
    return { principal: principalOf(row.user), csrfToken: row.session.csrfToken, mustChangePassword: row.user.mustChangePassword };
  }

  async function logout(sessionToken: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionToken)));
  }

  async function changePassword(userId: string, current: string, next: string): Promise<void> {
    checkPassword(next, '/newPassword');
    if (current === next) throw new DocketError('validation_failed', 'the new password must differ from the current one', [{ field: '/newPassword', message: 'unchanged' }]);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new DocketError('invalid_credentials', 'the current password is wrong', [{ field: '/currentPassword', message: 'wrong' }]);
    }
    const passwordHash = await hashPassword(next);
    await run(`user:${userId}`, async ({ tx, record }) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
      record('user.password_changed', `user/${userId}`, { userId, by: 'self' });
    });
  }

  async function createToken(
    actor: string,
    input: { name: string; kind: 'integration' | 'user'; platform?: string | undefined; username?: string | undefined },
    /** Only the demo seed passes a fixed secret, so its documented demo token works on every demo install. */
    fixedSecret?: string,
  ): Promise<{ token: string; record: TokenView }> {
    const name = input.name.trim();
    if (!name) throw new DocketError('validation_failed', 'a token needs a name', [{ field: '/name', message: 'required' }]);
    if (input.kind === 'integration' && !input.platform?.trim()) {
      throw new DocketError('validation_failed', 'an integration token names the platform it acts for', [{ field: '/platform', message: 'required' }]);
    }
    if (input.kind === 'user' && !input.username) {
      throw new DocketError('validation_failed', 'a user token names the user it acts as', [{ field: '/username', message: 'required' }]);
    }
    const secret = fixedSecret ?? `dkt_${randomSecret()}`;
    return run(actor, async ({ tx, now, record }) => {
      let userId: string | null = null;
      if (input.kind === 'user') {
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username ?? ''));
        if (!user) throw new DocketError('not_found', `no user named "${input.username}"`, [{ field: '/username', message: 'unknown' }]);
        userId = user.id;
      }
      const row = {
        id: ids.next(),
        tokenHash: sha256(secret),
        prefix: secret.slice(0, 10),
        name,
        kind: input.kind,
        platform: input.kind === 'integration' ? (input.platform?.trim() ?? null) : null,
        userId,
        createdAt: now,
        revokedAt: null,
      };
      await tx.insert(apiTokens).values(row);
      record('token.created', `token/${row.id}`, {
        tokenId: row.id,
        name,
        kind: row.kind,
        platform: row.platform,
        userId,
        prefix: row.prefix,
      });
      return { token: secret, record: tokenView(row) };
    });
  }

  async function revokeToken(actor: string, tokenId: string): Promise<TokenView> {
    if (!isId(tokenId)) throw new DocketError('not_found', `no active token with id ${tokenId}`);
    return run(actor, async ({ tx, now, record }) => {
      const [row] = await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))).returning();
      if (!row) throw new DocketError('not_found', `no active token with id ${tokenId}`);
      record('token.revoked', `token/${tokenId}`, { tokenId });
      return tokenView(row);
    });
  }

  async function principalForBearer(secret: string): Promise<Principal | null> {
    const [row] = await db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sha256(secret)), isNull(apiTokens.revokedAt)));
    if (!row) return null;
    if (row.token.kind === 'integration') {
      return { kind: 'integration', id: row.token.id, name: row.token.name, platform: row.token.platform ?? row.token.name };
    }
    if (!row.user || row.user.disabledAt) return null;
    return principalOf(row.user);
  }

  async function listUsers(): Promise<UserView[]> {
    return (await db.select().from(users).orderBy(asc(users.username))).map(userView);
  }

  async function listTokens(): Promise<TokenView[]> {
    return (await db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt))).map(tokenView);
  }

  async function countUsers(): Promise<number> {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
    return row?.count ?? 0;
  }

  return { createUser, login, sessionFor, logout, changePassword, createToken, revokeToken, principalForBearer, listUsers, listTokens, countUsers, actorOf };
}

function principalOf(user: typeof users.$inferSelect): Extract<Principal, { kind: 'user' }> {
  return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[] };
}

function userView(user: Omit<typeof users.$inferSelect, 'failedLogins' | 'lockedUntil'>): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    region: user.region,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

function tokenView(token: typeof apiTokens.$inferSelect): TokenView {
  return {
    id: token.id,
    name: token.name,
    kind: token.kind,
    platform: token.platform,
    userId: token.userId,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
