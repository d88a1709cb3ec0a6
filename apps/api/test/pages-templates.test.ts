import { describe, expect, it } from 'vitest';
import { localizeErrors } from '../src/pages/field-errors.ts';
import { firstParagraphText } from '../src/pages/html.ts';
import { pickLocale, signaturesText } from '../src/pages/locale.ts';
import { redactPath } from '../src/pages/routes.ts';
import { parseInstance } from '../src/pages/share.ts';
import { stringsFor } from '../src/pages/strings.ts';

describe('page helpers', () => {
  it('writes counts with each language’s numbers and plural rule', () => {
    expect(signaturesText(stringsFor('fr'), 'fr', 0)).toBe('0 signature');
    expect(signaturesText(stringsFor('fr'), 'fr', 1)).toBe('1 signature');
    expect(signaturesText(stringsFor('fr'), 'fr', 12345)).toBe('12\u202f345 signatures');
    expect(signaturesText(stringsFor('en'), 'en', 0)).toBe('0 signatures');
    expect(signaturesText(stringsFor('en'), 'en', 1)).toBe('1 signature');
    expect(signaturesText(stringsFor('en'), 'en', 12345)).toBe('12,345 signatures');
  });

  it('picks ?locale=, then the browser’s preference, then the pledge’s own language', () => {
    const base = { available: ['en', 'fr'], fallback: 'fr' };
    expect(pickLocale({ ...base, query: 'en', acceptLanguage: 'fr' })).toBe('en');
    expect(pickLocale({ ...base, query: 'de', acceptLanguage: 'de-DE,en;q=0.5' })).toBe('en');
    expect(pickLocale({ ...base, query: undefined, acceptLanguage: 'fr;q=0.4,en;q=0.8' })).toBe(
      'en',
    );
    expect(pickLocale({ ...base, query: undefined, acceptLanguage: 'de, *' })).toBe('fr');
    expect(
      pickLocale({ available: ['fr'], fallback: 'fr', query: 'en', acceptLanguage: 'en' }),
    ).toBe('fr');
  });

  it('takes the first paragraph of the body as plain text for previews', () => {
    expect(firstParagraphText('<p>Hello &amp; <em>welcome</em> &#x1F44B;</p><p>more</p>')).toBe(
      'Hello & welcome 👋',
    );
    expect(firstParagraphText(`<p>${'a'.repeat(400)}</p>`)).toHaveLength(300);
  });

  it('reduces what people type as their Mastodon instance to a host name, or nothing', () => {
    expect(parseInstance('mastodon.social')).toBe('mastodon.social');
    expect(parseInstance(' https://Piaille.fr/@me ')).toBe('piaille.fr');
    expect(parseInstance('@someone@eupolicy.social')).toBe('eupolicy.social');
    for (const bad of [
      '',
      'localhost',
      'javascript:alert(1)',
      'a b.org',
      'x.org:80@evil',
      '.org',
    ]) {
      expect(parseInstance(bad), bad).toBeUndefined();
    }
  });

  it('translates the signing service’s messages on French pages and explains proof of work', () => {
    expect(localizeErrors({ name: 'At most 200 characters.', x: 'Something new.' }, 'fr')).toEqual({
      name: '200 caractères au maximum.',
      x: 'Ce champ n’est pas valable.',
    });
    expect(localizeErrors({ email: 'Required.' }, 'en')).toEqual({ email: 'Required.' });
    expect(localizeErrors({ altcha: 'Bad solution.' }, 'en').altcha).toContain('JavaScript');
  });

  it('keeps confirmation tokens out of logged paths', () => {
    expect(redactPath('/confirm/s3cr3t-token')).toBe('/confirm/:token');
    expect(redactPath('/p/quit-chatgpt')).toBe('/p/quit-chatgpt');
  });
});
