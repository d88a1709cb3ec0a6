import { TRPCClientError } from '@trpc/client';
import type { I18n } from '../i18n/index.tsx';

interface ErrorData {
  code?: string;
  fields?: Record<string, string> | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data ?? undefined) as ErrorData | undefined;
}

/**
 * The field-level messages the server sent (`data.fields` of the tRPC error), or `{}`.
 *
 * @example
 * fieldErrorsOf(error) // → { email: 'Invalid email address' }
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return { ...(dataOf(error)?.fields ?? {}) };
}

/** The tRPC error code (`UNAUTHORIZED`, `FORBIDDEN`, ...) or undefined for a network error. */
export function errorCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/**
 * One sentence for the person: our own words for the common cases, else the server's message
 * (which is written for people and never leaks internals: see the API's errorFormatter).
 */
export function errorMessageOf(error: unknown, i18n: Pick<I18n, 't'>): string {
  const data = dataOf(error);
  if (!data) return i18n.t('error.network');
  switch (data.code) {
    case 'UNAUTHORIZED':
      return error instanceof Error && error.message ? error.message : i18n.t('error.unauthorized');
    case 'FORBIDDEN':
      return i18n.t('error.forbidden');
    case 'TOO_MANY_REQUESTS':
      return i18n.t('error.rateLimited');
    case 'INTERNAL_SERVER_ERROR':
      return i18n.t('error.generic');
    default:
      return error instanceof Error && error.message ? error.message : i18n.t('error.generic');
  }
}
