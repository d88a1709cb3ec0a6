import { TRPCClientError } from '@trpc/client';
import type { I18n } from '../i18n/index.tsx';
import { serverWords } from './server-words.ts';

interface ErrorData {
  code?: string;
  fields?: Record<string, string> | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  return (error.data ?? undefined) as ErrorData | undefined;
}

/**
 * The field-level messages the server sent (`data.fields` of the tRPC error), in the page's
 * language where the admin knows them (`server-words.ts`), or `{}`.
 *
 * @example
 * fieldErrorsOf(error, i18n) // → { email: 'Adresse e-mail non valable.' }
 */
export function fieldErrorsOf(error: unknown, i18n: Pick<I18n, 'locale'>): Record<string, string> {
  const fields = dataOf(error)?.fields ?? {};
  return Object.fromEntries(
    Object.entries(fields).map(([name, message]) => [name, serverWords(message, i18n.locale())]),
  );
}

/** The tRPC error code (`UNAUTHORIZED`, `FORBIDDEN`, ...) or undefined for a network error. */
export function errorCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/**
 * One sentence for the person: our own words for the common cases, else the server's message
 * (which is written for people and never leaks internals: see the API's errorFormatter).
 */
export function errorMessageOf(error: unknown, i18n: Pick<I18n, 't' | 'locale'>): string {
  const data = dataOf(error);
  if (!data) return i18n.t('error.network');
  // Field messages say more than the summary ("Invalid input: name."), where no field shows them.
  const locale = i18n.locale();
  const fields = Object.values(data.fields ?? {}).map((m) => serverWords(m, locale));
  const message = error instanceof Error && error.message ? serverWords(error.message, locale) : '';
  const said = fields.length > 0 ? fields.join(' ') : message;
  switch (data.code) {
    case 'UNAUTHORIZED':
      return said || i18n.t('error.unauthorized');
    case 'FORBIDDEN':
      return i18n.t('error.forbidden');
    case 'TOO_MANY_REQUESTS':
      return i18n.t('error.rateLimited');
    case 'INTERNAL_SERVER_ERROR':
      return i18n.t('error.generic');
    default:
      return said || i18n.t('error.generic');
  }
}
