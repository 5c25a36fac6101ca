import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ErrorObject } from 'ajv';
import type { Docket } from '../app.js';
import { DocketError, isDocketError } from '../core/errors.js';
import { unstorableInput } from '../http/input-checks.js';
import { validatorCompiler } from '../http/validation.js';
import { ReportInput } from '../moderation/contract.js';

/**
 * A line is checked as POST /api/reports checks its body: the same validator (formats, date bounds) and the same
 * refusal of what no store can keep (NUL, half a surrogate pair, numbers past 2^53), which otherwise stopped the
 * whole import with a database error.
 */
const validateBody = validatorCompiler({
  schema: ReportInput,
  method: 'POST',
  url: '/api/reports',
  httpPart: 'body',
}) as (data: unknown) => { error?: { validation: ErrorObject[] } };

function lineProblem(parsed: unknown): string | null {
  const first = validateBody(parsed).error?.validation[0];
  if (first)
    return `${first.instancePath || '(line)'} ${first.message ?? 'is not a valid report'}${first.params && 'additionalProperty' in first.params ? ` (${String(first.params.additionalProperty)})` : ''}`;
  const unstorable = unstorableInput(parsed);
  return unstorable ? `${unstorable.field || '(line)'} ${unstorable.message}` : null;
}

export interface ImportSummary {
  lines: number;
  imported: number;
  replayed: number;
  rejected: { line: number; reason: string }[];
}

interface Pending {
  line: number;
  item: ReportInput;
}

/**
 * `docket import reports FILE.jsonl`: streams the file, validates each line, names the lines it rejects and
 * imports the rest in batches. Each batch's Idempotency-Key is the hash of its content, so running the same file
 * again replays the earlier answers and creates nothing.
 */
export async function importReports(
  docket: Docket,
  file: string,
  platform: string,
  batchSize: number,
  onReject: (line: number, reason: string) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: 0, imported: 0, replayed: 0, rejected: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected.push({ line, reason });
    onReject(line, reason);
  };
  let batch: Pending[] = [];
  const input = createReadStream(file, 'utf8');
  input.on('error', () => undefined);
  const lines = jsonLines(input);
  try {
    for await (const text of lines) {
      summary.lines += 1;
      if (!text.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        reject(summary.lines, `not JSON: ${(error as Error).message}`);
        continue;
      }
      const problem = lineProblem(parsed);
      if (problem) {
        reject(summary.lines, problem);
        continue;
      }
      batch.push({ line: summary.lines, item: parsed as ReportInput });
      if (batch.length >= batchSize) {
        await importBatch(docket, platform, batch, summary, reject);
        batch = [];
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DocketError('not_found', `no file ${file}`);
    throw error;
  }
  if (batch.length > 0) await importBatch(docket, platform, batch, summary, reject);
  return summary;
}

/**
 * The file's lines, split at LF only (a CR before it is dropped). Not readline: since Node 24 it also ends a line
 * at U+2028 and U+2029, which JSON allows unescaped inside a string, so a valid report would be cut in two.
 */
async function* jsonLines(input: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of input) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) yield part.replace(/\r$/, '');
  }
  if (rest) yield rest.replace(/\r$/, '');
}

/** Imports one batch; items the service refuses are named by line and left out, and the rest is tried again. */
async function importBatch(
  docket: Docket,
  platform: string,
  batch: Pending[],
  summary: ImportSummary,
  reject: (line: number, reason: string) => void,
): Promise<void> {
  let remaining = batch;
  while (remaining.length > 0) {
    const items = remaining.map((p) => p.item);
    const key = `import:${createHash('sha256').update(JSON.stringify(items)).digest('hex')}`;
    try {
      const answer = await docket.moderation.ingestReports('system:cli', platform, items, {
        principal: `cli:${platform}`,
        key,
        request: items,
      });
      if (answer.replayed) summary.replayed += items.length;
      else summary.imported += items.length;
      return;
    } catch (error) {
      if (!isDocketError(error) || error.code !== 'validation_failed') throw error;
      const bad = new Map<number, string>();
      for (const field of error.fields) {
        const index = /^\/items\/(\d+)/.exec(field.field)?.[1];
        if (index !== undefined && !bad.has(Number(index))) bad.set(Number(index), field.message);
      }
      if (bad.size === 0) throw error;
      for (const [index, reason] of bad) reject((remaining[index] as Pending).line, reason);
      remaining = remaining.filter((_, index) => !bad.has(index));
    }
  }
}
