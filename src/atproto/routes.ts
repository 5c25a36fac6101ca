import { reporterKey } from './reporter-key.js';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { Docket } from '../app.js';
import { DocketError } from '../core/errors.js';
import type { App } from '../http/types.js';
import { CREATE_REPORT, CreateReportOutput, ServiceDidDocument, XrpcErrorBody } from './contract.js';
import { authRequired, XrpcError, XRPC_STATUS_NAMES } from './errors.js';
import { createIdentityResolver } from './identity.js';
import {
  ATPROTO_PLATFORM,
  parseCreateReport,
  reasonPoliciesOf,
  reportNumber,
  toReportInput,
  type ReasonPolicy,
} from './rules.js';
import { bearerToken, verifyServiceJwt, type ServiceAuth } from './service-auth.js';

const tags = ['atproto'];
/** The actor of the events a report from the atproto network writes (the reporter's DID is the private reporterRef). */
const ACTOR = 'connector:atproto';

/**
 * Docket as an atproto moderation service (DOCKET_ATPROTO_DID): its did:web document and
 * com.atproto.moderation.createReport. These routes speak XRPC, not Docket's API: they sit outside /api, take the
 * service-auth JWT of the reporter's PDS instead of a Docket token, and answer errors as {"error","message"}.
 */
export function atprotoRoutes(app: App, docket: Docket): void {
  const { atprotoDid: serviceDid, atprotoPlcUrl: plcUrl } = docket.config;
  // DOCKET_ATPROTO_REASON_MAP is checked here, as the server is built: a malformed map stops the start.
  const reasonPolicies = reasonPoliciesOf(docket.config.atprotoReasonMap);
  const identities = createIdentityResolver({ plcUrl });
  const verified = new WeakMap<FastifyRequest, ServiceAuth>();

  void app.register(async (xrpc) => {
    xrpc.setErrorHandler((error: FastifyError, request, reply) => {
      const answer = xrpcErrorOf(error);
      if (answer.status >= 500) request.log.error({ err: error }, 'atproto route failed');
      if (error instanceof DocketError && error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
      return reply.code(answer.status).type('application/json').send(answer.body);
    });
    // Any other XRPC method, or createReport by GET: xrpc-server's answers.
    xrpc.all(
      '/xrpc/*',
      { schema: { hide: true, response: { '4xx': XrpcErrorBody, '5xx': XrpcErrorBody } } },
      async (request) => {
        const method = request.url.slice('/xrpc/'.length).split('?')[0];
        if (method === CREATE_REPORT)
          throw new XrpcError(400, `Incorrect HTTP method (${request.method}) expected POST`);
        throw new XrpcError(501, 'Method Not Implemented');
      },
    );

    xrpc.get(
      '/.well-known/did.json',
      { schema: { hide: true, response: { 200: ServiceDidDocument, '4xx': XrpcErrorBody } } },
      async (): Promise<ServiceDidDocument> => {
        if (!serviceDid?.startsWith('did:web:'))
          throw new XrpcError(
            404,
            'this Docket serves no did:web document (DOCKET_ATPROTO_DID is not a did:web)',
            'NotFound',
          );
        return {
          '@context': ['https://www.w3.org/ns/did/v1'],
          id: serviceDid,
          service: [{ id: '#atproto_labeler', type: 'AtprotoLabeler', serviceEndpoint: webEndpoint(serviceDid) }],
        };
      },
    );

    xrpc.post(
      `/xrpc/${CREATE_REPORT}`,
      {
        // Every user of one PDS arrives from its address: each reporter (address and claimed DID) has a limit of their
        // own, counted first, and the address a cap that fits a large PDS and bounds the DID resolutions it can cause.
        config: {
          limit: ['atprotoReporter', 'atprotoAddress'],
          limitKey: (request, address) => reporterKey(address, request.headers.authorization),
          answersBeforeChain: true,
        },
        schema: {
          // Described by its lexicon, not by Docket's OpenAPI document (whose errors are problem+json).
          hide: true,
          tags,
          summary: 'com.atproto.moderation.createReport: a report from any atproto client, through its PDS',
          description:
            "XRPC, not Docket's API: authenticated by the service-auth JWT the reporter's PDS mints (aud = DOCKET_ATPROTO_DID, lxm = com.atproto.moderation.createReport); errors are {error, message}.",
          response: { 200: CreateReportOutput, '4xx': XrpcErrorBody, '5xx': XrpcErrorBody },
        },
        // The token is checked before the body is read, as xrpc-server authenticates before it parses the input.
        preParsing: async (request, _reply, payload) => {
          if (!serviceDid)
            throw new XrpcError(
              501,
              'this Docket is not an atproto moderation service: DOCKET_ATPROTO_DID is not set',
              'MethodNotImplemented',
            );
          const token = bearerToken(request.headers.authorization);
          const auth = await verifyServiceJwt(token, {
            serviceDid,
            lxm: CREATE_REPORT,
            nowSeconds: Math.floor(docket.clock.now().getTime() / 1000),
            identities,
          });
          verified.set(request, auth);
          return payload;
        },
      },
      async (request): Promise<CreateReportOutput> => {
        const auth = verified.get(request);
        if (!auth) throw authRequired('missing jwt', 'MissingJwt');
        const encoding = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
        if (encoding !== 'application/json')
          throw new XrpcError(
            400,
            `Wrong request encoding (Content-Type): ${encoding ?? 'none'}; send application/json`,
          );
        const report = parseCreateReport(request.body);
        const item = toReportInput(report, auth.did, reasonPolicies);
        const answer = await docket.moderation
          .ingestReport(ACTOR, ATPROTO_PLATFORM, item, {
            principal: `atproto:${auth.did}`,
            key: `jwt:${auth.tokenId}`,
            request: request.body,
          })
          .catch((error: unknown) => {
            if (error instanceof DocketError && error.code === 'conflict') throw replayed();
            if (isLibraryGap(error)) {
              request.log.warn({ err: error }, 'DOCKET_ATPROTO_REASON_MAP names what the policy library lacks');
              throw libraryGap(report.reasonType, item, error);
            }
            throw error;
          });
        // A token is good for one report: the same JWT again (same jti) writes nothing and is refused.
        if (answer.replayed) throw replayed();
        return {
          id: reportNumber(answer.body.receipt.reportId),
          reasonType: report.reasonType,
          ...(report.reason === undefined ? {} : { reason: report.reason }),
          subject: report.subject,
          reportedBy: auth.did,
          createdAt: docket.clock.now().toISOString(),
        };
      },
    );
  });
}

const replayed = () =>
  authRequired(
    'this service-auth token was already used: each createReport needs a fresh one from the PDS',
    'JwtReplayed',
  );

/** Ingestion's refusal of a report whose policy or section the library lacks (it checks in the report's transaction). */
const isLibraryGap = (error: unknown): error is DocketError =>
  error instanceof DocketError &&
  error.code === 'validation_failed' &&
  error.fields.some((f) => /\/(policyId|sectionId)$/.test(f.field));

/** The reporter is not at fault, the map is: the answer says which reason type maps to what the library lacks. */
function libraryGap(reasonType: string, policy: ReasonPolicy, error: DocketError): XrpcError {
  const names = `policy "${policy.policyId}"${policy.sectionId ? `, section "${policy.sectionId}"` : ''}`;
  const why = error.fields.map((f) => f.message).join('; ');
  return new XrpcError(
    400,
    `this moderation service maps ${reasonType} to ${names}, which its policy library lacks (${why}); nothing was stored`,
  );
}

/** The https origin a did:web names (`did:web:docket.example` → https://docket.example; %3A is a port's colon). */
function webEndpoint(did: string): string {
  const host = decodeURIComponent(did.slice('did:web:'.length));
  return host.startsWith('localhost') ? `http://${host}` : `https://${host}`;
}

/** Any error on these routes in XRPC's form: Docket's and Fastify's own errors mapped to the status's name. */
function xrpcErrorOf(error: FastifyError): XrpcError {
  if (error instanceof XrpcError) return error;
  if (error instanceof DocketError) {
    if (error.code === 'validation_failed') {
      const detail = error.fields.map((f) => `${f.field} ${f.message}`).join('; ');
      return new XrpcError(400, detail ? `${error.message}: ${detail}` : error.message);
    }
    return new XrpcError(error.status, error.message);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new XrpcError(400, 'Wrong request encoding (Content-Type): send application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new XrpcError(400, `Input is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new XrpcError(413, 'request entity too large');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500 && XRPC_STATUS_NAMES[error.statusCode])
    return new XrpcError(error.statusCode, error.message);
  return new XrpcError(500, 'Internal Server Error');
}
