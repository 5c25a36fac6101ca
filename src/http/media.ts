import { Type, type TSchema } from 'typebox';

/** An answer given as JSON or, when the caller asks for it, as the same data in CSV: each media type declared. */
export function jsonOrCsv<T extends TSchema>(json: T) {
  return {
    content: {
      'application/json': { schema: json },
      'text/csv': { schema: Type.String({ description: 'the same, as CSV' }) },
    },
  };
}
