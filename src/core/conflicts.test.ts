import { describe, expect, it } from 'vitest';
import { retryingRaces } from './conflicts.js';

/** An error as Drizzle throws it: PostgreSQL's code on the cause. */
const pgError = (code: string) => Object.assign(new Error(`failed query (${code})`), { cause: { code } });

const failingFirst = (times: number, error: Error) => {
  let calls = 0;
  const work = async () => {
    calls += 1;
    if (calls <= times) throw error;
    return calls;
  };
  return { work, calls: () => calls };
};

describe('retryingRaces: a command another transaction got in the way of runs again', () => {
  it.each([
    ['a unique violation (the other committed the same new row)', '23505'],
    ['a deadlock PostgreSQL broke by failing this side', '40P01'],
    ['a serialization failure', '40001'],
  ])('retries %s', async (_, code) => {
    const { work, calls } = failingFirst(1, pgError(code));
    expect(await retryingRaces(work)).toBe(2);
    expect(calls()).toBe(2);
  });

  it('gives up after the attempts it was given, with the last error', async () => {
    const { work, calls } = failingFirst(5, pgError('40P01'));
    await expect(retryingRaces(work, 3)).rejects.toThrow('40P01');
    expect(calls()).toBe(3);
  });

  it('never retries any other error', async () => {
    const { work, calls } = failingFirst(1, pgError('23503'));
    await expect(retryingRaces(work)).rejects.toThrow('23503');
    expect(calls()).toBe(1);
  });
});
