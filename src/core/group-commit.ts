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

interface Lane<I, O> {
  waiting: Waiting<I, O>[];
  running: number;
}

/**
 * `atOnce` batches of one lane may run at the same time: while one batch's transaction commits and its events
 * are chained, the next already does its work.
 */
export function createGroupCommit<I, O>(
  work: BatchWork<I, O>,
  options: { maxBatch: number; atOnce: number },
): (lane: string, item: I) => Promise<O> {
  const lanes = new Map<string, Lane<I, O>>();

  function startBatches(name: string, lane: Lane<I, O>): void {
    while (lane.running < options.atOnce && lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, options.maxBatch);
      lane.running++;
      void runBatch(name, batch).finally(() => {
        lane.running--;
        if (lane.running === 0 && lane.waiting.length === 0) lanes.delete(name);
        else startBatches(name, lane);
      });
    }
  }

  async function runBatch(lane: string, batch: Waiting<I, O>[]): Promise<void> {
    try {
      const answers = await work(
        lane,
        batch.map((w) => w.item),
      );
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

  return (name, item) =>
    new Promise<O>((resolve, reject) => {
      let lane = lanes.get(name);
      if (!lane) {
        lane = { waiting: [], running: 0 };
        lanes.set(name, lane);
      }
      lane.waiting.push({ item, resolve, reject });
      startBatches(name, lane);
    });
}
