import { describe, expect, it } from 'vitest';
import { automatedMeans, checkAutomation, toolKey, type Automation } from './automation-rules.js';

const tool = (humanReviewed: boolean, score = 0.97): Automation => ({
  tool: 'hashmatch',
  toolVersion: '2.1',
  score,
  humanReviewed,
});

/** A refusal naming this field, as the API answers it. */
const naming = (field: string) =>
  expect.objectContaining({ code: 'validation_failed', fields: [expect.objectContaining({ field })] });

describe('automated decisions on the record', () => {
  it('a tool without human review decides fully automatically, with review partially, a person alone not at all', () => {
    expect(automatedMeans(tool(false))).toBe('fully');
    expect(automatedMeans(tool(true))).toBe('partially');
    expect(automatedMeans(null)).toBe('not');
    // A platform's automation closing a case on its own, recorded without a named tool.
    expect(automatedMeans(null, true)).toBe('fully');
  });

  it('an appeal is never decided by automated means alone (Art. 20(6)), whoever records it', () => {
    for (const decider of ['person', 'integration'] as const)
      expect(() => checkAutomation(tool(false), { decider, onAppeal: true }, '/replacement')).toThrow(
        naming('/replacement/automation/humanReviewed'),
      );
    expect(() => checkAutomation(tool(true), { decider: 'person', onAppeal: true })).not.toThrow();
  });

  it('a person’s decision is reviewed by that person; an integration records a tool’s as it happened', () => {
    expect(() => checkAutomation(tool(false), { decider: 'person', onAppeal: false })).toThrow(
      naming('/automation/humanReviewed'),
    );
    expect(() => checkAutomation(tool(false), { decider: 'integration', onAppeal: false })).not.toThrow();
    expect(() => checkAutomation(null, { decider: 'person', onAppeal: true })).not.toThrow();
  });

  it('a score is a confidence from 0 to 1', () => {
    expect(() => checkAutomation(tool(true, 1.5), { decider: 'integration', onAppeal: false })).toThrow(
      naming('/automation/score'),
    );
  });

  it('names a tool by name and version', () => {
    expect(toolKey(tool(true))).toBe('hashmatch 2.1');
  });
});
