/**
 * The words of the hosted public pages, in every language they are offered in.
 * Pledge content (title, body, questions, next steps) comes from the pledge itself;
 * these are only the page's own labels.
 */
export const pageLocales = ['fr', 'en'] as const;
export type PageLocale = (typeof pageLocales)[number];

export interface PageStrings {
  languageName: string;
  switchLanguage: string;
  /** `{count}` is replaced by the formatted number; `one` for 1 (and 0 in French). */
  signatures: { one: string; other: string };
  goal: (goal: string) => string;
  progressLabel: string;
  signHeading: string;
  email: string;
  name: string;
  postalCode: string;
  optional: string;
  required: string;
  honeypot: string;
  submit: string;
  powNote: string;
  powLabel: string;
  powFailed: string;
  closed: string;
  closedText: string;
  errorSummary: string;
  /** Between a label and its message: French puts a space before the colon. */
  colon: string;
  fieldInvalid: string;
  notFoundTitle: string;
  notFoundText: string;
  rateLimitedTitle: string;
  rateLimitedText: (seconds: number) => string;
  thanksTitle: string;
  thanksText: string;
  checkInbox: string;
  nextSteps: string;
  share: string;
  shareIntro: string;
  copyLink: string;
  copied: string;
  linkLabel: string;
  mastodonInstance: string;
  mastodonGo: string;
  mastodonContinue: (instance: string) => string;
  mastodonInvalid: string;
  email_share: string;
  confirmedTitle: string;
  confirmedText: string;
  confirmInvalidTitle: string;
  confirmInvalidText: string;
  back: string;
  poweredBy: string;
  liveUpdates: string;
  errorTitle: string;
  tooLarge: string;
  wrongType: string;
}

const fr: PageStrings = {
  languageName: 'Français',
  switchLanguage: 'Langue',
  signatures: { one: '{count} signature', other: '{count} signatures' },
  goal: (goal) => `objectif ${goal}`,
  progressLabel: 'Progression vers l’objectif',
  signHeading: 'Je signe',
  email: 'Adresse e-mail',
  name: 'Nom',
  postalCode: 'Code postal',
  optional: 'facultatif',
  required: 'obligatoire',
  honeypot: 'Laissez ce champ vide',
  submit: 'Signer',
  powNote:
    'Ce formulaire demande à votre navigateur de résoudre un petit calcul anti-robots : activez JavaScript pour signer.',
  powLabel: 'Vérification anti-robots',
  powFailed:
    'La vérification anti-robots n’a pas abouti : activez JavaScript, puis envoyez à nouveau le formulaire.',
  closed: 'Clos',
  closedText:
    'Cet engagement est clos : il ne reçoit plus de signatures. Merci à toutes et à tous !',
  errorSummary: 'Le formulaire contient des erreurs :',
  colon: '\u00a0: ',
  fieldInvalid: 'Ce champ est invalide.',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cet engagement n’existe pas ou n’est pas encore publié.',
  rateLimitedTitle: 'Trop de tentatives',
  rateLimitedText: (s) =>
    `Trop de signatures depuis votre connexion. Réessayez dans ${s} seconde${s > 1 ? 's' : ''}.`,
  thanksTitle: 'Merci pour votre signature !',
  thanksText: 'Votre signature compte. Voici la suite :',
  checkInbox:
    'Vérifiez votre boîte de réception : cliquez sur le lien de l’e-mail que nous venons d’envoyer pour confirmer votre signature.',
  nextSteps: 'Les prochaines étapes',
  share: 'Partagez',
  shareIntro: 'Plus nous sommes nombreux, plus notre voix porte. Partagez votre lien :',
  copyLink: 'Copier le lien',
  copied: 'Lien copié.',
  linkLabel: 'Votre lien de partage',
  mastodonInstance: 'Votre instance Mastodon (par exemple mastodon.social)',
  mastodonGo: 'Partager sur Mastodon',
  mastodonContinue: (instance) => `Continuer vers ${instance}`,
  mastodonInvalid: 'Indiquez le nom d’une instance, par exemple mastodon.social.',
  email_share: 'E-mail',
  confirmedTitle: 'Signature confirmée',
  confirmedText: 'Merci : votre signature est confirmée.',
  confirmInvalidTitle: 'Lien non valable',
  confirmInvalidText:
    'Ce lien de confirmation n’est pas valable : il est incomplet, a expiré ou a déjà servi. Si vous avez déjà cliqué dessus, votre signature est confirmée ; sinon, signez à nouveau pour en recevoir un autre.',
  back: 'Retour à l’engagement',
  poweredBy: 'Propulsé par Groundwork — aucun cookie, aucun pisteur.',
  liveUpdates: 'Compteur mis à jour en direct',
  errorTitle: 'Impossible d’envoyer le formulaire',
  tooLarge: 'Le formulaire envoyé est trop long.',
  wrongType: 'Envoyez le formulaire depuis la page de l’engagement.',
};

const en: PageStrings = {
  languageName: 'English',
  switchLanguage: 'Language',
  signatures: { one: '{count} signature', other: '{count} signatures' },
  goal: (goal) => `goal ${goal}`,
  progressLabel: 'Progress towards the goal',
  signHeading: 'Sign the pledge',
  email: 'E-mail address',
  name: 'Name',
  postalCode: 'Postal code',
  optional: 'optional',
  required: 'required',
  honeypot: 'Leave this field empty',
  submit: 'Sign',
  powNote:
    'This form asks your browser to solve a small anti-bot puzzle: turn on JavaScript to sign.',
  powLabel: 'Anti-bot check',
  powFailed: 'The anti-bot check did not succeed: turn on JavaScript, then send the form again.',
  closed: 'Closed',
  closedText: 'This pledge is closed and no longer takes signatures. Thank you all!',
  errorSummary: 'The form has errors:',
  colon: ': ',
  fieldInvalid: 'This field is invalid.',
  notFoundTitle: 'Page not found',
  notFoundText: 'This pledge does not exist or is not published yet.',
  rateLimitedTitle: 'Too many attempts',
  rateLimitedText: (s) =>
    `Too many signatures from your connection. Please try again in ${s} second${s > 1 ? 's' : ''}.`,
  thanksTitle: 'Thank you for signing!',
  thanksText: 'Your signature counts. Here is what comes next:',
  checkInbox:
    'Check your inbox: click the link in the e-mail we just sent to confirm your signature.',
  nextSteps: 'Next steps',
  share: 'Share',
  shareIntro: 'The more of us, the louder our voice. Share your link:',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  linkLabel: 'Your share link',
  mastodonInstance: 'Your Mastodon instance (for example mastodon.social)',
  mastodonGo: 'Share on Mastodon',
  mastodonContinue: (instance) => `Continue to ${instance}`,
  mastodonInvalid: 'Enter an instance name such as mastodon.social.',
  email_share: 'E-mail',
  confirmedTitle: 'Signature confirmed',
  confirmedText: 'Thank you: your signature is confirmed.',
  confirmInvalidTitle: 'Invalid link',
  confirmInvalidText:
    'This confirmation link is not valid: it is incomplete, has expired or was already used. If you clicked it before, your signature is confirmed; otherwise sign again to get a new one.',
  back: 'Back to the pledge',
  poweredBy: 'Powered by Groundwork — no cookies, no trackers.',
  liveUpdates: 'Counter updated live',
  errorTitle: 'The form could not be sent',
  tooLarge: 'The form sent was too long.',
  wrongType: 'Please send the form from the pledge page.',
};

const all: Record<PageLocale, PageStrings> = { fr, en };

/**
 * The page strings for a locale (French when unknown: the first campaigns are French-speaking).
 *
 * @example
 * stringsFor('en').submit // 'Sign'
 */
export function stringsFor(locale: string): PageStrings {
  return all[isPageLocale(locale) ? locale : 'fr'];
}

export function isPageLocale(value: unknown): value is PageLocale {
  return value === 'fr' || value === 'en';
}
