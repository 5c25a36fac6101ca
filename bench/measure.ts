export interface MeasureOptions {
  /** How long to keep calling `step`, after the warm-up. */
  seconds: number;
  /** How many callers run `step` concurrently (default 1). */
  workers?: number;
}

/**
 * Calls `step` (which returns how many units it did) over and over for `seconds`, from `workers` concurrent
 * callers, after one warm-up call per caller; returns units per second. Progress goes to stderr.
 */
export async function measure(label: string, step: () => Promise<number>, { seconds, workers = 1 }: MeasureOptions): Promise<number> {
  process.stderr.write(`  ${label} ... `);
  await Promise.all(Array.from({ length: workers }, step));
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let units = 0;
  const caller = async () => {
    while (process.hrtime.bigint() < deadline) {
      const done = await step(); // not `units += await step()`: that reads `units` before awaiting, losing other callers' counts
      units += done;
    }
  };
  await Promise.all(Array.from({ length: workers }, caller));
  const rate = units / (Number(process.hrtime.bigint() - start) / 1e9);
  process.stderr.write(`${formatRate(rate)}/s\n`);
  return rate;
}

/** One line of the results. */
export interface Row {
  store: string;
  measurement: string;
  rate: number;
  unit: string;
  /** The rate as a fraction of the store's raw batched INSERT limit; null where that means nothing. */
  vsRaw: number | null;
}

export const formatRate = (rate: number): string => Math.round(rate).toLocaleString('en');

/** Two decimals, or two significant digits below 0.1 (so a small ratio does not print as 0.00). */
const formatRatio = (ratio: number): string => (ratio >= 0.095 || ratio === 0 ? ratio.toFixed(2) : ratio.toPrecision(2));

export function printRows(rows: readonly Row[]): void {
  const header = ['store', 'measurement', 'rate', 'vs raw'];
  const cells = rows.map((row) => [
    row.store,
    row.measurement,
    `${row.unit === 'ms' ? row.rate.toFixed(2) : formatRate(row.rate)} ${row.unit}`,
    row.vsRaw === null ? '' : `${formatRatio(row.vsRaw)}x`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)));
  for (const line of [header, ...cells]) console.log(line.map((cell, i) => cell.padEnd((widths[i] ?? 0) + 2)).join('').trimEnd());
}
