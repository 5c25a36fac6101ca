/** PostgreSQL's unique_violation, as node-postgres and PGlite report it (Drizzle wraps it as the error's cause). */
export function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '23505';
}

/**
 * Runs a command again when another writer committed the same new row first (two first reports on one new
 * subject, from two processes, both try to register it and open its case). The retry reads what the other
 * committed, so the report joins that subject and case instead of failing. A conflict that persists is a real
 * one and is thrown.
 */
export async function retryingRaces<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
