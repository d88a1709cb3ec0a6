import { AppError } from '@groundwork/core/errors';
import { signatureInputFromForm } from '@groundwork/core/signing';
import type { Context } from 'hono';

/** Largest signing body accepted (a signature is well under 2 KB). */
export const MAX_SIGNATURE_BODY = 16 * 1024;

/**
 * Reads a signing request body: JSON, or a urlencoded form (the same fields, as the hosted
 * page's no-JavaScript form sends them). Anything else is a 415; broken JSON a 400.
 *
 * @example
 * const raw = await readSignatureBody(c);
 */
export async function readSignatureBody(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return parseSignatureJson(await strictText(c));
  if (type === 'application/x-www-form-urlencoded') {
    return signatureInputFromForm(strictForm(await strictText(c)));
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the signature as application/json or application/x-www-form-urlencoded.',
  );
}

/**
 * A JSON signing body (already decoded as UTF-8, like `Request.text()`); broken JSON is a 400.
 *
 * @example
 * const raw = parseSignatureJson('{"email":"ana@example.org"}');
 */
export function parseSignatureJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON.', {
      fields: { _: 'Invalid JSON.' },
    });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as UTF-8 text, refusing what is not UTF-8: a lenient decoder would store U+FFFD in
 * place of the bad bytes, and nobody typed that.
 *
 * @example
 * const text = decodeUtf8(body);
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid UTF-8.', {
      fields: { _: 'Not valid UTF-8.' },
    });
  }
}

/** The request body as UTF-8 text (`decodeUtf8`). */
export async function strictText(c: Context): Promise<string> {
  return decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
}

/**
 * A urlencoded form whose every name and value decodes to UTF-8 (`%C3%28` is not a
 * character; URLSearchParams would quietly make it U+FFFD). The field is named in the error.
 *
 * @example
 * const form = strictForm('email=ana%40example.org&name=Ana');
 */
export function strictForm(text: string): URLSearchParams {
  for (const pair of text.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    let field = '_';
    try {
      field = decode(name) || '_';
      decode(value);
    } catch {
      throw new AppError('BAD_REQUEST', `Invalid input: ${field}.`, {
        fields: { [field]: 'Not valid UTF-8.' },
      });
    }
  }
  return new URLSearchParams(text);
}
