import { describe, expect, it } from 'vitest';
import {
  CREATE_REPORT,
  CreateReportOutput,
  OZONE_REASON_TYPES,
  REASON_MAX_BYTES,
  REASON_MAX_GRAPHEMES,
  REASON_TYPES,
  REPO_REF,
  STRONG_REF,
} from '../src/atproto/contract.js';
import { lexDef } from './atproto-lexicon.js';

/** The facts src/atproto/contract.ts copies from the official lexicons are the lexicons' own. */
describe('the createReport contract, against the official lexicon JSON', () => {
  it('knows the reason types com.atproto.moderation.defs and tools.ozone.report.defs list, in their order', () => {
    expect(REASON_TYPES).toEqual(lexDef('com.atproto.moderation.defs#reasonType').knownValues);
    expect(OZONE_REASON_TYPES).toEqual(lexDef('tools.ozone.report.defs#reasonType').knownValues);
  });

  it("takes the input's required fields, its subject union and its limits on reason", () => {
    const input = lexDef(CREATE_REPORT).input?.schema;
    expect(input?.required).toEqual(['reasonType', 'subject']);
    expect(input?.properties?.subject?.refs).toEqual([REPO_REF, STRONG_REF]);
    expect(input?.properties?.reason).toMatchObject({
      maxLength: REASON_MAX_BYTES,
      maxGraphemes: REASON_MAX_GRAPHEMES,
    });
    expect(lexDef(REPO_REF).required).toEqual(['did']);
    expect(lexDef(STRONG_REF).required).toEqual(['uri', 'cid']);
  });

  it("answers the output's fields, no more", () => {
    const output = lexDef(CREATE_REPORT).output?.schema;
    expect(Object.keys(CreateReportOutput.properties).sort()).toEqual(Object.keys(output?.properties ?? {}).sort());
    expect([...((CreateReportOutput as { required?: string[] }).required ?? [])].sort()).toEqual(
      [...(output?.required ?? [])].sort(),
    );
  });
});
