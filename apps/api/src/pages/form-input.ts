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
  const text = (key: string) => (typeof raw[key] === 'string' ? shown(raw[key] as string) : '');
  const answers = Object.fromEntries(
    Object.entries((raw.answers ?? {}) as Record<string, string | string[]>).map(([id, v]) => [
      id,
      Array.isArray(v) ? v.map(shown) : shown(v),
    ]),
  );
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A value as the page shows it again: control characters (refused anyway, the field says so)
 * become U+FFFD rather than raw bytes in the HTML.
 */
function shown(value: string): string {
  return value.replace(controlChars, '\uFFFD');
}
