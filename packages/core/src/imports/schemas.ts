import { z } from 'zod';

const column = z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.');

/**
 * Which CSV column holds what. Only `email` is required. `consent` maps a column whose
 * yes-like values (yes, oui, true, 1, x, y) record an e-mail consent with `consentText` as
 * the text those people agreed to; without it nobody gets a consent. `tags`: names separated
 * by `;` or `,`.
 */
export const importMappingInput = z
  .object({
    email: column,
    name: column.optional(),
    postalCode: column.optional(),
    locale: column.optional(),
    consent: column.optional(),
    tags: column.optional(),
    consentText: z.string().trim().max(2000, 'At most 2000 characters.').optional(),
    /** Language of rows without (or with an unknown) locale column value. */
    defaultLocale: z.enum(['fr', 'en']).default('fr'),
  })
  .refine((m) => !m.consent || (m.consentText ?? '').length > 0, {
    message: 'Give the consent text those people agreed to.',
    path: ['consentText'],
  });

export type ImportMapping = z.output<typeof importMappingInput>;
