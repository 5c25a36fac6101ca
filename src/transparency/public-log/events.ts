import { Type } from 'typebox';
import { Checkpoint, PublicKey } from './contract.js';

/** The public record's own events: its signing key was made, and a checkpoint signed. */
export const transparencyEvents = {
  'public_log.key_created': PublicKey,
  'public_log.checkpoint_signed': Type.Pick(Checkpoint, ['seq', 'hash', 'keyId']),
};
