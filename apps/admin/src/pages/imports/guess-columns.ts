/** What an imported column can be. */
export const roles = ['email', 'name', 'postalCode', 'locale', 'consent', 'tags'] as const;
export type Role = (typeof roles)[number];

// Header names as chapters' exports write them, in English and French.
const consent = /consent|newsletter|opt-?in|accord/i;
const patterns: Record<Role, (header: string) => boolean> = {
  email: (h) => /e-?mail|courriel|adresse mail/i.test(h) && !consent.test(h),
  name: (h) => /^(?:full ?name|name|nom(?: complet)?|pr[ée]nom et nom|nom et pr[ée]nom)$/i.test(h),
  postalCode: (h) => /postal|post ?code|zip|^cp$/i.test(h),
  locale: (h) => /^(?:lang(?:uage|ue)?|locale)$/i.test(h),
  // Never guessed: recording consent for a whole file must be the organizer's own choice.
  consent: () => false,
  tags: (h) => /^(?:tags?|[ée]tiquettes?|labels?|groupes?)$/i.test(h),
};

/**
 * The column each role most likely is, from the file's header line: the first column that
 * looks like it and that no other role took. Roles with no likely column are left out.
 *
 * @example
 * guessColumns(['Courriel', 'Nom', 'Code postal']); // { email: 'Courriel', name: 'Nom', postalCode: 'Code postal' }
 */
export function guessColumns(columns: string[]): Partial<Record<Role, string>> {
  const taken = new Set<string>();
  const guessed: Partial<Record<Role, string>> = {};
  for (const role of roles) {
    const column = columns.find((c) => !taken.has(c) && patterns[role](c.trim()));
    if (column === undefined) continue;
    guessed[role] = column;
    taken.add(column);
  }
  return guessed;
}
