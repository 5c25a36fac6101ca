import { Type, type Static } from 'typebox';

const Seq = Type.Integer({ minimum: 0 });
const Head = Type.Object({ seq: Seq, hash: Type.String() });

/** An entry of a hash chain, as the event log and the public log serve it. */
export const ChainEntry = Type.Object({
  seq: Type.Integer(),
  stream: Type.String(),
  type: Type.String(),
  actor: Type.String(),
  at: Type.String({ format: 'date-time' }),
  payload: Type.Unknown({ description: "the event's own document (its schema is the event type's)" }),
  prev: Type.String(),
  hash: Type.String(),
});
export type ChainEntryView = Static<typeof ChainEntry>;

/** The first link where a walk of the event log's chain broke. */
export const Break = Type.Object({
  seq: Type.Integer(),
  reason: Type.Enum(['seq_gap', 'prev_mismatch', 'hash_mismatch', 'head_mismatch']),
  expected: Type.String(),
  actual: Type.String(),
  message: Type.String(),
});

/** A signed statement "the public log's entry `seq` has hash `hash`". */
export const Checkpoint = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String({ format: 'date-time' }),
  keyId: Type.String(),
  signature: Type.String(),
});

/** GET /api/events */
export const EventsQuery = Type.Object(
  {
    after: Type.Integer({ minimum: 0, default: 0, description: 'return entries after this sequence number' }),
    limit: Type.Integer({ minimum: 1, maximum: 1_000, default: 100 }),
    stream: Type.Optional(Type.String({ maxLength: 200 })),
    type: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const EventsAnswer = Type.Object({
  entries: Type.Array(ChainEntry),
  nextAfter: Type.Union([Type.Integer(), Type.Null()]),
});
export type EventsAnswer = Static<typeof EventsAnswer>;

/** GET /api/log/verify */
export const LogVerifyAnswer = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  head: Head,
  firstBreak: Type.Union([Break, Type.Null()]),
});
export type LogVerifyAnswer = Static<typeof LogVerifyAnswer>;

/** GET /public/log */
export const PublicLogQuery = Type.Object(
  {
    after: Type.Integer({ minimum: 0, default: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: 5_000, default: 1_000 }),
  },
  { additionalProperties: false },
);
/** The public log's signing key (its public half): the `public_log.key_created` event records the same. */
export const PublicKey = Type.Object({ algorithm: Type.Literal('Ed25519'), keyId: Type.String(), x: Type.String() });

export const PublicLogDocument = Type.Object({
  log: Type.Literal('docket-public-log'),
  key: Type.Union([PublicKey, Type.Null()]),
  head: Head,
  entries: Type.Array(ChainEntry),
  checkpoints: Type.Array(Checkpoint),
  nextAfter: Type.Union([Type.Integer(), Type.Null()]),
});
export type PublicLogDocument = Static<typeof PublicLogDocument>;

/** POST /api/transparency/checkpoints */
export const CheckpointAnswer = Type.Object({ checkpoint: Type.Union([Checkpoint, Type.Null()]) });
export type CheckpointAnswer = Static<typeof CheckpointAnswer>;

/** GET /api/transparency/public-log/check */
export const PublicLogCheck = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  checkpoints: Type.Integer(),
  head: Head,
  keyId: Type.Union([Type.String(), Type.Null()]),
  signedThrough: Type.Integer(),
  finding: Type.Union([
    Type.Object({
      problem: Type.String(),
      seq: Type.Integer(),
      entry: Type.Union([Type.Object({ type: Type.String(), stream: Type.String() }), Type.Null()]),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type PublicLogCheck = Static<typeof PublicLogCheck>;
