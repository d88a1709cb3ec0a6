import { recordAudit } from '@groundwork/core/audit';
import {
  createFirstOwner,
  generatePassword,
  hasNoUsers,
  insertUser,
  prepareUser,
} from '@groundwork/core/auth';
import {
  findChapterBySlug,
  type Role,
  roleSchema,
  upsertMembership,
} from '@groundwork/core/chapters';
import {
  CliError,
  type Command,
  optional,
  passwordFrom,
  passwordStdinOption,
  required,
} from '../command.ts';

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'create an organizer account',
  usage:
    '--email <e-mail> --name <name> [--chapter <slug> [--role owner|organizer|viewer]] [--locale fr|en] [--password-stdin]',
  details: [
    'The password is read from the first line of standard input with --password-stdin;',
    'otherwise a random one is generated and printed once.',
    'With --chapter the account joins that chapter (role owner unless --role says otherwise).',
    'The first account of an instance becomes owner of every chapter, like the setup link.',
    'Example: echo "a long passphrase" | groundwork user create --email ana@example.org --name Ana --chapter quitgpt-paris --password-stdin',
  ],
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    chapter: { type: 'string' },
    role: { type: 'string' },
    locale: { type: 'string' },
    ...passwordStdinOption,
  },
  async run(ctx, values) {
    const given = await passwordFrom(ctx, values);
    const password = given ?? generatePassword();
    const prepared = await prepareUser({
      email: required(values, 'email'),
      name: required(values, 'name'),
      password,
      locale: optional(values, 'locale') as 'fr' | 'en' | undefined,
    });
    const roleParsed = roleSchema.safeParse(optional(values, 'role') ?? 'owner');
    if (!roleParsed.success) throw new CliError('--role must be owner, organizer or viewer');
    const role: Role = roleParsed.data;
    const db = await ctx.db();
    const slug = optional(values, 'chapter');
    const chapter = slug ? await findChapterBySlug(db.kysely, slug) : undefined;
    if (slug && !chapter) throw new CliError(`--chapter: no chapter with the slug ${slug}`);
    const summary = await db.kysely.transaction().execute(async (trx) => {
      if (!chapter && (await hasNoUsers(trx))) {
        await createFirstOwner(trx, prepared, null);
        return 'owner of every chapter (first account)';
      }
      const user = await insertUser(trx, prepared);
      if (!chapter) return 'no chapter yet';
      await upsertMembership(trx, { userId: user.id, chapterId: chapter.id, role });
      await recordAudit(trx, {
        chapterId: chapter.id,
        actorUserId: null,
        action: 'member.added_by_cli',
        target: user.id,
        details: { role },
      });
      return `${role} of ${chapter.name}`;
    });
    ctx.out(`Created the account ${prepared.email} (${summary}).`);
    if (!given) ctx.out(`Password (shown once, change it after signing in): ${password}`);
  },
};
