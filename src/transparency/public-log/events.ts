import { Type } from 'typebox';
import { Checkpoint, PublicKey } from './contract.js';

/** The public record's own events: its signing key was made, and a checkpoint signed (Docket's JSON one, and the C2SP one). */
export const transparencyEvents = {
  'public_log.key_created': PublicKey,
  'public_log.checkpoint_signed': Type.Pick(Checkpoint, ['seq', 'hash', 'keyId']),
  /** A C2SP checkpoint of the public log's Merkle tree: its size, the log's origin, and the signed note itself. */
  'public_log.tree_checkpoint_signed': Type.Object({
    size: Type.Integer({ minimum: 1 }),
    origin: Type.String(),
    note: Type.String(),
  }),
};
