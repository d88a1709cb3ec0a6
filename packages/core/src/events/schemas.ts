import { z } from 'zod';
import { slugSchema } from '../chapters/schemas.ts';
import { pledgeLocaleSchema, questionSchema } from '../pledges/schemas.ts';
import { isTimeZone, zonedToUtc } from './time.ts';

const localized = (max: number) =>
  z.object({
    fr: z.string().trim().max(max, `At most ${max} characters.`).optional(),
    en: z.string().trim().max(max, `At most ${max} characters.`).optional(),
  });

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use the form 2026-12-10T19:00.');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * An event as organizers write it: times as wall-clock times in the event's zone (converted
 * to UTC once, in core), texts per language.
 */
export const eventInput = z
  .object({
    slug: slugSchema,
    status: z.enum(['draft', 'published']).default('draft'),
    defaultLocale: pledgeLocaleSchema.default('fr'),
    title: localized(200),
    description: localized(20_000).default({}),
    timeZone: z.string().refine(isTimeZone, 'Not a known time zone.'),
    startsLocal: localDateTime,
    endsLocal: localDateTime,
    venueName: optionalText(200),
    venueAddress: optionalText(500),
    addressPublic: z.boolean().default(true),
    onlineUrl: z
      .url({ protocol: /^https?$/, error: 'Must be an http(s) address.' })
      .max(2000)
      .nullish()
      .or(z.literal('').transform(() => null))
      .transform((v) => v ?? null),
    capacity: z
      .number({ error: 'Must be a whole number.' })
      .int('Must be a whole number.')
      .min(1, 'At least 1.')
      .max(1_000_000, 'At most 1,000,000.')
      .nullish()
      .default(null),
    waitlist: z.boolean().default(true),
    questions: z.array(questionSchema).max(10, 'At most 10 questions.').default([]),
    /** Hours before the start; one or two reminders, none with `[]`. */
    reminders: z
      .array(
        z
          .number()
          .int()
          .min(1, 'At least 1 hour.')
          .max(24 * 14, 'At most 14 days.'),
      )
      .max(2, 'At most two reminders.')
      .default([24]),
  })
  .check((ctx) => {
    const v = ctx.value;
    const title = v.title[v.defaultLocale];
    if (!title) {
      ctx.issues.push({
        code: 'custom',
        input: v.title,
        path: ['title', v.defaultLocale],
        message: 'Required in the default language.',
      });
    }
    if (!endsAfterStart(v.startsLocal, v.endsLocal, v.timeZone)) {
      ctx.issues.push({
        code: 'custom',
        input: v.endsLocal,
        path: ['endsLocal'],
        message: 'Must be after the start.',
      });
    }
  });

/** Compared as instants: 01:30 → 02:15 lasts 45 minutes, or none in the hour clocks skip. */
function endsAfterStart(startsLocal: string, endsLocal: string, timeZone: string): boolean {
  // A missing or malformed time has its own field error already.
  const wellFormed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
  if (!wellFormed.test(startsLocal) || !wellFormed.test(endsLocal)) return true;
  if (!isTimeZone(timeZone)) return endsLocal > startsLocal;
  return zonedToUtc(endsLocal, timeZone) > zonedToUtc(startsLocal, timeZone);
}

export type EventInput = z.input<typeof eventInput>;
export type EventData = z.output<typeof eventInput>;

// C0/C1 controls are never part of a name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

/** The body of `POST /api/v1/events/:slug/rsvps` (JSON, or the hosted form's fields). */
export const rsvpInput = z.object({
  email: z
    .string({ error: 'Required.' })
    .max(254, 'At most 254 characters.')
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.email({ error: 'Not a valid e-mail address.' })),
  name: z
    .string({ error: 'Required.' })
    .trim()
    .min(1, 'Required.')
    .max(200, 'At most 200 characters.')
    .refine((s) => !controlChars.test(s) && !/\p{Cs}/u.test(s), 'Contains invalid characters.'),
  answers: z
    .record(
      z.string().max(40),
      z.union([z.string().max(2000), z.array(z.string().max(100)).max(30)]),
    )
    .nullish(),
  consent: z.boolean().nullish(),
  locale: z.string().max(16).nullish(),
  source: z.string().max(2048).nullish(),
  website: z.unknown().optional(),
});

export type RsvpInput = z.input<typeof rsvpInput>;

/** A walk-in added at the door. */
export const walkInInput = z.object({
  name: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ error: 'Not a valid e-mail address.' })),
  consent: z.boolean().default(false),
});

export { slugSchema };
