import { Type } from 'typebox';
import { errorCatalogue, type ErrorCode, type FieldError } from '../core/errors.js';

/** RFC 9457 problem details, with Docket's stable `code` and the fields at fault. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'a URN naming the problem kind: urn:docket:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'what went wrong, for a person' }),
    code: Type.String({ description: 'stable machine-readable code', enum: Object.keys(errorCatalogue) }),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.String(),
  },
  { $id: 'Problem', description: 'An error, as application/problem+json' },
);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId: string;
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  requestId: string,
  fields: FieldError[] = [],
): ProblemBody {
  const entry = errorCatalogue[code];
  return {
    type: `urn:docket:problem:${code}`,
    title: entry.title,
    status: entry.status,
    detail,
    code,
    ...(fields.length > 0 ? { errors: fields } : {}),
    requestId,
  };
}
