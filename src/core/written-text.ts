import { Type, type TString } from 'typebox';

/**
 * Text a person writes for the record: reasons, notes, names. Besides its length it needs one character that is
 * not blank, since spaces, tabs or line breaks pass any minimum length and say nothing on the log.
 */
export const WrittenText = (options: { minLength: number; maxLength: number; description?: string }): TString =>
  Type.String({ ...options, pattern: '\\S' });
