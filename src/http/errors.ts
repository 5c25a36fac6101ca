import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocketError, type ErrorCode, type FieldError } from '../core/errors.js';
import { problemBody } from './problem.js';
import { fieldErrors } from './validation.js';
import type { App } from './types.js';

/** Fastify's own error codes, mapped once to Docket's. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_NOT_FOUND: 'not_found',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, detail: string, fields: FieldError[] = []) {
  const body = problemBody(code, detail, request.id);
  if (fields.length > 0) body.errors = fields;
  return reply.code(body.status).type('application/problem+json').send(body);
}

export function installErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof DocketError) {
      // Whole seconds, at least 1: a client that retries "after 0 s" would hammer the limit.
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return sendProblem(reply, request, error.code, error.message, error.fields);
    }
    if (error.validation) {
      const part = error.validationContext ?? 'request';
      const fields = fieldErrors(error.validation as never, part);
      const summary = fields.map((f) => `${f.field || part} ${f.message}`).join('; ');
      return sendProblem(reply, request, 'validation_failed', `the ${part} is not valid: ${summary}`, fields);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped === 'malformed_json') return sendProblem(reply, request, mapped, `the body is not valid JSON: ${error.message}`);
    if (mapped === 'body_too_large') return sendProblem(reply, request, mapped, 'the body is larger than the 1 MB limit');
    if (mapped === 'unsupported_media_type') {
      return sendProblem(reply, request, mapped, `send JSON with "Content-Type: application/json" (got "${request.headers['content-type'] ?? 'none'}")`);
    }
    if (mapped) return sendProblem(reply, request, mapped, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, 'validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal', `something went wrong on our side; quote request id ${request.id} when reporting it`);
  });
}
