/**
 * The building blocks every router uses:
 * - `authedProcedure`: signed-in organizers only (UNAUTHORIZED otherwise); `ctx.auth` is set.
 * - `chapterProcedure(minRole)`: a signed-in member of the chapter named by `input.chapterId`
 *   with at least `minRole` (viewer < organizer < owner); FORBIDDEN otherwise. `ctx.chapterId`
 *   and `ctx.role` are set for the resolver.
 *
 * Order matters: `chapterProcedure` parses only `{ chapterId }` and checks the role BEFORE the
 * procedure's own `.input(...)` runs (tRPC runs input parsers as middlewares, in the order they
 * are chained). So a caller without the role always gets FORBIDDEN, never a validation error
 * that would reveal the input's shape or whether a record exists — and the role-matrix test can
 * call any chapter procedure with just `{ chapterId }`. Add the procedure's own fields with
 * `.input(z.object({ ... }))` after it; `chapterId` is already part of the input.
 *
 * @example
 * export const tagsRouter = router({
 *   list: chapterProcedure('viewer').query(({ ctx }) => listTags(ctx.app.db.kysely, ctx.chapterId)),
 *   create: chapterProcedure('organizer')
 *     .input(z.object({ name: z.string() }))
 *     .mutation(({ ctx, input }) => createTag(ctx.app.db.kysely, ctx.chapterId, input)),
 * });
 */
import type { Role } from '@groundwork/core/chapters';
import { getRole, hasRole } from '@groundwork/core/chapters';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from './init.ts';

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  return next({ ctx: { auth: ctx.auth } });
});

const chapterIdInput = z.object({ chapterId: z.string().min(1, 'Required.').max(64) });

/**
 * A procedure on one chapter's data, allowed from `minRole` up. Sets `meta.chapterRole`, which
 * the role-matrix test (apps/api/test/roles.test.ts) uses to find and check every such procedure.
 */
export function chapterProcedure(minRole: Role) {
  return authedProcedure
    .meta({ chapterRole: minRole })
    .input(chapterIdInput)
    .use(async ({ ctx, input, next }) => {
      const role = await getRole(ctx.app.db.kysely, ctx.auth.userId, input.chapterId);
      // Not a member and no such chapter answer the same: no probing for chapter ids.
      if (!role || !hasRole(role, minRole)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: role
            ? `This needs the ${minRole} role in this chapter.`
            : 'You are not a member of this chapter.',
        });
      }
      return next({ ctx: { chapterId: input.chapterId, role } });
    });
}
