import { z } from 'zod';
import { slugSchema } from '../chapters/schemas.ts';

export const pledgeLocales = ['fr', 'en'] as const;
export const pledgeLocaleSchema = z.enum(pledgeLocales);

const idSchema = z
  .string()
  .trim()
  .min(1, 'Required.')
  .max(40, 'At most 40 characters.')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lower-case letters, digits, dashes and underscores only.');

const localizedText = (max: number) =>
  z.object({
    fr: z.string().trim().max(max, `At most ${max} characters.`).optional(),
    en: z.string().trim().max(max, `At most ${max} characters.`).optional(),
  });

export const questionSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['single', 'multiple', 'text']),
    required: z.boolean().default(false),
    label: localizedText(300),
    options: z
      .array(z.object({ id: idSchema, label: localizedText(200) }))
      .max(30, 'At most 30 options.')
      .default([]),
  })
  .check((ctx) => {
    const q = ctx.value;
    if (q.kind !== 'text' && q.options.length < 2) {
      ctx.issues.push({
        code: 'custom',
        input: q.options,
        path: ['options'],
        message: 'A choice question needs at least 2 options.',
      });
    }
    const ids = new Set<string>();
    for (const [i, option] of q.options.entries()) {
      if (ids.has(option.id)) {
        ctx.issues.push({
          code: 'custom',
          input: option.id,
          path: ['options', i, 'id'],
          message: 'Option ids must be unique.',
        });
      }
      ids.add(option.id);
    }
  });

export const pledgeTextsSchema = z.object({
  title: z.string().trim().min(1, 'Required.').max(200, 'At most 200 characters.'),
  body: z.string().max(20_000, 'At most 20,000 characters.').default(''),
  consentText: z.string().trim().max(1000, 'At most 1,000 characters.').default(''),
  shareText: z.string().trim().max(280, 'At most 280 characters.').default(''),
  nextSteps: z
    .array(z.string().trim().min(1, 'Required.').max(500, 'At most 500 characters.'))
    .max(20, 'At most 20 steps.')
    .default([]),
});

const amount = (n: number, unit: { one: string; other: string }) =>
  `${n.toLocaleString('en')}${n === 1 ? unit.one : unit.other}`;
const plain = { one: '', other: '' };

/**
 * A whole number in `[min, max]`, every failure in words. The bounds are checked first: only
 * the first message per field is shown, and "At most …" says more about 1e300 than "whole".
 */
const wholeNumber = (min: number, max: number, unit: { one: string; other: string }) =>
  z
    .number({ error: 'Must be a whole number.' })
    .min(min, `At least ${amount(min, unit)}.`)
    .max(max, `At most ${amount(max, unit)}.`)
    .int('Must be a whole number.');

const windowSchema = z.object({
  points: wholeNumber(1, 100_000, plain),
  seconds: wholeNumber(1, 86_400, { one: ' second', other: ' seconds' }),
});

export const rateLimitSchema = z.object({ burst: windowSchema, sustained: windowSchema });

/** Everything an organizer sets on a pledge (create and full update). */
export const pledgeInput = z
  .object({
    slug: slugSchema,
    status: z.enum(['draft', 'live', 'closed']).default('draft'),
    goal: wholeNumber(1, 1_000_000_000, plain),
    defaultLocale: pledgeLocaleSchema.default('en'),
    askPostalCode: z.boolean().default(false),
    requiresConfirmation: z.boolean().default(false),
    countUnconfirmed: z.boolean().default(true),
    proofOfWork: z.boolean().default(false),
    rateLimit: rateLimitSchema.nullable().default(null),
    questions: z.array(questionSchema).max(20, 'At most 20 questions.').default([]),
    translations: z.object({
      fr: pledgeTextsSchema.optional(),
      en: pledgeTextsSchema.optional(),
    }),
  })
  .check((ctx) => {
    const p = ctx.value;
    if (!p.translations[p.defaultLocale]) {
      ctx.issues.push({
        code: 'custom',
        input: p.translations,
        path: ['translations', p.defaultLocale, 'title'],
        message: 'The default language needs a title.',
      });
    }
    const ids = new Set<string>();
    for (const [i, q] of p.questions.entries()) {
      if (ids.has(q.id)) {
        ctx.issues.push({
          code: 'custom',
          input: q.id,
          path: ['questions', i, 'id'],
          message: 'Question ids must be unique.',
        });
      }
      ids.add(q.id);
      if (!q.label[p.defaultLocale]) {
        ctx.issues.push({
          code: 'custom',
          input: q.label,
          path: ['questions', i, 'label', p.defaultLocale],
          message: 'Required in the default language.',
        });
      }
    }
  });

export type PledgeInput = z.input<typeof pledgeInput>;
export type PledgeData = z.output<typeof pledgeInput>;
export type PledgeTexts = z.output<typeof pledgeTextsSchema>;
