import { describe, expect, it } from 'vitest';
import {
  flaggerAccuracy,
  flaggerDetailsProblems,
  flaggerKeyHash,
  flaggerKeyPrefix,
  statusChangeProblem,
  upheld,
} from './flagger-rules.js';

const entry = {
  name: 'Hate Aid Watch',
  memberState: 'DE',
  areas: ['STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'],
  contactEmail: 'notices@watch.example',
  website: 'https://watch.example',
  awardedOn: '2026-01-10',
};

describe('the register of trusted flaggers (DSA Art. 22)', () => {
  it('takes a name, an EU Member State, DSA statement categories as areas, a contact and an award day not in the future', () => {
    expect(flaggerDetailsProblems(entry, '2026-06-01')).toEqual([]);
    const fields = (input: object) => flaggerDetailsProblems({ ...entry, ...input }, '2026-06-01').map((p) => p.field);
    expect(fields({ memberState: 'NO' })).toEqual(['/memberState']);
    expect(fields({ memberState: 'DEU' })).toEqual(['/memberState']);
    expect(fields({ areas: [] })).toEqual(['/areas']);
    expect(fields({ areas: ['STATEMENT_CATEGORY_VIOLENCE', 'hate'] })).toEqual(['/areas/1']);
    expect(fields({ contactEmail: 'nobody' })).toEqual(['/contactEmail']);
    expect(fields({ website: 'ftp://x.example' })).toEqual(['/website']);
    expect(fields({ awardedOn: '2026-06-02' })).toEqual(['/awardedOn']);
    expect(fields({ name: ' ', awardedOn: '10/01/2026' })).toEqual(['/name', '/awardedOn']);
  });

  it('a status is suspended or revoked, a suspension lifted, and a revocation is final', () => {
    expect(statusChangeProblem('active', 'suspended')).toBeNull();
    expect(statusChangeProblem('suspended', 'active')).toBeNull();
    expect(statusChangeProblem('suspended', 'revoked')).toBeNull();
    expect(statusChangeProblem('active', 'revoked')).toBeNull();
    expect(statusChangeProblem('revoked', 'active')).toMatch(/final/);
    expect(statusChangeProblem('active', 'active')).toMatch(/already active/);
  });

  it('keeps only a hash of a key, and shows its start', () => {
    const key = 'dkt_tf_abcdefghijklmnop';
    expect(flaggerKeyHash(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(flaggerKeyHash(key)).not.toBe(flaggerKeyHash(`${key}x`));
    expect(flaggerKeyPrefix(key)).toBe('dkt_tf_abcdef');
  });

  it('accuracy is the share of decided notices upheld (the decision acted); none decided, none measured', () => {
    expect(upheld('remove')).toBe(true);
    expect(upheld('warning_screen')).toBe(true);
    expect(upheld('no_violation')).toBe(false);
    expect(upheld('keep_newsworthy')).toBe(false);
    expect(flaggerAccuracy(4, 3)).toBe(0.75);
    expect(flaggerAccuracy(0, 0)).toBeNull();
  });
});
