/** Runs `step` repeatedly for at least `seconds` (after one warm-up call) and returns units done per second. */
export async function ratePerSecond(step: () => Promise<number>, seconds: number): Promise<number> {
  await step();
  let units = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    units += await step();
    now = process.hrtime.bigint();
  }
  return units / (Number(now - start) / 1e9);
}

export interface Row {
  store: string;
  measurement: string;
  rate: number;
  unit: string;
  /** The figure as a fraction of the store's raw insert limit. */
  vsRaw: number | null;
}

export function printRows(rows: Row[]): void {
  const cells = rows.map((row) => [
    row.store,
    row.measurement,
    `${Math.round(row.rate).toLocaleString('en')} ${row.unit}`,
    row.vsRaw === null ? '' : `${row.vsRaw.toFixed(2)}x`,
  ]);
  const header = ['store', 'measurement', 'rate', 'vs raw'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  for (const line of [header, ...cells]) console.log(line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
