import { Type, type Static } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { DecisionInput, QueueQuery } from './schema.js';

/** How far a reviewer can page into a filtered queue, and up to where its size is counted exactly (see queue.ts). */
export const QUEUE_COUNT_CAP = 10_000;
/**
 * How deep open cases page in priority order. Each page re-reads the queue's two priority runs from their heads
 * (queue-order.ts), `offset + limit` rows of each; past a couple of hundred rows PostgreSQL stops walking the young
 * run's index and sorts the whole run instead (measured: 0.2 ms for 150 rows, 88 ms for 250 and 600 ms for 10,000
 * with 500,000 open cases), which would grow with the backlog. Reviewers work the head of the queue; the filters
 * (status, holder, days reported, policy, place) reach any other case.
 */
export const QUEUE_PRIORITY_DEPTH = 200;
export const MAX_BULK_CASES = 100;

export const QUEUE_STATUSES = ['open', 'claimed', 'closed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const QueuePageQuery = Type.Object(
  {
    ...QueueQuery.properties,
    status: Type.Enum(QUEUE_STATUSES, {
      default: 'open',
      description:
        '`open`: every open case, held or waiting; `claimed`: open cases a reviewer holds now; `closed`: decided cases, newest reported first',
    }),
    holder: Type.String({
      default: 'anyone',
      pattern: '^(anyone|me|unclaimed|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$',
      description:
        'who holds the case now: `anyone`, `me`, `unclaimed`, or a reviewer’s user id (see `holders` in the answer)',
    }),
    reportedFrom: Type.Optional(
      Type.String({ format: 'date', description: 'first day (UTC) the case was reported (opened), inclusive' }),
    ),
    reportedTo: Type.Optional(
      Type.String({ format: 'date', description: 'last day (UTC) the case was reported (opened), inclusive' }),
    ),
    offset: Type.Integer({
      minimum: 0,
      maximum: QUEUE_COUNT_CAP,
      default: 0,
      description: 'how many matching cases to skip',
    }),
  },
  { additionalProperties: false },
);
export type QueuePageQuery = Static<typeof QueuePageQuery>;

const Open = Type.Object({}, { additionalProperties: true });

export const QueuePage = Type.Object({
  cases: Type.Array(Open),
  offset: Type.Integer(),
  depth: Type.Integer({
    description: `how far this listing pages (offset + limit): open cases by priority their ${QUEUE_PRIORITY_DEPTH} most urgent, others ${QUEUE_COUNT_CAP.toLocaleString('en')}`,
  }),
  total: Type.Object({
    count: Type.Integer({ description: 'the cases matching the filters, counted up to the cap' }),
    exact: Type.Boolean({
      description: `false when more than ${QUEUE_COUNT_CAP.toLocaleString('en')} match: count is then the cap`,
    }),
  }),
  holders: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'the reviewers holding open cases now, by display name, for the holder filter',
  }),
});

export const BULK_ACTIONS = ['release', 'escalate', 'decide'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BulkInput = Type.Object(
  {
    action: Type.Enum(BULK_ACTIONS),
    caseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: MAX_BULK_CASES, uniqueItems: true }),
    escalation: Type.Optional(
      Type.Object(
        { to: Type.Enum(['senior', 'policy']), note: WrittenText({ minLength: 5, maxLength: 2_000 }) },
        { additionalProperties: false, description: 'for `escalate`: where to, and the note every case carries' },
      ),
    ),
    decision: Type.Optional(
      Type.Object(DecisionInput.properties, {
        additionalProperties: false,
        description: 'for `decide`: the one decision (with one statement of facts) recorded on every case',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BulkInput = Static<typeof BulkInput>;

export const BulkResult = Type.Object({
  action: Type.Enum(BULK_ACTIONS),
  done: Type.Integer(),
  refused: Type.Integer(),
  results: Type.Array(
    Type.Object({
      caseId: Type.String(),
      ok: Type.Boolean(),
      code: Type.Optional(Type.String({ description: 'why it was refused: an error code of the single-case action' })),
      reason: Type.Optional(Type.String()),
      decisionId: Type.Optional(Type.String()),
    }),
  ),
});
export type BulkResult = Static<typeof BulkResult>;
