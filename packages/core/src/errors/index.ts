/**
 * One small vocabulary of errors shared by every transport (HTTP routes, tRPC, CLI).
 * Core code throws `AppError`; the API maps it to a status once (apps/api/src/http/errors.ts).
 */
import type { z } from 'zod';

/** Every error code Groundwork answers with, and the HTTP status it maps to. */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field path (dot-joined, e.g. `answers.why`) → human-readable message. */
export type FieldErrors = Record<string, string>;

export interface AppErrorOptions {
  fields?: FieldErrors;
  /** Seconds the client should wait (RATE_LIMITED only). */
  retryAfter?: number;
  cause?: unknown;
}

/**
 * An expected failure: a 4xx that is answered to the client and not logged as an error.
 *
 * @example
 * throw new AppError('NOT_FOUND', 'No pledge with this slug.');
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Turns zod issues into `{ "field.path": "message" }`, keeping the first message per field. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A validation failure naming the fields: 400 (malformed) by default, 422 for rule failures. */
export function validationError(
  error: z.ZodError,
  code: 'BAD_REQUEST' | 'UNPROCESSABLE' = 'BAD_REQUEST',
): AppError {
  const fields = fieldErrorsFromZod(error);
  const names = Object.keys(fields).join(', ');
  return new AppError(code, `Invalid input: ${names}.`, { fields, cause: error });
}

/**
 * Parses `input` with `schema` or throws a field-level `AppError`.
 *
 * @example
 * const data = parseInput(signatureInput, body);
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
