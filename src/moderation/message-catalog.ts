import { ACCOUNT_ACTIONS, CONTENT_OUTCOMES } from '../core/outcomes.js';

/**
 * The messages Docket sends to people outside the platform's staff, shipped in English, French, German and Spanish
 * as ICU MessageFormat (https://unicode-org.github.io/icu/userguide/format_parse/messages/): the notifier's outcome
 * (e-mail and status page), the redress open to them, and the summary of the statement of reasons the affected user
 * receives. Legal terms follow the official language versions of the Digital Services Act (Regulation (EU)
 * 2022/2065). Policy staff override any of them in the console (message-templates.ts); these are the defaults.
 */

export const MESSAGE_LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<MessageLanguage, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
};

/** An argument a message may use: text, a date (formatted in the message's language), or one of a few values. */
export type MessageArgument =
  | { name: string; kind: 'text'; sample: string }
  | { name: string; kind: 'date'; sample: string }
  | { name: string; kind: 'select'; values: readonly string[] };

const text = (name: string, sample: string): MessageArgument => ({ name, kind: 'text', sample });
const date = (name: string): MessageArgument => ({ name, kind: 'date', sample: '2027-06-02' });
const select = (name: string, values: readonly string[]): MessageArgument => ({ name, kind: 'select', values });

const MEASURES = [...ACCOUNT_ACTIONS, 'block_content_creation', 'warning'] as const;

interface MessageDefinition {
  /** What the message is for and where it appears, for the staff who edit it. */
  description: string;
  arguments: readonly MessageArgument[];
  defaults: Record<MessageLanguage, string>;
}

export const MESSAGES = {
  'notifier.receipt': {
    description: "The receipt's message, given at once when a notice is filed (the form's receipt page and the API).",
    arguments: [text('ref', 'N-20260112-7KQ2M9XD')],
    defaults: {
      en: 'Thank you: your notice was received, reference {ref}. Keep the status link: it shows where your notice stands and, once decided, the outcome and how to contest it.',
      fr: 'Merci : votre notification a bien été reçue sous la référence {ref}. Conservez le lien de suivi : il indique où en est votre notification et, une fois la décision prise, son issue et les moyens de la contester.',
      de: 'Vielen Dank: Ihre Meldung ist unter der Referenznummer {ref} eingegangen. Bewahren Sie den Statuslink auf: Er zeigt den Stand Ihrer Meldung und nach der Entscheidung das Ergebnis und wie Sie es anfechten können.',
      es: 'Gracias: su notificación se ha recibido con la referencia {ref}. Conserve el enlace de seguimiento: muestra en qué punto se encuentra su notificación y, una vez resuelta, el resultado y cómo impugnarlo.',
    },
  },
  'notifier.outcome.subject': {
    description: "The subject of the e-mail telling a notifier their notice's outcome.",
    arguments: [text('ref', 'N-20260112-7KQ2M9XD')],
    defaults: {
      en: 'Your notice {ref}: decided',
      fr: 'Votre notification {ref} : décision prise',
      de: 'Ihre Meldung {ref}: Entscheidung getroffen',
      es: 'Su notificación {ref}: decisión adoptada',
    },
  },
  'notifier.outcome.intro': {
    description: "The e-mail's first line: which notice was decided, and when.",
    arguments: [text('ref', 'N-20260112-7KQ2M9XD'), date('decidedOn')],
    defaults: {
      en: 'Your notice {ref} was decided on {decidedOn, date, long}.',
      fr: 'Une décision a été prise le {decidedOn, date, long} sur votre notification {ref}.',
      de: 'Über Ihre Meldung {ref} wurde am {decidedOn, date, long} entschieden.',
      es: 'Su notificación {ref} fue resuelta el {decidedOn, date, long}.',
    },
  },
  'notifier.outcome.result': {
    description: 'What the decision means, told to the notifier (e-mail and status page).',
    arguments: [select('outcome', CONTENT_OUTCOMES)],
    defaults: {
      en: '{outcome, select, no_violation {No action was taken: the content was found to break neither the law cited nor the policies.} remove {The content was removed.} warning_screen {The content stays up behind a warning screen.} keep_newsworthy {The content breaks a policy but stays up, in the public interest (newsworthiness), after a recorded balancing of its value against its harm.} restrict_visibility {The visibility of the content was restricted.} other {The decision: {outcome}.}}',
      fr: '{outcome, select, no_violation {Aucune mesure n’a été prise : le contenu n’enfreint ni la loi invoquée ni les conditions générales.} remove {Le contenu a été retiré.} warning_screen {Le contenu reste en ligne derrière un avertissement.} keep_newsworthy {Le contenu enfreint les conditions générales mais reste en ligne dans l’intérêt du public (valeur informative), après une mise en balance consignée de son intérêt et de ses risques.} restrict_visibility {La visibilité du contenu a été restreinte.} other {La décision : {outcome}.}}',
      de: '{outcome, select, no_violation {Es wurden keine Maßnahmen ergriffen: Der Inhalt verstößt weder gegen das angeführte Recht noch gegen die allgemeinen Geschäftsbedingungen.} remove {Der Inhalt wurde entfernt.} warning_screen {Der Inhalt bleibt hinter einem Warnhinweis abrufbar.} keep_newsworthy {Der Inhalt verstößt gegen die allgemeinen Geschäftsbedingungen, bleibt aber im öffentlichen Interesse (Nachrichtenwert) abrufbar, nach einer dokumentierten Abwägung seines Werts gegen den möglichen Schaden.} restrict_visibility {Die Sichtbarkeit des Inhalts wurde eingeschränkt.} other {Die Entscheidung: {outcome}.}}',
      es: '{outcome, select, no_violation {No se ha adoptado ninguna medida: el contenido no infringe ni la ley invocada ni las condiciones generales.} remove {El contenido ha sido retirado.} warning_screen {El contenido sigue disponible tras una advertencia.} keep_newsworthy {El contenido infringe las condiciones generales, pero sigue disponible por interés público (valor informativo), tras una ponderación documentada de su valor frente al daño que puede causar.} restrict_visibility {Se ha restringido la visibilidad del contenido.} other {La decisión: {outcome}.}}',
    },
  },
  'notifier.outcome.redress_heading': {
    description: 'The heading over the redress in the e-mail and on the status page.',
    arguments: [],
    defaults: {
      en: 'If you disagree',
      fr: 'Si vous êtes en désaccord',
      de: 'Wenn Sie nicht einverstanden sind',
      es: 'Si no está de acuerdo',
    },
  },
  'notifier.outcome.closing': {
    description: "The e-mail's last line.",
    arguments: [],
    defaults: {
      en: 'The status link in your receipt shows the same.',
      fr: 'Le lien de suivi figurant dans votre accusé de réception affiche les mêmes informations.',
      de: 'Der Statuslink in Ihrer Eingangsbestätigung zeigt dieselben Angaben.',
      es: 'El enlace de seguimiento de su acuse de recibo muestra la misma información.',
    },
  },
  'redress.complaint.title': {
    description: "The notifier's first redress: an internal complaint (DSA Art. 20).",
    arguments: [],
    defaults: {
      en: 'Ask for the decision to be reviewed',
      fr: 'Demander le réexamen de la décision',
      de: 'Überprüfung der Entscheidung beantragen',
      es: 'Solicitar la revisión de la decisión',
    },
  },
  'redress.complaint.text': {
    description: 'How and until when the notifier may complain through the internal complaint-handling system.',
    arguments: [date('until'), text('ref', 'N-20260112-7KQ2M9XD')],
    defaults: {
      en: 'You may complain about this decision, free of charge, until {until, date, long} (EU Digital Services Act, Art. 20): on the complaint page your status link opens, or through the platform where the content is, quoting your reference {ref}. A different person reviews it, and not by automated means alone.',
      fr: 'Vous pouvez introduire une réclamation contre cette décision, gratuitement, jusqu’au {until, date, long} (règlement sur les services numériques, article 20) : sur la page de réclamation accessible par votre lien de suivi, ou auprès de la plateforme où se trouve le contenu, en indiquant votre référence {ref}. Elle est examinée par une autre personne, et pas uniquement par des moyens automatisés.',
      de: 'Sie können bis zum {until, date, long} kostenlos Beschwerde gegen diese Entscheidung einlegen (Gesetz über digitale Dienste, Artikel 20): auf der Beschwerdeseite, die Ihr Statuslink öffnet, oder über die Plattform, auf der sich der Inhalt befindet, unter Angabe Ihrer Referenznummer {ref}. Die Beschwerde prüft eine andere Person, nicht allein automatisierte Mittel.',
      es: 'Puede presentar una reclamación contra esta decisión, de forma gratuita, hasta el {until, date, long} (Reglamento de Servicios Digitales, artículo 20): en la página de reclamación que abre su enlace de seguimiento, o a través de la plataforma en la que se encuentra el contenido, indicando su referencia {ref}. La examina otra persona, y no únicamente por medios automatizados.',
    },
  },
  'redress.out_of_court.title': {
    description: "The notifier's second redress: out-of-court dispute settlement (DSA Art. 21).",
    arguments: [],
    defaults: {
      en: 'Out-of-court dispute settlement',
      fr: 'Règlement extrajudiciaire des litiges',
      de: 'Außergerichtliche Streitbeilegung',
      es: 'Resolución extrajudicial de litigios',
    },
  },
  'redress.out_of_court.text': {
    description: 'What a certified out-of-court dispute settlement body is and does.',
    arguments: [],
    defaults: {
      en: 'You may take the dispute to an out-of-court dispute settlement body certified under Art. 21 of the Digital Services Act. Its decision is not binding on you, and the platform must engage with it in good faith.',
      fr: 'Vous pouvez soumettre le litige à un organe de règlement extrajudiciaire des litiges certifié conformément à l’article 21 du règlement sur les services numériques. Sa décision ne vous lie pas, et la plateforme est tenue de collaborer de bonne foi avec cet organe.',
      de: 'Sie können die Streitigkeit einer nach Artikel 21 des Gesetzes über digitale Dienste zertifizierten außergerichtlichen Streitbeilegungsstelle vorlegen. Ihre Entscheidung ist für Sie nicht bindend, und die Plattform muss sich nach Treu und Glauben mit ihr auseinandersetzen.',
      es: 'Puede someter el litigio a un órgano de resolución extrajudicial de litigios certificado conforme al artículo 21 del Reglamento de Servicios Digitales. Su decisión no es vinculante para usted, y la plataforma debe colaborar de buena fe con dicho órgano.',
    },
  },
  'redress.court.title': {
    description: "The notifier's third redress: the courts.",
    arguments: [],
    defaults: { en: 'Court', fr: 'Juridiction', de: 'Gericht', es: 'Tribunales' },
  },
  'redress.court.text': {
    description: 'That the courts stay open whatever else is chosen.',
    arguments: [],
    defaults: {
      en: 'Whatever you choose above, you may also go to court under the law of your country.',
      fr: 'Quel que soit votre choix ci-dessus, vous pouvez également saisir une juridiction conformément au droit de votre pays.',
      de: 'Unabhängig von Ihrer Wahl können Sie auch nach dem Recht Ihres Landes ein Gericht anrufen.',
      es: 'Con independencia de lo que elija, también puede acudir a los tribunales conforme al Derecho de su país.',
    },
  },
  'complaint.state': {
    description: "Where the complainant's complaint stands, on the complaint page their link opens.",
    arguments: [select('state', ['received', 'upheld', 'reversed', 'closed'])],
    defaults: {
      en: '{state, select, received {Received: your complaint waits for a reviewer other than the person who took the decision. This page shows the outcome once it is decided.} upheld {Decided: the decision was reviewed by a person and stands.} reversed {Decided: the decision was reviewed by a person and reversed. A new decision replaces it.} other {Closed without a review: the decision no longer stands, because it was reversed another way. The decision that replaces it comes with its own notice.}}',
      fr: '{state, select, received {Reçue : votre réclamation attend d’être examinée par une autre personne que celle qui a pris la décision. Cette page en affichera l’issue dès qu’elle aura été tranchée.} upheld {Tranchée : la décision a été réexaminée par une personne et est maintenue.} reversed {Tranchée : la décision a été réexaminée par une personne et annulée. Une nouvelle décision la remplace.} other {Clôturée sans réexamen : la décision n’est plus en vigueur, car elle a été annulée par une autre voie. La décision qui la remplace est accompagnée de son propre exposé des motifs.}}',
      de: '{state, select, received {Eingegangen: Ihre Beschwerde wartet auf die Prüfung durch eine andere Person als diejenige, die die Entscheidung getroffen hat. Diese Seite zeigt das Ergebnis, sobald darüber entschieden ist.} upheld {Entschieden: Die Entscheidung wurde von einem Menschen überprüft und bleibt bestehen.} reversed {Entschieden: Die Entscheidung wurde von einem Menschen überprüft und aufgehoben. Eine neue Entscheidung ersetzt sie.} other {Ohne Überprüfung abgeschlossen: Die Entscheidung gilt nicht mehr, weil sie auf anderem Weg aufgehoben wurde. Die Entscheidung, die sie ersetzt, wird mit einer eigenen Begründung mitgeteilt.}}',
      es: '{state, select, received {Recibida: su reclamación espera a ser examinada por una persona distinta de la que adoptó la decisión. Esta página mostrará el resultado en cuanto se resuelva.} upheld {Resuelta: la decisión ha sido revisada por una persona y se mantiene.} reversed {Resuelta: la decisión ha sido revisada por una persona y revocada. Una nueva decisión la sustituye.} other {Cerrada sin revisión: la decisión ya no está en vigor porque fue revocada por otra vía. La decisión que la sustituye se comunica con su propia exposición de motivos.}}',
    },
  },
  'statement.outcome': {
    description: "The first sentence of the statement of reasons' summary, to the affected user: what was done.",
    arguments: [select('outcome', CONTENT_OUTCOMES)],
    defaults: {
      en: '{outcome, select, no_violation {We reviewed your content and found that it does not break our rules; it stays up.} keep_newsworthy {Your content breaks our rules but stays up because the public interest in it outweighs the risk of harm.} remove {We removed your content.} warning_screen {We placed a warning screen over your content.} restrict_visibility {We reduced how widely your content is shown.} other {The decision: {outcome}.}}',
      fr: '{outcome, select, no_violation {Nous avons examiné votre contenu et constaté qu’il n’enfreint pas nos conditions générales ; il reste en ligne.} keep_newsworthy {Votre contenu enfreint nos conditions générales mais reste en ligne, car l’intérêt du public à y accéder l’emporte sur le risque de préjudice.} remove {Nous avons retiré votre contenu.} warning_screen {Nous avons placé un avertissement devant votre contenu.} restrict_visibility {Nous avons réduit la diffusion de votre contenu.} other {La décision : {outcome}.}}',
      de: '{outcome, select, no_violation {Wir haben Ihren Inhalt geprüft und festgestellt, dass er nicht gegen unsere allgemeinen Geschäftsbedingungen verstößt; er bleibt abrufbar.} keep_newsworthy {Ihr Inhalt verstößt gegen unsere allgemeinen Geschäftsbedingungen, bleibt aber abrufbar, weil das öffentliche Interesse daran die Gefahr eines Schadens überwiegt.} remove {Wir haben Ihren Inhalt entfernt.} warning_screen {Wir haben Ihren Inhalt hinter einen Warnhinweis gestellt.} restrict_visibility {Wir haben die Reichweite Ihres Inhalts eingeschränkt.} other {Die Entscheidung: {outcome}.}}',
      es: '{outcome, select, no_violation {Hemos examinado su contenido y hemos comprobado que no infringe nuestras condiciones generales; sigue disponible.} keep_newsworthy {Su contenido infringe nuestras condiciones generales, pero sigue disponible porque el interés público en él es mayor que el riesgo de daño.} remove {Hemos retirado su contenido.} warning_screen {Hemos colocado una advertencia delante de su contenido.} restrict_visibility {Hemos reducido la difusión de su contenido.} other {La decisión: {outcome}.}}',
    },
  },
  'statement.warning_screen': {
    description: 'Added when content kept up is shown behind a warning screen.',
    arguments: [],
    defaults: {
      en: 'It is shown behind a warning screen.',
      fr: 'Il est affiché derrière un avertissement.',
      de: 'Er wird hinter einem Warnhinweis angezeigt.',
      es: 'Se muestra tras una advertencia.',
    },
  },
  'statement.ground_terms': {
    description: 'The ground when the decision rests on the terms: the policy section, its id and version.',
    arguments: [text('ground', 'Hate speech, section "Slurs" (hate-speech/slurs, version 3)')],
    defaults: { en: 'Ground: {ground}.', fr: 'Motif : {ground}.', de: 'Grund: {ground}.', es: 'Motivo: {ground}.' },
  },
  'statement.ground_illegal': {
    description:
      'The ground when the decision rests on illegal content (DSA Art. 17(3)(d)): the legal provision, the Member States and why.',
    arguments: [
      text('provision', 'Strafgesetzbuch § 130'),
      text('memberStates', 'DE, AT'),
      text('explanation', 'It incites hatred against a group.'),
      text('ground', 'Hate speech, section "Slurs" (hate-speech/slurs, version 3)'),
    ],
    defaults: {
      en: 'Ground: the content is illegal under {provision} in {memberStates}: {explanation} (assessed under {ground}).',
      fr: 'Motif : le contenu est illicite au regard de {provision} (États membres concernés : {memberStates}). {explanation} (apprécié au regard de {ground}).',
      de: 'Grund: Der Inhalt ist nach {provision} rechtswidrig (betroffene Mitgliedstaaten: {memberStates}). {explanation} (geprüft nach {ground}).',
      es: 'Motivo: el contenido es ilícito con arreglo a {provision} (Estados miembros afectados: {memberStates}). {explanation} (evaluado con arreglo a {ground}).',
    },
  },
  'statement.automated': {
    description: 'Whether automated means took the decision (DSA Art. 17(3)(c)), naming the tool.',
    arguments: [select('means', ['fully', 'partially']), text('tool', 'hashmatch 2.1')],
    defaults: {
      en: '{means, select, fully {This decision was taken by automated means ({tool}) without human review.} other {This decision was proposed by automated means ({tool}) and reviewed by a person.}}',
      fr: '{means, select, fully {Cette décision a été prise par des moyens automatisés ({tool}), sans examen humain.} other {Cette décision a été proposée par des moyens automatisés ({tool}) et examinée par une personne.}}',
      de: '{means, select, fully {Diese Entscheidung wurde mit automatisierten Mitteln ({tool}) ohne menschliche Überprüfung getroffen.} other {Diese Entscheidung wurde mit automatisierten Mitteln ({tool}) vorgeschlagen und von einem Menschen überprüft.}}',
      es: '{means, select, fully {Esta decisión se adoptó por medios automatizados ({tool}) sin revisión humana.} other {Esta decisión fue propuesta por medios automatizados ({tool}) y revisada por una persona.}}',
    },
  },
  'statement.automated_tool': {
    description: 'The tool named when the decision does not say which automated system it was.',
    arguments: [],
    defaults: {
      en: 'an automated system',
      fr: 'un système automatisé',
      de: 'ein automatisiertes System',
      es: 'un sistema automatizado',
    },
  },
  'statement.measure': {
    description: 'One account measure, and until when it lasts when it ends.',
    arguments: [select('kind', MEASURES), select('ends', ['yes', 'no']), date('until')],
    defaults: {
      en: '{kind, select, strike {strike} feature_limit {feature limit} restrict_account {restrict account} suspend_account {suspend account} disable_account {disable account} block_content_creation {block content creation} warning {warning} other {{kind}}}{ends, select, yes { until {until, date, long}} other {}}',
      fr: '{kind, select, strike {avertissement enregistré (strike)} feature_limit {limitation de fonctionnalités} restrict_account {restriction du compte} suspend_account {suspension du compte} disable_account {résiliation du compte} block_content_creation {blocage de la publication de contenus} warning {avertissement} other {{kind}}}{ends, select, yes { jusqu’au {until, date, long}} other {}}',
      de: '{kind, select, strike {Verwarnung (Strike)} feature_limit {Einschränkung von Funktionen} restrict_account {Einschränkung des Kontos} suspend_account {Aussetzung des Kontos} disable_account {Kündigung des Kontos} block_content_creation {Sperre für das Veröffentlichen von Inhalten} warning {Warnung} other {{kind}}}{ends, select, yes { bis zum {until, date, long}} other {}}',
      es: '{kind, select, strike {amonestación (strike)} feature_limit {limitación de funciones} restrict_account {restricción de la cuenta} suspend_account {suspensión de la cuenta} disable_account {cancelación de la cuenta} block_content_creation {bloqueo de la publicación de contenidos} warning {advertencia} other {{kind}}}{ends, select, yes { hasta el {until, date, long}} other {}}',
    },
  },
  'statement.measures': {
    description: 'The account measures taken, as a list of the measures above.',
    arguments: [text('measures', 'suspend account until June 2, 2027')],
    defaults: {
      en: 'Account measures: {measures}.',
      fr: 'Mesures concernant le compte : {measures}.',
      de: 'Maßnahmen gegen das Konto: {measures}.',
      es: 'Medidas relativas a la cuenta: {measures}.',
    },
  },
  'statement.redress': {
    description:
      "The affected user's redress in the summary: the internal complaint until a day, DSA Art. 21 bodies, courts.",
    arguments: [date('until')],
    defaults: {
      en: 'You can appeal until {until, date, long}; you may also use a certified out-of-court dispute settlement body (listed at /dispute-bodies) or the courts.',
      fr: 'Vous pouvez introduire une réclamation jusqu’au {until, date, long} ; vous pouvez également vous adresser à un organe certifié de règlement extrajudiciaire des litiges (liste sur /dispute-bodies) ou à une juridiction.',
      de: 'Sie können bis zum {until, date, long} Beschwerde einlegen; Sie können sich auch an eine zertifizierte außergerichtliche Streitbeilegungsstelle (Verzeichnis unter /dispute-bodies) oder an ein Gericht wenden.',
      es: 'Puede presentar una reclamación hasta el {until, date, long}; también puede acudir a un órgano certificado de resolución extrajudicial de litigios (lista en /dispute-bodies) o a los tribunales.',
    },
  },
} as const satisfies Record<string, MessageDefinition>;

export type MessageKey = keyof typeof MESSAGES;
export const MESSAGE_KEYS = Object.keys(MESSAGES) as MessageKey[];
