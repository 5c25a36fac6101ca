import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { App } from '../http/types.js';
import {
  DeliveryList,
  DeliveryQuery,
  EndpointBody,
  EndpointSet,
  PlatformParams,
  WebhookEndpointList,
} from './contract.js';

const tags = ['webhooks'];

export function webhookRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/webhooks',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'Webhook endpoints of the platforms (never their secrets)',
        response: { 200: WebhookEndpointList },
      },
    },
    async () => ({ endpoints: await docket.webhooks.endpoints() }),
  );

  app.put(
    '/api/webhooks/:platform',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary:
          "Set where a platform receives decisions (signed with HMAC-SHA256 in x-docket-signature: t=<unix>,v1=<hex of HMAC(secret, t + '.' + body)>)",
        description: 'Without a secret, one is generated and returned once.',
        params: PlatformParams,
        body: EndpointBody,
        response: { 200: EndpointSet },
      },
    },
    async (request) =>
      docket.webhooks.setEndpoint(
        actorOf(request.principal as Principal),
        request.params.platform,
        request.body.url,
        request.body.secret,
      ),
  );

  app.get(
    '/api/webhooks/deliveries',
    {
      config: { access: 'webhooks.manage' },
      schema: {
        tags,
        summary: 'The delivery log: every attempt, newest first',
        querystring: DeliveryQuery,
        response: { 200: DeliveryList },
      },
    },
    async (request) => ({ deliveries: await docket.webhooks.deliveries(request.query.platform, request.query.limit) }),
  );
}
