import { eq } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { designations } from './tables.js';

/** A designation's row, as the public log's publications read it; an error when it does not exist. */
export async function designationById(tx: Db, id: string): Promise<typeof designations.$inferSelect> {
  const [row] = await tx.select().from(designations).where(eq(designations.id, id));
  if (!row) throw new Error(`published event names designation ${id}, which does not exist`);
  return row;
}

/** The country names learnt from imported signals, for codes the standard does not name. */
export { knownCountryNames } from './designations.js';
