import {
  changePassword,
  changePasswordInput,
  deleteOwnSession,
  deleteUserSessions,
  getUser,
  listUserSessions,
  profileInput,
  updateProfile,
} from '@groundwork/core/auth';
import { AppError } from '@groundwork/core/errors';
import { z } from 'zod';
import { clearSessionCookie, limitPasswordAttempt, requestIp } from '../../auth/index.ts';
import { router } from '../init.ts';
import { authedProcedure } from '../procedures.ts';

/** The signed-in organizer's own account: profile, password, active sessions. */
export const accountRouter = router({
  updateProfile: authedProcedure
    .input(profileInput)
    .mutation(({ ctx, input }) =>
      updateProfile(ctx.app.db.kysely, ctx.auth.userId, input, ctx.app.clock),
    ),

  // A stolen session must not be enough to lock the owner out: the current password is needed,
  // guesses are rate-limited like sign-ins, and every other session ends.
  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const db = ctx.app.db.kysely;
    const user = await getUser(db, ctx.auth.userId);
    await limitPasswordAttempt(ctx.app, user.email, requestIp(ctx));
    await changePassword(db, user.id, input, ctx.app.clock);
    const ended = await deleteUserSessions(db, user.id, { except: ctx.auth.sessionId });
    return { ok: true as const, endedSessions: ended };
  }),

  sessions: authedProcedure.query(async ({ ctx }) => {
    const sessions = await listUserSessions(ctx.app.db.kysely, ctx.auth.userId, ctx.app.clock);
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastVerifiedAt,
      userAgent: s.userAgent,
      current: s.id === ctx.auth.sessionId,
    }));
  }),

  endSession: authedProcedure
    .input(z.object({ sessionId: z.string().min(1).max(64) }))
    .mutation(async ({ ctx, input }) => {
      const ended = await deleteOwnSession(ctx.app.db.kysely, ctx.auth.userId, input.sessionId);
      if (!ended) throw new AppError('NOT_FOUND', 'No such session.');
      if (input.sessionId === ctx.auth.sessionId) clearSessionCookie(ctx);
      return { ok: true as const };
    }),

  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const ended = await deleteUserSessions(ctx.app.db.kysely, ctx.auth.userId);
    clearSessionCookie(ctx);
    return { ok: true as const, endedSessions: ended };
  }),
});
