import type { Localized } from '../../i18n/index.tsx';

/** The pledge pages' own strings (through `pick`, so the shared dictionaries stay untouched). */
export const text = {
  title: { en: 'Pledges', fr: 'Engagements' },
  lead: {
    en: 'Pledges of this chapter: create them, publish them, see who signed and from where.',
    fr: 'Les engagements de ce groupe : créez-les, publiez-les, voyez qui a signé et d’où.',
  },
  create: { en: 'New pledge', fr: 'Nouvel engagement' },
  empty: { en: 'No pledge yet.', fr: 'Aucun engagement pour l’instant.' },
  colTitle: { en: 'Title', fr: 'Titre' },
  colStatus: { en: 'Status', fr: 'Statut' },
  colCount: { en: 'Signatures / goal', fr: 'Signatures / objectif' },
  colCreated: { en: 'Updated', fr: 'Modifié' },
  countOf: { en: '{count} of {goal}', fr: '{count} sur {goal}' },
  pendingNote: {
    en: '({pending} unconfirmed)',
    fr: '({pending} {pending:non confirmée|non confirmées})',
  },
  back: { en: 'All pledges', fr: 'Tous les engagements' },
  notFound: { en: 'This pledge does not exist.', fr: 'Cet engagement n’existe pas.' },
  readOnly: {
    en: 'You have the viewer role: you can read everything here but change nothing.',
    fr: 'Vous avez le rôle lecteur : vous pouvez tout consulter ici, sans rien modifier.',
  },
  // Tabs
  tabSignatures: { en: 'Signatures', fr: 'Signatures' },
  tabStats: { en: 'Statistics', fr: 'Statistiques' },
  tabEdit: { en: 'Edit', fr: 'Modifier' },
  tabEmbed: { en: 'Embed', fr: 'Intégrer' },
  tabContent: { en: 'Content', fr: 'Contenu' },
  publicPage: { en: 'Public page', fr: 'Page publique' },
  publish: { en: 'Publish', fr: 'Publier' },
  close: { en: 'Close signing', fr: 'Clore les signatures' },
  confirmClose: {
    en: 'Close signing? The pledge stops taking signatures at once, on its page and on allied sites.',
    fr: 'Clore les signatures ? L’engagement n’en accepte plus, tout de suite, sur sa page et sur les sites alliés.',
  },
  reopen: { en: 'Reopen', fr: 'Rouvrir' },
  published: { en: 'The pledge is live.', fr: 'L’engagement est en ligne.' },
  closed: { en: 'The pledge is closed.', fr: 'L’engagement est clos.' },
  // Form
  formTitleNew: { en: 'New pledge', fr: 'Nouvel engagement' },
  formTitleEdit: { en: 'Edit “{title}”', fr: 'Modifier « {title} »' },
  save: { en: 'Save', fr: 'Enregistrer' },
  saved: { en: 'Saved.', fr: 'Enregistré.' },
  created: { en: 'Pledge created (draft).', fr: 'Engagement créé (brouillon).' },
  general: { en: 'General', fr: 'Général' },
  slug: { en: 'Address (slug)', fr: 'Adresse (slug)' },
  slugHint: {
    en: 'The public page will be /p/<slug>. Lower-case letters, digits and dashes.',
    fr: 'La page publique sera /p/<slug>. Minuscules, chiffres et tirets.',
  },
  slugPublished: {
    en: 'Changing it breaks every link already shared: the page, share links, widgets on allied sites.',
    fr: 'Le changer casse tous les liens déjà partagés : la page, les liens de partage, les widgets des sites alliés.',
  },
  goal: { en: 'Goal (signatures)', fr: 'Objectif (signatures)' },
  defaultLocale: { en: 'Default language', fr: 'Langue par défaut' },
  options: { en: 'Signing', fr: 'Signature' },
  askPostalCode: { en: 'Ask for a postal code', fr: 'Demander le code postal' },
  requiresConfirmation: {
    en: 'Signatures need an e-mail confirmation',
    fr: 'Les signatures doivent être confirmées par e-mail',
  },
  countUnconfirmed: {
    en: 'The public count includes unconfirmed signatures',
    fr: 'Le compteur public inclut les signatures non confirmées',
  },
  proofOfWork: {
    en: 'Proof-of-work challenge against bots (no third-party captcha)',
    fr: 'Défi de preuve de travail contre les robots (sans captcha tiers)',
  },
  rateLimit: { en: 'Own rate limit', fr: 'Limite de fréquence propre' },
  rateLimitHint: {
    en: 'Per visitor. Without it: 1 signature per 60 s, 5 per 300 s.',
    fr: 'Par visiteur. Sinon : 1 signature par 60 s, 5 par 300 s.',
  },
  burstPoints: { en: 'Burst: signatures', fr: 'Rafale : signatures' },
  burstSeconds: { en: 'Burst: seconds', fr: 'Rafale : secondes' },
  sustainedPoints: { en: 'Sustained: signatures', fr: 'Durée : signatures' },
  sustainedSeconds: { en: 'Sustained: seconds', fr: 'Durée : secondes' },
  texts: { en: 'Texts in {language}', fr: 'Textes en {language}' },
  french: { en: 'French', fr: 'français' },
  english: { en: 'English', fr: 'anglais' },
  pledgeTitle: { en: 'Title', fr: 'Titre' },
  body: { en: 'Text (Markdown)', fr: 'Texte (Markdown)' },
  consentText: { en: 'E-mail updates consent text', fr: 'Texte du consentement aux e-mails' },
  consentHint: {
    en: 'Empty: no checkbox. The box is never pre-ticked.',
    fr: 'Vide : pas de case. La case n’est jamais pré-cochée.',
  },
  shareText: { en: 'Share text', fr: 'Texte de partage' },
  nextSteps: { en: 'Next steps (one per line)', fr: 'Étapes suivantes (une par ligne)' },
  questions: { en: 'Questions', fr: 'Questions' },
  question: { en: 'Question {n}', fr: 'Question {n}' },
  addQuestion: { en: 'Add a question', fr: 'Ajouter une question' },
  removeQuestion: { en: 'Remove question {n}', fr: 'Supprimer la question {n}' },
  questionId: { en: 'Identifier', fr: 'Identifiant' },
  kind: { en: 'Kind', fr: 'Type' },
  kindSingle: { en: 'Single choice', fr: 'Choix unique' },
  kindMultiple: { en: 'Multiple choice', fr: 'Choix multiple' },
  kindText: { en: 'Short text', fr: 'Texte court' },
  required: { en: 'Required', fr: 'Obligatoire' },
  labelFr: { en: 'Label (French)', fr: 'Libellé (français)' },
  labelEn: { en: 'Label (English)', fr: 'Libellé (anglais)' },
  optionsList: {
    en: 'Options, one per line: identifier | French | English',
    fr: 'Options, une par ligne : identifiant | français | anglais',
  },
  preview: { en: 'Preview', fr: 'Aperçu' },
  previewNote: {
    en: 'As the public page shows it (the text is rendered by the server).',
    fr: 'Tel que la page publique l’affiche (le texte est mis en forme par le serveur).',
  },
  previewLocale: { en: 'Preview language', fr: 'Langue de l’aperçu' },
  sign: { en: 'Sign', fr: 'Signer' },
  afterSigning: { en: 'After signing', fr: 'Après la signature' },
  // Signatures
  search: { en: 'Search name or e-mail', fr: 'Chercher un nom ou un e-mail' },
  status: { en: 'Status', fr: 'Statut' },
  source: { en: 'Source site', fr: 'Site d’origine' },
  // No `source`: signed on the hosted page, or through the API without naming a site.
  hosted: { en: 'Hosted page or API', fr: 'Page hébergée ou API' },
  from: { en: 'From', fr: 'Du' },
  to: { en: 'To', fr: 'Au' },
  sort: { en: 'Sort', fr: 'Tri' },
  newest: { en: 'Newest first', fr: 'Plus récentes d’abord' },
  oldest: { en: 'Oldest first', fr: 'Plus anciennes d’abord' },
  nameAz: { en: 'Name A–Z', fr: 'Nom A–Z' },
  nameZa: { en: 'Name Z–A', fr: 'Nom Z–A' },
  any: { en: 'Any', fr: 'Tous' },
  apply: { en: 'Apply', fr: 'Appliquer' },
  results: {
    en: '{count} {count:signature|signatures}',
    fr: '{count} {count:signature|signatures}',
  },
  next: { en: 'Next page', fr: 'Page suivante' },
  previous: { en: 'Previous page', fr: 'Page précédente' },
  pageN: { en: 'Page {n}', fr: 'Page {n}' },
  noSignatures: { en: 'No signature matches.', fr: 'Aucune signature ne correspond.' },
  colName: { en: 'Name', fr: 'Nom' },
  colEmail: { en: 'E-mail', fr: 'E-mail' },
  colSigned: { en: 'Signed', fr: 'Signé' },
  anonymous: { en: '(no name)', fr: '(sans nom)' },
  detailOf: { en: 'Details of the signature of {who}', fr: 'Détail de la signature de {who}' },
  export: { en: 'Export CSV', fr: 'Exporter en CSV' },
  exportHint: {
    en: 'The export follows the filters above and is recorded in the audit log.',
    fr: 'L’export suit les filtres ci-dessus et il est inscrit au journal d’audit.',
  },
  // Detail
  signature: { en: 'Signature', fr: 'Signature' },
  backToList: { en: 'Back to the signatures', fr: 'Retour aux signatures' },
  postalCode: { en: 'Postal code', fr: 'Code postal' },
  locale: { en: 'Language', fr: 'Langue' },
  referralCode: { en: 'Referral code', fr: 'Code de parrainage' },
  referrer: { en: 'Brought by', fr: 'Amené·e par' },
  referred: { en: 'People they brought', fr: 'Personnes amenées' },
  answers: { en: 'Answers', fr: 'Réponses' },
  consent: { en: 'E-mail updates', fr: 'Nouvelles par e-mail' },
  consentNone: { en: 'Not asked for', fr: 'Non demandées' },
  consentShown: { en: 'Agreed to: “{text}”', fr: 'A accepté : « {text} »' },
  consentWithdrawn: { en: 'Withdrawn {when}', fr: 'Retiré le {when}' },
  timeline: { en: 'Timeline', fr: 'Historique' },
  // Stats
  perDay: { en: 'Signatures per day ({zone})', fr: 'Signatures par jour ({zone})' },
  chartLabel: {
    en: 'Bar chart of signatures per day; the same figures are in the table below.',
    fr: 'Histogramme des signatures par jour ; les mêmes chiffres sont dans le tableau ci-dessous.',
  },
  day: { en: 'Day', fr: 'Jour' },
  count: { en: 'Signatures', fr: 'Signatures' },
  bySource: { en: 'By source site', fr: 'Par site d’origine' },
  topReferrers: { en: 'Top referrers', fr: 'Meilleurs relais' },
  // French puts a no-break space before the colon (as the public pages and mails do).
  referrerCount: { en: '{who} ({code}): {count}', fr: '{who} ({code})\u00a0: {count}' },
  noReferrers: { en: 'Nobody brought anyone yet.', fr: 'Personne n’a encore amené personne.' },
  confirmation: { en: 'Confirmation', fr: 'Confirmation' },
  confirmationRate: {
    en: '{confirmed} confirmed, {pending} waiting: {rate} confirmed.',
    fr: '{confirmed} {confirmed:confirmée|confirmées}, {pending} en attente\u00a0: {rate} confirmées.',
  },
  noData: { en: 'No signature yet.', fr: 'Aucune signature pour l’instant.' },
  days: { en: 'Days shown', fr: 'Jours affichés' },
} satisfies Record<string, Localized>;

export const statusText: Record<string, Localized> = {
  draft: { en: 'Draft', fr: 'Brouillon' },
  live: { en: 'Live', fr: 'En ligne' },
  closed: { en: 'Closed', fr: 'Clos' },
  pending: { en: 'Unconfirmed', fr: 'Non confirmée' },
  confirmed: { en: 'Confirmed', fr: 'Confirmée' },
};

export const timelineText: Record<string, Localized> = {
  signed: { en: 'Signed', fr: 'Signature' },
  confirmation_sent: { en: 'Confirmation link sent', fr: 'Lien de confirmation envoyé' },
  confirmed: { en: 'Confirmed', fr: 'Confirmée' },
  consent_granted: { en: 'Agreed to e-mail updates', fr: 'Accord pour les nouvelles par e-mail' },
  consent_withdrawn: { en: 'Withdrew e-mail consent', fr: 'Retrait du consentement e-mail' },
  // A template without a label of its own below (a newer one): its id, at least.
  mail: { en: 'E-mail queued: {detail}', fr: 'E-mail préparé\u00a0: {detail}' },
};

/** The timeline's `mail` entries, by template id: what was sent, in words. */
export const mailTimelineText: Record<string, Localized> = {
  'pledge-confirm': {
    en: 'Confirmation e-mail queued',
    fr: 'E-mail de confirmation en file d’attente',
  },
  'pledge-thanks': {
    en: 'Thank-you e-mail queued',
    fr: 'E-mail de remerciement en file d’attente',
  },
  'event-rsvp-confirmed': {
    en: 'Event registration e-mail queued',
    fr: 'E-mail d’inscription à un événement en file d’attente',
  },
  'event-waitlisted': {
    en: 'Event waitlist e-mail queued',
    fr: 'E-mail de liste d’attente d’un événement en file d’attente',
  },
  'event-promoted': {
    en: 'Event seat offered e-mail queued',
    fr: 'E-mail de place libérée à un événement en file d’attente',
  },
  'event-reminder': {
    en: 'Event reminder e-mail queued',
    fr: 'E-mail de rappel d’un événement en file d’attente',
  },
  'event-changed': {
    en: 'Event change e-mail queued',
    fr: 'E-mail de changement d’un événement en file d’attente',
  },
  'event-cancelled': {
    en: 'Event cancellation e-mail queued',
    fr: 'E-mail d’annulation d’un événement en file d’attente',
  },
  'event-message': {
    en: 'Event organizers’ message queued',
    fr: 'Message des organisateurs d’un événement en file d’attente',
  },
  'my-data-link': {
    en: '“My data” link e-mail queued',
    fr: 'E-mail du lien «\u00a0mes données\u00a0» en file d’attente',
  },
  broadcast: { en: 'Broadcast e-mail queued', fr: 'Envoi groupé en file d’attente' },
};
