import { For } from 'solid-js';
import { isLocale, LOCALES, useI18n } from '../i18n/index.tsx';

/** Buttons to switch the interface language; the current one is marked aria-pressed. */
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
            onClick={() => isLocale(locale) && i18n.setLocale(locale)}
          >
            {i18n.t(`locale.${locale}`)}
          </button>
        )}
      </For>
    </fieldset>
  );
}
