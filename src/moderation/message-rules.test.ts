import { describe, expect, it } from 'vitest';
import type { DocketError } from '../core/errors.js';
import {
  checkTemplate,
  MESSAGE_KEYS,
  MESSAGE_LANGUAGES,
  MESSAGES,
  messageLanguage,
  overridesOf,
  preferredLanguage,
  sayer,
  templateOf,
} from './message-rules.js';
import { complaintStateText } from './complaint-rules.js';
import { DEFAULT_NOTICE_RULES, outcomeForNotifier, redressFor } from './notice-rules.js';
import { statementOfReasons, type StatementInput } from './statement.js';

describe('the language a message goes out in', () => {
  it("is the recipient's where known and shipped, else the content's, else English", () => {
    expect(messageLanguage({ recipient: 'de', content: 'fr' })).toBe('de');
    expect(messageLanguage({ recipient: 'fr-BE', content: 'de' })).toBe('fr');
    expect(messageLanguage({ recipient: null, content: 'es' })).toBe('es');
    expect(messageLanguage({ recipient: 'it', content: 'es-MX' })).toBe('es');
    expect(messageLanguage({ recipient: 'it', content: 'pl' })).toBe('en');
    expect(messageLanguage({})).toBe('en');
  });

  it("takes the browser's most preferred shipped language from Accept-Language, by quality then order", () => {
    expect(preferredLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toBe('fr');
    expect(preferredLanguage('it, de;q=0.5, es;q=0.8')).toBe('es');
    expect(preferredLanguage('en;q=0.5, de;q=0.5')).toBe('en');
    expect(preferredLanguage('it, pl')).toBeNull();
    expect(preferredLanguage('de;q=0')).toBeNull();
    expect(preferredLanguage(undefined)).toBeNull();
  });
});

describe('the shipped templates', () => {
  it('exist for every message in English, French, German and Spanish, and pass their own check', () => {
    for (const key of MESSAGE_KEYS)
      for (const language of MESSAGE_LANGUAGES) {
        expect(MESSAGES[key].defaults[language], `${key} ${language}`).toBeTruthy();
        expect(
          () => checkTemplate(key, language, MESSAGES[key].defaults[language]),
          `${key} ${language}`,
        ).not.toThrow();
      }
  });

  it("tell the notifier the outcome in each language, with the day in that language's words", () => {
    const intro = (language: (typeof MESSAGE_LANGUAGES)[number]) =>
      sayer(language)('notifier.outcome.intro', { ref: 'N-1', decidedOn: new Date('2026-06-02T23:30:00Z') });
    expect(intro('en')).toBe('Your notice N-1 was decided on June 2, 2026.');
    expect(intro('fr')).toBe('Une décision a été prise le 2 juin 2026 sur votre notification N-1.');
    expect(intro('de')).toBe('Über Ihre Meldung N-1 wurde am 2. Juni 2026 entschieden.');
    expect(intro('es')).toBe('Su notificación N-1 fue resuelta el 2 de junio de 2026.');
    expect(outcomeForNotifier('remove')).toBe('The content was removed.');
    expect(outcomeForNotifier('remove', sayer('fr'))).toBe('Le contenu a été retiré.');
    expect(outcomeForNotifier('remove', sayer('de'))).toBe('Der Inhalt wurde entfernt.');
    expect(outcomeForNotifier('remove', sayer('es'))).toBe('El contenido ha sido retirado.');
  });

  it('give the redress in the legal terms of each language version of the DSA', () => {
    const notified = new Date('2026-01-15T10:00:00Z');
    const texts = (language: (typeof MESSAGE_LANGUAGES)[number]) =>
      redressFor('N-1', notified, DEFAULT_NOTICE_RULES, sayer(language)).map((r) => `${r.title}: ${r.text}`);
    expect(texts('en')[0]).toContain('free of charge, until July 15, 2026 (EU Digital Services Act, Art. 20)');
    expect(texts('fr')[1]).toContain('organe de règlement extrajudiciaire des litiges certifié');
    expect(texts('fr')[0]).toContain('jusqu’au 15 juillet 2026 (règlement sur les services numériques, article 20)');
    expect(texts('de')[1]).toContain('zertifizierten außergerichtlichen Streitbeilegungsstelle');
    expect(texts('de')[0]).toContain('bis zum 15. Juli 2026 kostenlos Beschwerde');
    expect(texts('es')[1]).toContain('órgano de resolución extrajudicial de litigios certificado');
    expect(texts('es')[0]).toContain('hasta el 15 de julio de 2026 (Reglamento de Servicios Digitales, artículo 20)');
    expect(redressFor('N-1', notified, DEFAULT_NOTICE_RULES, sayer('de'))[0]?.until).toBe('2026-07-15');
  });

  it('sum up the statement of reasons for the affected user in their language, account measures and tool included', () => {
    const input: StatementInput = {
      outcome: 'remove',
      accountMeasures: [{ kind: 'suspend_account', endsAt: new Date('2026-02-01T00:00:00Z') }],
      policyId: 'hate',
      policyTitle: 'Hate speech',
      sectionId: 'slurs',
      sectionTitle: 'Slurs',
      policyVersion: 3,
      dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      facts: 'A slur.',
      contentType: 'text',
      territorialScope: ['DE'],
      source: 'user',
      automatedDetection: true,
      automatedDecision: 'partially',
      automation: { tool: 'hashmatch', toolVersion: '2.1', score: 0.97, humanReviewed: true },
      postedAt: null,
      decidedAt: new Date('2026-01-01T00:00:00Z'),
      appealUntil: new Date('2026-07-01T00:00:00Z'),
    };
    expect(statementOfReasons(input).summary).toBe(
      'We removed your content. Ground: Hate speech, section "Slurs" (hate/slurs, version 3). This decision was proposed by automated means (hashmatch 2.1) and reviewed by a person. Account measures: suspend account until February 1, 2026. You can appeal until July 1, 2026; you may also use a certified out-of-court dispute settlement body (listed at /dispute-bodies) or the courts.',
    );
    expect(statementOfReasons(input, sayer('fr')).summary).toBe(
      'Nous avons retiré votre contenu. Motif : Hate speech, section "Slurs" (hate/slurs, version 3). Cette décision a été proposée par des moyens automatisés (hashmatch 2.1) et examinée par une personne. Mesures concernant le compte : suspension du compte jusqu’au 1 février 2026. Vous pouvez introduire une réclamation jusqu’au 1 juillet 2026 ; vous pouvez également vous adresser à un organe certifié de règlement extrajudiciaire des litiges (liste sur /dispute-bodies) ou à une juridiction.',
    );
    expect(statementOfReasons(input, sayer('de')).summary).toContain(
      'Maßnahmen gegen das Konto: Aussetzung des Kontos bis zum 1. Februar 2026.',
    );
    expect(statementOfReasons(input, sayer('es')).summary).toContain('Hemos retirado su contenido.');
  });
});

describe("policy staff's templates", () => {
  const problem = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return { code: (error as DocketError).code, fields: (error as DocketError).fields };
    }
    return null;
  };

  it('take the place of the default in their language only', () => {
    const overrides = overridesOf([{ language: 'fr', key: 'redress.court.title', text: 'Tribunal' }]);
    expect(sayer('fr', overrides)('redress.court.title')).toBe('Tribunal');
    expect(sayer('de', overrides)('redress.court.title')).toBe('Gericht');
    expect(templateOf('redress.court.title', 'fr', overrides)).toBe('Tribunal');
  });

  it('are refused, naming /text, when not ICU MessageFormat, empty, or using an argument the message lacks', () => {
    expect(problem(() => checkTemplate('notifier.outcome.subject', 'en', 'Your notice {ref: decided'))).toMatchObject({
      code: 'validation_failed',
      fields: [{ field: '/text' }],
    });
    expect(problem(() => checkTemplate('notifier.outcome.subject', 'en', '  '))?.fields[0]?.field).toBe('/text');
    const unknown = problem(() => checkTemplate('notifier.outcome.subject', 'en', 'Notice {ref} about {name}'));
    expect(unknown?.fields[0]?.message).toMatch(/uses \{name\}, which this message does not have; it may use \{ref\}/);
    expect(
      problem(() => checkTemplate('notifier.outcome.result', 'de', '{outcome, select, remove {Entfernt.}}'))?.fields[0]
        ?.message,
    ).toMatch(/not valid ICU MessageFormat/);
  });

  it('are taken when they use only their arguments, in any branch, with ICU date and select syntax', () => {
    expect(() =>
      checkTemplate('redress.complaint.text', 'es', 'Reclame antes del {until, date, short} citando {ref}.'),
    ).not.toThrow();
    expect(() =>
      checkTemplate('notifier.outcome.result', 'en', '{outcome, select, remove {Gone.} other {Not removed.}}'),
    ).not.toThrow();
  });

  it('fall back to the shipped default should a saved one no longer format', () => {
    const broken = overridesOf([{ language: 'en', key: 'notifier.outcome.subject', text: 'About {ref, date, long}' }]);
    expect(sayer('en', broken)('notifier.outcome.subject', { ref: 'N-1' })).toBe('Your notice N-1: decided');
  });
});

describe('where a complaint stands, told to the complainant', () => {
  it('is said in their language, the English default unchanged', () => {
    expect(complaintStateText('upheld')).toBe('Decided: the decision was reviewed by a person and stands.');
    expect(complaintStateText('reversed', sayer('fr'))).toBe(
      'Tranchée : la décision a été réexaminée par une personne et annulée. Une nouvelle décision la remplace.',
    );
    expect(complaintStateText('closed', sayer('de'))).toMatch(/^Ohne Überprüfung abgeschlossen/);
    expect(complaintStateText('received', sayer('es'))).toMatch(/^Recibida: su reclamación/);
  });
});
