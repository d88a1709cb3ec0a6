/**
 * What the signing route and its fast path (`signing-fast-path.ts`) share, so the two cannot
 * drift: the request's metadata for `signing.sign` and the headers of a signing answer.
 */
import { hashClientKey } from '@groundwork/core/ratelimit';
import type { Config } from '../config/index.ts';
import { preferredLanguages } from '../http/accept-language.ts';
import { isPageLocale } from '../pages/strings.ts';

/**
 * @param clientIp called only when rate limits are on: without them the client's address is
 *   not needed at all, not even hashed.
 * @param acceptLanguage the browser's languages: the first one Groundwork writes in becomes the
 *   signer's language when the body names none ("de-DE,en;q=0.8" → en; "*" → none, so the
 *   pledge's own language).
 *
 * @example
 * const meta = signingMeta(config, () => clientIp(c, config.trustProxy), c.req.header('accept-language'));
 */
export function signingMeta(
  config: Pick<Config, 'rateLimits' | 'secret'>,
  clientIp: () => string,
  acceptLanguage: string | undefined,
): { ipHash: string; locale?: string } {
  const ipHash = config.rateLimits ? hashClientKey(config.secret, clientIp()) : 'unlimited';
  const locale = preferredLanguages(acceptLanguage).find(isPageLocale);
  return { ipHash, ...(locale ? { locale } : {}) };
}

/** A signing answer is personal (the signer's own referral code): never stored by a cache. */
export const SIGNING_CACHE_CONTROL = 'no-store';
