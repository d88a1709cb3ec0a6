import { z } from 'zod';

/** Links in mail: absolute http(s) only, so no `javascript:` or `data:` URL can get in. */
export const mailUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
  .max(2000, 'is too long');

/** A short line of text shown in a mail (title, chapter name, a person's name). */
export const mailText = z.string().trim().min(1, 'must not be empty').max(500, 'is too long');
