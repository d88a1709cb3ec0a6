import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { createI18n, format } from '../src/i18n/index.tsx';

describe('i18n', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Join {chapter} as {role}', { chapter: 'Paris', role: 'viewer' })).toBe(
      'Join Paris as viewer',
    );
    expect(format('Hello {name}', {})).toBe('Hello {name}');
  });

  it('picks the singular or plural word for the number, by the rule of the language', () => {
    const text = '{count} {count:signature|signatures}';
    expect([0, 1, 2].map((count) => format(text, { count }, 'en'))).toEqual([
      '0 signatures',
      '1 signature',
      '2 signatures',
    ]);
    // French: 0 and 1 take the singular.
    expect([0, 1, 2].map((count) => format(text, { count }, 'fr'))).toEqual([
      '0 signature',
      '1 signature',
      '2 signatures',
    ]);
    // Numbers are grouped the language's way (French: a narrow no-break space).
    expect(format(text, { count: 20000 }, 'en')).toBe('20,000 signatures');
    expect(format(text, { count: 20000 }, 'fr')).toBe('20\u202f000 signatures');
    const i18n = createI18n('en');
    expect(i18n.t('form.summary', { count: 1 })).toBe('Please correct 1 problem:');
    i18n.setLocale('fr');
    expect(i18n.t('form.summary', { count: 3 })).toBe('Veuillez corriger 3 problèmes :');
  });

  it('has every English key in French, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(fr[key], key).toBeTruthy();
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('switches language and the document language with it', () => {
    const i18n = createI18n('en');
    expect(i18n.t('nav.members')).toBe('Members');
    i18n.setLocale('fr');
    expect(i18n.t('nav.members')).toBe('Membres');
    expect(i18n.pick({ en: 'Pledges', fr: 'Engagements' })).toBe('Engagements');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('formats times in a given zone and survives an unknown zone', () => {
    const i18n = createI18n('en');
    const iso = '2026-11-26T12:00:00.000Z';
    expect(i18n.formatDateTime(iso, 'Europe/Paris')).toMatch(/1:00/);
    expect(i18n.formatDateTime(iso, 'Not/AZone')).toMatch(/2026/);
    // The chapter's zone becomes the default (chapter pages set it).
    i18n.setTimeZone('America/New_York');
    expect(i18n.formatDateTime(iso)).toMatch(/7:00/);
    i18n.setTimeZone(undefined);
  });

  it('writes a calendar day as the locale does, the same day in any zone', () => {
    const i18n = createI18n('fr');
    expect(i18n.formatDay('2026-11-03')).toBe('3 nov. 2026');
    i18n.setLocale('en');
    expect(i18n.formatDay('2026-11-03')).toBe('Nov 3, 2026');
    expect(i18n.formatDay('not a day')).toBe('not a day');
  });

  it('agrees the door counter with its numbers in French', async () => {
    const { text } = await import('../src/pages/events/strings.ts');
    const say = (arrived: number, expected: number) =>
      format(text.arrivedOf.fr, { arrived, expected }, 'fr');
    expect(say(1, 1)).toBe('1 arrivé·e / 1 attendu·e');
    expect(say(2, 12)).toBe('2 arrivé·es / 12 attendu·es');
  });
});
