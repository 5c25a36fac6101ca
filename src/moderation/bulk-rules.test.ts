import { describe, expect, it } from 'vitest';
import { bulkRequestProblems, bulkSummary } from './bulk-rules.js';

describe('bulk request shape', () => {
  it('asks for the part the action needs, and refuses the part of another action', () => {
    expect(bulkRequestProblems({ action: 'release' })).toEqual([]);
    expect(bulkRequestProblems({ action: 'decide' })).toEqual([
      { field: '/decision', message: 'is required to decide' },
    ]);
    expect(bulkRequestProblems({ action: 'escalate', escalation: {}, decision: {} })).toEqual([
      { field: '/decision', message: 'does not go with escalate' },
    ]);
    expect(bulkRequestProblems({ action: 'release', escalation: {} })).toEqual([
      { field: '/escalation', message: 'does not go with release' },
    ]);
  });
});

describe('bulk outcome sentence', () => {
  const ok = (caseId: string) => ({ caseId, ok: true });
  const no = (caseId: string, reason: string) => ({ caseId, ok: false, reason });
  it('counts what was done and names why the rest was refused', () => {
    expect(bulkSummary('release', [ok('a'), ok('b')])).toBe('2 released');
    expect(bulkSummary('release', [...'abcdefgh'].map(ok).concat(no('i', 'the case is closed')))).toBe(
      '8 released, 1 refused: the case is closed',
    );
  });
  it('groups refusals by reason, with how many each stopped', () => {
    expect(bulkSummary('decide', [no('a', 'closed'), no('b', 'closed'), no('c', 'held')])).toBe(
      '0 decided, 3 refused: closed (2); held (1)',
    );
    expect(bulkSummary('escalate', [ok('a'), no('b', 'closed'), no('c', 'closed')])).toBe(
      '1 escalated, 2 refused: closed (2)',
    );
  });
});
