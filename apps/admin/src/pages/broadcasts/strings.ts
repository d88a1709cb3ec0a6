// The Broadcasts pages' own strings (through `pick`, so the shared dictionaries stay untouched).

export const text = {
  title: { en: 'Broadcasts', fr: 'Envois groupés' },
  lead: {
    en: 'E-mails to the people of a segment who agreed to hear from you. Everyone else is left out.',
    fr: 'Des e-mails aux personnes d’un segment qui ont accepté d’être informées. Les autres ne reçoivent rien.',
  },
  create: { en: 'New broadcast', fr: 'Nouvel envoi' },
  none: { en: 'No broadcast yet.', fr: 'Aucun envoi pour l’instant.' },
  subject: { en: 'Subject', fr: 'Objet' },
  body: { en: 'Message (Markdown)', fr: 'Message (Markdown)' },
  language: { en: 'Language', fr: 'Langue' },
  pledge: { en: 'Signers of', fr: 'Signataires de' },
  tag: { en: 'With the tag', fr: 'Avec l’étiquette' },
  event: { en: 'Who answered the event', fr: 'Qui ont répondu à l’événement' },
  anyone: { en: '(no condition)', fr: '(sans condition)' },
  perMinute: { en: 'Mails per minute', fr: 'E-mails par minute' },
  save: { en: 'Save the draft', fr: 'Enregistrer le brouillon' },
  saveSender: { en: 'Save the sender', fr: 'Enregistrer l’expéditeur' },
  reach: {
    en: '{count} {count:person|people} will receive it (current consent only).',
    fr: '{count} {count:personne le recevra|personnes le recevront} (consentement actuel uniquement).',
  },
  preview: { en: 'Preview', fr: 'Aperçu' },
  test: { en: 'Send a test to myself', fr: 'M’envoyer un test' },
  testSent: { en: 'Test queued to your address.', fr: 'Test envoyé à votre adresse.' },
  send: { en: 'Send now', fr: 'Envoyer maintenant' },
  confirmSend: {
    en: 'Send this broadcast to {count} {count:person|people}? This cannot be undone.',
    fr: 'Envoyer à {count} {count:personne|personnes} ? C’est irréversible.',
  },
  saveFirst: {
    en: 'Save the draft first: sending uses the saved version, not the changes on screen.',
    fr: 'Enregistrez d’abord le brouillon : l’envoi utilise la version enregistrée, pas les changements à l’écran.',
  },
  progress: {
    en: '{sent} sent, {pending} waiting, {failed} failed of {queued} queued',
    fr: '{sent} {sent:envoyé|envoyés}, {pending} en attente, {failed} en échec sur {queued}',
  },
  status: {
    draft: { en: 'Draft', fr: 'Brouillon' },
    sending: { en: 'Sending', fr: 'En cours' },
    sent: { en: 'Sent', fr: 'Envoyé' },
  },
  back: { en: 'All broadcasts', fr: 'Tous les envois' },
  sender: { en: 'Sender', fr: 'Expéditeur' },
  senderName: { en: 'Sender name', fr: 'Nom de l’expéditeur' },
  replyTo: { en: 'Reply-to address', fr: 'Adresse de réponse' },
  saved: { en: 'Saved.', fr: 'Enregistré.' },
} as const;
