import { describe, expect, it } from 'vitest';
import { mootAppealNotice, reversalIds, reversalReason } from './reversals.js';

describe('why a decision no longer stands, as its appellants are told', () => {
  it('names the board case by its public reference, and says who reversed the decision', () => {
    expect(
      reversalReason({ boardCaseId: '0190a4d2-0000-7000-8000-000000000001', ref: 'BC-2023-001', by: 'board' }),
    ).toBe('the oversight board overturned it in case BC-2023-001');
    expect(
      reversalReason({ boardCaseId: '0190a4d2-0000-7000-8000-000000000001', ref: 'BC-2023-001', by: 'platform' }),
    ).toBe('the platform reversed it after the oversight board selected case BC-2023-001');
  });

  it('does not quote another appellant’s appeal id', () => {
    expect(reversalReason({ appealId: '0190a4d2-0000-7000-8000-00000000000a' })).not.toContain('0190a4d2');
  });

  it('keeps the ids, not the words, for events and webhooks', () => {
    expect(reversalIds({ boardCaseId: 'b1', ref: 'BC-2023-001', by: 'board' })).toEqual({ boardCaseId: 'b1' });
    expect(reversalIds({ appealId: 'a1' })).toEqual({ appealId: 'a1' });
  });

  it('tells the appellant their appeal closed without a review, and why', () => {
    expect(mootAppealNotice('the oversight board overturned it in case BC-2023-001')).toMatch(
      /^Your appeal is closed without a review: the decision you appealed no longer stands \(the oversight board overturned it in case BC-2023-001\)\./,
    );
  });
});
