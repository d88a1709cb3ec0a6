import { migrateToLatest } from '@groundwork/core/db';
import type { Command } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database schema up to date (the server also does it at start)',
  usage: '',
  options: {},
  async run(ctx) {
    const db = await ctx.db();
    // ctx.db() already migrated; run again to report what is there.
    const result = await migrateToLatest(db.kysely);
    const ran = result.results?.filter((r) => r.status === 'Success') ?? [];
    ctx.out(
      ran.length > 0
        ? `Applied ${ran.map((r) => r.migrationName).join(', ')}.`
        : 'The database schema is up to date.',
    );
  },
};
