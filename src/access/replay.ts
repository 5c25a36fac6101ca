import type { ChainEntry } from '../core/chain.js';
import { applyReplay, setRow, type ReplayHandlers } from '../core/replay.js';
import type { Db } from '../store/database.js';
import { apiTokens, users } from './tables.js';

/**
 * What stands in for a secret the log never holds. A password hash that matches no password (verifyPassword
 * refuses it), so a rebuilt account signs in only after an administrator resets its password; and a token hash
 * that is no SHA-256 (unique per token, as the column is), so a rebuilt token opens nothing until it is rotated.
 */
export const REPLAYED_PASSWORD_HASH = 'replayed:no-password';
export const replayedTokenHash = (tokenId: string): string => `replayed:${tokenId}`;

/**
 * Users and API tokens from their events, without their secrets (test/event-replay.test.ts lists the hashes as not
 * on the log). Sessions and sign-in attempts are operational state, not rebuilt.
 */
const handlers: ReplayHandlers = {
  'user.created': async (tx, p, e) => {
    await tx.insert(users).values({
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      roles: p.roles,
      region: p.region,
      // Absent from entries written before migration 0017, when no user acted for a platform.
      platform: p.platform ?? null,
      passwordHash: REPLAYED_PASSWORD_HASH,
      mustChangePassword: p.mustChangePassword,
      createdAt: new Date(e.at),
    });
  },
  // A reset gives a one-time password the user must replace; the user's own change replaces it.
  'user.password_changed': (tx, p) => setRow(tx, users, p.userId, { mustChangePassword: p.by === 'admin' }),
  'user.details_changed': (tx, p) => setRow(tx, users, p.userId, { displayName: p.displayName, region: p.region }),
  'user.roles_changed': (tx, p) => setRow(tx, users, p.userId, { roles: p.roles, platform: p.platform }),
  'user.disabled': (tx, p, e) => setRow(tx, users, p.userId, { disabledAt: new Date(e.at) }),
  'user.enabled': (tx, p) => setRow(tx, users, p.userId, { disabledAt: null }),
  'token.created': async (tx, p, e) => {
    await tx.insert(apiTokens).values({
      id: p.tokenId,
      tokenHash: replayedTokenHash(p.tokenId),
      prefix: p.prefix,
      name: p.name,
      kind: p.kind,
      platform: p.platform,
      userId: p.userId,
      createdAt: new Date(e.at),
    });
  },
  'token.revoked': (tx, p, e) => setRow(tx, apiTokens, p.tokenId, { revokedAt: new Date(e.at) }),
  'token.rotated': (tx, p) => setRow(tx, apiTokens, p.tokenId, { prefix: p.prefix }),
};

/** Applies entries, in log order, to the users and API tokens. */
export async function replayAccess(tx: Db, entries: readonly ChainEntry[]): Promise<void> {
  await applyReplay(tx, handlers, entries);
}
