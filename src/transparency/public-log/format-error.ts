/**
 * A transparency-log artefact (signed note, verifier key, checkpoint, tile path, entry bundle, proof request) that
 * does not follow its format. `code` is stable and machine-readable; the routes map it to a 4xx and the CLI to its
 * exit code, the message says in words what is wrong.
 */
export type TlogFormatCode =
  | 'malformed_note'
  | 'malformed_verifier_key'
  | 'malformed_signer_key'
  | 'unverified_note'
  | 'invalid_signature'
  | 'malformed_checkpoint'
  | 'malformed_tile_path'
  | 'malformed_entry_bundle'
  | 'invalid_tree_range';

export class TlogFormatError extends Error {
  readonly code: TlogFormatCode;

  constructor(code: TlogFormatCode, message: string) {
    super(message);
    this.name = 'TlogFormatError';
    this.code = code;
  }
}
