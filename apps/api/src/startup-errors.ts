/**
 * What stops a start, said in one line naming the setting to fix (never a stack trace): the
 * database cannot be opened, the port or host cannot be listened on.
 */

/** A start that cannot go on because of one setting. */
export class StartupError extends Error {
  constructor(
    /** The environment variable to look at, e.g. `DATABASE_URL`. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

type Failure = Error & { code?: string; syscall?: string; cause?: unknown };

/** The innermost cause (the driver's error under Kysely's "Migration failed", for one). */
function rootCause(error: unknown): Failure {
  let current = error as Failure;
  while (current?.cause instanceof Error) current = current.cause as Failure;
  return current;
}

const databaseReasons: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address',
  ENOTFOUND: 'unknown host',
  ETIMEDOUT: 'no answer (timeout)',
  '28P01': 'password authentication failed',
  '28000': 'this user may not connect',
  '3D000': 'the database does not exist',
  EISDIR: 'the path is a folder, not a file',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_READONLY: 'the file is read-only',
};

/**
 * A failure to open or migrate the database, as one line (the URL, which may hold a password,
 * is not repeated).
 *
 * @example
 * await openDatabase(url).catch((e) => { throw databaseProblem(e); });
 */
export function databaseProblem(error: unknown): StartupError {
  return new StartupError('DATABASE_URL', `DATABASE_URL cannot be used: ${databaseReason(error)}`);
}

/**
 * Why a database cannot be used, in a few words (no URL, no password): for the start and for
 * the command line (`db copy --from`).
 *
 * @example
 * databaseReason(error); // 'nothing answers at that address'
 */
export function databaseReason(error: unknown): string {
  const cause = rootCause(error);
  return (
    (cause?.code && databaseReasons[cause.code]) ||
    (String(cause?.message ?? error).split('\n')[0] ?? '').slice(0, 200)
  );
}

/**
 * A failure to listen: the port (taken, or privileged) or the host (not an address of this
 * machine, or a name that does not resolve).
 */
export function listenProblem(error: unknown, host: string, port: number): Error {
  const e = error as Failure;
  if (e.code === 'EADDRINUSE' || (e.code === 'EACCES' && e.syscall === 'listen')) {
    return new StartupError('PORT', `PORT ${port} cannot be used (${e.code})`);
  }
  if (e.syscall === 'getaddrinfo' || e.code === 'EADDRNOTAVAIL') {
    return new StartupError('HOST', `HOST ${host} cannot be used (${e.code})`);
  }
  return e;
}
