import type { Localized } from '../../i18n/index.tsx';

/** The Outbox page's own strings (through `pick`, so the shared dictionaries stay untouched). */
export const text = {
  title: { en: 'Outbox', fr: 'Boîte d’envoi' },
  lead: {
    en: 'Every e-mail Groundwork queued for this chapter: confirmations, thank-yous, and later broadcasts.',
    fr: 'Tous les e-mails que Groundwork a préparés pour ce groupe : confirmations, remerciements, puis les envois groupés.',
  },
  noServer: {
    en: 'No mail server is configured (SMTP_URL): mail is kept here instead of being sent. You can read it below.',
    fr: 'Aucun serveur de mail n’est configuré (SMTP_URL) : les e-mails sont conservés ici au lieu d’être envoyés. Vous pouvez les lire ci-dessous.',
  },
  filter: { en: 'Status', fr: 'Statut' },
  all: { en: 'All', fr: 'Tous' },
  apply: { en: 'Show', fr: 'Afficher' },
  empty: { en: 'No e-mail here yet.', fr: 'Aucun e-mail pour l’instant.' },
  status: { en: 'Status', fr: 'Statut' },
  template: { en: 'Kind', fr: 'Type' },
  to: { en: 'Recipient', fr: 'Destinataire' },
  created: { en: 'Queued', fr: 'Préparé' },
  sent: { en: 'Sent', fr: 'Envoyé' },
  attempts: { en: 'Attempts', fr: 'Tentatives' },
  actions: { en: 'Actions', fr: 'Actions' },
  read: { en: 'Read', fr: 'Lire' },
  readLabel: {
    en: 'Read the e-mail to {to} queued {when}',
    fr: 'Lire l’e-mail à {to} préparé le {when}',
  },
  more: { en: 'Show more', fr: 'Afficher plus' },
  close: { en: 'Back to the list', fr: 'Retour à la liste' },
  subject: { en: 'Subject', fr: 'Objet' },
  from: { en: 'Sender name', fr: 'Nom de l’expéditeur' },
  replyTo: { en: 'Reply to', fr: 'Répondre à' },
  locale: { en: 'Language', fr: 'Langue' },
  nextAttempt: { en: 'Next attempt', fr: 'Prochaine tentative' },
  lastError: { en: 'Last error', fr: 'Dernière erreur' },
  headers: { en: 'Extra headers', fr: 'En-têtes supplémentaires' },
  plainText: { en: 'Plain text', fr: 'Texte brut' },
  htmlPreview: { en: 'HTML preview', fr: 'Aperçu HTML' },
  previewNote: {
    en: 'The preview runs nothing and loads nothing; its links do not open.',
    fr: 'L’aperçu n’exécute rien et ne charge rien ; ses liens ne s’ouvrent pas.',
  },
  renderError: {
    en: 'This e-mail can no longer be displayed: {error}',
    fr: 'Cet e-mail ne peut plus être affiché : {error}',
  },
  retry: { en: 'Send again', fr: 'Renvoyer' },
  retried: {
    en: 'The e-mail is queued again and will be sent in a moment.',
    fr: 'L’e-mail est de nouveau en file et partira dans un instant.',
  },
  notFound: {
    en: 'This e-mail does not exist in this chapter.',
    fr: 'Cet e-mail n’existe pas dans ce groupe.',
  },
} satisfies Record<string, Localized>;

export const statusText: Record<string, Localized> = {
  pending: { en: 'Waiting', fr: 'En attente' },
  sent: { en: 'Sent', fr: 'Envoyé' },
  logged: { en: 'Kept (no mail server)', fr: 'Conservé (pas de serveur de mail)' },
  failed: { en: 'Failed', fr: 'Échec' },
};

export const templateText: Record<string, Localized> = {
  'pledge-confirm': { en: 'Signature confirmation', fr: 'Confirmation de signature' },
  'pledge-thanks': { en: 'Thank-you after signing', fr: 'Remerciement après signature' },
  'event-rsvp-confirmed': { en: 'Registration confirmed', fr: 'Inscription confirmée' },
  'event-waitlisted': { en: 'On the waitlist', fr: 'Liste d’attente' },
  'event-promoted': { en: 'Seat freed up', fr: 'Place libérée' },
  'event-reminder': { en: 'Event reminder', fr: 'Rappel d’événement' },
  'event-changed': { en: 'Event changed', fr: 'Événement modifié' },
  'event-cancelled': { en: 'Event cancelled', fr: 'Événement annulé' },
  'event-message': { en: 'Message to attendees', fr: 'Message aux participants' },
  'my-data-link': { en: '“My data” link', fr: 'Lien « mes données »' },
  broadcast: { en: 'Broadcast', fr: 'Envoi groupé' },
};
