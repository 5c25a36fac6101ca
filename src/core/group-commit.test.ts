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
    const submit = createGroupCommit(work, 100);
    const answers = [submit('lumen', 1), submit('lumen', 2), submit('lumen', 3), submit('lumen', 4)];
    await Promise.resolve();
    expect(batches).toEqual([[1]]);
    releaseFirst();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps lanes apart and caps a batch', async () => {
    const { batches, work, releaseFirst } = recorder();
    const submit = createGroupCommit(work, 2);
    const answers = [submit('a', 1), submit('a', 2), submit('b', 3), submit('a', 4), submit('a', 5)];
    releaseFirst();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [3], [2, 4], [5]]);
  });

  it('retries a failed batch item by item, so only the faulty item’s caller gets the error', async () => {
    const { batches, work, releaseFirst } = recorder([3]);
    const submit = createGroupCommit(work, 100);
    const answers = [2, 3, 4, 1].map((i) => submit('lumen', i).then(String, (error: Error) => error.message));
    releaseFirst();
    expect(await Promise.all(answers)).toEqual(['20', 'item 3 refused', '40', '10']);
    expect(batches).toEqual([[2], [3, 4, 1], [3], [4], [1]]);
  });
});
