import { z } from 'zod';
import { daySchema } from '../clock/day.ts';

const id = z.string().trim().min(1, 'Required.').max(64, 'At most 64 characters.');
const day = daySchema;

/**
 * What narrows the people of a chapter. The list, its count, bulk tagging, the CSV export
 * and broadcast segments share it; every condition given must hold (an intersection).
 */
export const peopleFilterInput = z.object({
  /** Substring of the name, e-mail or postal code, case-insensitive. */
  search: z.string().trim().max(200, 'At most 200 characters.').optional(),
  /** Signed this pledge. */
  pledgeId: id.optional(),
  /** Answered this event (any RSVP status). */
  eventId: id.optional(),
  tagId: id.optional(),
  /** `yes`: a current e-mail consent; `no`: none. */
  consent: z.enum(['yes', 'no']).optional(),
  /** What brought them: signed a pledge, answered an event, imported. */
  source: z.enum(['pledge', 'event', 'import']).optional(),
  /** First and last day included (UTC days). */
  from: day.optional(),
  to: day.optional(),
});

export const listPeopleInput = peopleFilterInput.extend({
  sort: z.enum(['created', 'name', 'email']).default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(1000, 'Invalid cursor.').optional(),
  limit: z.number().int().min(1, 'At least 1.').max(200, 'At most 200.').default(50),
});

export const personEditInput = z.object({
  personId: id,
  name: z.string().trim().max(200, 'At most 200 characters.').nullable().optional(),
  email: z.email({ error: 'Must be an e-mail address.' }).max(320).optional(),
  // The same rule as the public form's (signing/schemas.ts), so an edit cannot store what a
  // signer could not.
  postalCode: z
    .string()
    .trim()
    .max(20, 'At most 20 characters.')
    .regex(/^[\p{L}\p{N} -]*$/u, 'Letters, digits, spaces and dashes only.')
    .nullable()
    .optional(),
  locale: z.enum(['fr', 'en']).optional(),
});

export type PeopleFilter = z.output<typeof peopleFilterInput>;
export type ListPeopleInput = z.input<typeof listPeopleInput>;
export type PersonEdit = z.input<typeof personEditInput>;
