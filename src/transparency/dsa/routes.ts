import type { Docket } from '../../app.js';
import { jsonOrCsv } from '../../http/media.js';
import type { App } from '../../http/types.js';
import { SorAnswer, SorQuery } from './contract.js';
import { exportStatements } from './exports.js';
import { toCsv } from './rules.js';
import { SubmissionsAnswer, SubmissionsQuery } from './submission-contract.js';
import { listSubmissions } from './submission-reads.js';

/** The EU DSA statements of reasons of a period, for the platform to submit to the Transparency Database. */
export function dsaRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/transparency/sor',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          'Statements of reasons of the decisions applied in a period, in the EU DSA Transparency Database API format (JSON or CSV)',
        querystring: SorQuery,
        response: { 200: jsonOrCsv(SorAnswer) },
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

  app.get(
    '/api/transparency/sor/submissions',
    {
      config: { access: 'transparency.manage' },
      schema: {
        tags: ['transparency'],
        summary:
          "Each statement of reasons' submission to the EU DSA Transparency Database (pending, submitted with its uuid and permalink, refused or held with the reasons), newest first, and the submitter's state",
        querystring: SubmissionsQuery,
        response: { 200: SubmissionsAnswer },
      },
    },
    async (request) => listSubmissions(docket.store.db, request.query, docket.dsaSubmitter !== null),
  );
}
