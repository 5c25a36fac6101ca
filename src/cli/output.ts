import { isDocketError } from '../core/errors.js';

/** Prints a failure the way the API reports it (code, sentence, fields) and returns the exit code to use. */
export function reportFailure(error: unknown): number {
  if (isDocketError(error)) {
    process.stderr.write(`docket: ${error.message} [${error.code}]\n`);
    for (const field of error.fields) process.stderr.write(`  ${field.field || '(input)'}: ${field.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`docket: unexpected error: ${message}\n`);
  return 1;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain text table: columns padded to their widest cell. */
export function printTable(rows: Record<string, string>[], columns: string[]): void {
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((column) => row[column] ?? ''))}\n`);
}
