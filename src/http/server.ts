import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { accessRoutes } from '../access/routes.js';
import { atprotoRoutes } from '../atproto/routes.js';
import { auditRoutes } from '../audit/routes.js';
import type { Docket } from '../app.js';
import { packageVersion } from '../core/version.js';
import { moderationRoutes } from '../moderation/routes.js';
import { noticeRoutes } from '../moderation/notice-routes.js';
import { complaintRoutes } from '../moderation/complaint-routes.js';
import { complaintPages } from '../transparency/site/complaint-pages.js';
import { misusePages } from '../transparency/site/misuse-pages.js';
import { flaggerRoutes } from '../moderation/flagger-routes.js';
import { messageRoutes } from '../moderation/message-routes.js';
import { misuseRoutes } from '../moderation/misuse-routes.js';
import { noticePages } from '../transparency/site/notice-pages.js';
import { policyRoutes } from '../policy/routes.js';
import { webhookRoutes } from '../webhooks/routes.js';
import { crisisRoutes } from '../crisis/routes.js';
import { boardRoutes } from '../board/routes.js';
import { mastodonRoutes } from '../mastodon/routes.js';
import { disputeRoutes } from '../disputes/routes.js';
import { figureRoutes } from '../figures/routes.js';
import { figureRoleRoutes } from '../figures/role-routes.js';
import { accountOwnerRoutes } from '../moderation/account-owner-routes.js';
import { dsaRoutes } from '../transparency/dsa/routes.js';
import { publicLogRoutes } from '../transparency/public-log/routes.js';
import { siteRoutes } from '../transparency/site/routes.js';
import { pageNotFound, problemPage, sendPage } from '../transparency/site/layout.js';
import { statisticsRoutes } from '../transparency/statistics/routes.js';
import { installAuth } from './auth.js';
import { clientError, frameworkErrors, installErrorHandling, MAX_PARAM_LENGTH, pageErrors } from './errors.js';
import { installInputChecks } from './input-checks.js';
import { Problem } from './problem.js';
import { installResponseCheck } from './response-check.js';
import { proxyTrust } from './proxy-trust.js';
import { installRateLimits } from './rate-limits.js';
import type { App } from './types.js';
import { validatorCompiler } from './validation.js';
import { installWebApp } from './web-app.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const DOCS_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export interface ServerOptions {
  /** Replace the JSON logger (tests pass false). */
  logger?: boolean;
}

/** Builds the HTTP server: the API under /api, its OpenAPI document at /api/docs, and the browser app. */
export async function buildServer(docket: Docket, options: ServerOptions = {}): Promise<App> {
  const { config } = docket;
  // The public site's pages answer errors with a page of the site (routes with `config.page`, noted as they are added).
  const pages = pageErrors((reply, problem) => sendPage(reply, problemPage(problem), problem.status));
  const app: App = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
          },
    // A caller's own request id is kept (so it can correlate logs), if it looks like one.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    // Behind a reverse proxy, request.ip is the client's address only if the proxy is trusted (DOCKET_TRUST_PROXY).
    trustProxy: proxyTrust(config.trustProxy),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrors(pages),
    clientErrorHandler: clientError,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', (route) => {
    if (route.config?.page) pages.add(route.method, route.url);
  });
  installErrorHandling(app, pages);
  installInputChecks(app);
  if (config.checkResponses) installResponseCheck(app);
  const lifecycle = { closing: false };
  app.addHook('preClose', async () => {
    lifecycle.closing = true;
  });
  // Reports are acknowledged at their commit and chained a moment later: a request after them, in this process, waits
  // for that pass (usually none is due) so it reads the events and statistics of what was acknowledged.
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config.answersBeforeChain) await docket.sequencer.caughtUp();
  });
  app.addHook('onSend', async (request, reply) => {
    // Requests in flight when shutdown starts still finish; their keep-alive connections must not hold it open.
    if (lifecycle.closing) reply.header('connection', 'close');
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (config.hstsMaxAgeSeconds > 0)
      reply.header('strict-transport-security', `max-age=${config.hstsMaxAgeSeconds}; includeSubDomains`);
  });

  await app.register(fastifyCookie);
  app.addSchema(Problem);
  await app.register(fastifySwagger, {
    // Shared schemas keep their $id as their name in components/schemas.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `Schema${i}`),
    },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Docket API',
        version: packageVersion(),
        description:
          'Content governance: moderation, public-figure and crisis protocols, oversight board, transparency. ' +
          'Errors are application/problem+json with a stable `code`. Platforms authenticate with a bearer token; ' +
          'the console uses a session cookie and sends its CSRF token in `x-csrf-token` on every change.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'an API token from `docket token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'docket_session' },
        },
      },
    },
  });

  // Every API route answers errors as problem+json and states its security in the OpenAPI document.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    const problem = {
      description: 'An error, as application/problem+json',
      content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
    };
    schema.response = { ...(schema.response as object | undefined), '4xx': problem, '5xx': problem };
    if (access === 'public') schema.security = [];
    else {
      schema.security = [{ bearer: [] }, { session: [] }];
      const note = access === 'authenticated' ? 'Any signed-in user or token.' : `Needs the \`${access}\` permission.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
    }
  });

  installAuth(app, docket.access);
  await installRateLimits(app, docket);
  systemRoutes(app, docket, lifecycle);
  accessRoutes(app, docket);
  auditRoutes(app, docket);
  policyRoutes(app, docket);
  moderationRoutes(app, docket);
  webhookRoutes(app, docket);
  crisisRoutes(app, docket);
  figureRoutes(app, docket);
  figureRoleRoutes(app, docket);
  accountOwnerRoutes(app, docket);
  boardRoutes(app, docket);
  publicLogRoutes(app, docket);
  statisticsRoutes(app, docket);
  dsaRoutes(app, docket);
  siteRoutes(app, docket);
  noticeRoutes(app, docket);
  flaggerRoutes(app, docket);
  messageRoutes(app, docket);
  misuseRoutes(app, docket);
  await noticePages(app, docket);
  complaintRoutes(app, docket);
  await complaintPages(app, docket);
  await misusePages(app, docket);
  atprotoRoutes(app, docket);
  mastodonRoutes(app, docket);
  disputeRoutes(app, docket);
  // The explorer's page and assets are its own files (no inline script or style), so its policy can be strict.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_SECURITY_POLICY });
  await installWebApp(app, (reply, path) => sendPage(reply, pageNotFound(path), 404));
  return app;
}

function systemRoutes(app: App, docket: Docket, lifecycle: { closing: boolean }): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (lifecycle.closing) return reply.code(503).send({ status: 'closing' });
    try {
      await docket.store.ping();
      return { status: 'ready', store: docket.store.kind };
    } catch {
      return reply.code(503).send({ status: 'store unavailable', store: docket.store.kind });
    }
  });
}
