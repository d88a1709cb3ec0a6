import {
  changeRole,
  changeRoleInput,
  createInvitation,
  invitationInput,
  listInvitations,
  listMembers,
  removeMember,
  removeMemberInput,
  revokeInvitation,
  revokeInvitationInput,
} from '@groundwork/core/chapters';
import { router } from '../init.ts';
import { chapterProcedure } from '../procedures.ts';

/** A chapter's team: members, invitations, roles. Every change lands in the audit log (core). */
export const membersRouter = router({
  list: chapterProcedure('viewer').query(async ({ ctx }) => {
    const db = ctx.app.db.kysely;
    return {
      members: await listMembers(db, ctx.chapterId),
      invitations: await listInvitations(db, ctx.chapterId, ctx.app.clock),
    };
  }),

  invite: chapterProcedure('organizer')
    .input(invitationInput)
    .mutation(async ({ ctx, input }) => {
      const invitation = await createInvitation(
        ctx.app.db.kysely,
        input,
        { userId: ctx.auth.userId, role: ctx.role },
        ctx.app.clock,
      );
      const token = encodeURIComponent(invitation.token);
      return {
        url: `${ctx.app.config.publicUrl}/admin/invite?token=${token}`,
        expiresAt: invitation.expiresAt,
      };
    }),

  revokeInvitation: chapterProcedure('organizer')
    .input(revokeInvitationInput)
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.app.db.kysely, input, ctx.auth.userId, ctx.app.clock, ctx.role);
      return { ok: true as const };
    }),

  changeRole: chapterProcedure('owner')
    .input(changeRoleInput)
    .mutation(async ({ ctx, input }) => {
      await changeRole(ctx.app.db.kysely, input, ctx.auth.userId, ctx.app.clock);
      return { ok: true as const };
    }),

  // Viewers may call it to leave the chapter; removing someone else needs an owner (checked in
  // core), so the role matrix test checks this one by hand.
  remove: chapterProcedure('viewer')
    .input(removeMemberInput)
    .mutation(async ({ ctx, input }) => {
      await removeMember(
        ctx.app.db.kysely,
        input,
        { userId: ctx.auth.userId, role: ctx.role },
        ctx.app.clock,
      );
      return { ok: true as const };
    }),
});
