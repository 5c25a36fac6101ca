import type { Docket } from '../app.js';
import { invalid } from '../core/errors.js';
import { requireUser } from '../http/auth.js';
import type { App } from '../http/types.js';
import { accountHistory } from './account-history.js';
import {
  AccountHistory,
  AccountQuery,
  CaseNote,
  CaseNotes,
  IdParams,
  NoContent,
  NoteInput,
  NoticeTemplate,
  NoticeTemplates,
  SearchQuery,
  SearchResults,
  TemplateChange,
  TemplateInput,
  TemplateQuery,
} from './contract.js';
import { createCaseNotes } from './notes.js';
import { searchSubjects } from './search.js';
import { createNoticeTemplates } from './templates.js';

const tags = ['moderation'];

/** The reviewers' case tools: internal notes, the team's notice templates, search, and an account's whole record. */
export function caseToolRoutes(app: App, docket: Docket): void {
  const db = docket.store.db;
  const notes = createCaseNotes({ db, run: docket.run });
  const templates = createNoticeTemplates({ db, run: docket.run });

  app.get(
    '/api/cases/:id/notes',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: "A case's internal notes, oldest first",
        description:
          'Reviewers only: notes never reach the notice, the statement of reasons, exports, the public log or webhooks.',
        params: IdParams,
        response: { 200: CaseNotes },
      },
    },
    async (request) => ({ notes: await notes.list(request.params.id) }),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Add an internal note to a case',
        description:
          'Any reviewer may write one, holding the case or not. Notes are kept (an event each) and never edited; they are never public.',
        params: IdParams,
        body: NoteInput,
        response: { 201: CaseNote },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await notes.add(requireUser(request), request.params.id, request.body.text)),
  );

  app.get(
    '/api/notice-templates',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'The team’s notice templates in use (statements of facts), of one policy section or all',
        querystring: TemplateQuery,
        response: { 200: NoticeTemplates },
      },
    },
    async (request) => ({ templates: await templates.list(request.query) }),
  );

  app.post(
    '/api/notice-templates',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Save a notice template for a policy section (senior reviewers and policy staff)',
        description: 'The section must exist in the policy’s current version; a title is unique within its section.',
        body: TemplateInput,
        response: { 201: NoticeTemplate },
      },
    },
    async (request, reply) => reply.code(201).send(await templates.create(requireUser(request), request.body)),
  );

  app.patch(
    '/api/notice-templates/:id',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Change a notice template’s title or text (senior reviewers and policy staff)',
        params: IdParams,
        body: TemplateChange,
        response: { 200: NoticeTemplate },
      },
    },
    async (request) => templates.update(requireUser(request), request.params.id, request.body),
  );

  app.delete(
    '/api/notice-templates/:id',
    {
      config: { access: 'queue.work' },
      schema: {
        tags,
        summary: 'Retire a notice template: no longer offered (senior reviewers and policy staff)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await templates.retire(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/search',
    {
      config: { access: 'subjects.read' },
      schema: {
        tags,
        summary: 'Find subjects and accounts by external id, author or words, newest first',
        description:
          'External ids and author ids match from their beginning as typed; words match the words of the title and text (and their beginnings). Paged: pass `nextAfter` as `after`.',
        querystring: SearchQuery,
        response: { 200: SearchResults },
      },
    },
    async (request) => {
      // Free text (any character may be searched for), but not only blanks: those would find nothing.
      if (!request.query.q.trim()) throw invalid('/q', 'must contain a character that is not blank');
      return searchSubjects(db, request.query);
    },
  );

  app.get(
    '/api/accounts/history',
    {
      config: { access: 'subjects.read' },
      schema: {
        tags,
        summary: 'An account’s whole record: its content, the reports, decisions, strikes, restrictions and appeals',
        description: 'Each list holds the newest 100 and says when there are more. Reporters are never named.',
        querystring: AccountQuery,
        response: { 200: AccountHistory },
      },
    },
    async (request) => accountHistory(db, request.query.platform, request.query.accountRef, docket.clock.now()),
  );
}
