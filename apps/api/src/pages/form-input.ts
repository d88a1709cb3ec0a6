import { signatureInputFromForm } from '@groundwork/core/signing';
import type { FormValues } from './types.ts';

/**
 * Reads the page form (urlencoded) with the signing module's own form reader, and keeps what
 * the visitor typed to fill the form again after an error. No rule is checked here: the
 * signing service validates the form exactly as it validates the JSON API.
 *
 * @example
 * const { raw, values } = readSignatureForm(new URLSearchParams(await c.req.text()));
 */
export function readSignatureForm(form: URLSearchParams): {
  raw: Record<string, unknown>;
  values: FormValues;
} {
  const raw = signatureInputFromForm(form);
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const answers = (raw.answers ?? {}) as Record<string, string | string[]>;
  return {
    raw,
    values: {
      email: text('email'),
      name: text('name'),
      postalCode: text('postalCode'),
      answers,
      consent: raw.consent === true,
      ref: text('ref'),
    },
  };
}
