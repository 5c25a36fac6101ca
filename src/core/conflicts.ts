/** PostgreSQL's error code, as node-postgres and PGlite report it (Drizzle wraps it as the error's cause). */
function codeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code;
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === '23505';
}

/**
 * Errors that say only that another transaction got in the way, after which PostgreSQL has rolled this one back:
 * a unique violation on a row the other committed first, a deadlock it broke by failing this side (40P01), a
 * serialization failure (40001). Running the command again is safe and reads what the other committed.
 */
export function isRace(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === '40P01' || code === '40001';
}

/**
 * Runs a command again when another writer got in its way: the same new row committed first (two first reports on
 * one new subject, from two processes, both try to register it and open its case), or a deadlock. The retry reads
 * what the other committed, so the report joins that subject and case instead of failing. A conflict that persists
 * is a real one and is thrown.
 */
export async function retryingRaces<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRace(error)) throw error;
    }
  }
}
