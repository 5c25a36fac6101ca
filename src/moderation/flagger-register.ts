import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { Db } from '../store/database.js';
import type { FlaggerDetailsBody, FlaggerStatusBody, IssuedFlaggerKey, ManagedFlagger } from './flagger-contract.js';
import { managedView } from './flagger-reads.js';
import {
  FLAGGER_KEY_PREFIX,
  flaggerDetailsProblems,
  flaggerKeyHash,
  flaggerKeyPrefix,
  statusChangeProblem,
} from './flagger-rules.js';
import { trustedFlaggers } from './flagger-tables.js';

type FlaggerRow = typeof trustedFlaggers.$inferSelect;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The register of trusted flaggers (EU DSA Art. 22), kept by administrators and policy staff: entries, their status
 * as the Digital Services Coordinators decide it, and each flagger's key for filing notices as itself.
 */
export function createFlaggerRegister(deps: { db: Db; run: CommandRunner; now: () => Date }) {
  const { db, run } = deps;

  function checked(input: FlaggerDetailsBody, now: Date) {
    const problems = flaggerDetailsProblems(input, now.toISOString().slice(0, 10));
    const first = problems[0];
    if (first) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
      throw new DocketError(
        'validation_failed',
        `${first.field}: ${first.message}${more}; nothing was stored`,
        problems,
      );
    }
    return {
      name: input.name.trim(),
      memberState: input.memberState,
      areas: input.areas,
      contactEmail: input.contactEmail.trim(),
      website: input.website?.trim() || null,
      awardedOn: input.awardedOn,
    };
  }

  /** A new entry, active from its award, with its first key (shown once). */
  async function register(actor: string, input: FlaggerDetailsBody): Promise<IssuedFlaggerKey> {
    return run(actor, async ({ tx, now, ids, record }) => {
      const details = checked(input, now);
      const flaggerId = ids.next();
      const key = newKey();
      const row: FlaggerRow = {
        id: flaggerId,
        ...details,
        status: 'active',
        statusSince: details.awardedOn,
        statusReason: null,
        keyHash: flaggerKeyHash(key),
        keyPrefix: flaggerKeyPrefix(key),
        keyIssuedAt: now,
        registeredAt: now,
        updatedAt: now,
      };
      await tx.insert(trustedFlaggers).values(row);
      record('trusted_flagger.registered', `trusted-flagger/${flaggerId}`, {
        flaggerId,
        ...details,
        status: 'active',
        statusSince: details.awardedOn,
      });
      record('trusted_flagger.key_issued', `trusted-flagger/${flaggerId}`, {
        flaggerId,
        prefix: row.keyPrefix as string,
      });
      return { flagger: managedView(row), key };
    });
  }

  async function changeDetails(actor: string, id: string, input: FlaggerDetailsBody): Promise<ManagedFlagger> {
    return run(actor, async ({ tx, now, record }) => {
      await entry(tx, id);
      const details = checked(input, now);
      const [row] = await tx
        .update(trustedFlaggers)
        .set({ ...details, updatedAt: now })
        .where(eq(trustedFlaggers.id, id))
        .returning();
      record('trusted_flagger.details_changed', `trusted-flagger/${id}`, { flaggerId: id, ...details });
      return managedView(row as FlaggerRow);
    });
  }

  /** Suspends, reinstates or revokes, from a day (today by default, never in the future), with the reason. */
  async function changeStatus(actor: string, id: string, input: FlaggerStatusBody): Promise<ManagedFlagger> {
    return run(actor, async ({ tx, now, record }) => {
      const current = await entry(tx, id);
      const problem = statusChangeProblem(current.status, input.status);
      if (problem) throw new DocketError('conflict', problem, [{ field: '/status', message: problem }]);
      const today = now.toISOString().slice(0, 10);
      const since = input.since ?? today;
      if (
        !DAY.test(since) ||
        Number.isNaN(Date.parse(`${since}T00:00:00Z`)) ||
        since > today ||
        since < current.awardedOn
      )
        throw new DocketError('validation_failed', '/since: give a day from the award to today, YYYY-MM-DD', [
          { field: '/since', message: 'give a day from the award to today, YYYY-MM-DD' },
        ]);
      const reason = input.reason.trim();
      if (reason.length < 5)
        throw new DocketError('validation_failed', '/reason: say why the status changes', [
          { field: '/reason', message: 'say why the status changes' },
        ]);
      const [row] = await tx
        .update(trustedFlaggers)
        .set({ status: input.status, statusSince: since, statusReason: reason, updatedAt: now })
        .where(eq(trustedFlaggers.id, id))
        .returning();
      record('trusted_flagger.status_changed', `trusted-flagger/${id}`, {
        flaggerId: id,
        from: current.status,
        to: input.status,
        since,
        reason,
      });
      return managedView(row as FlaggerRow);
    });
  }

  /** A new key; the old one stops working at once. */
  async function issueKey(actor: string, id: string): Promise<IssuedFlaggerKey> {
    return run(actor, async ({ tx, now, record }) => {
      const current = await entry(tx, id);
      if (current.status === 'revoked')
        throw new DocketError('conflict', 'the status is revoked: a revoked flagger gets no key');
      const key = newKey();
      const [row] = await tx
        .update(trustedFlaggers)
        .set({ keyHash: flaggerKeyHash(key), keyPrefix: flaggerKeyPrefix(key), keyIssuedAt: now, updatedAt: now })
        .where(eq(trustedFlaggers.id, id))
        .returning();
      record('trusted_flagger.key_issued', `trusted-flagger/${id}`, { flaggerId: id, prefix: flaggerKeyPrefix(key) });
      return { flagger: managedView(row as FlaggerRow), key };
    });
  }

  async function list(): Promise<ManagedFlagger[]> {
    const rows = await db.select().from(trustedFlaggers).orderBy(asc(trustedFlaggers.name));
    return rows.map(managedView);
  }

  return { register, changeDetails, changeStatus, issueKey, list };
}

async function entry(tx: Db, id: string): Promise<FlaggerRow> {
  const [row] = await tx.select().from(trustedFlaggers).where(eq(trustedFlaggers.id, id));
  if (!row) throw new DocketError('not_found', `there is no trusted flagger ${id} in the register`);
  return row;
}

const newKey = (): string => `${FLAGGER_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
