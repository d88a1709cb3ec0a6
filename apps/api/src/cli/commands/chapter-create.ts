import { findUserByEmail } from '@groundwork/core/auth';
import { createChapter, upsertMembership } from '@groundwork/core/chapters';
import { CliError, type Command, optional, required } from '../command.ts';

export const chapterCreateCommand: Command = {
  name: 'chapter create',
  summary: 'create a chapter',
  usage:
    '--slug <slug> --name <name> [--locale fr|en] [--time-zone <IANA zone>] [--owner <e-mail>]',
  details: [
    'Example: groundwork chapter create --slug quitgpt-lyon --name "QuitGPT Lyon" --locale fr --time-zone Europe/Paris --owner ana@example.org',
  ],
  options: {
    slug: { type: 'string' },
    name: { type: 'string' },
    locale: { type: 'string' },
    'time-zone': { type: 'string' },
    owner: { type: 'string' },
  },
  async run(ctx, values) {
    const db = await ctx.db();
    const ownerEmail = optional(values, 'owner');
    const owner = ownerEmail ? await findUserByEmail(db.kysely, ownerEmail) : undefined;
    if (ownerEmail && !owner)
      throw new CliError(`--owner: no account with the e-mail ${ownerEmail}`);
    const chapter = await db.kysely.transaction().execute(async (trx) => {
      const row = await createChapter(trx, {
        slug: required(values, 'slug'),
        name: required(values, 'name'),
        locale: optional(values, 'locale') as 'fr' | 'en' | undefined,
        timeZone: optional(values, 'time-zone'),
      });
      if (owner)
        await upsertMembership(trx, { userId: owner.id, chapterId: row.id, role: 'owner' });
      return row;
    });
    ctx.out(`Created chapter ${chapter.slug} (${chapter.name}), id ${chapter.id}.`);
  },
};
