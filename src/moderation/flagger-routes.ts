import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { actorOf, type Principal } from '../core/roles.js';
import type { App } from '../http/types.js';
import {
  FLAGGER_AREAS,
  FlaggerDetailsBody,
  FlaggerRegister,
  FlaggerParams,
  FlaggerStatusBody,
  IssuedFlaggerKey,
  ManagedFlagger,
  TrustedFlagger,
} from './flagger-contract.js';

const tags = ['trusted flaggers'];
const actor = (principal: Principal | null) => actorOf(principal as Principal);

/** The register of trusted flaggers (EU DSA Art. 22): public to read, kept by administrators and policy staff. */
export function flaggerRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/public/trusted-flaggers',
    {
      config: { access: 'public' },
      schema: {
        tags: [...tags, 'public'],
        summary: 'The register of trusted flaggers: who, awarded by which Member State, for what, and their status',
        response: { 200: Type.Object({ flaggers: Type.Array(TrustedFlagger) }) },
      },
    },
    async () => ({ flaggers: await docket.publicReads.trustedFlaggers() }),
  );

  app.get(
    '/api/trusted-flaggers',
    {
      config: { access: 'flaggers.manage' },
      schema: {
        tags,
        summary: "The register as staff keep it, with each key's visible start, and the areas an entry may name",
        response: { 200: FlaggerRegister },
      },
    },
    async () => ({ flaggers: await docket.flaggers.list(), areas: FLAGGER_AREAS }),
  );

  app.post(
    '/api/trusted-flaggers',
    {
      config: { access: 'flaggers.manage' },
      schema: {
        tags,
        summary: 'Register a trusted flagger, active from its award; answers its key, shown this once',
        body: FlaggerDetailsBody,
        response: { 201: IssuedFlaggerKey },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await docket.flaggers.register(actor(request.principal), request.body)),
  );

  app.put(
    '/api/trusted-flaggers/:id',
    {
      config: { access: 'flaggers.manage' },
      schema: {
        tags,
        summary: "Change a register entry's details",
        params: FlaggerParams,
        body: FlaggerDetailsBody,
        response: { 200: ManagedFlagger },
      },
    },
    async (request) => docket.flaggers.changeDetails(actor(request.principal), request.params.id, request.body),
  );

  app.post(
    '/api/trusted-flaggers/:id/status',
    {
      config: { access: 'flaggers.manage' },
      schema: {
        tags,
        summary:
          'Suspend (Art. 22(6)), reinstate or revoke (Art. 22(7)) a trusted flagger, from a day, with the reason',
        params: FlaggerParams,
        body: FlaggerStatusBody,
        response: { 200: ManagedFlagger },
      },
    },
    async (request) => docket.flaggers.changeStatus(actor(request.principal), request.params.id, request.body),
  );

  app.post(
    '/api/trusted-flaggers/:id/key',
    {
      config: { access: 'flaggers.manage' },
      schema: {
        tags,
        summary: 'Issue a new key for a flagger (the old one stops working); shown this once',
        params: FlaggerParams,
        response: { 200: IssuedFlaggerKey },
      },
    },
    async (request) => docket.flaggers.issueKey(actor(request.principal), request.params.id),
  );
}
