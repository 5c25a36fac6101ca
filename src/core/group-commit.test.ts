import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

/** A batch worker that records each batch it ran and answers item × 10; items named in `refuse` fail their batch. */
function recorder(refuse: number[] = []) {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  const work = async (_lane: string, items: number[]) => {
    batches.push(items);
    if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    const bad = items.find((i) => refuse.includes(i));
    if (bad !== undefined) throw new Error(`item ${bad} refused`);
    return items.map((i) => i * 10);
  };
  return { batches, work, releaseFirst: () => release?.() };
}

describe('group commit', () => {
  it('runs a lone item at once, then every item that arrived meanwhile as one batch, each caller getting its own answer', async () => {
    const { batches, work, releaseFirst } = recorder();
    const submit = createGroupCommit(work, { maxBatch: 100, atOnce: 1 });
    const answers = [submit('lumen', 1), submit('lumen', 2), submit('lumen', 3), submit('lumen', 4)];
    await Promise.resolve();
    expect(batches).toEqual([[1]]);
    releaseFirst();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps lanes apart and caps a batch', async () => {
    const { batches, work, releaseFirst } = recorder();
    const submit = createGroupCommit(work, { maxBatch: 2, atOnce: 1 });
    const answers = [submit('a', 1), submit('a', 2), submit('b', 3), submit('a', 4), submit('a', 5)];
    releaseFirst();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [3], [2, 4], [5]]);
  });

  it('retries a failed batch item by item, so only the faulty item’s caller gets the error', async () => {
    const { batches, work, releaseFirst } = recorder([3]);
    const submit = createGroupCommit(work, { maxBatch: 100, atOnce: 1 });
    const answers = [2, 3, 4, 1].map((i) => submit('lumen', i).then(String, (error: Error) => error.message));
    releaseFirst();
    expect(await Promise.all(answers)).toEqual(['20', 'item 3 refused', '40', '10']);
    expect(batches).toEqual([[2], [3, 4, 1], [3], [4], [1]]);
  });

  it('runs up to `atOnce` batches of a lane at the same time, the next taking what arrived meanwhile', async () => {
    const started: number[][] = [];
    const releases: (() => void)[] = [];
    const submit = createGroupCommit(
      async (_lane: string, items: number[]) => {
        started.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
        return items;
      },
      { maxBatch: 100, atOnce: 2 },
    );
    const answers = [1, 2, 3, 4].map((i) => submit('lumen', i));
    await Promise.resolve();
    expect(started).toEqual([[1], [2]]);
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([[1], [2], [3, 4]]);
    while (releases.length > 0 || started.length < 3) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4]);
  });
});
