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
export async function measure(
  label: string,
  step: () => Promise<number>,
  { seconds, workers = 1 }: MeasureOptions,
): Promise<number> {
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
  /**
   * HTTP figures of Docket: the same figure of the plain Fastify + pg peer in the same run, as a ratio (Docket's
   * over the peer's: below 1 is slower for a rate, above 1 is slower for a latency), and of the peer with its hash
   * chain; null where the peer has no such figure.
   */
  vsPeer?: { plain: number | null; chained: number | null };
}

/** Docket's rows with their ratios to the peer's rows (`peer`, `peer+chain`) of the same measurement. */
export function compareWithPeer(rows: Row[]): Row[] {
  const of = (store: string, measurement: string) =>
    rows.find((row) => row.store === store && row.measurement === measurement)?.rate;
  const ratio = (rate: number, peer: number | undefined) =>
    peer === undefined || !(peer > 0) || !Number.isFinite(rate) ? null : rate / peer;
  return rows.map((row) =>
    row.store === 'docket'
      ? {
          ...row,
          vsPeer: {
            plain: ratio(row.rate, of('peer', row.measurement)),
            chained: ratio(row.rate, of('peer+chain', row.measurement)),
          },
        }
      : row,
  );
}

export const formatRate = (rate: number): string => Math.round(rate).toLocaleString('en');

/** Two decimals, or two significant digits below 0.1 (so a small ratio does not print as 0.00). */
const formatRatio = (ratio: number): string =>
  ratio >= 0.095 || ratio === 0 ? ratio.toFixed(2) : ratio.toPrecision(2);

export function printRows(rows: readonly Row[]): void {
  const againstPeer = rows.some((row) => row.vsPeer);
  const header = ['store', 'measurement', 'rate', 'vs raw', ...(againstPeer ? ['vs peer', 'vs peer+chain'] : [])];
  const peerRatio = (ratio: number | null | undefined, name: string) =>
    ratio === null || ratio === undefined ? '' : `${formatRatio(ratio)}x ${name}`;
  const cells = rows.map((row) => [
    row.store,
    row.measurement,
    // A latency of requests none of which finished in the time (NaN here, null in the JSON) has no figure.
    Number.isFinite(row.rate)
      ? `${row.unit === 'ms' ? row.rate.toFixed(2) : formatRate(row.rate)} ${row.unit}`
      : `none finished (${row.unit})`,
    row.vsRaw === null ? '' : `${formatRatio(row.vsRaw)}x`,
    ...(againstPeer ? [peerRatio(row.vsPeer?.plain, 'peer'), peerRatio(row.vsPeer?.chained, 'peer+chain')] : []),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)));
  for (const line of [header, ...cells])
    console.log(
      line
        .map((cell, i) => cell.padEnd((widths[i] ?? 0) + 2))
        .join('')
        .trimEnd(),
    );
}
