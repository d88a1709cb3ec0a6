import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { inputFromValues, Locale } from './model.ts';
import { text } from './strings.ts';

type Draft = ReturnType<typeof inputFromValues>;

/**
 * The public page's content as a signer will see it, updated while the organizer types. The
 * body is rendered by the server's Markdown renderer (`pledges.preview`), which drops raw HTML
 * and unsafe links: only that sanitized output is inserted as HTML; everything else is text.
 */
export function PledgePreview(props: { chapterId: string; draft: Draft }) {
  const { pick } = useI18n();
  const api = useApi();
  const [locale, setLocale] = createSignal<Locale>(props.draft.defaultLocale);
  const texts = () =>
    props.draft.translations[locale()] ?? props.draft.translations[props.draft.defaultLocale];
  // Debounced: one request when typing pauses, not one per key.
  const [body, setBody] = createSignal(texts()?.body ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    const next = texts()?.body ?? '';
    clearTimeout(timer);
    timer = setTimeout(() => setBody(next), 250);
  });
  onCleanup(() => clearTimeout(timer));
  const [html] = createResource(
    () => ({ chapterId: props.chapterId, body: body() }),
    (key) => api.pledges.preview.query(key),
  );
  const label = (l: { fr?: string; en?: string }) =>
    l[locale()] || l[props.draft.defaultLocale] || '';
  return (
    <aside class="pledge-preview" aria-labelledby="pledge-preview-title">
      <h2 id="pledge-preview-title">{pick(text.preview)}</h2>
      <p class="hint">{pick(text.previewNote)}</p>
      <fieldset class="inline-form">
        <legend class="visually-hidden">{pick(text.previewLocale)}</legend>
        <For each={['fr', 'en'] as Locale[]}>
          {(l) => (
            <button type="button" aria-pressed={locale() === l} onClick={() => setLocale(l)}>
              {l === 'fr' ? 'Français' : 'English'}
            </button>
          )}
        </For>
      </fieldset>
      <article class="pledge-preview-page" lang={locale()}>
        <h3>{texts()?.title ?? ''}</h3>
        {/* Sanitized by the server (markdown-it with html: false, safe link schemes only). */}
        <div class="pledge-preview-body" innerHTML={html.latest?.bodyHtml ?? ''} />
        <For each={props.draft.questions}>
          {(q) => (
            <fieldset>
              <legend>
                {label(q.label)}
                {q.required ? ' *' : ''}
              </legend>
              <Show when={q.kind !== 'text'} fallback={<input type="text" disabled />}>
                <ul class="pledge-preview-options">
                  <For each={q.options}>
                    {(o) => (
                      <li>
                        {q.kind === 'single' ? '○ ' : '☐ '}
                        {label(o.label)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </fieldset>
          )}
        </For>
        <Show when={texts()?.consentText}>
          <p>☐ {texts()?.consentText}</p>
        </Show>
        <p>
          <button type="button" disabled>
            {pick(text.sign)}
          </button>
        </p>
        <Show when={(texts()?.nextSteps?.length ?? 0) > 0}>
          <h4>{pick(text.afterSigning)}</h4>
          <ol>
            <For each={texts()?.nextSteps ?? []}>{(step) => <li>{step}</li>}</For>
          </ol>
        </Show>
        <Show when={texts()?.shareText}>
          <blockquote>{texts()?.shareText}</blockquote>
        </Show>
      </article>
    </aside>
  );
}
