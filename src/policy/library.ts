import type { TdbKeyword } from '../core/dsa-tdb-enums.js';
import type { ContentOutcome } from '../core/outcomes.js';
import type { PolicySection } from './contract.js';
import type { PolicyDraft } from './rules.js';

/**
 * The policy library a new Docket starts with: version 1 of each policy, edited by policy staff from then on. Each
 * policy carries its EU DSA Transparency Database category and each section the database's keywords for it.
 */
const ALL: ContentOutcome[] = ['no_violation', 'remove', 'warning_screen', 'keep_newsworthy', 'restrict_visibility'];
const SEVERE: ContentOutcome[] = ['no_violation', 'remove'];

const section = (
  id: string,
  title: string,
  severity: number,
  text: string,
  options: { severe?: boolean; outcomes?: ContentOutcome[]; keywords?: TdbKeyword[]; otherKeyword?: string } = {},
): PolicySection => ({
  id,
  title,
  text,
  severity,
  severe: options.severe ?? false,
  allowedOutcomes: options.outcomes ?? (options.severe ? SEVERE : ALL),
  ...(options.keywords ? { dsaKeywords: options.keywords } : {}),
  ...(options.otherKeyword ? { dsaOtherKeyword: options.otherKeyword } : {}),
});

/** A section the database's keyword list does not name: KEYWORD_OTHER, with what it stands for. */
const other = (words: string) => ({ keywords: ['KEYWORD_OTHER' as const], otherKeyword: words });

export const DEFAULT_LIBRARY: Record<string, PolicyDraft> = {
  'violence-incitement': {
    title: 'Violence and Incitement',
    summary: 'Language that incites or facilitates serious violence, or threatens people with it.',
    dsaCategory: 'STATEMENT_CATEGORY_VIOLENCE',
    sections: [
      section(
        'threats-of-violence',
        'Threats of violence',
        5,
        'Statements of intent, calls or conditional threats to commit violence against people, including threats to send others to harm them.',
        other('Threats of violence against people'),
      ),
      section(
        'incitement',
        'Incitement',
        5,
        'Calls for violence against people or groups, or statements advocating it.',
        { keywords: ['KEYWORD_INCITEMENT_VIOLENCE_HATRED'] },
      ),
      section(
        'coordinating-harm',
        'Coordinating harm',
        4,
        'Content that organises or facilitates violent acts, including naming targets or locations.',
        { keywords: ['KEYWORD_COORDINATED_HARM'] },
      ),
    ],
  },
  'hate-speech': {
    title: 'Hate Speech',
    summary: 'Direct attacks on people on the basis of protected characteristics.',
    dsaCategory: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    sections: [
      section(
        'dehumanising-speech',
        'Dehumanising speech',
        4,
        'Comparisons of people with protected characteristics to animals, disease or filth.',
        { keywords: ['KEYWORD_HATE_SPEECH'] },
      ),
      section(
        'attacks-on-protected-groups',
        'Attacks on protected groups',
        4,
        'Violent or degrading speech, calls for exclusion or segregation based on protected characteristics.',
        { keywords: ['KEYWORD_HATE_SPEECH', 'KEYWORD_DISCRIMINATION'] },
      ),
      section('slurs', 'Slurs', 3, 'Words that attack people on the basis of protected characteristics.', {
        keywords: ['KEYWORD_HATE_SPEECH'],
      }),
    ],
  },
  'bullying-harassment': {
    title: 'Bullying and Harassment',
    summary: 'Targeted abuse of people, with more protection for private individuals than public figures.',
    dsaCategory: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
    sections: [
      section(
        'targeted-harassment',
        'Targeted harassment',
        3,
        'Repeated unwanted contact, degrading content or calls for harassment aimed at a person.',
        { keywords: ['KEYWORD_CYBER_HARASSMENT', 'KEYWORD_CYBER_BULLYING_INTIMIDATION'] },
      ),
      section(
        'doxxing',
        'Exposing private information',
        4,
        "Sharing a person's private address, contact or identity details to expose them to harm.",
        { keywords: ['KEYWORD_CYBER_HARASSMENT'] },
      ),
    ],
  },
  'dangerous-organizations': {
    title: 'Dangerous Organizations and Individuals',
    summary: 'Terrorist, violent criminal and hate organisations, and praise or support of them.',
    dsaCategory: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    sections: [
      section(
        'terrorism',
        'Terrorism',
        5,
        'Content by or in support of terrorist organisations, or depicting terrorist attacks to glorify them.',
        { severe: true, keywords: ['KEYWORD_TERRORIST_CONTENT'] },
      ),
      section(
        'praise-and-support',
        'Praise and support',
        4,
        'Praise, substantive support or representation of designated violent organisations.',
        { keywords: ['KEYWORD_ILLEGAL_ORGANIZATIONS'] },
      ),
    ],
  },
  misinformation: {
    title: 'Misinformation',
    summary: 'False claims likely to contribute to imminent harm or to interfere with elections.',
    dsaCategory: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
    sections: [
      section(
        'harmful-health-claims',
        'Harmful health claims',
        3,
        'False claims about cures or treatments likely to lead to physical harm.',
        { keywords: ['KEYWORD_MISINFORMATION_DISINFORMATION', 'KEYWORD_RISK_PUBLIC_HEALTH'] },
      ),
      section(
        'election-interference',
        'Election interference',
        4,
        'False information about when, where or how to vote, or calls to interfere with voting.',
        { keywords: ['KEYWORD_MISINFORMATION_DISINFORMATION'] },
      ),
      section('manipulated-media', 'Manipulated media', 3, 'Media edited to mislead about what a person said or did.', {
        keywords: ['KEYWORD_MISINFORMATION_DISINFORMATION'],
      }),
    ],
  },
  spam: {
    title: 'Spam',
    summary: 'Deceptive, repetitive or commercial content that degrades the service.',
    dsaCategory: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
    sections: [
      section('commercial-spam', 'Commercial spam', 1, 'Repetitive or deceptive commercial content.', {
        outcomes: ['no_violation', 'remove', 'restrict_visibility'],
        ...other('Commercial spam'),
      }),
      section('fake-engagement', 'Fake engagement', 2, 'Buying, selling or automating likes, follows or views.', {
        outcomes: ['no_violation', 'remove', 'restrict_visibility'],
        ...other('Fake engagement: bought or automated likes, follows or views'),
      }),
    ],
  },
  'child-safety': {
    title: 'Child Safety',
    summary: 'Content that sexually exploits or endangers children.',
    dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    sections: [
      section(
        'child-sexual-exploitation',
        'Child sexual exploitation',
        5,
        'Any content that sexually exploits children.',
        {
          severe: true,
          keywords: ['KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL', 'KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS'],
        },
      ),
    ],
  },
};
