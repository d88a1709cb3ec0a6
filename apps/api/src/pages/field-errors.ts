import { type PageLocale, stringsFor } from './strings.ts';
import type { FormErrors } from './types.ts';

// The signing module's messages are English sentences from a small, fixed set; French pages
// show them in French. Anything not listed falls back to a generic French sentence rather than
// mixing languages on one page.
const french: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Required\.$/, () => 'Ce champ est obligatoire.'],
  [/^Not a valid e-mail address\.$/, () => 'Cette adresse e-mail n’est pas valable.'],
  [
    /^At most ([\d,]+) characters\.$/,
    (m) => `${(m[1] ?? '').replace(',', ' ')} caractères au maximum.`,
  ],
  [/^Contains (invalid|control) characters\.$/, () => 'Contient des caractères non autorisés.'],
  [
    /^Letters, digits, spaces and dashes only\.$/,
    () => 'Lettres, chiffres, espaces et tirets uniquement.',
  ],
  [/^Unknown option\.$/, () => 'Cette option n’existe pas.'],
  [/^Choose one option\.$/, () => 'Choisissez une seule option.'],
  [/^Expected text\.$/, () => 'Une réponse écrite est attendue.'],
  [/^This pledge is closed/, () => 'Cet engagement est clos : il ne reçoit plus de signatures.'],
];

/**
 * The field errors of the signing service in the page's language.
 *
 * @example
 * localizeErrors({ email: 'Not a valid e-mail address.' }, 'fr') // { email: 'Cette adresse e-mail n’est pas valable.' }
 */
export function localizeErrors(errors: FormErrors, locale: PageLocale): FormErrors {
  const out: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    // A missing or wrong proof of work: the one thing a person can do is turn JavaScript on.
    if (path === 'altcha') {
      out[path] = stringsFor(locale).powFailed;
      continue;
    }
    if (locale === 'en') {
      out[path] = message;
      continue;
    }
    const rule = french.find(([pattern]) => pattern.test(message));
    const match = rule ? message.match(rule[0]) : null;
    out[path] = rule && match ? rule[1](match) : 'Ce champ n’est pas valable.';
  }
  return out;
}
