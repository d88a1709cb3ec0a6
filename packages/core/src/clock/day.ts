import { z } from 'zod';

/**
 * A calendar day `YYYY-MM-DD` that exists: `Date.parse` rolls 2026-02-30 over to 2 March,
 * so the parsed date must give back the same text.
 *
 * @example
 * isRealDay('2026-02-28') // true
 * isRealDay('2026-02-30') // false
 */
export function isRealDay(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** The filter schemas' day (people, signatures): shape first, then existence. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2026-11-26.')
  .refine(isRealDay, 'Not a real date.');
