import { createContext, createSignal, type JSX, useContext } from 'solid-js';
import { en, type MessageKey, type Messages } from './en.ts';
import { fr } from './fr.ts';

export type { MessageKey } from './en.ts';
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
/** A string in every locale, for pages that bring their own words (see README). */
export type Localized = Record<Locale, string>;
export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Messages> = { en, fr };

/**
 * Replaces `{name}` placeholders (numbers written the locale's way: "20,000", "20 000"), and
 * `{name:one|other}` by the word that fits the number `name` in `locale` (French says
 * "0 signature", English "0 signatures").
 *
 * @example
 * format('{count} {count:signature|signatures}', { count: 1 }, 'en') // '1 signature'
 */
export function format(template: string, params?: Params, locale: Locale = 'en'): string {
  if (!params) return template;
  return template.replace(
    /\{(\w+)(?::([^}|]*)\|([^}]*))?\}/g,
    (whole, name: string, one: string | undefined, other: string | undefined) => {
      if (!(name in params)) return whole;
      const value = params[name];
      if (one === undefined || other === undefined) {
        return typeof value === 'number' ? numberFormats[locale].format(value) : String(value);
      }
      return typeof value === 'number' && pluralRules[locale].select(value) === 'one' ? one : other;
    },
  );
}

// Built once: constructing Intl objects costs far more than using them.
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en'),
  fr: new Intl.NumberFormat('fr'),
};
const pluralRules: Record<Locale, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  fr: new Intl.PluralRules('fr'),
};

/** The browser's preferred locale among ours; English when it is neither. */
export function browserLocale(): Locale {
  const lang = typeof navigator === 'undefined' ? '' : navigator.language;
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

const STORED_LOCALE = 'groundwork.locale';

/**
 * The language last chosen in this browser (header switch or My account), if any. Kept in
 * `localStorage`: it outlives a reload and never goes to the server.
 */
export function storedLocale(): Locale | undefined {
  try {
    const value = globalThis.localStorage?.getItem(STORED_LOCALE);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled
  }
}

/** Remembers a language chosen by hand (see `storedLocale`). */
export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORED_LOCALE, locale);
  } catch {
    // Storage disabled: the choice lasts until reload, as before.
  }
}

export interface I18n {
  locale: () => Locale;
  setLocale(locale: Locale): void;
  /** A string from the shared dictionaries: `t('members.removed', { name })`. */
  t(key: MessageKey, params?: Params): string;
  /** A page's own string: `pick({ en: 'Pledges', fr: 'Engagements' })`. */
  pick(text: Localized, params?: Params): string;
  /** Date and time in `timeZone`, by default the current chapter's (else the browser's). */
  formatDateTime(iso: string, timeZone?: string): string;
  /** A calendar day (`2026-11-27`, already in the chapter's zone) as the locale writes it. */
  formatDay(day: string): string;
  /** The zone dates are shown in: set from the chapter being viewed (times are stored UTC). */
  timeZone: () => string | undefined;
  setTimeZone(timeZone: string | undefined): void;
}

/**
 * Creates the locale state. `t` reads the locale signal, so everything that calls it updates
 * when the locale changes.
 *
 * @example
 * const i18n = createI18n('fr');
 * i18n.t('nav.members'); // 'Membres'
 */
export function createI18n(initial: Locale = storedLocale() ?? browserLocale()): I18n {
  const [locale, setLocaleSignal] = createSignal<Locale>(initial);
  const [timeZone, setTimeZone] = createSignal<string>();
  const setLocale = (next: Locale) => {
    setLocaleSignal(next);
    if (typeof document !== 'undefined') document.documentElement.lang = next;
  };
  setLocale(initial);
  return {
    locale,
    setLocale,
    t: (key, params) => format(dictionaries[locale()][key], params, locale()),
    pick: (text, params) => format(text[locale()], params, locale()),
    timeZone,
    setTimeZone,
    formatDateTime: (iso, zone = timeZone()) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
      try {
        return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone }).format(date);
      } catch {
        // An unknown time zone name must not break the page.
        return new Intl.DateTimeFormat(locale(), options).format(date);
      }
    },
    formatDay: (day) => {
      // Noon UTC, shown in UTC: the same calendar day whatever the browser's zone.
      const date = new Date(`${day}T12:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
      return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
        date,
      );
    },
  };
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { i18n: I18n; children: JSX.Element }) {
  return <I18nContext.Provider value={props.i18n}>{props.children}</I18nContext.Provider>;
}

/** The locale state and translators. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n needs an <I18nProvider> above it');
  return i18n;
}
