import { z } from 'zod';
import { localeSchema } from '../chapters/schemas.ts';
import { givenPasswordSchema, newPasswordSchema } from './passwords.ts';

/** E-mails are compared trimmed and lower-cased. */
export const emailSchema = z
  .string({ error: 'Required.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Not a valid e-mail address.' }).max(254, 'At most 254 characters.'));

export const userNameSchema = z
  .string({ error: 'Required.' })
  .trim()
  .min(1, 'Required.')
  .max(120, 'At most 120 characters.');

export const newUserInput = z.object({
  email: emailSchema,
  name: userNameSchema,
  password: newPasswordSchema,
  locale: localeSchema.default('en'),
});
export type NewUserInput = z.input<typeof newUserInput>;

export const signInInput = z.object({ email: emailSchema, password: givenPasswordSchema });
export type SignInInput = z.input<typeof signInInput>;

export const profileInput = z.object({ name: userNameSchema, locale: localeSchema });
export type ProfileInput = z.input<typeof profileInput>;

export const changePasswordInput = z.object({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});

/** A token from a one-time link: opaque, bounded. */
export const tokenSchema = z
  .string({ error: 'Required.' })
  .min(16, 'This link is incomplete.')
  .max(128, 'This link is invalid.');
