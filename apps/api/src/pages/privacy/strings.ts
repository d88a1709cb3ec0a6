import type { PageLocale } from '../strings.ts';

/** The words of the supporters' privacy pages (unsubscribe, "my data"). */
export interface PrivacyStrings {
  unsubscribeTitle: string;
  unsubscribeText: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedText: string;
  invalidLinkTitle: string;
  invalidLinkText: string;
  myDataTitle: string;
  myDataIntro: string;
  email: string;
  send: string;
  emailInvalid: string;
  sentTitle: string;
  sentText: string;
  rateLimited: string;
  dataTitle: (chapter: string) => string;
  profile: string;
  name: string;
  postalCode: string;
  language: string;
  since: string;
  signatures: string;
  rsvps: string;
  consents: string;
  granted: (when: string, source: string) => string;
  /** A signature's answers (question: options) and the site it was signed on. */
  answers: (list: string) => string;
  via: (origin: string) => string;
  /** Stored statuses (signatures, RSVPs, mails) in words; unknown ones are shown as stored. */
  statuses: Record<string, string>;
  /** The e-mails by template, in words. */
  mailNames: Record<string, string>;
  withdrawn: (when: string) => string;
  tags: string;
  notes: string;
  mails: string;
  none: string;
  download: string;
  withdrawHeading: string;
  withdrawText: string;
  withdrawButton: string;
  withdrawnDone: string;
  eraseHeading: string;
  eraseText: string;
  eraseConfirm: string;
  eraseButton: string;
  eraseNeedsConfirm: string;
  erasedTitle: string;
  erasedText: string;
  linkExpires: string;
}

const en: PrivacyStrings = {
  unsubscribeTitle: 'Stop receiving e-mails',
  unsubscribeText: 'Confirm and you will no longer receive e-mail updates from this group.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribedText:
    'Your consent to e-mail updates is withdrawn. You will receive no more updates from this group.',
  invalidLinkTitle: 'This link does not work',
  invalidLinkText:
    'It may have expired or been copied incompletely. Ask for a new link on the “my data” page.',
  myDataTitle: 'My data',
  myDataIntro:
    'Enter your e-mail address: we send you a link to see everything stored about you, download it, withdraw your consent or erase it.',
  email: 'E-mail address',
  send: 'Send me the link',
  emailInvalid: 'Enter a valid e-mail address.',
  sentTitle: 'Check your inbox',
  sentText:
    'If this address is known to us, a link is on its way. It works for one hour. Nothing is sent to unknown addresses.',
  rateLimited: 'Too many requests. Please try again in a few minutes.',
  dataTitle: (chapter) => `Your data at ${chapter}`,
  profile: 'Profile',
  name: 'Name',
  postalCode: 'Postal code',
  language: 'Language',
  since: 'Known since',
  signatures: 'Pledges signed',
  rsvps: 'Events',
  consents: 'Consents',
  granted: (when, source) => `given on ${when} (${source})`,
  answers: (list) => `answers: ${list}`,
  via: (origin) => `signed on ${origin}`,
  statuses: {
    confirmed: 'confirmed',
    pending: 'waiting for confirmation',
    waitlisted: 'on the waitlist',
    cancelled: 'cancelled',
    sent: 'sent',
    logged: 'kept, not sent',
    failed: 'could not be sent',
  },
  mailNames: {
    'pledge-confirm': 'confirm your signature',
    'pledge-thanks': 'thank you for signing',
    'event-rsvp-confirmed': 'registration confirmed',
    'event-waitlisted': 'on the waitlist',
    'event-promoted': 'a seat for you',
    'event-reminder': 'event reminder',
    'event-changed': 'event changed',
    'event-cancelled': 'event cancelled',
    'event-message': 'message about an event',
    'my-data-link': 'link to this page',
    broadcast: 'news from the group',
  },
  withdrawn: (when) => `withdrawn on ${when}`,
  tags: 'Tags',
  notes: 'Organizers’ notes',
  mails: 'E-mails sent to you',
  none: 'None.',
  download: 'Download everything (JSON)',
  withdrawHeading: 'Withdraw my consent',
  withdrawText: 'You will receive no more updates. Your signatures stay counted.',
  withdrawButton: 'Withdraw my consent',
  withdrawnDone: 'Your consent is withdrawn.',
  eraseHeading: 'Erase my data',
  eraseText:
    'Your e-mail address, name, answers, consents and e-mails are deleted for good. Your signatures stay in the counts as anonymous rows. This cannot be undone.',
  eraseConfirm: 'I understand: erase my data for good',
  eraseButton: 'Erase my data',
  eraseNeedsConfirm: 'Tick the box to confirm the erasure.',
  erasedTitle: 'Your data is erased',
  erasedText: 'Nothing that identifies you is kept. Your signatures still count, anonymously.',
  linkExpires: 'This page works for one hour after the e-mail was sent. Do not share its address.',
};

const fr: PrivacyStrings = {
  unsubscribeTitle: 'Ne plus recevoir d’e-mails',
  unsubscribeText: 'Confirmez et vous ne recevrez plus les nouvelles de ce groupe par e-mail.',
  unsubscribeButton: 'Me désinscrire',
  unsubscribedTitle: 'Vous êtes désinscrit·e',
  unsubscribedText:
    'Votre consentement aux nouvelles par e-mail est retiré. Vous ne recevrez plus de nouvelles de ce groupe.',
  invalidLinkTitle: 'Ce lien ne fonctionne pas',
  invalidLinkText:
    'Il a peut-être expiré ou été copié incomplètement. Demandez un nouveau lien sur la page «\u00a0mes données\u00a0».',
  myDataTitle: 'Mes données',
  myDataIntro:
    'Saisissez votre adresse e-mail\u00a0: nous vous envoyons un lien pour voir tout ce qui est conservé sur vous, le télécharger, retirer votre consentement ou tout effacer.',
  email: 'Adresse e-mail',
  send: 'M’envoyer le lien',
  emailInvalid: 'Saisissez une adresse e-mail valide.',
  sentTitle: 'Consultez votre messagerie',
  sentText:
    'Si cette adresse nous est connue, un lien est en route. Il fonctionne pendant une heure. Rien n’est envoyé aux adresses inconnues.',
  rateLimited: 'Trop de demandes. Réessayez dans quelques minutes.',
  dataTitle: (chapter) => `Vos données chez ${chapter}`,
  profile: 'Profil',
  name: 'Nom',
  postalCode: 'Code postal',
  language: 'Langue',
  since: 'Connu·e depuis',
  signatures: 'Engagements signés',
  rsvps: 'Événements',
  consents: 'Consentements',
  granted: (when, source) => `donné le ${when} (${source})`,
  answers: (list) => `réponses\u00a0: ${list}`,
  via: (origin) => `signé sur ${origin}`,
  statuses: {
    confirmed: 'confirmée',
    pending: 'en attente de confirmation',
    waitlisted: 'en liste d’attente',
    cancelled: 'annulée',
    sent: 'envoyé',
    logged: 'gardé, non envoyé',
    failed: 'n’a pas pu partir',
  },
  mailNames: {
    'pledge-confirm': 'confirmer votre signature',
    'pledge-thanks': 'merci pour votre signature',
    'event-rsvp-confirmed': 'inscription confirmée',
    'event-waitlisted': 'liste d’attente',
    'event-promoted': 'une place pour vous',
    'event-reminder': 'rappel d’événement',
    'event-changed': 'événement modifié',
    'event-cancelled': 'événement annulé',
    'event-message': 'message sur un événement',
    'my-data-link': 'lien vers cette page',
    broadcast: 'nouvelles du groupe',
  },
  withdrawn: (when) => `retiré le ${when}`,
  tags: 'Étiquettes',
  notes: 'Notes des organisateurs',
  mails: 'E-mails envoyés',
  // Said of signatures, events and tags alike: no gendered "aucun(e)".
  none: 'Rien.',
  download: 'Tout télécharger (JSON)',
  withdrawHeading: 'Retirer mon consentement',
  withdrawText: 'Vous ne recevrez plus de nouvelles. Vos signatures restent comptées.',
  withdrawButton: 'Retirer mon consentement',
  withdrawnDone: 'Votre consentement est retiré.',
  eraseHeading: 'Effacer mes données',
  eraseText:
    'Votre adresse e-mail, votre nom, vos réponses, consentements et e-mails sont supprimés définitivement. Vos signatures restent comptées, anonymes. C’est irréversible.',
  eraseConfirm: 'J’ai compris\u00a0: effacer mes données définitivement',
  eraseButton: 'Effacer mes données',
  eraseNeedsConfirm: 'Cochez la case pour confirmer l’effacement.',
  erasedTitle: 'Vos données sont effacées',
  erasedText: 'Plus rien ne vous identifie. Vos signatures comptent toujours, anonymement.',
  linkExpires:
    'Cette page fonctionne pendant une heure après l’envoi de l’e-mail. Ne partagez pas son adresse.',
};

/** The privacy pages' words in a language. */
export function privacyStrings(locale: PageLocale): PrivacyStrings {
  return locale === 'en' ? en : fr;
}
