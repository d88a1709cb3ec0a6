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
  if (type === 'application/json') return parseSignatureJson(await c.req.text());
  if (type === 'application/x-www-form-urlencoded') {
    return signatureInputFromForm(new URLSearchParams(await c.req.text()));
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
