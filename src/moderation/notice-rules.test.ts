import { describe, expect, it } from 'vitest';
import type { DocketError } from '../core/errors.js';
import {
  checkNotice,
  DEFAULT_NOTICE_RULES,
  LINK_TOKEN,
  linkTokenHash,
  noticeProblems,
  noticeRef,
  originPrefix,
  outcomeForNotifier,
  redressFor,
  unconfirmedExternalId,
} from './notice-rules.js';

const rules = DEFAULT_NOTICE_RULES;
const complete = {
  location: 'https://lumen.example/p/123',
  explanation: 'It threatens a named journalist with violence.',
  policyId: 'violence-incitement',
  name: 'Ana Notifier',
  email: 'ana@example.org',
  goodFaith: true,
};
const fieldsOf = (draft: Parameters<typeof noticeProblems>[0]) => noticeProblems(draft, rules).map((p) => p.field);

describe('what a notice must hold (Art. 16(2))', () => {
  it('takes a complete notice', () => expect(noticeProblems(complete, rules)).toEqual([]));

  it('names every missing field: location, explanation, category, name, e-mail, good faith', () =>
    expect(fieldsOf({})).toEqual(['/location', '/explanation', '/policyId', '/name', '/email', '/goodFaith']));

  it('takes only an http(s) address as the location', () => {
    expect(fieldsOf({ ...complete, location: 'not a url' })).toEqual(['/location']);
    expect(fieldsOf({ ...complete, location: 'ftp://lumen.example/p/1' })).toEqual(['/location']);
    expect(fieldsOf({ ...complete, location: 'javascript:alert(1)' })).toEqual(['/location']);
  });

  it('wants an explanation that says why: at least 20 characters, at most 5000', () => {
    expect(fieldsOf({ ...complete, explanation: 'bad' })).toEqual(['/explanation']);
    expect(fieldsOf({ ...complete, explanation: 'x'.repeat(5_001) })).toEqual(['/explanation']);
  });

  it('requires the good-faith statement to be made, not merely present', () =>
    expect(fieldsOf({ ...complete, goodFaith: false })).toEqual(['/goodFaith']));

  it('lets a notice of child sexual abuse material come without name and e-mail, and no other', () => {
    const anonymous = { ...complete, name: undefined, email: undefined };
    expect(fieldsOf(anonymous)).toEqual(['/name', '/email']);
    expect(fieldsOf({ ...anonymous, childSexualAbuse: true })).toEqual([]);
  });

  it('checks an e-mail given even when it is optional', () =>
    expect(fieldsOf({ ...complete, childSexualAbuse: true, email: 'nobody' })).toEqual(['/email']));

  it('refuses a notice whose hidden field is filled in, naming it', () => {
    expect(() => noticeProblems({ ...complete, website: 'https://spam.example' }, rules)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        fields: [{ field: '/website', message: expect.any(String) }],
      }),
    );
  });

  it('refuses with validation_failed and every field at fault', () => {
    const refusal = (() => {
      try {
        checkNotice({ ...complete, location: '', goodFaith: false }, rules);
      } catch (error) {
        return error as DocketError;
      }
      return null;
    })();
    expect(refusal?.code).toBe('validation_failed');
    expect(refusal?.fields.map((f) => f.field)).toEqual(['/location', '/goodFaith']);
  });
});

describe('references and capability links', () => {
  it('gives a reference of the day and 40 random bits in Crockford base 32', () =>
    expect(noticeRef(new Date('2026-01-12T10:00:00Z'), new Uint8Array([0, 0, 0, 0, 33]))).toBe('N-20260112-00000011'));

  it('stores a hash of the token, never the token, and different tokens hash apart', () => {
    const token = 'a'.repeat(43);
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkTokenHash(token)).not.toContain(token);
    expect(linkTokenHash(token)).not.toBe(linkTokenHash('b'.repeat(43)));
    expect(LINK_TOKEN.test(Buffer.alloc(32).toString('base64url'))).toBe(true);
  });

  it('names content Docket learns of by notice by a hash of its address, the same for the same address', () => {
    expect(unconfirmedExternalId('https://lumen.example/p/9')).toBe(unconfirmedExternalId('https://lumen.example/p/9'));
    expect(unconfirmedExternalId('https://lumen.example/p/9')).toMatch(/^url:[0-9a-f]{40}$/);
  });

  it("finds a platform by its content's origin, with LIKE's wildcards escaped", () => {
    expect(originPrefix('https://lumen.example/p/9?x=1')).toBe('https://lumen.example/%');
    expect(originPrefix('https://my_host.example/p')).toBe('https://my\\_host.example/%');
  });
});

describe('what the notifier is told', () => {
  it('says what the decision means in words', () => {
    expect(outcomeForNotifier('remove')).toBe('The content was removed.');
    expect(outcomeForNotifier('no_violation')).toMatch(/^No action was taken/);
  });

  it('offers the internal complaint for six months from being told, out-of-court settlement, and the courts', () => {
    const redress = redressFor('N-20260112-00000011', new Date('2026-01-31T12:00:00Z'), rules);
    expect(redress.map((r) => r.kind)).toEqual(['internal_complaint', 'out_of_court', 'court']);
    expect(redress[0]?.until).toBe('2026-07-31');
    expect(redress[0]?.text).toContain('N-20260112-00000011');
  });
});
