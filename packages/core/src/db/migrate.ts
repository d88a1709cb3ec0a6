import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from './migrations/index.ts';

/**
 * Runs every pending migration. Migrations are listed statically (not read from the
 * file system) so they work the same from source, tests and any bundler.
 */
export async function migrateToLatest(kysely: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: kysely,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? '(unknown)'} failed`, { cause: result.error });
  }
  return result;
}
