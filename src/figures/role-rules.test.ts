import { describe, expect, it } from 'vitest';
import { checkRoleChange, roleHeldAt } from './role-rules.js';

const current = { kind: 'head_of_government' as const, since: new Date('2023-01-18T10:00:00.000Z') };
const now = new Date('2023-09-01T10:00:00.000Z');

describe('a change of a public figure’s role', () => {
  it('is recorded with the date it took effect, after the current role began', () => {
    expect(() =>
      checkRoleChange({ current, kind: 'official', since: new Date('2023-08-22T00:00:00.000Z'), now }),
    ).not.toThrow();
  });

  it('refuses the role the figure already holds, a date in the future, and a date before the current role began', () => {
    expect(() =>
      checkRoleChange({ current, kind: 'head_of_government', since: new Date('2023-08-22T00:00:00.000Z'), now }),
    ).toThrow(/already the current role/);
    expect(() =>
      checkRoleChange({ current, kind: 'official', since: new Date('2023-09-02T00:00:00.000Z'), now }),
    ).toThrow(/cannot be in the future/);
    expect(() =>
      checkRoleChange({ current, kind: 'official', since: new Date('2023-01-18T10:00:00.000Z'), now }),
    ).toThrow(/after the current role began \(2023-01-18\)/);
  });

  it('names the field at fault', () => {
    let caught: unknown;
    try {
      checkRoleChange({ current, kind: 'official', since: new Date('2022-01-01T00:00:00.000Z'), now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'validation_failed', fields: [{ field: '/since' }] });
  });
});

describe('the role a figure held when they posted', () => {
  const roles = [
    {
      kind: 'head_of_government' as const,
      since: new Date('2023-01-18T00:00:00Z'),
      until: new Date('2023-08-22T00:00:00Z'),
    },
    { kind: 'official' as const, since: new Date('2023-08-22T00:00:00Z'), until: null },
  ];

  it('is the dated role whose period covers the moment, not the role held today', () => {
    expect(roleHeldAt(roles, 'official', new Date('2023-06-29T12:00:00Z'))).toBe('head_of_government');
    expect(roleHeldAt(roles, 'official', new Date('2023-08-22T00:00:00Z'))).toBe('official');
    expect(roleHeldAt(roles, 'official', new Date('2026-11-30T00:00:00Z'))).toBe('official');
  });

  it('is the earliest known role before the history begins, and the current role without a history', () => {
    expect(roleHeldAt(roles, 'official', new Date('2023-01-09T00:00:00Z'))).toBe('head_of_government');
    expect(roleHeldAt([], 'minister', new Date('2020-01-01T00:00:00Z'))).toBe('minister');
  });
});
