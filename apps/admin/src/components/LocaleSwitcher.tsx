import { For } from 'solid-js';
import { isLocale, LOCALES, rememberLocale, useI18n } from '../i18n/index.tsx';

/**
 * Buttons to switch the interface language; the current one is marked aria-pressed. The
 * choice is remembered in this browser (it outlives a reload; the profile's language, used
 * for mail, changes in My account).
 */
export function LocaleSwitcher() {
  const i18n = useI18n();
  return (
    <fieldset class="locale-switcher">
      <legend class="visually-hidden">{i18n.t('app.language')}</legend>
      <For each={LOCALES}>
        {(locale) => (
          <button
            type="button"
            class="link-button"
            lang={locale}
            aria-pressed={i18n.locale() === locale}
            onClick={() => {
              if (!isLocale(locale)) return;
              i18n.setLocale(locale);
              rememberLocale(locale);
            }}
          >
            {i18n.t(`locale.${locale}`)}
          </button>
        )}
      </For>
    </fieldset>
  );
}
