import { Type, type Static, type TSchema } from 'typebox';
import { WrittenText } from '../core/written-text.js';
import { MISUSE_MARKS, MISUSE_PARTIES, RULE_LIMITS } from './misuse-rules.js';

/** The contract of measures against misuse (EU DSA Art. 23): the rules, the marks, the measures and their appeal. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const MisuseRule = Type.Object(
  {
    warnAfter: Type.Integer({ minimum: 1, maximum: RULE_LIMITS.maxMarks, description: 'marks that earn a warning' }),
    suspendAfter: Type.Integer({
      minimum: 1,
      maximum: RULE_LIMITS.maxMarks,
      description: 'marks that earn a suspension, once warned (more than warnAfter)',
    }),
    windowDays: Type.Integer({ minimum: 1, maximum: RULE_LIMITS.maxWindowDays, description: 'the days counted' }),
    suspensionDays: Type.Integer({
      minimum: 1,
      maximum: RULE_LIMITS.maxSuspensionDays,
      description: 'how long a suspension lasts',
    }),
  },
  { additionalProperties: false },
);
export type MisuseRule = Static<typeof MisuseRule>;

/** One rule per kind of person: notifiers, complainants, users who post. */
export const MisuseRulesBody = Type.Object(
  { notifier: MisuseRule, complainant: MisuseRule, user: MisuseRule },
  { additionalProperties: false },
);
export type MisuseRulesBody = Static<typeof MisuseRulesBody>;

export const MisuseRulesView = Type.Object({
  rules: MisuseRulesBody,
  defaults: MisuseRulesBody,
  updatedAt: Nullable(Time),
});
export type MisuseRulesView = Static<typeof MisuseRulesView>;

export const MarkBody = Type.Object(
  {
    kind: Type.Enum(MISUSE_MARKS, {
      description:
        'unfounded_notice: a notice decided without action (itemId: the notice id or its reference N-…); unfounded_complaint: a complaint decided and upheld (itemId: the appeal id); illegal_content: a decision on illegal content that acted on it (itemId: the decision id)',
    }),
    itemId: Type.String({ minLength: 1, maxLength: 60 }),
    reason: WrittenText({ minLength: 5, maxLength: 2_000, description: 'why it is manifest' }),
  },
  { additionalProperties: false },
);
export type MarkBody = Static<typeof MarkBody>;

export const MEASURE_STATES = ['warning', 'in_force', 'ended', 'lifted'] as const;

export const MisuseMeasure = Type.Object({
  id: Type.String(),
  party: Type.Enum(MISUSE_PARTIES),
  partyLabel: Type.String({ description: 'who, without personal data: "the notifier of N-…", "account lumen/@x"' }),
  platform: Nullable(Type.String()),
  kind: Type.Enum(['warning', 'suspension']),
  reason: Type.String(),
  marks: Type.Integer({ minimum: 0 }),
  startsAt: Time,
  endsAt: Nullable(Time),
  state: Type.Enum(MEASURE_STATES),
  appeal: Nullable(Type.Object({ statement: Type.String(), appealedAt: Time })),
  review: Nullable(Type.Object({ result: Type.Enum(['lifted', 'upheld']), reason: Type.String(), reviewedAt: Time })),
});
export type MisuseMeasure = Static<typeof MisuseMeasure>;

export const MisuseMarkView = Type.Object({
  id: Type.String(),
  kind: Type.Enum(MISUSE_MARKS),
  itemId: Type.String(),
  party: Type.Enum(MISUSE_PARTIES),
  reason: Type.String(),
  markedAt: Time,
});
export type MisuseMarkView = Static<typeof MisuseMarkView>;

export const MarkResult = Type.Object({
  mark: MisuseMarkView,
  measure: Nullable(MisuseMeasure),
});
export type MarkResult = Static<typeof MarkResult>;

export const MeasureListQuery = Type.Object(
  {
    party: Type.Optional(Type.Enum(MISUSE_PARTIES)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type MeasureListQuery = Static<typeof MeasureListQuery>;

export const MeasureList = Type.Object({ measures: Type.Array(MisuseMeasure) });
export type MeasureList = Static<typeof MeasureList>;

export const MeasureParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ReviewBody = Type.Object(
  {
    result: Type.Enum(['lifted', 'upheld'], {
      description: 'lifted: the suspension ends now; upheld: it stands (only on an appeal)',
    }),
    reason: WrittenText({ minLength: 5, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const MeasureAppealBody = Type.Object(
  { statement: Type.String({ maxLength: 20_000, description: 'why the suspension should be lifted' }) },
  { additionalProperties: false },
);
export type MeasureAppealBody = Static<typeof MeasureAppealBody>;

/** What a notifier's status link shows of the measures taken against them, and whether they may appeal one now. */
export const MisuseStanding = Type.Object({
  measures: Type.Array(Type.Omit(MisuseMeasure, ['partyLabel', 'platform'])),
  mayAppeal: Nullable(Type.String({ description: 'the suspension an appeal would contest, when there is one' })),
});
export type MisuseStanding = Static<typeof MisuseStanding>;
