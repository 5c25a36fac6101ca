import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { App } from '../http/types.js';
import { NewPolicyBody, PolicyDraft, PolicyHistory, PolicyIdParams, PolicyList, PolicyVersion } from './contract.js';

const tags = ['policies'];

export function policyRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/policies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The policy library: the current version of every policy',
        response: { 200: PolicyList },
      },
    },
    async () => ({ policies: await docket.policies.current() }),
  );

  app.get(
    '/api/policies/:id/versions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A policy's history, newest version first",
        params: PolicyIdParams,
        response: { 200: PolicyHistory },
      },
    },
    async (request) => ({ versions: await docket.policies.history(request.params.id) }),
  );

  app.post(
    '/api/policies',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'Create a policy: its first version, under a new id',
        description:
          'Refused with 409 when a policy has the id already; new versions of it are published with POST /api/policies/{id}/versions.',
        body: NewPolicyBody,
        response: { 201: PolicyVersion },
      },
    },
    async (request, reply) => {
      const { id, changeNote, ...draft } = request.body;
      return reply
        .code(201)
        .send(await docket.policies.create(actorOf(request.principal as Principal), id, draft, changeNote));
    },
  );

  app.post(
    '/api/policies/:id/versions',
    {
      config: { access: 'policies.edit' },
      schema: {
        tags,
        summary: 'Publish a new version of an existing policy',
        description: 'Earlier versions stay unchanged; decisions keep citing the version they applied.',
        params: PolicyIdParams,
        body: PolicyDraft,
        response: { 201: PolicyVersion },
      },
    },
    async (request, reply) => {
      const { changeNote, ...draft } = request.body;
      const published = await docket.policies.publish(
        actorOf(request.principal as Principal),
        request.params.id,
        draft,
        changeNote,
      );
      return reply.code(201).send(published);
    },
  );
}
