/**
 * What the audit log's action names mean, in words. The server stores stable names
 * (`person.erased`); the page shows these, and the name itself beside them (the filter uses
 * names). An action missing here shows its name only.
 */
type Words = { en: string; fr: string };

export const actionLabels: Record<string, Words> = {
  'broadcast.sent': { en: 'Sent a broadcast', fr: 'A fait un envoi groupé' },
  'chapter.created': { en: 'Created the chapter', fr: 'A créé le groupe local' },
  'chapter.updated': { en: 'Changed the chapter settings', fr: 'A modifié le groupe local' },
  'event.cancelled': { en: 'Cancelled an event', fr: 'A annulé un événement' },
  'event.created': { en: 'Created an event', fr: 'A créé un événement' },
  'event.exported': { en: 'Exported attendees', fr: 'A exporté les participants' },
  'event.messaged': { en: 'Wrote to attendees', fr: 'A écrit aux participants' },
  'event.published': { en: 'Published an event', fr: 'A publié un événement' },
  'event.updated': { en: 'Changed an event', fr: 'A modifié un événement' },
  'event.walk_in': { en: 'Added a walk-in', fr: 'A ajouté une personne venue sans inscription' },
  'member.added_by_cli': {
    en: 'Added a member (command line)',
    fr: 'A ajouté un membre (ligne de commande)',
  },
  'member.invitation_revoked': { en: 'Revoked an invitation', fr: 'A révoqué une invitation' },
  'member.invited': { en: 'Invited a member', fr: 'A invité un membre' },
  'member.joined': { en: 'Joined the chapter', fr: 'A rejoint le groupe local' },
  'member.left': { en: 'Left the chapter', fr: 'A quitté le groupe local' },
  'member.removed': { en: 'Removed a member', fr: 'A retiré un membre' },
  'member.role_changed': { en: 'Changed a role', fr: 'A changé un rôle' },
  'member.setup_owner': { en: 'Set up the first owner', fr: 'A créé le premier propriétaire' },
  'outbox.retried': { en: 'Retried a mail', fr: 'A relancé un e-mail' },
  'people.exported': { en: 'Exported people', fr: 'A exporté des personnes' },
  'people.imported': { en: 'Imported people', fr: 'A importé des personnes' },
  'people.tagged': { en: 'Tagged people', fr: 'A étiqueté des personnes' },
  'people.untagged': { en: 'Removed a tag from people', fr: 'A retiré une étiquette' },
  'person.consent_withdrawn': {
    en: 'Withdrew a person’s consent',
    fr: 'A retiré le consentement d’une personne',
  },
  'person.erased': { en: 'Erased a person', fr: 'A effacé une personne' },
  'person.merged': { en: 'Merged a duplicate', fr: 'A fusionné un doublon' },
  'person.note_added': { en: 'Added a note', fr: 'A ajouté une note' },
  'person.note_deleted': { en: 'Deleted a note', fr: 'A supprimé une note' },
  'person.updated': { en: 'Edited a person', fr: 'A modifié une personne' },
  'pledge.closed': { en: 'Closed a pledge', fr: 'A clos un engagement' },
  'pledge.created': { en: 'Created a pledge', fr: 'A créé un engagement' },
  'pledge.draft': { en: 'Unpublished a pledge', fr: 'A dépublié un engagement' },
  'pledge.published': { en: 'Published a pledge', fr: 'A publié un engagement' },
  'pledge.reopened': { en: 'Reopened a pledge', fr: 'A rouvert un engagement' },
  'pledge.updated': { en: 'Changed a pledge', fr: 'A modifié un engagement' },
  'signatures.exported': { en: 'Exported signatures', fr: 'A exporté les signatures' },
  'tag.created': { en: 'Created a tag', fr: 'A créé une étiquette' },
  'tag.deleted': { en: 'Deleted a tag', fr: 'A supprimé une étiquette' },
  'tag.renamed': { en: 'Renamed a tag', fr: 'A renommé une étiquette' },
};

/** The details' names in words; a name missing here is shown as stored. */
export const detailLabels: Record<string, Words> = {
  completed: { en: 'completed', fr: 'terminé' },
  email: { en: 'e-mail', fr: 'e-mail' },
  fields: { en: 'fields', fr: 'champs' },
  filter: { en: 'filter', fr: 'filtre' },
  from: { en: 'from', fr: 'avant' },
  invitation: { en: 'invitation', fr: 'invitation' },
  merged: { en: 'duplicate merged in', fr: 'doublon fusionné' },
  moved: { en: 'moved', fr: 'déplacé' },
  name: { en: 'name', fr: 'nom' },
  people: { en: 'people', fr: 'personnes' },
  previousStatus: { en: 'status before', fr: 'statut avant' },
  recipients: { en: 'recipients', fr: 'destinataires' },
  role: { en: 'role', fr: 'rôle' },
  rows: { en: 'rows', fr: 'lignes' },
  rsvpsDropped: { en: 'registrations dropped', fr: 'inscriptions retirées' },
  slug: { en: 'address', fr: 'adresse' },
  status: { en: 'status', fr: 'statut' },
  subject: { en: 'subject', fr: 'objet' },
  tag: { en: 'tag', fr: 'étiquette' },
  template: { en: 'e-mail', fr: 'e-mail' },
  to: { en: 'to', fr: 'après' },
  via: { en: 'through', fr: 'par' },
  withdrawn: { en: 'consents withdrawn', fr: 'consentements retirés' },
};

/**
 * An entry's details as `name: value` pairs for display (nested values as JSON).
 *
 * @example
 * detailPairs({ from: 'Élus', to: 'ÉLUS' }); // [['from', 'Élus'], ['to', 'ÉLUS']]
 */
export function detailPairs(details: unknown): Array<[string, string]> {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    return details === undefined || details === null ? [] : [['', JSON.stringify(details)]];
  }
  return Object.entries(details).map(([name, value]) => [
    name,
    typeof value === 'string' ? value : JSON.stringify(value),
  ]);
}
