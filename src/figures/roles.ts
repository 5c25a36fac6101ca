import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { PublicFigureKind } from '../core/outcomes.js';
import type { Db } from '../store/database.js';
import { checkRoleChange } from './role-rules.js';
import type { FigureRoles, RoleChanged } from './contract.js';
import { publicFigureRoles, publicFigures } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;

export interface RoleChangeInput {
  kind: PublicFigureKind;
  /** When the new role took effect (it may be earlier than the day it is recorded). */
  since: string;
  note: string;
}

/**
 * The roles a registry entry held over time. The registry entry keeps the current role (what the protocol and the
 * queue read); this history keeps each earlier role with the dates it began and ended.
 */
export function createFigureRoles(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  /** Policy staff record a change of role, dated when it took effect. */
  async function change(
    user: User,
    platform: string,
    accountRef: string,
    input: RoleChangeInput,
  ): Promise<RoleChanged> {
    return run(`user:${user.id}`, async ({ tx, now, ids, record }) => {
      const [figure] = await tx
        .select()
        .from(publicFigures)
        .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)))
        .for('update');
      if (!figure) throw new DocketError('not_found', `no verified public figure ${platform}/${accountRef}`);
      const [open] = await tx
        .select()
        .from(publicFigureRoles)
        .where(
          and(
            eq(publicFigureRoles.platform, platform),
            eq(publicFigureRoles.accountRef, accountRef),
            isNull(publicFigureRoles.until),
          ),
        )
        .orderBy(desc(publicFigureRoles.since))
        .limit(1);
      // An entry verified before roles were dated starts its history with the role it was verified in.
      const current = open ?? { id: null, kind: figure.kind, since: figure.verifiedAt, note: figure.note };
      const since = new Date(input.since);
      checkRoleChange({ current, kind: input.kind, since, now });
      const endedRoleId = current.id ?? ids.next();
      if (current.id) {
        await tx.update(publicFigureRoles).set({ until: since }).where(eq(publicFigureRoles.id, current.id));
      } else {
        await tx.insert(publicFigureRoles).values({
          id: endedRoleId,
          platform,
          accountRef,
          kind: current.kind,
          since: current.since,
          until: since,
          note: current.note,
          recordedBy: figure.verifiedBy,
          recordedAt: figure.verifiedAt,
        });
      }
      const roleId = ids.next();
      await tx.insert(publicFigureRoles).values({
        id: roleId,
        platform,
        accountRef,
        kind: input.kind,
        since,
        until: null,
        note: input.note,
        recordedBy: `user:${user.id}`,
        recordedAt: now,
      });
      await tx
        .update(publicFigures)
        .set({ kind: input.kind })
        .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)));
      record('figure.role_changed', `figure/${platform}/${accountRef}`, {
        platform,
        accountRef,
        from: current.kind,
        to: input.kind,
        since: since.toISOString(),
        note: input.note,
        roleId,
        endedRoleId,
        endedRoleAdded: !current.id,
      });
      return {
        platform,
        accountRef,
        name: figure.name,
        kind: input.kind,
        since: since.toISOString(),
        previous: { kind: current.kind, since: current.since.toISOString(), until: since.toISOString() },
      };
    });
  }

  /** The entry's roles, oldest first; the last is the current one (until: null). */
  async function history(platform: string, accountRef: string): Promise<FigureRoles> {
    const [figure] = await db
      .select()
      .from(publicFigures)
      .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)));
    if (!figure) throw new DocketError('not_found', `no verified public figure ${platform}/${accountRef}`);
    const rows = await db
      .select()
      .from(publicFigureRoles)
      .where(and(eq(publicFigureRoles.platform, platform), eq(publicFigureRoles.accountRef, accountRef)))
      .orderBy(asc(publicFigureRoles.since));
    const roles =
      rows.length > 0 ? rows : [{ kind: figure.kind, since: figure.verifiedAt, until: null, note: figure.note }];
    return {
      platform,
      accountRef,
      name: figure.name,
      country: figure.country,
      kind: figure.kind,
      roles: roles.map((r) => ({
        kind: r.kind,
        since: r.since.toISOString(),
        until: r.until?.toISOString() ?? null,
        note: r.note,
      })),
    };
  }

  return { change, history };
}
