import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import type { Clock } from '../core/clock.js';
import { DocketError } from '../core/errors.js';
import type { IdSource } from '../core/ids.js';
import { isId } from '../store/rows.js';
import type { Db } from '../store/database.js';
import {
  checkOwnAccountChange,
  checkStillAdmin,
  checkPassword,
  checkPlatformTie,
  checkRoles,
  checkUsername,
  normaliseUsername,
  platformAfterChange,
  signInLimits,
  signInStream,
  tooManyAttempts,
  USERNAME_PATTERN,
} from './rules.js';
import { admitAttempt, clearAttempts } from './sign-in-attempts.js';
import { actorOf, userIdOfActor, type Principal, type Role } from '../core/roles.js';
import { decoyPasswordHash, generatePassword, hashPassword, randomSecret, sha256, verifyPassword } from './secrets.js';
import { apiTokens, sessions, users } from './tables.js';
import type { NewSecretView, PasswordResetView, TokenView, UserView } from './contract.js';

export interface AccessSettings {
  sessionHours: number;
  maxFailedLogins: number;
  lockMinutes: number;
}

export interface NewUser {
  username: string;
  displayName?: string | undefined;
  roles: string[];
  region?: string | null | undefined;
  /** Required for a platform liaison: the platform they act for. */
  platform?: string | null | undefined;
  /** When absent, a password is generated, returned once, and must be changed at first login. */
  password?: string | undefined;
}

/** An administrator's change to an account; absent fields stay as they are. */
export interface UserChange {
  displayName?: string | undefined;
  roles?: string[] | undefined;
  region?: string | null | undefined;
  platform?: string | null | undefined;
  disabled?: boolean | undefined;
}

export interface SessionInfo {
  principal: Extract<Principal, { kind: 'user' }>;
  csrfToken: string;
  mustChangePassword: boolean;
}

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: {
  db: Db;
  run: CommandRunner;
  clock: Clock;
  ids: IdSource;
  settings: AccessSettings;
}) {
  const { db, run, clock, ids, settings } = deps;
  const limits = signInLimits(settings.maxFailedLogins, settings.lockMinutes);

  async function createUser(actor: string, input: NewUser): Promise<{ user: UserView; password: string }> {
    const username = normaliseUsername(input.username);
    checkUsername(username);
    const roles = checkRoles(input.roles);
    const platform = checkPlatformTie(roles, input.platform);
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword();
    if (!generated) checkPassword(password);
    const passwordHash = await hashPassword(password);
    return run(actor, async ({ tx, now, record }) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (existing)
        throw new DocketError('already_exists', `a user named "${username}" already exists`, [
          { field: '/username', message: 'taken' },
        ]);
      const row = {
        id: ids.next(),
        username,
        displayName: input.displayName?.trim() || username,
        roles,
        region: input.region ?? null,
        platform,
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
        platform,
        mustChangePassword: generated,
      });
      return { user: userView({ ...row, disabledAt: null }), password };
    });
  }

  /**
   * Signs in from `address` (the client's address, as the server sees it). The attempt is counted before the
   * password is checked, per username whether or not the user exists, so an unknown name, a wrong password and a
   * lock answer alike for a real user and an invented one; and per address, so an attacker locks only their own
   * address out. Every attempt is an event (never with the password).
   */
  async function login(
    usernameInput: string,
    password: string,
    address: string,
  ): Promise<{ sessionToken: string; session: SessionInfo }> {
    const username = normaliseUsername(usernameInput);
    // A name no account can have (blank, spaces, symbols): there is no one to protect and nothing worth recording.
    if (!USERNAME_PATTERN.test(username)) throw new DocketError('invalid_credentials', 'wrong username or password');
    const [user] = await db.select().from(users).where(eq(users.username, username));
    const attempt = { username, userId: user?.id ?? null, address };
    const stream = signInStream(user?.id ?? null, username);
    const admission = await admitAttempt(db, username, address, limits, clock.now());
    if (!admission.admitted) {
      const result = admission.scope === 'address' ? 'address_locked' : 'account_backing_off';
      await run(`address:${address}`, async ({ record }) => record('signin.failed', stream, { ...attempt, result }));
      throw tooManyAttempts(admission.until, clock.now());
    }
    const active = user && !user.disabledAt ? user : null;
    // An unknown or disabled user costs the same hash as a real one, so timing does not tell them apart.
    const valid = await verifyPassword(password, active?.passwordHash ?? (await decoyPasswordHash()));
    if (!active || !valid) {
      const result = !user ? 'unknown_user' : !active ? 'disabled_user' : 'wrong_password';
      await run(`address:${address}`, async ({ record }) => {
        record('signin.failed', stream, { ...attempt, result });
        for (const lock of admission.started) {
          record('signin.locked', stream, {
            ...attempt,
            scope: lock.scope,
            until: lock.until.toISOString(),
            attempts: lock.attempts,
          });
        }
      });
      throw new DocketError('invalid_credentials', 'wrong username or password');
    }
    const sessionToken = randomSecret();
    const csrfToken = randomSecret();
    await run(`user:${active.id}`, async ({ tx, now, record }) => {
      await clearAttempts(tx, username, address, now);
      await tx.insert(sessions).values({
        tokenHash: sha256(sessionToken),
        userId: active.id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + settings.sessionHours * 3_600_000),
      });
      record('signin.succeeded', stream, { ...attempt, userId: active.id });
    });
    return {
      sessionToken,
      session: { principal: principalOf(active), csrfToken, mustChangePassword: active.mustChangePassword },
    };
  }

  // Every console request looks its session up: built and prepared once, not on each request.
  const sessionByHash = db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('hash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt),
      ),
    )
    .prepare('session_by_hash');

  async function sessionFor(sessionToken: string): Promise<SessionInfo | null> {
    const [row] = await sessionByHash.execute({ hash: sha256(sessionToken), now: clock.now() });
    if (!row) return null;
    return {
      principal: principalOf(row.user),
      csrfToken: row.session.csrfToken,
      mustChangePassword: row.user.mustChangePassword,
    };
  }

  async function logout(sessionToken: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.tokenHash, sha256(sessionToken)));
  }

  async function changePassword(userId: string, current: string, next: string): Promise<void> {
    checkPassword(next, '/newPassword');
    if (current === next)
      throw new DocketError('validation_failed', 'the new password must differ from the current one', [
        { field: '/newPassword', message: 'unchanged' },
      ]);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new DocketError('invalid_credentials', 'the current password is wrong', [
        { field: '/currentPassword', message: 'wrong' },
      ]);
    }
    const passwordHash = await hashPassword(next);
    await run(`user:${userId}`, async ({ tx, record }) => {
      await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
      record('user.password_changed', `user/${userId}`, { userId, by: 'self' });
    });
  }

  /**
   * An administrator changes an account: its name and region, its roles (and the platform a liaison acts for),
   * or whether it may sign in. Disabling ends the user's sessions and revokes their user tokens in the same
   * transaction. Each kind of change is its own event; a field given as it already is records nothing.
   */
  async function updateUser(actor: string, userId: string, change: UserChange): Promise<UserView> {
    const roles = change.roles === undefined ? undefined : checkRoles(change.roles);
    if (!isId(userId)) throw noUser(userId);
    checkOwnAccountChange(actor, userId, { roles, disabled: change.disabled });
    return run(actor, async ({ tx, now, record }) => {
      const user = await lockForAdminChange(tx, actor, userId);
      const next = { ...user };
      const displayName = change.displayName?.trim();
      if (change.displayName !== undefined && !displayName)
        throw new DocketError('validation_failed', 'a display name cannot be blank', [
          { field: '/displayName', message: 'cannot be blank' },
        ]);
      if (
        (displayName && displayName !== user.displayName) ||
        (change.region !== undefined && change.region !== user.region)
      ) {
        next.displayName = displayName || user.displayName;
        next.region = change.region === undefined ? user.region : change.region;
        record('user.details_changed', `user/${userId}`, {
          userId,
          displayName: next.displayName,
          region: next.region,
        });
      }
      if (roles || change.platform !== undefined) {
        next.roles = roles ?? (user.roles as Role[]);
        next.platform = platformAfterChange(next.roles as Role[], change.platform, user.platform);
        if (!sameRoles(next.roles, user.roles) || next.platform !== user.platform) {
          record('user.roles_changed', `user/${userId}`, {
            userId,
            roles: next.roles as Role[],
            previousRoles: user.roles as Role[],
            platform: next.platform,
          });
        }
      }
      if (change.disabled === true && !user.disabledAt) {
        next.disabledAt = now;
        const sessionsEnded = await endSessions(tx, userId);
        const revoked = await tx
          .update(apiTokens)
          .set({ revokedAt: now })
          .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        for (const token of revoked)
          record('token.revoked', `token/${token.id}`, { tokenId: token.id, reason: 'user_disabled' });
        record('user.disabled', `user/${userId}`, {
          userId,
          sessionsEnded,
          tokensRevoked: revoked.map((token) => token.id),
        });
      } else if (change.disabled === false && user.disabledAt) {
        next.disabledAt = null;
        record('user.enabled', `user/${userId}`, { userId });
      }
      const { displayName: name, region, roles: nextRoles, platform, disabledAt } = next;
      await tx
        .update(users)
        .set({ displayName: name, region, roles: nextRoles, platform, disabledAt })
        .where(eq(users.id, userId));
      return userView(next);
    });
  }

  /**
   * An administrator gives a user a new one-time password, shown once: the user must replace it at their next
   * sign-in, and every session they have ends now. (Their user tokens wait until they have chosen a new one.)
   */
  async function resetPassword(actor: string, userId: string): Promise<PasswordResetView> {
    if (!isId(userId)) throw noUser(userId);
    checkOwnAccountChange(actor, userId, { passwordReset: true });
    const oneTimePassword = generatePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    return run(actor, async ({ tx, record }) => {
      await lockForAdminChange(tx, actor, userId);
      const [user] = await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true })
        .where(eq(users.id, userId))
        .returning();
      if (!user) throw noUser(userId);
      const sessionsEnded = await endSessions(tx, userId);
      record('user.password_changed', `user/${userId}`, { userId, by: 'admin', sessionsEnded });
      return { user: userView(user), oneTimePassword };
    });
  }

  /**
   * Locks the account to change and, when a user acts, their own, always in id order so two changes never deadlock;
   * then the one acting must still be an active administrator. Two admins disabling or demoting each other at the
   * same moment are thus taken one after the other, and the second is refused: the console keeps an admin.
   */
  async function lockForAdminChange(tx: Db, actor: string, userId: string): Promise<typeof users.$inferSelect> {
    const actorId = userIdOfActor(actor);
    const ids = actorId && actorId !== userId ? [userId, actorId] : [userId];
    const rows = await tx.select().from(users).where(inArray(users.id, ids)).orderBy(asc(users.id)).for('update');
    if (actorId) checkStillAdmin(rows.find((row) => row.id === actorId) ?? null);
    const user = rows.find((row) => row.id === userId);
    if (!user) throw noUser(userId);
    return user;
  }

  async function endSessions(tx: Db, userId: string): Promise<number> {
    return (await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash }))
      .length;
  }

  async function createToken(
    actor: string,
    input: { name: string; kind: 'integration' | 'user'; platform?: string | undefined; username?: string | undefined },
    /** Only the demo seed passes a fixed secret, so its documented demo token works on every demo install. */
    fixedSecret?: string,
  ): Promise<{ token: string; record: TokenView }> {
    const name = input.name.trim();
    if (!name)
      throw new DocketError('validation_failed', 'a token needs a name', [{ field: '/name', message: 'required' }]);
    if (input.kind === 'integration' && !input.platform?.trim()) {
      throw new DocketError('validation_failed', 'an integration token names the platform it acts for', [
        { field: '/platform', message: 'required' },
      ]);
    }
    if (input.kind === 'user' && !input.username) {
      throw new DocketError('validation_failed', 'a user token names the user it acts as', [
        { field: '/username', message: 'required' },
      ]);
    }
    const secret = fixedSecret ?? `dkt_${randomSecret()}`;
    return run(actor, async ({ tx, now, record }) => {
      let userId: string | null = null;
      if (input.kind === 'user') {
        const [user] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.username, input.username ?? ''));
        if (!user)
          throw new DocketError('not_found', `no user named "${input.username}"`, [
            { field: '/username', message: 'unknown' },
          ]);
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
    if (!isId(tokenId)) throw noActiveToken(tokenId);
    return run(actor, async ({ tx, now, record }) => {
      const [row] = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) throw noActiveToken(tokenId);
      record('token.revoked', `token/${tokenId}`, { tokenId });
      return tokenView(row);
    }).finally(() => recentIntegrations.clear());
  }

  /** A new secret for an active token, shown once; the old secret stops working when this commits. */
  async function rotateToken(actor: string, tokenId: string): Promise<NewSecretView> {
    if (!isId(tokenId)) throw noActiveToken(tokenId);
    const secret = `dkt_${randomSecret()}`;
    return run(actor, async ({ tx, record }) => {
      const [row] = await tx
        .update(apiTokens)
        .set({ tokenHash: sha256(secret), prefix: secret.slice(0, 10) })
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) throw noActiveToken(tokenId);
      record('token.rotated', `token/${tokenId}`, { tokenId, prefix: row.prefix });
      return { token: secret, record: tokenView(row) };
    }).finally(() => recentIntegrations.clear());
  }

  /** Whether a platform is known here: an integration token acts, or acted, for it. */
  async function knowsPlatform(platform: string): Promise<boolean> {
    const [row] = await db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.kind, 'integration'), eq(apiTokens.platform, platform)))
      .limit(1);
    return row !== undefined;
  }

  // Every API request looks its token up: built and prepared once, not on each request.
  const tokenByHash = db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare('token_by_hash');

  /**
   * A platform sends every report with its token: the integration tokens looked up in the last second are kept, so
   * a busy platform's requests do not each read the token. Revoking or rotating one forgets them all at once in this
   * process; other processes stop accepting it within INTEGRATION_TOKEN_MEMORY_MS.
   */
  const recentIntegrations = new Map<string, { principal: Principal; until: number }>();

  async function principalForBearer(secret: string): Promise<Principal | null> {
    const hash = sha256(secret);
    const remembered = recentIntegrations.get(hash);
    if (remembered && remembered.until > performance.now()) return remembered.principal;
    const [row] = await tokenByHash.execute({ hash });
    if (!row) return null;
    if (row.token.kind === 'integration') {
      const principal: Principal = {
        kind: 'integration',
        id: row.token.id,
        name: row.token.name,
        platform: row.token.platform ?? row.token.name,
      };
      recentIntegrations.set(hash, { principal, until: performance.now() + INTEGRATION_TOKEN_MEMORY_MS });
      return principal;
    }
    if (!row.user || row.user.disabledAt) return null;
    // A user token acts as its user, so it waits, like the user's session, until a one-time password is replaced.
    if (row.user.mustChangePassword) {
      throw new DocketError(
        'password_change_required',
        "this token's user must first choose a new password: sign in to the console and change it",
      );
    }
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

  return {
    createUser,
    updateUser,
    resetPassword,
    login,
    sessionFor,
    logout,
    changePassword,
    createToken,
    revokeToken,
    rotateToken,
    knowsPlatform,
    principalForBearer,
    listUsers,
    listTokens,
    countUsers,
    actorOf,
  };
}

/** How long a process keeps an integration token it looked up (revoking it elsewhere takes effect within this). */
export const INTEGRATION_TOKEN_MEMORY_MS = 1_000;

const noUser = (userId: string): DocketError => new DocketError('not_found', `no user with id ${userId}`);
const noActiveToken = (tokenId: string): DocketError =>
  new DocketError('not_found', `no active token with id ${tokenId}`);
const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((role) => b.includes(role));

/** The principal a user acts as, from the view the service returns. */
export function principalOfView(user: UserView): Extract<Principal, { kind: 'user' }> {
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    platform: user.platform,
  };
}

function principalOf(user: typeof users.$inferSelect): Extract<Principal, { kind: 'user' }> {
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    platform: user.platform,
  };
}

function userView(user: typeof users.$inferSelect): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    region: user.region,
    platform: user.platform,
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
