import {
  authenticate,
  completeSetup,
  deleteSession,
  getUser,
  hasNoUsers,
  normalizeEmail,
  publicUser,
  setupInput,
  signInInput,
  tokenSchema,
} from '@groundwork/core/auth';
import {
  acceptInvitation,
  acceptInvitationInput,
  describeInvitation,
  listUserMemberships,
} from '@groundwork/core/chapters';
import { z } from 'zod';
import {
  clearSessionCookie,
  limitPasswordAttempt,
  requestIp,
  resetPasswordAttempts,
  startSession,
} from '../../auth/index.ts';
import { publicProcedure, router } from '../init.ts';

/**
 * Signing in and out, first-run setup and invitation links. Everything here works signed out.
 */
export const authRouter = router({
  status: publicProcedure.query(async ({ ctx }) => {
    const db = ctx.app.db.kysely;
    const needsSetup = await hasNoUsers(db);
    if (!ctx.auth) return { needsSetup, user: null, memberships: [] };
    const user = publicUser(await getUser(db, ctx.auth.userId));
    return { needsSetup, user, memberships: await listUserMemberships(db, user.id) };
  }),

  setup: publicProcedure.input(setupInput).mutation(async ({ ctx, input }) => {
    const user = await completeSetup(ctx.app.db.kysely, input, ctx.app.clock);
    ctx.app.log.info('first account created', { userId: user.id });
    await startSession(ctx, user.id);
    return { user: publicUser(user) };
  }),

  // Limits are counted before the input is validated or the password checked, so every attempt
  // counts and a refusal tells nothing. Unknown e-mail and wrong password answer identically.
  signIn: publicProcedure
    .input(z.object({ email: z.string().max(254), password: z.string().max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const email = normalizeEmail(input.email);
      await limitPasswordAttempt(ctx.app, email, requestIp(ctx));
      const user = await authenticate(ctx.app.db.kysely, signInInput.parse(input));
      await resetPasswordAttempts(ctx.app, email);
      await startSession(ctx, user.id);
      return { user: publicUser(user) };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth) await deleteSession(ctx.app.db.kysely, ctx.auth.sessionId);
    clearSessionCookie(ctx);
    return { ok: true as const };
  }),

  invitation: publicProcedure
    .input(z.object({ token: tokenSchema }))
    .query(({ ctx, input }) => describeInvitation(ctx.app.db.kysely, input.token, ctx.app.clock)),

  acceptInvitation: publicProcedure
    .input(acceptInvitationInput)
    .mutation(async ({ ctx, input }) => {
      const user = await acceptInvitation(
        ctx.app.db.kysely,
        input,
        ctx.auth?.userId ?? null,
        ctx.app.clock,
      );
      if (ctx.auth?.userId !== user.id) await startSession(ctx, user.id);
      return { user: publicUser(user) };
    }),
});
