import type { Docket } from '../../app.js';
import { actorOf, type Principal } from '../../core/roles.js';
import { isDocketError } from '../../core/errors.js';
import { readEvents, verifyLog } from '../../core/event-log.js';
import type { App } from '../../http/types.js';
import {
  CheckpointAnswer,
  EventsAnswer,
  EventsQuery,
  LogVerifyAnswer,
  PublicLogCheck,
  PublicLogDocument,
  PublicLogQuery,
} from './contract.js';
import { treeRoutes } from './tree-routes.js';
import type { SiteCase } from './verify.js';

/**
 * The two chains: the event log (every change, for staff who may read or verify it) and the signed public log
 * (what was published, for anyone), with its checkpoints and the installation's own check of it.
 */
export function publicLogRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/events',
    {
      config: { access: 'log.read' },
      schema: {
        tags: ['event log'],
        summary: 'Read the event log in order',
        querystring: EventsQuery,
        response: { 200: EventsAnswer },
      },
    },
    async (request) => readEvents(docket.store.db, request.query),
  );

  app.get(
    '/api/log/verify',
    {
      config: { access: 'log.verify' },
      schema: {
        tags: ['event log'],
        summary: 'Walk the whole hash chain and report the first broken link',
        response: { 200: LogVerifyAnswer },
      },
    },
    async () => verifyLog(docket.store.db),
  );

  app.get(
    '/public/log',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'The public log: published entries in order, the Ed25519 key and every signed checkpoint. Check it offline with `docket verify --public`.',
        querystring: PublicLogQuery,
        response: { 200: PublicLogDocument },
      },
    },
    async (request) => docket.publicReads.publicLog(request.query),
  );
  treeRoutes(app, docket);

  app.post(
    '/api/transparency/checkpoints',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          'Sign a checkpoint of the public log now (the scheduler does it when the log grows); null when the head is already signed',
        response: { 200: CheckpointAnswer },
      },
    },
    async (request) => ({ checkpoint: await docket.transparency.checkpoint(actorOf(request.principal as Principal)) }),
  );

  app.get(
    '/api/transparency/public-log/check',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          "Verify the stored public log as `docket verify --public` would: chain, head, signed checkpoints with this installation's key, and the board's public pages against it",
        response: { 200: PublicLogCheck },
      },
    },
    async () =>
      docket.transparency.selfCheck(async (ref) => {
        try {
          return (await docket.board.reads.publicCase(ref)) as SiteCase;
        } catch (error) {
          if (isDocketError(error) && error.code === 'not_found') return null;
          throw error;
        }
      }),
  );
}
