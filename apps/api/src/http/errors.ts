import { AppError, type FieldErrors, fieldErrorsFromZod } from '@groundwork/core/errors';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import type { Logger } from '../log/index.ts';
import { serializeError } from '../log/index.ts';

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors; requestId?: string };
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/**
 * The one mapping from anything thrown to an HTTP answer:
 * validation → 400 with fields, our own errors → their status, anything else → 500 with a
 * generic message (the details go to the log only, never to the client).
 */
export function mapError(error: unknown, log: Logger, requestId?: string): MappedError {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfter !== undefined) {
      headers['Retry-After'] = String(error.retryAfter);
      // A widget on another origin may read it only if it is exposed (not CORS-safelisted).
      headers['Access-Control-Expose-Headers'] = 'Retry-After';
    }
    return {
      status: error.status,
      headers,
      body: { error: { code: error.code, message: error.message, ...fieldsOf(error.fields) } },
    };
  }
  if (error instanceof ZodError) {
    const fields = fieldErrorsFromZod(error);
    return {
      status: 400,
      headers: {},
      body: {
        error: {
          code: 'BAD_REQUEST',
          message: `Invalid input: ${Object.keys(fields).join(', ')}.`,
          fields,
        },
      },
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    return {
      status: error.status,
      headers: {},
      body: {
        error: { code: codeForStatus(error.status), message: error.message || 'Bad request.' },
      },
    };
  }
  log.error('unhandled error', { requestId, error: serializeError(error) });
  return {
    status: 500,
    headers: {},
    body: {
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. Please try again.',
        ...(requestId ? { requestId } : {}),
      },
    },
  };
}

function fieldsOf(fields: FieldErrors | undefined) {
  return fields && Object.keys(fields).length > 0 ? { fields } : {};
}

function codeForStatus(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'BAD_REQUEST';
  }
}
