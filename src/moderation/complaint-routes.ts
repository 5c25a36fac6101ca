import type { Docket } from '../app.js';
import { actorOf } from '../core/roles.js';
import { requireIntegration } from '../http/auth.js';
import type { App } from '../http/types.js';
import {
  ComplaintBody,
  ComplaintLink,
  ComplaintLinkParams,
  ComplaintTokenParams,
  ComplaintView,
} from './complaint-contract.js';
import { originOf } from './notice-routes.js';

/**
 * Complaints from the people concerned (EU DSA Art. 20) without an account: the platform asks for its user's
 * complaint link; whoever holds a complaint link, or a notifier's status link, reads the decision and complains.
 */
export function complaintRoutes(app: App, docket: Docket): void {
  app.post(
    '/api/decisions/:id/complaint-link',
    {
      config: { access: 'appeals.file' },
      schema: {
        tags: ['appeals'],
        summary: "Issue the affected user's complaint link for a decision (EU DSA Art. 20), to put in their notice",
        description:
          'A capability URL, shown this once (only its hash is kept): whoever holds it sees the decision and may complain about it, without an account, until the time to complain ends (six months after the decision notice). Each call issues a new link. After the six months: 409 `complaint_window_closed`, naming the day it ended.',
        params: ComplaintLinkParams,
        response: { 201: ComplaintLink },
      },
    },
    async (request, reply) => {
      const platform = requireIntegration(request);
      return reply
        .code(201)
        .send(
          await docket.complaints.issueLink(actorOf(platform), platform.platform, request.params.id, originOf(request)),
        );
    },
  );

  const publicTags = ['appeals', 'public'];
  app.get(
    '/api/public/complaints/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: "A complaint link's decision, the time to complain and the complaint's status",
        description:
          "The token is an affected user's complaint link or a notifier's notice status link. A token that opens nothing answers 404 `not_found`; an expired link 410 `link_expired`, naming the day.",
        params: ComplaintTokenParams,
        response: { 200: ComplaintView },
      },
    },
    async (request) => docket.complaints.view(request.params.token),
  );

  app.post(
    '/api/public/complaints/:token',
    {
      config: { access: 'public', limit: 'notice' },
      schema: {
        tags: publicTags,
        summary: 'Complain about a decision through a complaint link (no login; EU DSA Art. 20)',
        description:
          'One complaint per complainant per decision, reviewed by a person other than the one who decided, never by automated means alone. Refused with nothing written: a link that opens nothing (404 `not_found`) or has expired (410 `link_expired`), after the six months (409 `complaint_window_closed`, naming the day), a second complaint (409 `conflict`), a missing statement (400 `validation_failed`, `/statement`).',
        params: ComplaintTokenParams,
        body: ComplaintBody,
        response: { 201: ComplaintView },
      },
    },
    async (request, reply) => reply.code(201).send(await docket.complaints.file(request.params.token, request.body)),
  );
}
