/**
 * The HTML of a mail, for the admin's preview frames:
 * `GET /admin/api/outbox/:id/preview.html` (a queued or sent mail) and
 * `GET /admin/api/broadcasts/:broadcastId/preview.html` (a broadcast as recipients will get it),
 * both with the query `chapterId`. Session cookie, viewer role, like the tRPC queries that list
 * them.
 *
 * Why a route of its own: mails carry inline styles (mail clients drop `<style>`), the admin's
 * CSP blocks inline styles, and an iframe's `srcdoc` document inherits the admin's CSP, so the
 * preview lost every style. This document gets a CSP of its own that allows inline styles and
 * nothing else: no scripts, no requests (images: `data:` only), sandboxed, framed by the admin
 * only.
 */
import { previewBroadcast } from '@groundwork/core/broadcasts';
import { AppError } from '@groundwork/core/errors';
import { getOutboxMessage } from '@groundwork/core/outbox';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { requireChapterRole } from '../auth/index.ts';
import type { AppContext, HonoEnv } from '../context.ts';

export const MAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

const OUTBOX_PREVIEW = '/admin/api/outbox/:id/preview.html';
const BROADCAST_PREVIEW = '/admin/api/broadcasts/:broadcastId/preview.html';

/**
 * The preview's own CSP. Mounted BEFORE the app-wide `secureHeaders`, so it runs after it on
 * the way out and replaces its CSP (the other security headers stay).
 *
 * @example
 * mountMailPreviewHeaders(app); // before app.use(secureHeaders(...))
 */
export function mountMailPreviewHeaders(app: Hono<HonoEnv>): void {
  app.use(OUTBOX_PREVIEW, previewHeaders());
  app.use(BROADCAST_PREVIEW, previewHeaders());
}

function previewHeaders(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', MAIL_PREVIEW_CSP);
  };
}

/**
 * The preview routes; after the session middleware of `/admin/api/*` (`mountExports`).
 *
 * @example
 * mountMailPreviews(app, ctx);
 */
export function mountMailPreviews(app: Hono<HonoEnv>, ctx: AppContext): void {
  app.get(OUTBOX_PREVIEW, async (c) => {
    const { chapterId, role } = await authorizePreview(c, ctx);
    const message = await getOutboxMessage(
      ctx.db.kysely,
      chapterId,
      c.req.param('id') ?? '',
      ctx.signing.expandMail,
      { hideTokens: role === 'viewer' },
    );
    if (!message.rendered) {
      throw new AppError('UNPROCESSABLE', message.renderError ?? 'This mail does not render.');
    }
    return previewPage(c, message.rendered.html);
  });
  app.get(BROADCAST_PREVIEW, async (c) => {
    const { chapterId } = await authorizePreview(c, ctx);
    const rendered = await previewBroadcast(
      ctx.db.kysely,
      chapterId,
      c.req.param('broadcastId') ?? '',
      ctx.config.publicUrl,
    );
    return previewPage(c, rendered.html);
  });
}

/** Signed in, at least a viewer of the chapter, and asked for by the admin itself. */
function authorizePreview(c: Context<HonoEnv>, ctx: AppContext) {
  return requireChapterRole(c, ctx, 'viewer', {
    crossSite: 'Cross-site request refused: open the preview in the admin.',
    role: 'You are not in this chapter.',
  });
}

function previewPage(c: Context<HonoEnv>, html: string): Response {
  // Personal data (the recipient's name, their links): never kept by a cache.
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(html);
}
