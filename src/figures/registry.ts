import { and, asc, eq } from 'drizzle-orm';
import type { Principal } from '../core/roles.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { PublicFigureKind } from '../core/outcomes.js';
import type { Db } from '../store/database.js';
import type { Figure } from './contract.js';
import { publicFigures } from './tables.js';

type User = Extract<Principal, { kind: 'user' }>;
export type FigureRegistry = ReturnType<typeof createFigureRegistry>;

export interface FigureInput {
  platform: string;
  accountRef: string;
  kind: PublicFigureKind;
  name: string;
  country?: string | undefined;
  note: string;
}

export function createFigureRegistry(deps: { db: Db; run: CommandRunner }) {
  const { db, run } = deps;

  /** Policy staff verify (or correct) an account's public role. */
  async function verify(user: User, input: FigureInput): Promise<Figure> {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = { ...input, country: input.country ?? null, verifiedBy: `user:${user.id}`, verifiedAt: now };
      await tx
        .insert(publicFigures)
        .values(row)
        .onConflictDoUpdate({ target: [publicFigures.platform, publicFigures.accountRef], set: row });
      record('figure.verified', `figure/${input.platform}/${input.accountRef}`, {
        platform: input.platform,
        accountRef: input.accountRef,
        kind: input.kind,
        name: input.name,
        country: row.country,
        note: input.note,
      });
      return view(row);
    });
  }

  async function remove(user: User, platform: string, accountRef: string, note: string) {
    return run(`user:${user.id}`, async ({ tx, record }) => {
      const deleted = await tx
        .delete(publicFigures)
        .where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef)))
        .returning({ accountRef: publicFigures.accountRef });
      if (deleted.length === 0)
        throw new DocketError('not_found', `no verified public figure ${platform}/${accountRef}`);
      record('figure.removed', `figure/${platform}/${accountRef}`, { platform, accountRef, note });
    });
  }

  async function list(): Promise<Figure[]> {
    return (await db.select().from(publicFigures).orderBy(asc(publicFigures.country), asc(publicFigures.name))).map(
      view,
    );
  }

  return { verify, remove, list };
}

function view(row: typeof publicFigures.$inferSelect): Figure {
  return { ...row, verifiedAt: row.verifiedAt.toISOString() };
}
