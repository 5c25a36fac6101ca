import { describe, expect, it } from 'vitest';
import { actorLabel, userOfActor } from './people.js';

describe('who did something, as a reviewer reads it', () => {
  const names = new Map([['0190a4d2-0000-7000-8000-000000000001', 'Mina Okafor']]);

  it('names staff by display name, and a deleted account neutrally, never by id', () => {
    expect(actorLabel('user:0190a4d2-0000-7000-8000-000000000001', names)).toBe('Mina Okafor');
    expect(actorLabel('user:0190a4d2-0000-7000-8000-0000000000ff', names)).toBe('a former staff member');
  });

  it('says what a machine actor is', () => {
    expect(actorLabel('integration:0190a4d2-0000-7000-8000-00000000000a', names)).toBe("the platform's integration");
    expect(actorLabel('system:scheduler', names)).toBe('Docket, automatically');
    expect(actorLabel('cli:root', names)).toBe('an operator, at the command line');
  });

  it('finds the user an actor names', () => {
    expect(userOfActor('user:abc')).toBe('abc');
    expect(userOfActor('system:scheduler')).toBeNull();
  });
});
