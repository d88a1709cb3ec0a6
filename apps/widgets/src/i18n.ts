// French and English strings. Functions take numbers already formatted for the locale.

const en = {
  loading: 'Loading…',
  loadError: 'This pledge could not be loaded.',
  closed: 'This pledge is closed.',
  email: 'E-mail',
  name: 'Name',
  postalCode: 'Postal code',
  optional: '(optional)',
  required: 'This field is required.',
  invalidEmail: 'Enter a valid e-mail address.',
  honeypot: 'Leave this field empty',
  sign: 'Sign',
  signing: 'Signing…',
  failed: 'Something went wrong. Please try again.',
  offline: 'The network is unavailable. Please try again.',
  fix: 'Please correct the fields marked below.',
  thanks: 'Thank you for signing!',
  pending: 'Check your inbox: click the link we sent you to confirm your signature.',
  nextSteps: 'Next steps',
  share: 'Share',
  copy: 'Copy link',
  copied: 'Link copied.',
  count: (n: string, c: number) => `${n} signature${c === 1 ? '' : 's'}`,
  goal: (g: string) => `Goal: ${g}`,
  invalid: 'Check this field.',
  tooLong: (n: string) => `At most ${n} characters.`,
  tooMany: (s: number) => `Too many signatures from your connection. Try again in ${s} s.`,
};

export type Strings = typeof en;

const fr: Strings = {
  loading: 'Chargement…',
  loadError: 'Impossible de charger cet engagement.',
  closed: 'Cet engagement est clos.',
  email: 'Adresse e-mail',
  name: 'Nom',
  postalCode: 'Code postal',
  optional: '(facultatif)',
  required: 'Ce champ est obligatoire.',
  invalidEmail: 'Saisissez une adresse e-mail valide.',
  honeypot: 'Laissez ce champ vide',
  sign: 'Je signe',
  signing: 'Envoi…',
  failed: 'Une erreur est survenue. Veuillez réessayer.',
  offline: 'Le réseau est indisponible. Veuillez réessayer.',
  fix: 'Veuillez corriger les champs signalés ci-dessous.',
  thanks: 'Merci d’avoir signé !',
  pending:
    'Consultez votre boîte mail : cliquez sur le lien que nous vous avons envoyé pour confirmer votre signature.',
  nextSteps: 'Prochaines étapes',
  share: 'Partager',
  copy: 'Copier le lien',
  copied: 'Lien copié.',
  // French counts 0 and 1 in the singular.
  count: (n: string, c: number) => `${n} signature${c < 2 ? '' : 's'}`,
  goal: (g: string) => `Objectif : ${g}`,
  invalid: 'Vérifiez ce champ.',
  tooLong: (n: string) => `${n} caractères au maximum.`,
  tooMany: (s: number) => `Trop de signatures depuis votre connexion. Réessayez dans ${s} s.`,
};

export const strings = { en, fr } as const;
export type Locale = keyof typeof strings;

/** The first of the candidates that is a supported locale (`fr-CA` counts as `fr`). */
export function pickLocale(...candidates: Array<string | null | undefined>): Locale | undefined {
  for (const c of candidates) {
    const l = c?.slice(0, 2).toLowerCase();
    if (l === 'fr' || l === 'en') return l;
  }
  return undefined;
}
