import type { ContentOutcome } from '../core/outcomes.js';
import type { PolicySection } from './contract.js';
import type { PolicyDraft } from './rules.js';

/** The policy library a new Docket starts with: version 1 of each policy, edited by policy staff from then on. */
const ALL: ContentOutcome[] = ['no_violation', 'remove', 'warning_screen', 'keep_newsworthy', 'restrict_visibility'];
const SEVERE: ContentOutcome[] = ['no_violation', 'remove'];

const section = (
  id: string,
  title: string,
  severity: number,
  text: string,
  options: { severe?: boolean; outcomes?: ContentOutcome[] } = {},
): PolicySection => ({
  id,
  title,
  text,
  severity,
  severe: options.severe ?? false,
  allowedOutcomes: options.outcomes ?? (options.severe ? SEVERE : ALL),
});

export const DEFAULT_LIBRARY: Record<string, PolicyDraft> = {
  'violence-incitement': {
    title: 'Violence and Incitement',
    summary: 'Language that incites or facilitates serious violence, or threatens people with it.',
    sections: [
      section(
        'threats-of-violence',
        'Threats of violence',
        5,
        'Statements of intent, calls or conditional threats to commit violence against people, including threats to send others to harm them.',
      ),
      section(
        'incitement',
        'Incitement',
        5,
        'Calls for violence against people or groups, or statements advocating it.',
      ),
      section(
        'coordinating-harm',
        'Coordinating harm',
        4,
        'Content that organises or facilitates violent acts, including naming targets or locations.',
      ),
    ],
  },
  'hate-speech': {
    title: 'Hate Speech',
    summary: 'Direct attacks on people on the basis of protected characteristics.',
    sections: [
      section(
        'dehumanising-speech',
        'Dehumanising speech',
        4,
        'Comparisons of people with protected characteristics to animals, disease or filth.',
      ),
      section(
        'attacks-on-protected-groups',
        'Attacks on protected groups',
        4,
        'Violent or degrading speech, calls for exclusion or segregation based on protected characteristics.',
      ),
      section('slurs', 'Slurs', 3, 'Words that attack people on the basis of protected characteristics.'),
    ],
  },
  'bullying-harassment': {
    title: 'Bullying and Harassment',
    summary: 'Targeted abuse of people, with more protection for private individuals than public figures.',
    sections: [
      section(
        'targeted-harassment',
        'Targeted harassment',
        3,
        'Repeated unwanted contact, degrading content or calls for harassment aimed at a person.',
      ),
      section(
        'doxxing',
        'Exposing private information',
        4,
        "Sharing a person's private address, contact or identity details to expose them to harm.",
      ),
    ],
  },
  'dangerous-organizations': {
    title: 'Dangerous Organizations and Individuals',
    summary: 'Terrorist, violent criminal and hate organisations, and praise or support of them.',
    sections: [
      section(
        'terrorism',
        'Terrorism',
        5,
        'Content by or in support of terrorist organisations, or depicting terrorist attacks to glorify them.',
        { severe: true },
      ),
      section(
        'praise-and-support',
        'Praise and support',
        4,
        'Praise, substantive support or representation of designated violent organisations.',
      ),
    ],
  },
  misinformation: {
    title: 'Misinformation',
    summary: 'False claims likely to contribute to imminent harm or to interfere with elections.',
    sections: [
      section(
        'harmful-health-claims',
        'Harmful health claims',
        3,
        'False claims about cures or treatments likely to lead to physical harm.',
      ),
      section(
        'election-interference',
        'Election interference',
        4,
        'False information about when, where or how to vote, or calls to interfere with voting.',
      ),
      section('manipulated-media', 'Manipulated media', 3, 'Media edited to mislead about what a person said or did.'),
    ],
  },
  spam: {
    title: 'Spam',
    summary: 'Deceptive, repetitive or commercial content that degrades the service.',
    sections: [
      section('commercial-spam', 'Commercial spam', 1, 'Repetitive or deceptive commercial content.', {
        outcomes: ['no_violation', 'remove', 'restrict_visibility'],
      }),
      section('fake-engagement', 'Fake engagement', 2, 'Buying, selling or automating likes, follows or views.', {
        outcomes: ['no_violation', 'remove', 'restrict_visibility'],
      }),
    ],
  },
  'child-safety': {
    title: 'Child Safety',
    summary: 'Content that sexually exploits or endangers children.',
    sections: [
      section(
        'child-sexual-exploitation',
        'Child sexual exploitation',
        5,
        'Any content that sexually exploits children.',
        { severe: true },
      ),
    ],
  },
};
