import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../access/roles.js';
import type { CommandRunner } from '../core/command.js';
import { DocketError } from '../core/errors.js';
import type { PublicFigureKind } from '../moderation/outcomes.js';
import type { Db } from '../store/database.js';
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
  async function verify(user: User, input: FigureInput) {
    return run(`user:${user.id}`, async ({ tx, now, record }) => {
      const row = { ...input, country: input.country ?? null, verifiedBy: `user:${user.id}`, verifiedAt: now };
      await tx.insert(publicFigures).values(row).onConflictDoUpdate({ target: [publicFigures.platform, publicFigures.accountRef], set: row });
      record('figure.verified', `figure/${input.platform}/${input.accountRef}`, { platform: input.platform, accountRef: input.accountRef, kind: input.kind, name: input.name, country: row.country, note: input.note });
      return view(row);
    });
  }

  async function remove(user: User, platform: string, accountRef: string, note: string) {
    return run(`user:${user.id}`, async ({ tx, record }) => {
      const deleted = await tx.delete(publicFigures).where(and(eq(publicFigures.platform, platform), eq(publicFigures.accountRef, accountRef))).returning({ accountRef: publicFigures.accountRef });
      if (deleted.length === 0) throw new DocketError('not_found', `no verified public figure ${platform}/${accountRef}`);
      record('figure.removed', `figure/${platform}/${accountRef}`, { platform, accountRef, note });
    });
  }

  async function list() {
    return (await db.select().from(publicFigures).orderBy(asc(publicFigures.country), asc(publicFigures.name))).map(view);
  }

  return { verify, remove, list };
}

/** Verified kinds for some accounts of a platform; absent accounts are not in the registry. */
export async function verifiedKinds(tx: Db, platform: string, accountRefs: string[]): Promise<Map<string, PublicFigureKind>> {
  if (accountRefs.length === 0) return new Map();
  const rows = await tx.select({ accountRef: publicFigures.accountRef, kind: publicFigures.kind }).from(publicFigures).where(and(eq(publicFigures.platform, platform), inArray(publicFigures.accountRef, accountRefs)));
  return new Map(rows.map((row) => [row.accountRef, row.kind]));
}

function view(row: typeof publicFigures.$inferSelect) {
  return { ...row, verifiedAt: row.verifiedAt.toISOString() };
}
