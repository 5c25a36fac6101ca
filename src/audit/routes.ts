import type { Docket } from '../app.js';
import type { App } from '../http/types.js';
import { AuditPage, AuditQuery } from './contract.js';

export function auditRoutes(app: App, docket: Docket): void {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary:
          'Administrative actions, newest first: users, roles, tokens, webhooks, connectors, policies, sign-ins, lockouts and the register of trusted flaggers',
        description: 'Every entry is an event of the log. Page back with `before` = the previous page’s `nextBefore`.',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => docket.audit.list(request.query),
  );
}
