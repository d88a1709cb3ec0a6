/**
 * The server writes its error messages in English (the API serves every client alike). The
 * admin says the ones organizers meet in French when the page is in French: the exact
 * sentences below, and a few shapes with a value in them. Anything else is shown as sent.
 */
import type { Locale } from '../i18n/index.tsx';

const french: Record<string, string> = {
  'Required.': 'Obligatoire.',
  'Required (JSON).': 'Obligatoire (JSON).',
  'Required in the default language.': 'Obligatoire dans la langue par défaut.',
  'Empty.': 'Vide.',
  'Invalid.': 'Non valable.',
  'Unknown.': 'Inconnu.',
  'Taken.': 'Déjà pris.',
  'Same person.': 'La même personne.',
  'Not a valid e-mail address.': 'Adresse e-mail non valable.',
  'Must be an e-mail address.': 'Une adresse e-mail est attendue.',
  'Must be a whole number.': 'Un nombre entier est attendu.',
  'Must be after the start.': 'Doit venir après le début.',
  'Must be an http(s) address.': 'Une adresse http(s) est attendue.',
  'Must be owner, organizer or viewer.': 'Propriétaire, organisateur ou lecture seule.',
  'Contains invalid characters.': 'Contient des caractères non valables.',
  'Contains control characters.': 'Contient des caractères de contrôle.',
  'Unknown option.': 'Option inconnue.',
  'Unknown status.': 'Statut inconnu.',
  'Letters, digits, spaces and dashes only.': 'Lettres, chiffres, espaces et tirets seulement.',
  'Option ids must be unique.': 'Les identifiants des options doivent être uniques.',
  'Question ids must be unique.': 'Les identifiants des questions doivent être uniques.',
  'A choice question needs at least 2 options.': 'Une question à choix demande au moins 2 options.',
  'The default language needs a title.': 'La langue par défaut demande un titre.',
  'This slug is taken.': 'Cette adresse courte est déjà prise.',
  'This address is taken.': 'Cette adresse est déjà prise.',
  'Another event uses this address.': 'Un autre événement utilise cette adresse.',
  'Another person has this e-mail.': 'Une autre personne a cet e-mail.',
  'Another person has this e-mail: merge them instead.':
    'Une autre personne a cet e-mail : fusionnez-les plutôt.',
  'An account with this e-mail already exists.': 'Un compte existe déjà avec cet e-mail.',
  'Already a member.': 'Déjà membre.',
  'Already has an account.': 'A déjà un compte.',
  'This person is already a member of the chapter.': 'Cette personne est déjà membre du groupe.',
  'This person is not a member of the chapter.': 'Cette personne n’est pas membre du groupe.',
  'You are not a member of this chapter.': 'Vous n’êtes pas membre de ce groupe.',
  'Only an owner can invite an owner.': 'Seul un propriétaire peut inviter un propriétaire.',
  'Only an owner can invite another owner.':
    'Seul un propriétaire peut inviter un autre propriétaire.',
  'Only an owner can remove other members.': 'Seul un propriétaire peut retirer d’autres membres.',
  'Only the owner of a chapter can create another chapter.':
    'Seul le propriétaire d’un groupe peut en créer un autre.',
  'The last owner cannot step down.': 'Le dernier propriétaire ne peut pas se retirer.',
  'Choose two different people.': 'Choisissez deux personnes différentes.',
  'A tag name has 1 to 60 characters.': 'Un nom d’étiquette a de 1 à 60 caractères.',
  'A note has 1 to 5000 characters.': 'Une note a de 1 à 5000 caractères.',
  'A cancelled event cannot be edited.': 'Un événement annulé ne peut plus être modifié.',
  'A cancelled event cannot be published again.': 'Un événement annulé ne peut pas être republié.',
  'This broadcast is already sent.': 'Cet envoi est déjà parti.',
  'This broadcast is already sent: it cannot change.':
    'Cet envoi est déjà parti : il ne peut plus changer.',
  'This message is being sent right now.': 'Ce message part en ce moment.',
  'This message was already sent.': 'Ce message est déjà parti.',
  'Give the consent text those people agreed to.':
    'Indiquez le texte de consentement que ces personnes ont accepté.',
  'The column mapping is missing.': 'La correspondance des colonnes manque.',
  'The file is empty.': 'Le fichier est vide.',
  'The import failed.': 'L’import a échoué.',
  'No registration with this code.': 'Aucune inscription avec ce code.',
  'The current password is wrong.': 'Le mot de passe actuel est incorrect.',
  'Wrong password.': 'Mot de passe incorrect.',
  'Wrong e-mail or password.': 'E-mail ou mot de passe incorrect.',
  'Too many attempts.': 'Trop de tentatives.',
  'Too many attempts. Please wait before trying again.':
    'Trop de tentatives. Patientez avant de réessayer.',
  'Please sign in.': 'Veuillez vous connecter.',
  'Groundwork is already set up: sign in instead.':
    'Groundwork est déjà installé : connectez-vous plutôt.',
  'This setup link is invalid, used or expired.':
    'Ce lien d’installation n’est pas valable, a déjà servi ou a expiré.',
  'This invitation link is invalid, already used or expired.':
    'Ce lien d’invitation n’est pas valable, a déjà servi ou a expiré.',
  'No such broadcast.': 'Envoi introuvable.',
  'No such chapter.': 'Groupe introuvable.',
  'No such event.': 'Événement introuvable.',
  'No such message in this chapter.': 'Ce message n’existe pas dans ce groupe.',
  'No such note.': 'Note introuvable.',
  'No such person.': 'Personne introuvable.',
  'No such pledge.': 'Engagement introuvable.',
  'No such registration.': 'Inscription introuvable.',
  'No such session.': 'Session introuvable.',
  'No such signature.': 'Signature introuvable.',
  'No such tag.': 'Étiquette introuvable.',
  'No such user.': 'Compte introuvable.',
  'No pending invitation with this id.': 'Aucune invitation en attente avec cet identifiant.',
  'Not found.': 'Introuvable.',
  'Exports need the organizer role in this chapter.':
    'Les exports demandent le rôle organisateur dans ce groupe.',
  'Imports need the organizer role in this chapter.':
    'Les imports demandent le rôle organisateur dans ce groupe.',
  'Lower-case letters, digits and single dashes only.':
    'Lettres minuscules, chiffres et tirets simples seulement.',
  'Lower-case letters, digits, dashes and underscores only.':
    'Lettres minuscules, chiffres, tirets et tirets bas seulement.',
  'Not a known time zone.': 'Fuseau horaire inconnu.',
  'email: empty': 'e-mail : vide',
  'email: not an e-mail address': 'e-mail : adresse non valable',
  'name: longer than 200 characters': 'nom : plus de 200 caractères',
  'postal code: longer than 20 characters': 'code postal : plus de 20 caractères',
  'Something went wrong on our side. Please try again.':
    'Un problème est survenu de notre côté. Veuillez réessayer.',
};

/** A number as the server wrote it (`20,000`), the French way (`20 000`). */
const frenchNumber = (n: string) => n.replaceAll(',', '\u202f');

const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^At most ([\d,]+) characters\.$/, (m) => `Au plus ${frenchNumber(m[1] ?? '')} caractères.`],
  [/^At least ([\d,]+) characters\.$/, (m) => `Au moins ${frenchNumber(m[1] ?? '')} caractères.`],
  [/^At most ([\d,]+)\.$/, (m) => `Au plus ${frenchNumber(m[1] ?? '')}.`],
  [/^At least ([\d,]+)\.$/, (m) => `Au moins ${frenchNumber(m[1] ?? '')}.`],
  [
    /^Between ([\d,]+) and ([\d,]+) characters\.$/,
    (m) => `Entre ${frenchNumber(m[1] ?? '')} et ${frenchNumber(m[2] ?? '')} caractères.`,
  ],
  [/^Already used: (.+)\.$/, (m) => `Déjà utilisé : ${m[1]}.`],
  [/^A tag with this name exists: (.+)\.$/, (m) => `Une étiquette porte déjà ce nom : ${m[1]}.`],
  [/^Invalid input: (.+)\.$/, (m) => `Saisie à corriger : ${m[1]}.`],
  [/^Columns not in the file: (.+)$/, (m) => `Colonnes absentes du fichier : ${m[1]}`],
];

/**
 * `message` in the page's language when it is one the admin knows, else as sent.
 *
 * @example
 * serverWords('At most 200 characters.', 'fr'); // 'Au plus 200 caractères.'
 */
export function serverWords(message: string, locale: Locale): string {
  if (locale !== 'fr') return message;
  const exact = french[message];
  if (exact) return exact;
  for (const [pattern, say] of patterns) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}
