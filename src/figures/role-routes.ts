import { Type, type TSchema } from 'typebox';
import type { Docket } from '../app.js';
import { WrittenText } from '../core/written-text.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { PUBLIC_FIGURE_KINDS } from '../core/outcomes.js';

const tags = ['public figures'];
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const Kind = Type.Enum(PUBLIC_FIGURE_KINDS);
const Account = Type.Object({
  platform: Type.String({ minLength: 1, maxLength: 120 }),
  accountRef: Type.String({ minLength: 1, maxLength: 200 }),
});
const Role = Type.Object({ kind: Kind, since: Iso, until: Nullable(Iso), note: Type.String() });

/** The registry's dated roles: a figure's change of role (a head of government who hands over office) and its history. */
export function figureRoleRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/figures/:platform/:accountRef/roles',
    {
      config: { access: 'crisis.work' },
      schema: {
        tags,
        summary: "A public figure's roles over time, oldest first, with the dates each began and ended",
        params: Account,
        response: {
          200: Type.Object({
            platform: Type.String(),
            accountRef: Type.String(),
            name: Type.String(),
            country: Nullable(Type.String()),
            kind: Kind,
            roles: Type.Array(Role),
          }),
        },
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
        params: Account,
        body: Type.Object(
          {
            kind: Kind,
            since: Type.String({ format: 'date-time', description: 'when the new role took effect' }),
            note: WrittenText({ minLength: 5, maxLength: 2_000, description: 'what changed and the source' }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            platform: Type.String(),
            accountRef: Type.String(),
            name: Type.String(),
            kind: Kind,
            since: Iso,
            previous: Type.Object({ kind: Kind, since: Iso, until: Iso }),
          }),
        },
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
