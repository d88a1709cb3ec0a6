import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .min(2, 'At least 2 characters.')
  .max(64, 'At most 64 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters, digits and single dashes only.');

export const localeSchema = z.enum(['fr', 'en']);

export const timeZoneSchema = z
  .string()
  .refine((tz) => isTimeZone(tz), 'Unknown time zone (use an IANA name such as Europe/Paris).');

export const chapterInput = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, 'Required.').max(120, 'At most 120 characters.'),
  locale: localeSchema.default('en'),
  timeZone: timeZoneSchema.default('UTC'),
});

export type ChapterInput = z.input<typeof chapterInput>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
