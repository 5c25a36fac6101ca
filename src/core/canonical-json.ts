/**
 * JSON Canonicalization Scheme (RFC 8785). Hashes in the event log are taken over this form, so anyone can
 * recompute them from the published JSON with any conforming implementation.
 *
 * - object members sorted by their names compared as UTF-16 code units (JavaScript's default string order);
 * - numbers serialised as ECMAScript does (JSON.stringify already does so for finite numbers);
 * - strings escaped as JSON.stringify does (which matches the RFC's rules);
 * - no whitespace.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return serialize(value, '');
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${path || 'value'} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialize(item, `${path}/${index}`)).join(',')}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${serialize(record[key], `${path}/${key}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: ${path || 'value'} of type ${typeof value} cannot be represented`);
  }
}
