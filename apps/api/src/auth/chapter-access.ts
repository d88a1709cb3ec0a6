/**
 * Who may open a chapter's plain-HTTP admin routes (downloads, mail previews): signed in, at
 * least `min` in the chapter named by the `chapterId` query, and asked for by the admin itself
 * (a link followed from another site would still carry the Lax session cookie).
 */
import { getRole, hasRole, type Role } from '@groundwork/core/chapters';
import { AppError } from '@groundwork/core/errors';
import type { Context } from 'hono';
import type { AppContext, HonoEnv } from '../context.ts';

/**
 * @param refusals what the 403s say: for a cross-site request, and for a missing role.
 *
 * @example
 * const { chapterId, userId } = await requireChapterRole(c, ctx, 'organizer', refusals);
 */
export async function requireChapterRole(
  c: Context<HonoEnv>,
  ctx: AppContext,
  min: Role,
  refusals: { crossSite: string; role: string },
): Promise<{ chapterId: string; userId: string; role: Role }> {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHORIZED', 'Please sign in.');
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    throw new AppError('FORBIDDEN', refusals.crossSite);
  }
  const chapterId = c.req.query('chapterId') ?? '';
  const role = chapterId ? await getRole(ctx.db.kysely, auth.userId, chapterId) : null;
  if (!role || !hasRole(role, min)) throw new AppError('FORBIDDEN', refusals.role);
  return { chapterId, userId: auth.userId, role };
}
