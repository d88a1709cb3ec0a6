import { createSetupToken } from '@groundwork/core/auth';
import type { AppContext } from '../context.ts';

/**
 * First run: while no account exists, prints a one-time link (24 h) that creates the first
 * owner. The human line goes to stdout, since it is what the person who just ran `npm start`
 * needs; the JSON log records that a link was issued, never the token.
 *
 * @returns the link, or null when an account already exists.
 */
export async function announceSetupLink(
  ctx: AppContext,
  print: (line: string) => void = (line) => process.stdout.write(line),
): Promise<string | null> {
  const setup = await createSetupToken(ctx.db.kysely, ctx.clock);
  if (!setup) return null;
  const url = `${ctx.config.publicUrl}/admin/setup?token=${encodeURIComponent(setup.token)}`;
  print(`Open this link to create the first Groundwork account (valid 24 h): ${url}\n`);
  ctx.log.info('setup link printed', { expiresAt: setup.expiresAt });
  return url;
}
