import { Type } from 'typebox';

/** The public record's own events: its signing key was made, and a checkpoint signed. */
export const transparencyEvents = {
  'public_log.key_created': Type.Object({ keyId: Type.String(), algorithm: Type.Literal('Ed25519'), x: Type.String() }),
  'public_log.checkpoint_signed': Type.Object({ seq: Type.Integer(), hash: Type.String(), keyId: Type.String() }),
};
