import { Type, type Static } from 'typebox';

const Size = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const Proof = Type.Array(Type.String({ description: 'a 32-byte SHA-256 hash, standard base64' }), {
  description: 'RFC 9162 hashes, in the order its verification algorithm takes them',
});

/** GET /public/log/proof/inclusion: by tree index, or by the entry's seq (index seq - 1). */
export const InclusionQuery = Type.Object(
  {
    index: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'the leaf index (an entry seq minus 1)',
      }),
    ),
    seq: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'the public log entry, instead of index',
      }),
    ),
    size: Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'the tree size of a checkpoint the reader holds',
    }),
  },
  { additionalProperties: false },
);
export const InclusionAnswer = Type.Object({
  index: Size,
  seq: Type.Integer({ minimum: 1 }),
  size: Size,
  proof: Proof,
});
export type InclusionAnswer = Static<typeof InclusionAnswer>;

/** GET /public/log/proof/consistency */
export const ConsistencyQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'the older tree size' }),
    to: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'the newer tree size' }),
  },
  { additionalProperties: false },
);
export const ConsistencyAnswer = Type.Object({ from: Size, to: Size, proof: Proof });
export type ConsistencyAnswer = Static<typeof ConsistencyAnswer>;
