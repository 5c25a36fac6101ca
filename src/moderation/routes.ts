import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../access/roles.js';
import { DocketError } from '../core/errors.js';
import type { App } from '../http/types.js';
import { Subject, SubjectInput } from './schema.js';

const tags = ['moderation'];

export function moderationRoutes(app: App, docket: Docket): void {
  app.post('/api/subjects', {
    config: { access: 'subjects.ingest' },
    schema: {
      tags,
      summary: 'Push a piece of content or an account (integration token)',
      description: 'A subject already known by its externalId is returned unchanged with status 200.',
      body: SubjectInput,
      response: { 200: Type.Object({ subject: Subject }), 201: Type.Object({ subject: Subject }) },
    },
  }, async (request, reply) => {
    const principal = request.principal as Principal;
    if (principal.kind !== 'integration') throw new DocketError('forbidden', 'subjects are pushed by platform integrations');
    const { subject, created } = await docket.subjects.register(actorOf(principal), principal.platform, request.body);
    return reply.code(created ? 201 : 200).send({ subject });
  });

  app.get('/api/subjects', {
    config: { access: 'subjects.read' },
    schema: {
      tags,
      summary: 'List subjects',
      querystring: Type.Object(
        {
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          after: Type.Optional(Type.String({ format: 'uuid', description: 'the last id of the previous page' })),
          country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ subjects: Type.Array(Subject) }) },
    },
  }, async (request) => ({ subjects: await docket.subjects.list(request.query) }));

  app.get('/api/subjects/:id', {
    config: { access: 'subjects.read' },
    schema: { tags, summary: 'One subject', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: Subject } },
  }, async (request) => {
    const subject = await docket.subjects.get(request.params.id);
    if (!subject) throw new DocketError('not_found', `no subject with id ${request.params.id}`);
    return subject;
  });
}
