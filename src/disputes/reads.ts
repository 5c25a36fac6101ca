import { asc } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import type { DisputeBody } from './contract.js';
import { certifiedOn } from './rules.js';
import { disputeBodies } from './tables.js';

/** A register entry as the API shows it, with whether it holds a valid certification on `now`'s day. */
export function bodyView(row: typeof disputeBodies.$inferSelect, now: Date): DisputeBody {
  return {
    id: row.id,
    name: row.name,
    memberState: row.memberState as DisputeBody['memberState'],
    coordinator: row.coordinator,
    website: row.website,
    areas: row.areas,
    languages: row.languages,
    status: row.status,
    certifiedOn: row.certifiedOn,
    certifiedUntil: row.certifiedUntil,
    certifiedNow: certifiedOn(row, now.toISOString().slice(0, 10)),
    registeredAt: row.registeredAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The register of out-of-court dispute settlement bodies as the public sees it (the public site and API, on the
 * public reads' handle): every body with its certification, those certified today first, then by name.
 */
export async function disputeBodiesRegister(db: Db, now: Date): Promise<DisputeBody[]> {
  const rows = await db.select().from(disputeBodies).orderBy(asc(disputeBodies.name));
  return rows.map((row) => bodyView(row, now)).sort((a, b) => Number(b.certifiedNow) - Number(a.certifiedNow));
}
