import { parseMailbox } from '@groundwork/core/mail';
import { z } from 'zod';

/**
 * Every environment variable Groundwork reads, validated once at start.
 * Nothing else in the code reads `process.env`.
 */
export const envSchema = z.object({
  // Mail (docs/mail.md). Without SMTP_URL nothing is sent: mail stays readable in the admin.
  SMTP_URL: z
    .url({ error: 'must be a URL such as smtp://user:password@mail.example.org:587' })
    .refine((u) => /^smtps?:\/\//.test(u), 'must start with smtp:// or smtps://')
    .refine(
      (u) => !URL.canParse(u) || new URL(u).hostname !== '',
      'must name the mail server, such as smtp://user:password@mail.example.org:587',
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .refine(
      (v) => parseMailbox(v) !== null,
      'must be one address such as "Groundwork <no-reply@pledge.example.org>"',
    )
    .optional(),
  // `off` in a process that must not send; several workers (processes) are safe together.
  OUTBOX_WORKER: z
    .enum(['on', 'off'], { error: 'must be on or off' })
    .default('on')
    .transform((v) => v === 'on'),
  PORT: z.coerce
    .number({ error: 'must be a whole number between 0 (any free port) and 65535' })
    .int('must be a whole number between 0 (any free port) and 65535')
    .min(0, 'must be a whole number between 0 (any free port) and 65535')
    .max(65535, 'must be a whole number between 0 (any free port) and 65535')
    .default(3000),
  // Loopback by default: a chapter's laptop should not expose its admin to the café Wi-Fi.
  // Set HOST=0.0.0.0 behind a reverse proxy or in a container.
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PUBLIC_URL: z
    .url({ error: 'must be an absolute http(s) URL such as https://pledge.example.org' })
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    // Pages, forms and the admin use root paths: Groundwork cannot live under a sub-path.
    .refine(
      (u) => !URL.canParse(u) || new URL(u).href === `${new URL(u).origin}/`,
      'must be an origin without a path, such as https://pledge.example.org (no sub-path)',
    )
    .optional(),
  DATABASE_URL: z
    .string()
    .refine(
      (u) => u.startsWith('file:') || u.startsWith('postgres://') || u.startsWith('postgresql://'),
      'must be file:<path> (SQLite) or postgres://… (PostgreSQL)',
    )
    .default('file:./data/groundwork.sqlite'),
  SECRET: z
    .string()
    .refine(
      (s) => s.trim().length >= 32,
      'must be at least 32 characters, not counting spaces (or leave it unset)',
    )
    .optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'must be debug, info, warn, error or silent',
    })
    .default('info'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  // Only behind a reverse proxy that sets X-Forwarded-For: otherwise clients could pick the
  // address they are rate-limited under.
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  // `off` for load tests and for instances behind their own protection (a WAF, a proxy limit).
  RATE_LIMITS: z
    .enum(['on', 'off'], { error: 'must be on or off' })
    .default('on')
    .transform((v) => v === 'on'),
});

export type Env = z.output<typeof envSchema>;
