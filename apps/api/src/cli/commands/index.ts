import type { Command } from '../command.ts';
import { chapterCreateCommand } from './chapter-create.ts';
import { dbCopyCommand } from './db-copy.ts';
import { migrateCommand } from './migrate.ts';
import { seedDemoCommand } from './seed-demo.ts';
import { userCreateCommand } from './user-create.ts';
import { userResetPasswordCommand } from './user-reset-password.ts';

/**
 * Every `groundwork` command, in the order `groundwork help` lists them.
 * To add one: a file in this folder exporting a `Command`, and one line here.
 */
export const commands: Command[] = [
  migrateCommand,
  userCreateCommand,
  userResetPasswordCommand,
  chapterCreateCommand,
  seedDemoCommand,
  dbCopyCommand,
];
