import { z } from 'zod';
import { daySchema } from '../../clock/day.ts';

const id = z.string().trim().min(1, 'Required.').max(64, 'At most 64 characters.');
/** A calendar day in the chapter's time zone. */
const day = daySchema;

/** What narrows a pledge's signatures (the table, its count and the CSV export share it). */
export const signatureFilterInput = z.object({
  pledgeId: id,
  /** Substring of the name or e-mail, case-insensitive. */
  search: z.string().trim().max(200, 'At most 200 characters.').optional(),
  status: z.enum(['pending', 'confirmed']).optional(),
  /** An embedding site's origin; `null` = the hosted page (no source). */
  source: z.string().trim().max(300, 'At most 300 characters.').nullable().optional(),
  /** First day included, in the chapter's time zone. */
  from: day.optional(),
  /** Last day included, in the chapter's time zone. */
  to: day.optional(),
});

export const listSignaturesInput = signatureFilterInput.extend({
  sort: z.enum(['date', 'name']).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** The `nextCursor` of the previous page; absent for the first page. */
  cursor: z.string().max(1000, 'Invalid cursor.').optional(),
  limit: z.number().int().min(1, 'At least 1.').max(200, 'At most 200.').default(50),
});

export const signatureDetailInput = z.object({ signatureId: id });

export const pledgeStatsInput = z.object({
  pledgeId: id,
  /** How many days (ending today, chapter time) the per-day series covers. */
  days: z.number().int().min(1, 'At least 1.').max(366, 'At most 366.').default(30),
});

export type SignatureFilter = z.output<typeof signatureFilterInput>;
export type ListSignaturesInput = z.input<typeof listSignaturesInput>;
export type ListSignaturesOptions = z.output<typeof listSignaturesInput>;
export type PledgeStatsInput = z.input<typeof pledgeStatsInput>;
