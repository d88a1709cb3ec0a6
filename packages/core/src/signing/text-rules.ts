/**
 * What a signature's text fields may hold: shared by the schema (schemas.ts, which words the
 * refusals) and the quick check of the common case (quick-parse.ts).
 */

// C0 controls, DEL and C1 controls: never part of a name, often part of an attack.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const controlChars = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: same, but tabs and newlines are fine in free text
export const controlCharsInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Lone surrogates cannot be stored as UTF-8 and would come back altered: refuse them. */
const loneSurrogate = /\p{Cs}/u;
export const wellFormed = (s: string) => !loneSurrogate.test(s);

/** Postal codes: letters and digits of any script, spaces and dashes. */
export const postalCodePattern = /^[\p{L}\p{N} -]*$/u;
