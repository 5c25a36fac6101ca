import { describeWait } from '../core/waits.js';
import { DocketError, invalid } from '../core/errors.js';
import { isRole, type Role } from '../core/roles.js';

/** Account rules, as pure functions. */

/**
 * A problem with one field: `detail` is the whole sentence (logs, the CLI); `phrase` follows the field's name on
 * screen ("Platform is required for a platform liaison").
 */
const fieldProblem = (field: string, detail: string, phrase: string): DocketError =>
  new DocketError('validation_failed', detail, [{ field, message: phrase }]);

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw fieldProblem(
      '/username',
      'a username is 2 to 40 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
      'must be 2 to 40 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit',
    );
  }
}

export function checkPassword(password: string, field = '/password'): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw invalid(field, `a password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`);
  }
}

export function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0)
    throw fieldProblem('/roles', 'a user needs at least one role', 'must include at least one role');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw invalid('/roles', `unknown role(s): ${unknown.join(', ')}`);
  return [...new Set(roles)] as Role[];
}

/**
 * A platform liaison acts for exactly one platform: its referrals, obligations and answers to the board are that
 * platform's, never another's. Other roles act for no platform.
 */
export function checkPlatformTie(roles: readonly Role[], platform: string | null | undefined): string | null {
  const named = platform?.trim() || null;
  if (roles.includes('platform_liaison') && !named)
    throw fieldProblem(
      '/platform',
      'a platform liaison needs the platform they act for',
      'is required for a platform liaison',
    );
  if (!roles.includes('platform_liaison') && named)
    throw fieldProblem('/platform', 'only a platform liaison acts for a platform', 'is only for a platform liaison');
  return named;
}

/** The account as a whole, across every address, counts as this source. */
export const ACCOUNT_WIDE = '*';

/**
 * How many sign-in attempts one source gets before it is locked out of a username, and for how long: the
 * lengths of the first lock, the second in a row and so on (the last one repeats).
 */
export interface AttemptLimit {
  attempts: number;
  lockSeconds: number[];
}

export interface SignInLimits {
  /** One address and one username: the attacker's own address locks, with a back-off that grows to a day. */
  address: AttemptLimit;
  /**
   * One username across addresses: a ceiling for attackers spread over many addresses. It backs off in short,
   * growing delays rather than locking for hours, so it cannot be used to keep the real user out for long.
   */
  account: AttemptLimit;
}

/** Failures from many addresses allowed per round before the account backs off, as a multiple of the per-address limit. */
export const ACCOUNT_CEILING_FACTOR = 4;
const DAY_SECONDS = 86_400;
const ACCOUNT_FIRST_DELAY_SECONDS = 30;
const ACCOUNT_LONGEST_DELAY_SECONDS = 300;

export function signInLimits(maxFailedLogins: number, lockMinutes: number): SignInLimits {
  return {
    address: {
      attempts: maxFailedLogins,
      lockSeconds: doublingUpTo(lockMinutes * 60, Math.max(lockMinutes * 60, DAY_SECONDS)),
    },
    account: {
      attempts: maxFailedLogins * ACCOUNT_CEILING_FACTOR,
      lockSeconds: doublingUpTo(ACCOUNT_FIRST_DELAY_SECONDS, ACCOUNT_LONGEST_DELAY_SECONDS),
    },
  };
}

/** first, 2 x first, 4 x first, ... and finally `longest`. */
export function doublingUpTo(first: number, longest: number): number[] {
  const steps: number[] = [];
  for (let step = first; step < longest; step *= 2) steps.push(step);
  return [...steps, longest];
}

/** Sign-in attempts are recorded on the user's stream, or, for a name no user has, on that name's own. */
export const signInStream = (userId: string | null, username: string): string =>
  userId ? `user/${userId}` : `sign-in/${username}`;

/** The normalised form a username is stored and counted under. */
export const normaliseUsername = (input: string): string => input.trim().toLowerCase();

/** Whole seconds until a lock ends, at least one (it is sent as Retry-After). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/**
 * The one answer to an attempt refused under a lock, whichever lock it is and whether or not the user exists,
 * so the answer tells an attacker nothing about the account.
 */
export function tooManyAttempts(until: Date, now: Date): DocketError {
  const seconds = secondsUntil(until, now);
  return new DocketError('too_many_attempts', `too many failed sign-ins: try again in ${describeWait(seconds)}`, [], {
    retryAfterSeconds: seconds,
  });
}

/** What an administrator asks to change about an account. */
export interface AccountChange {
  roles?: readonly Role[] | undefined;
  disabled?: boolean | undefined;
  passwordReset?: boolean | undefined;
}

/**
 * An administrator cannot lock themself out: they may not disable their own account, drop their own
 * administrator role, or reset their own password (they change it knowing the current one). Another administrator
 * must do it. So the administrator acting always remains one, and the console never loses its last.
 * `actor` is the actor as the log writes it (`user:<id>`).
 */
export function checkOwnAccountChange(actor: string, userId: string, change: AccountChange): void {
  if (actor !== `user:${userId}`) return;
  if (change.disabled === true)
    throw ownAccount('/disabled', 'you cannot disable your own account: another administrator must');
  if (change.roles && !change.roles.includes('admin')) {
    throw ownAccount('/roles', 'you cannot remove your own administrator role: another administrator must');
  }
  if (change.passwordReset)
    throw ownAccount('', 'you cannot reset your own password: change it on the password page, with your current one');
}

/** The administrator acting, as the change finds them: still there, enabled and an administrator, or refused. */
export function checkStillAdmin(actor: { roles: readonly string[]; disabledAt: Date | null } | null): void {
  if (!actor || actor.disabledAt || !actor.roles.includes('admin')) {
    throw new DocketError(
      'forbidden',
      'you are no longer an active administrator: another administrator changed your account',
    );
  }
}

const ownAccount = (field: string, message: string): DocketError =>
  new DocketError('forbidden', message, field ? [{ field, message }] : []);

/**
 * The platform a user acts for after a change of roles or platform: as given, else the one they had while they
 * stay a liaison, else none. Then the same tie as at creation holds.
 */
export function platformAfterChange(
  roles: readonly Role[],
  given: string | null | undefined,
  current: string | null,
): string | null {
  const platform = given !== undefined ? given : roles.includes('platform_liaison') ? current : null;
  return checkPlatformTie(roles, platform);
}
