import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocketError, errorCatalogue, type ErrorCode, type FieldError } from '../core/errors.js';
import { problemBody, type ProblemBody } from './problem.js';
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

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  fields: FieldError[] = [],
) {
  const body = problemBody(code, detail, request.id);
  if (fields.length > 0) body.errors = fields;
  return reply.code(body.status).type('application/problem+json').send(body);
}

/**
 * The public site's pages (routes whose config says `page`) answer their errors with a page of the site, drawn by the
 * site, so that whoever mistyped an address or sent a form holding a character no store keeps reads a page, not JSON.
 * Errors met before routing (a path that does not decode) know no route: they find the page by its address.
 */
export interface PageErrors {
  send(reply: FastifyReply, problem: ProblemBody): FastifyReply;
  /** Notes a page's route (every route with `config.page`), to know its addresses. */
  add(method: string | string[], url: string): void;
  isPage(method: string, path: string): boolean;
}

export function pageErrors(send: PageErrors['send']): PageErrors {
  const pages: { methods: string[]; path: RegExp }[] = [];
  const pattern = (url: string) =>
    new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);
  return {
    send,
    add: (method, url) => pages.push({ methods: [method].flat(), path: pattern(url) }),
    isPage: (method, path) => pages.some((p) => p.methods.includes(method) && p.path.test(path)),
  };
}

export function installErrorHandling(app: App, pages?: PageErrors): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    const asPage = pages !== undefined && request.routeOptions.config.page === true;
    const answer = (code: ErrorCode, detail: string, fields: FieldError[] = []) =>
      asPage
        ? pages.send(reply, problemBody(code, detail, request.id, fields))
        : sendProblem(reply, request, code, detail, fields);
    if (error instanceof DocketError) {
      // Whole seconds, at least 1: a client that retries "after 0 s" would hammer the limit.
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return answer(error.code, error.message, error.fields);
    }
    if (error.validation) {
      const part = error.validationContext ?? 'request';
      const fields = fieldErrors(error.validation as never, part);
      const summary = fields.map((f) => `${f.field || part} ${f.message}`).join('; ');
      return answer('validation_failed', `the ${part} is not valid: ${summary}`, fields);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped === 'malformed_json') return answer(mapped, `the body is not valid JSON: ${error.message}`);
    if (mapped === 'body_too_large')
      return answer(
        mapped,
        asPage ? 'the form is larger than this page takes' : 'the body is larger than the 1 MB limit',
      );
    if (mapped === 'unsupported_media_type') {
      const got = request.headers['content-type'] ?? 'none';
      return answer(
        mapped,
        asPage
          ? `send the page's form as a browser does, "Content-Type: application/x-www-form-urlencoded" (got "${got}")`
          : `send JSON with "Content-Type: application/json" (got "${got}")`,
      );
    }
    if (mapped) return answer(mapped, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return answer('validation_failed', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return asPage ? pages.send(reply, internalProblem(request)) : sendInternal(reply, request);
  });
}

const internalProblem = (request: FastifyRequest): ProblemBody =>
  problemBody(
    'internal',
    `something went wrong on our side; quote request id ${request.id} when reporting it`,
    request.id,
  );

/** A failure on our side: the caller gets only the request id to quote; the log has the rest. */
const sendInternal = (reply: FastifyReply, request: FastifyRequest) =>
  reply.code(500).type('application/problem+json').send(internalProblem(request));

/**
 * Errors the router meets before any route runs: a path whose percent-encoding is not UTF-8 (`/%FF%FE`), or a
 * path parameter longer than the router takes. They answer problem+json like every other error, and a page at a
 * page's address.
 */
export function frameworkErrors(pages?: PageErrors) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const path = (request.raw.url ?? '').split('?')[0] ?? '';
    const answer = (code: ErrorCode, detail: string) =>
      pages?.isPage(request.raw.method ?? '', path)
        ? pages.send(reply, problemBody(code, detail, request.id))
        : sendProblem(reply, request, code, detail);
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
      return answer('uri_too_long', `a part of the path is longer than ${MAX_PARAM_LENGTH} characters`);
    if (error.code === 'FST_ERR_BAD_URL')
      return answer('validation_failed', 'the path is not valid: its percent-encoding does not decode to UTF-8 text');
    request.log.error({ err: error }, 'router error');
    return sendInternal(reply, request);
  };
}

/** The longest path parameter the router takes (a figure's account reference may be 200 characters, percent-encoded). */
export const MAX_PARAM_LENGTH = 1_000;

/** Node's parser errors by code, as Docket's; any other is a request that is not valid HTTP. */
const CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  HPE_HEADER_OVERFLOW: { code: 'headers_too_large', detail: 'the request headers are larger than 16 KB' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', detail: 'the request did not arrive in time' },
};
const NOT_HTTP = { code: 'validation_failed', detail: 'the request is not valid HTTP' } as const;

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over 16 KB, a malformed request line, a
 * request that never finishes arriving): the connection gets a problem+json answer and is closed.
 */
export function clientError(error: NodeJS.ErrnoException & { bytesParsed?: number }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const { code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? NOT_HTTP;
  const body = JSON.stringify(problemBody(code, detail, randomUUID()));
  const status = errorCatalogue[code].status;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
