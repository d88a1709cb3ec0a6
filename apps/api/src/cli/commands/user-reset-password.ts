import {
  deleteUserSessions,
  findUserByEmail,
  generatePassword,
  setPassword,
} from '@groundwork/core/auth';
import { CliError, type Command, passwordFrom, passwordStdinOption, required } from '../command.ts';

export const userResetPasswordCommand: Command = {
  name: 'user reset-password',
  summary: 'set a new password for an account and end all of its sessions',
  usage: '--email <e-mail> [--password-stdin]',
  details: [
    'The new password is read from standard input with --password-stdin; otherwise a random one',
    'is generated and printed once.',
  ],
  options: { email: { type: 'string' }, ...passwordStdinOption },
  async run(ctx, values) {
    const email = required(values, 'email');
    const given = await passwordFrom(ctx, values);
    const password = given ?? generatePassword();
    const db = await ctx.db();
    const user = await findUserByEmail(db.kysely, email);
    if (!user) throw new CliError(`--email: no account with the e-mail ${email}`);
    await setPassword(db.kysely, user.id, password);
    const ended = await deleteUserSessions(db.kysely, user.id);
    ctx.out(`New password set for ${user.email}; ${ended} session(s) ended.`);
    if (!given) ctx.out(`Password (shown once, change it after signing in): ${password}`);
  },
};
