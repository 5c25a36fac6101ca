import type { Docket } from '../app.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { FigureRoles, RoleChangeBody, RoleChanged, RoleParams } from './contract.js';

const tags = ['public figures'];

/** The registry's dated roles: a figure's change of role (a head of government who hands over office) and its history. */
export function figureRoleRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/figures/:platform/:accountRef/roles',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: "A public figure's roles over time, oldest first, with the dates each began and ended",
        params: RoleParams,
        response: { 200: FigureRoles },
      },
    },
    async (request) => docket.figureRoles.history(request.params.platform, request.params.accountRef),
  );

  app.post(
    '/api/figures/:platform/:accountRef/roles',
    {
      config: { access: 'figures.verify' },
      schema: {
        tags,
        summary: "Record a change of a public figure's role (policy staff), dated when it took effect",
        description:
          'The registry entry takes the new role (the protocol and the queue read it from now on); the earlier role is kept in the history, ending on that date. The date may be earlier than today, never in the future, and must follow the start of the current role.',
        params: RoleParams,
        body: RoleChangeBody,
        response: { 201: RoleChanged },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await docket.figureRoles.change(
            requireUser(request),
            request.params.platform,
            request.params.accountRef,
            request.body,
          ),
        ),
  );
}
