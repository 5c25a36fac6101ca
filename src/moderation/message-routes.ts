import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { App } from '../http/types.js';
import { NoContent } from './contract.js';
import { MessageTemplateBody, MessageTemplateList, MessageTemplateParams } from './message-contract.js';

const tags = ['message templates'];
const actor = (principal: Principal | null) => actorOf(principal as Principal);

/** The templates of the messages to notifiers and affected users, in each shipped language: policy staff keep them. */
export function messageRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/message-templates',
    {
      config: { access: 'messages.manage' },
      schema: {
        tags,
        summary:
          'Every message to notifiers and affected users, with its arguments and, per language, the template in force',
        response: { 200: MessageTemplateList },
      },
    },
    async () => docket.messages.list(),
  );

  app.put(
    '/api/message-templates/:key/:language',
    {
      config: { access: 'messages.manage' },
      schema: {
        tags,
        summary:
          'Save a template in place of the default: ICU MessageFormat using only the message’s arguments, else 400 naming /text',
        params: MessageTemplateParams,
        body: MessageTemplateBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { key, language } = request.params;
      await docket.messages.save(actor(request.principal), key, language, request.body.text);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/message-templates/:key/:language',
    {
      config: { access: 'messages.manage' },
      schema: {
        tags,
        summary: 'Go back to the shipped default',
        params: MessageTemplateParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { key, language } = request.params;
      await docket.messages.revert(actor(request.principal), key, language);
      return reply.code(204).send(null);
    },
  );
}
