/**
 * Group commit for single-item commands: items for the same lane (e.g. one platform's reports) that arrive while
 * that lane's transaction is running wait for it, then go in together as one batch, one transaction. A lone item
 * runs at once, so a single caller waits no longer than before; many callers share the fixed cost of a transaction.
 *
 * Each caller gets its own answer. A batch that fails (one item's bad input, a conflict with another writer) is
 * retried item by item, so one caller's error never becomes another's.
 */
export type BatchWork<I, O> = (lane: string, items: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export function createGroupCommit<I, O>(work: BatchWork<I, O>, maxBatch: number): (lane: string, item: I) => Promise<O> {
  const lanes = new Map<string, Waiting<I, O>[]>();

  async function drain(lane: string, waiting: Waiting<I, O>[]): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      await runBatch(lane, batch);
    }
    lanes.delete(lane);
  }

  async function runBatch(lane: string, batch: Waiting<I, O>[]): Promise<void> {
    try {
      const answers = await work(lane, batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(answers[i] as O));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const w of batch) {
      await work(lane, [w.item]).then(([answer]) => w.resolve(answer as O), w.reject);
    }
  }

  return (lane, item) =>
    new Promise<O>((resolve, reject) => {
      const waiting = lanes.get(lane);
      if (waiting) {
        waiting.push({ item, resolve, reject });
        return;
      }
      const fresh: Waiting<I, O>[] = [{ item, resolve, reject }];
      lanes.set(lane, fresh);
      void drain(lane, fresh);
    });
}
