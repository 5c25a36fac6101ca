import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Docket } from '../app.js';
import type { App } from '../http/types.js';
import { NoticeBody, NoticeReceipt, NoticeStatus, NoticeTokenParams } from './notice-contract.js';

const tags = ['notices', 'public'];

/** Where this Docket is reached, as the client reached it: the start of the status link it is given. */
export const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** Notices of content from anyone (EU DSA Art. 16): filed without an account, followed by a capability link. */
export function noticeRoutes(app: App, docket: Docket): void {
  app.post(
    '/api/public/notices',
    {
      config: { access: 'public', limit: 'notice' },
      schema: {
        tags,
        summary: 'File a notice of illegal or policy-breaking content (no login; rate limited; EU DSA Art. 16)',
        description:
          "The notice joins its content's case like any report. A trusted flagger files as itself with its key in the `x-flagger-key` header: the notice's case gets the trusted flagger priority factor (401 `invalid_token` for an unknown key, 403 `forbidden` while its status is suspended or revoked). The receipt carries the reference and the status link, a capability URL shown this once: it shows where the notice stands and, once decided, the outcome and the redress. Without a name and e-mail a notice is taken only when `childSexualAbuse` is true; `goodFaith` must be true. Problems answer 400 `validation_failed` naming each field.",
        body: NoticeBody,
        headers: Type.Object({
          'x-flagger-key': Type.Optional(
            Type.String({
              maxLength: 200,
              description:
                "a trusted flagger's key (EU DSA Art. 22, GET /api/public/trusted-flaggers): the notice is the flagger's and gets priority",
            }),
          ),
        }),
        response: { 201: NoticeReceipt },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await docket.notices.file(
            request.body,
            request.ip,
            originOf(request),
            request.headers['x-flagger-key'],
            request.headers['accept-language'],
          ),
        ),
  );

  app.get(
    '/api/public/notices/status/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A notice's status through its capability link: where it stands, the outcome and the redress",
        params: NoticeTokenParams,
        response: { 200: NoticeStatus },
      },
    },
    async (request) => docket.notices.status(request.params.token),
  );
}
