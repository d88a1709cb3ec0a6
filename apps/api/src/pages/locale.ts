import { preferredLanguages } from '../http/accept-language.ts';
import { isPageLocale, type PageLocale, type PageStrings } from './strings.ts';

export interface LocaleChoice {
  /** `?locale=` from the URL (an explicit choice always wins). */
  query: string | undefined;
  /** The browser's Accept-Language header. */
  acceptLanguage: string | undefined;
  /** Languages the pledge has content in. */
  available: readonly string[];
  /** The pledge's own language. */
  fallback: string;
}

/**
 * Picks the page language: `?locale=` if the pledge has it, else the browser's first
 * preference the pledge has, else the pledge's own language.
 *
 * @example
 * pickLocale({ query: undefined, acceptLanguage: 'en-GB,en;q=0.9', available: ['fr', 'en'], fallback: 'fr' }) // 'en'
 */
export function pickLocale(choice: LocaleChoice): PageLocale {
  const offered = choice.available.filter(isPageLocale);
  if (isPageLocale(choice.query) && offered.includes(choice.query)) return choice.query;
  for (const tag of preferredLanguages(choice.acceptLanguage)) {
    if (isPageLocale(tag) && offered.includes(tag)) return tag;
  }
  if (isPageLocale(choice.fallback)) return choice.fallback;
  return offered[0] ?? 'fr';
}

/**
 * A number written the way the locale writes it ("12 345" in French, "12,345" in English).
 *
 * @example
 * formatCount(12345, 'en') // '12,345'
 */
export function formatCount(value: number, locale: PageLocale): string {
  return numberFormats[locale].format(value);
}

/**
 * "1 signature", "12 345 signatures": the count with the locale's plural rule (French says
 * "0 signature").
 *
 * @example
 * signaturesText(stringsFor('en'), 'en', 1) // '1 signature'
 */
export function signaturesText(t: PageStrings, locale: PageLocale, count: number): string {
  const form = pluralRules[locale].select(count) === 'one' ? 'one' : 'other';
  return t.signatures[form].replace('{count}', formatCount(count, locale));
}

// Built once: constructing Intl objects costs far more than using them.
const numberFormats: Record<PageLocale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR'),
  en: new Intl.NumberFormat('en-GB'),
};
const pluralRules: Record<PageLocale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

/** og:locale wants a territory: fr → fr_FR, en → en_GB. */
export function ogLocale(locale: PageLocale): string {
  return locale === 'fr' ? 'fr_FR' : 'en_GB';
}
