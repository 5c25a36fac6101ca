import { DocketError, invalid } from '../core/errors.js';
import { isRole, type Role } from './roles.js';

/** Account rules, as pure functions. */

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function checkUsername(username: string): void {
  if (!USERNAME_PATTERN.test(username)) {
    throw invalid('/username', 'a username is 2 to 40 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit');
  }
}

export function checkPassword(password: string, field = '/password'): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw invalid(field, `a password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`);
  }
}

export function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw invalid('/roles', 'a user needs at least one role');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw invalid('/roles', `unknown role(s): ${unknown.join(', ')}`);
  return [...new Set(roles)] as Role[];
}

/**
 * After `maxFailed` failed logins in a row the account is locked for `lockMinutes`; a success resets the count.
 * Returns the lock's end when this failure starts one.
 */
export function lockAfterFailure(failedLogins: number, maxFailed: number, lockMinutes: number, now: Date): Date | null {
  return failedLogins >= maxFailed ? new Date(now.getTime() + lockMinutes * 60_000) : null;
}

export function assertNotLocked(lockedUntil: Date | null, now: Date): void {
  if (lockedUntil && lockedUntil > now) {
    const minutes = Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new DocketError('too_many_attempts', `too many failed logins: try again in ${minutes} minute(s)`);
  }
}
