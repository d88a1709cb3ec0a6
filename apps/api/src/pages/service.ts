import { AppError } from '@groundwork/core/errors';
import { type Pledge, type PublicPledge, toPublicPledge } from '@groundwork/core/pledges';
import { hashClientKey } from '@groundwork/core/ratelimit';
import type { Context } from 'hono';
import { clientIp } from '../auth/client-ip.ts';
import type { AppContext, HonoEnv } from '../context.ts';
import type { PagePledge } from './types.ts';

export type ConfirmOutcome =
  | { ok: true; slug: string; locale: string; ref: string }
  | { ok: false; locale?: string };

/** A pledge found for a page: its languages, and how to view it in one of them. */
export interface FoundPledge {
  locales: string[];
  defaultLocale: string;
  view(locale: string): PagePledge;
}

/**
 * The calls the pages make into the pledge domain, all through the one signing service of the
 * process (its cached pledges and in-memory counts): pages hold no rule and no SQL.
 *
 * @example
 * const backend = pagesBackend(ctx);
 * const found = await backend.find('quit-chatgpt');
 * const pledge = found.view('en');
 */
export function pagesBackend(ctx: AppContext) {
  const { signing } = ctx;
  // The public view of a pledge version per locale (its Markdown rendered once): the signing
  // service hands out a new Pledge object whenever an organizer changes it, so this never
  // serves a stale text, and old versions are garbage-collected with their key.
  const views = new WeakMap<Pledge, Map<string, PublicPledge>>();

  return {
    /** The pledge behind `slug`; NOT_FOUND (an AppError) for drafts and unknown slugs. */
    async find(slug: string): Promise<FoundPledge> {
      const { pledge, chapter } = await signing.pledge(slug);
      const { count } = await signing.count(slug);
      let cached = views.get(pledge);
      if (!cached) {
        cached = new Map();
        views.set(pledge, cached);
      }
      const perLocale = cached;
      return {
        locales: Object.keys(pledge.translations),
        defaultLocale: pledge.defaultLocale,
        view(locale) {
          let view = perLocale.get(locale);
          if (!view) {
            view = toPublicPledge(pledge, chapter, 0, locale, ctx.config.publicUrl);
            perLocale.set(locale, view);
          }
          return { ...view, count };
        },
      };
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
