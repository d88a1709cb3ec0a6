import { AppError } from '@groundwork/core/errors';
import { toPublicPledge } from '@groundwork/core/pledges';
import { hashClientKey } from '@groundwork/core/ratelimit';
import type { Context } from 'hono';
import { clientIp } from '../auth/client-ip.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import type { PagePledge } from './types.ts';

export type ConfirmOutcome =
  | { ok: true; slug: string; locale: string; ref: string }
  | { ok: false; locale?: string };

/**
 * The three calls the pages make into the pledge domain, all through the one signing service
 * of the process (its cached pledges and in-memory counts): pages hold no rule and no SQL.
 *
 * @example
 * const backend = pagesBackend(ctx);
 * const pledge = await backend.getPublicPledge('quit-chatgpt', 'en');
 */
export function pagesBackend(ctx: AppContext) {
  const { signing } = ctx;
  return {
    /** The public view in `locale` (or the pledge's own); NOT_FOUND for drafts and unknowns. */
    async getPublicPledge(slug: string, locale?: string): Promise<PagePledge> {
      const { pledge, chapter } = await signing.pledge(slug);
      const { count } = await signing.count(slug);
      return toPublicPledge(pledge, chapter, count, locale, ctx.config.publicUrl);
    },
    /** Signs with the client's hashed address, exactly like the JSON route. */
    sign(c: Context<HonoEnv>, slug: string, raw: Record<string, unknown>, locale: string) {
      const ipHash = hashClientKey(ctx.config.secret, clientIp(c, ctx.config.trustProxy));
      return signing.sign(slug, raw, { ipHash, locale });
    },
    /**
     * Confirms an e-mail link. The domain does not say whether a bad token was unknown, used
     * or expired (a NOT_FOUND for all three), so neither does the page.
     */
    async confirm(token: string): Promise<ConfirmOutcome> {
      try {
        const result = await signing.confirm(token);
        const ref = new URL(result.shareUrl, ctx.config.publicUrl).searchParams.get('ref') ?? '';
        return { ok: true, slug: result.slug, locale: result.locale, ref };
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return { ok: false };
        throw error;
      }
    },
  };
}
