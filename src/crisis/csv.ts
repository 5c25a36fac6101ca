import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Reads a CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) one record at a time, with
 * the line number it starts on. Lines without quotes take a fast path.
 */
export function readCsv(path: string): AsyncGenerator<{ line: number; fields: string[] }> {
  return records(createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }));
}

/** The same, over CSV text already in memory (an upload). */
export function readCsvText(text: string): AsyncGenerator<{ line: number; fields: string[] }> {
  return records(text.split(/\r?\n/));
}

async function* records(
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<{ line: number; fields: string[] }> {
  let physical = 0;
  let pending: string | null = null;
  let startLine = 0;
  for await (const text of lines) {
    physical += 1;
    if (pending === null) {
      if (!text.includes('"')) {
        if (text.length > 0) yield { line: physical, fields: text.split(',') };
        continue;
      }
      pending = text;
      startLine = physical;
    } else {
      pending += `\n${text}`;
    }
    if (quotesBalanced(pending)) {
      yield { line: startLine, fields: parseRecord(pending) };
      pending = null;
    }
  }
  if (pending !== null) yield { line: startLine, fields: parseRecord(pending) };
}

function quotesBalanced(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count += 1;
  return count % 2 === 0;
}

/** Splits one record that contains quotes. */
export function parseRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
