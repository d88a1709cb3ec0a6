/**
 * The `groundwork` command line: finds the command named by the first words, parses its
 * options, runs it. Mistakes end with one line on stderr and exit code 1, never a stack trace.
 *
 * @example
 * // node apps/api/bin/groundwork.mjs user create --email ana@example.org --name Ana
 * process.exitCode = await runCli(process.argv.slice(2));
 */
import { parseArgs } from 'node:util';
import { type Db, migrateToLatest, openDatabase } from '@groundwork/core/db';
import { AppError } from '@groundwork/core/errors';
import { type Config, ConfigError, loadConfig } from '../config/index.ts';
import { databaseProblem, StartupError } from '../startup-errors.ts';
import { type CliContext, CliError, type Command, type OptionValues } from './command.ts';
import { commands } from './commands/index.ts';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

const defaultIo: CliIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs one command line; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.length === 0 || words[0] === 'help' || (wantsHelp && !findCommand(words))) {
    const topic = words[0] === 'help' ? words.slice(1) : words;
    const command = findCommand(topic);
    io.stdout(command ? commandHelp(command) : overview(topic[0]));
    return 0;
  }
  const command = findCommand(words);
  if (!command) {
    io.stderr(`groundwork: unknown command "${words.join(' ')}" (see groundwork help)\n`);
    return 1;
  }
  if (wantsHelp) {
    io.stdout(commandHelp(command));
    return 0;
  }
  let db: Db | undefined;
  let config: Config | undefined;
  const ctx: CliContext = {
    config: () => {
      config ??= loadConfig(io.env);
      return config;
    },
    db: async () => {
      if (!db) {
        db = await openDatabase(ctx.config().databaseUrl).catch((error) => {
          throw databaseProblem(error);
        });
        await migrateToLatest(db.kysely).catch((error) => {
          throw databaseProblem(error);
        });
      }
      return db;
    },
    out: (line) => io.stdout(`${line}\n`),
    readStdin: io.readStdin,
  };
  try {
    const args = command.name.split(' ').length;
    const { values, positionals } = parseArgs({
      args: dropCommandWords(argv, args),
      options: command.options,
      allowPositionals: false,
      strict: true,
    });
    await command.run(ctx, values as OptionValues, positionals);
    return 0;
  } catch (error) {
    io.stderr(`groundwork: ${describe(error, command)}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

function findCommand(words: string[]): Command | undefined {
  return commands
    .filter((c) => c.name.split(' ').every((w, i) => words[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

/** The arguments after the command's own words (options may come before or after them). */
function dropCommandWords(argv: string[], count: number): string[] {
  const rest = [...argv];
  let dropped = 0;
  for (let i = 0; i < rest.length && dropped < count; ) {
    if (rest[i]?.startsWith('-')) {
      i++;
    } else {
      rest.splice(i, 1);
      dropped++;
    }
  }
  return rest;
}

function describe(error: unknown, command: Command): string {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof StartupError) {
    return error.message;
  }
  if (error instanceof AppError) {
    const fields = Object.entries(error.fields ?? {})
      .map(([name, message]) => `${optionName(name)}: ${message}`)
      .join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return `${(error as Error).message.split('\n')[0]} (see groundwork ${command.name} --help)`;
  }
  // Unexpected: still one line, with enough to report it.
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/** `timeZone` → `--time-zone`, so field errors name the option the person typed. */
function optionName(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function overview(group?: string): string {
  const list = commands.filter((c) => !group || c.name.split(' ')[0] === group);
  const shown = list.length > 0 ? list : commands;
  const width = Math.max(...shown.map((c) => c.name.length));
  return [
    'Usage: groundwork <command> [options]',
    '',
    'Commands:',
    ...shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "groundwork <command> --help" for its options. The configuration comes from the same',
    'environment variables as the server (DATABASE_URL, SECRET, ...).',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: groundwork ${command.name} ${command.usage}`.trimEnd(),
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? ['', ...command.details] : []),
    '',
  ].join('\n');
}
