import { describe, expect, it } from 'vitest';
import { accessEvents } from '../access/events.js';
import { eventCatalogue } from '../events.js';
import { actorOfFilter, AUDIT_CATEGORIES, auditedTypes, categoryOf, dayBounds, streamOfFilter } from './rules.js';

describe('audit categories', () => {
  it('name only event types of the catalogue, and list each type once when all are asked for', () => {
    const all = auditedTypes(undefined);
    expect(all.every((type) => type in eventCatalogue)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(auditedTypes('sign-ins')).toEqual(['signin.succeeded', 'signin.failed']);
    expect(auditedTypes('connectors')).toEqual(['mastodon.connector_set']);
  });

  it('audit every change to users, roles and tokens an administrator can make', () => {
    const audited = new Set<string>(auditedTypes(undefined));
    const accessChanges = Object.keys(accessEvents).filter(
      (type) => type.startsWith('user.') || type.startsWith('token.'),
    );
    expect(accessChanges.filter((type) => !audited.has(type))).toEqual([]);
    expect(auditedTypes('roles')).toContain('user.roles_changed');
  });

  it('label an entry with the first category that lists its type', () => {
    expect(categoryOf('user.created')).toBe('users');
    expect(categoryOf('signin.locked')).toBe('lockouts');
    expect(categoryOf('case.opened')).toBeNull();
    expect(Object.keys(AUDIT_CATEGORIES)).toEqual([
      'users',
      'roles',
      'tokens',
      'webhooks',
      'connectors',
      'policies',
      'sign-ins',
      'lockouts',
      'trusted-flaggers',
      'dispute-bodies',
      'message-templates',
      'misuse-rules',
    ]);
    expect(categoryOf('trusted_flagger.key_issued')).toBe('trusted-flaggers');
    expect(categoryOf('message_template.reverted')).toBe('message-templates');
    expect(categoryOf('misuse.rules_changed')).toBe('misuse-rules');
    // A measure taken against a person is not an administrative change: it is on the person's record, not here.
    expect(categoryOf('misuse.measure_taken')).toBeNull();
  });
});

describe('audit filters as typed', () => {
  it('take an actor as the log writes it, a username, or an address', () => {
    expect(actorOfFilter('system:cli', null)).toBe('system:cli');
    expect(actorOfFilter('root', 'u-1')).toBe('user:u-1');
    expect(actorOfFilter('203.0.113.9', null)).toBe('address:203.0.113.9');
  });

  it('take a subject as a stream, or a username: the user, or the sign-in attempts for a name no user has', () => {
    expect(streamOfFilter('token/t-1', null)).toBe('token/t-1');
    expect(streamOfFilter('Root', 'u-1')).toBe('user/u-1');
    expect(streamOfFilter('Nobody', null)).toBe('sign-in/nobody');
  });

  it('take days in UTC, the last one whole', () => {
    expect(dayBounds('2026-11-01', '2026-11-30')).toEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      until: new Date('2026-12-01T00:00:00.000Z'),
    });
    expect(dayBounds(undefined, undefined)).toEqual({ from: null, until: null });
  });
});
