import { Type } from 'typebox';
import type { Docket } from '../app.js';
import { readEvents, verifyLog } from '../core/event-log.js';
import type { App } from '../http/types.js';
import { packageVersion } from '../core/version.js';
import { toCsv } from './dsa.js';
import { exportStatements } from './exports.js';

const tags = ['event log'];

/** An entry of a hash chain, as the event log and the public log serve it. */
export const ChainEntry = Type.Object({
  seq: Type.Integer(),
  stream: Type.String(),
  type: Type.String(),
  actor: Type.String(),
  at: Type.String({ format: 'date-time' }),
  payload: Type.Unknown(),
  prev: Type.String(),
  hash: Type.String(),
});

const Break = Type.Object({
  seq: Type.Integer(),
  reason: Type.Enum(['seq_gap', 'prev_mismatch', 'hash_mismatch', 'head_mismatch']),
  expected: Type.String(),
  actual: Type.String(),
  message: Type.String(),
});

export function transparencyRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/transparency/sor',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          'Statements of reasons of the decisions applied in a period, in the EU DSA Transparency Database API format (JSON or CSV)',
        querystring: Type.Object(
          {
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            format: Type.Optional(Type.Enum(['json', 'csv'])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const records = await exportStatements(docket.store.db, request.query.from, request.query.to);
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="sor-${request.query.from}-${request.query.to}.csv"`)
          .send(toCsv(records));
      }
      return { statements: records };
    },
  );

  const reads = docket.publicReads;
  app.get(
    '/api/public/summary',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'What this Docket is, the size of its public log, and the public record in numbers',
        response: {
          200: Type.Object({
            name: Type.String(),
            version: Type.String(),
            log: Type.Object(
              { entries: Type.Integer(), head: Type.String() },
              { description: 'the event log: every change Docket recorded' },
            ),
            publicLog: Type.Object(
              { entries: Type.Integer(), head: Type.String() },
              { description: 'the signed public log: what was published' },
            ),
            record: Type.Object({
              boardDecisions: Type.Integer(),
              recommendations: Type.Integer(),
              awaitingResponse: Type.Integer(),
              responsesOverdue: Type.Integer(),
              implementationOverdue: Type.Integer(),
              activeDesignations: Type.Integer(),
            }),
          }),
        },
      },
    },
    async () => {
      const [head, published, decided, tracker, designations] = [
        await reads.eventLogHead(),
        await reads.publicLog({ after: 0, limit: 1 }),
        await reads.decidedBoardCases(),
        await reads.tracker({}),
        await reads.designations(),
      ];
      const { counts } = tracker;
      return {
        name: 'Docket',
        version: packageVersion(),
        log: { entries: head.seq, head: head.hash },
        publicLog: { entries: published.head.seq, head: published.head.hash },
        record: {
          boardDecisions: decided,
          recommendations: counts.recommendations,
          awaitingResponse: counts.byState.awaiting,
          responsesOverdue: counts.byState.overdue,
          implementationOverdue: counts.obligations.overdue,
          activeDesignations: designations.current.length,
        },
      };
    },
  );

  app.get(
    '/api/events',
    {
      config: { access: 'log.read' },
      schema: {
        tags,
        summary: 'Read the event log in order',
        querystring: Type.Object(
          {
            after: Type.Integer({ minimum: 0, default: 0, description: 'return entries after this sequence number' }),
            limit: Type.Integer({ minimum: 1, maximum: 1_000, default: 100 }),
            stream: Type.Optional(Type.String({ maxLength: 200 })),
            type: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ entries: Type.Array(ChainEntry), nextAfter: Type.Union([Type.Integer(), Type.Null()]) }),
        },
      },
    },
    async (request) => readEvents(docket.store.db, request.query),
  );

  app.get(
    '/api/log/verify',
    {
      config: { access: 'log.verify' },
      schema: {
        tags,
        summary: 'Walk the whole hash chain and report the first broken link',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
            firstBreak: Type.Union([Break, Type.Null()]),
          }),
        },
      },
    },
    async () => verifyLog(docket.store.db),
  );
}
