import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { type Localized, useI18n } from '../i18n/index.tsx';

export interface EmbedOptions {
  accent: string;
  compact: boolean;
  /** '' follows the host page's language. */
  locale: '' | 'fr' | 'en';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The two snippets a webmaster pastes (see docs/widget.md), for a chapter at `origin`.
 *
 * @example
 * embedSnippets('https://pledge.example.org', 'quit-chatgpt', { accent: '', compact: false, locale: 'fr' })
 */
export function embedSnippets(origin: string, slug: string, o: EmbedOptions) {
  const attrs = [
    `pledge="${esc(slug)}"`,
    o.locale && `locale="${o.locale}"`,
    o.accent && `accent="${esc(o.accent)}"`,
    o.compact && 'compact',
  ].filter(Boolean);
  const script = `<script src="${origin}/widgets/pledge.js" async></script>\n<groundwork-pledge ${attrs.join(' ')}></groundwork-pledge>`;
  const query = new URLSearchParams();
  if (o.locale) query.set('locale', o.locale);
  if (o.accent) query.set('accent', o.accent);
  if (o.compact) query.set('compact', '1');
  const qs = query.toString();
  const src = `${origin}/embed/pledge/${encodeURIComponent(slug)}${qs ? `?${qs}` : ''}`;
  const iframe = `<iframe src="${esc(src)}" title="${o.locale === 'fr' ? 'Signer l’engagement' : 'Sign the pledge'}" width="100%" height="640" allow="clipboard-write" loading="lazy"></iframe>
<script>
addEventListener('message', (e) => {
  if (e.origin !== '${origin}' || e.data?.type !== 'groundwork:resize') return;
  for (const f of document.querySelectorAll('iframe'))
    if (f.contentWindow === e.source) f.height = String(e.data.height);
});
</script>`;
  return { script, iframe };
}

const text = {
  heading: { en: 'Embed on another website', fr: 'Intégrer sur un autre site' },
  intro: {
    en: 'Allied sites paste one of these snippets into their pages. The script version blends into the page; the iframe version suits sites that allow no outside scripts.',
    fr: 'Les sites alliés collent l’un de ces extraits dans leurs pages. La version script se fond dans la page ; la version iframe convient aux sites qui n’acceptent aucun script extérieur.',
  },
  options: { en: 'Options', fr: 'Options' },
  accent: { en: 'Accent colour', fr: 'Couleur d’accent' },
  accentHint: {
    en: 'Any CSS colour, e.g. #0055aa. Empty: the default red.',
    fr: 'Toute couleur CSS, par ex. #0055aa. Vide : le rouge par défaut.',
  },
  compact: { en: 'Compact layout (without the text)', fr: 'Mise en page compacte (sans le texte)' },
  locale: { en: 'Language', fr: 'Langue' },
  auto: { en: 'The host page’s language', fr: 'La langue de la page hôte' },
  script: { en: 'Script (recommended)', fr: 'Script (recommandé)' },
  scriptHint: {
    en: 'If the site sends a Content-Security-Policy, add this origin to script-src and connect-src.',
    fr: 'Si le site envoie une Content-Security-Policy, ajoutez cette origine à script-src et connect-src.',
  },
  iframe: { en: 'Iframe', fr: 'Iframe' },
  iframeHint: {
    en: 'The script lines size the frame to its content; with a strict CSP, put them in one of the site’s own files.',
    fr: 'Les lignes de script ajustent la hauteur du cadre ; avec une CSP stricte, placez-les dans un fichier du site.',
  },
  copy: { en: 'Copy', fr: 'Copier' },
  copied: { en: 'Copied.', fr: 'Copié.' },
  preview: { en: 'Live preview', fr: 'Aperçu en direct' },
  draft: {
    en: 'This pledge is not published yet: the widget and the preview work once it is live.',
    fr: 'Cet engagement n’est pas encore publié : le widget et l’aperçu fonctionnent une fois qu’il est en ligne.',
  },
  previewHint: {
    en: 'This is the real widget: signing here adds a real signature.',
    fr: 'C’est le vrai widget : signer ici ajoute une vraie signature.',
  },
} satisfies Record<string, Localized>;

/** Loads /widgets/pledge.js once into the admin (same origin: allowed by its CSP). */
function loadWidgetScript(origin: string): void {
  if (document.querySelector('script[data-groundwork-widget]')) return;
  const s = document.createElement('script');
  s.src = `${origin}/widgets/pledge.js`;
  s.async = true;
  s.dataset.groundworkWidget = '';
  document.head.append(s);
}

/**
 * The pledge's "Embed" tab: options, the script and iframe snippets with copy buttons, and a
 * live preview of the real widget. Mount it on the pledge page with the pledge's slug.
 *
 * @example
 * <EmbedSnippet slug={pledge().slug} published={pledge().status !== 'draft'} />
 */
export function EmbedSnippet(props: {
  slug: string;
  /** The chapter's origin; default: this page's (the admin is served by the API). */
  origin?: string;
  /** False for a draft: the public API does not show it yet, so the preview cannot. */
  published?: boolean;
}) {
  const { pick } = useI18n();
  const origin = () => props.origin ?? window.location.origin;
  const [options, setOptions] = createSignal<EmbedOptions>({
    accent: '',
    compact: false,
    locale: '',
  });
  const [copied, setCopied] = createSignal('');
  const snippets = () => embedSnippets(origin(), props.slug, options());
  const set = (patch: Partial<EmbedOptions>) => setOptions({ ...options(), ...patch });
  const copy = (which: 'script' | 'iframe') =>
    navigator.clipboard?.writeText(snippets()[which]).then(
      () => setCopied(which),
      () => setCopied(''),
    );

  let preview!: HTMLDivElement;
  createEffect(() => {
    const o = options();
    loadWidgetScript(origin());
    const el = document.createElement('groundwork-pledge');
    el.setAttribute('pledge', props.slug);
    if (o.locale) el.setAttribute('locale', o.locale);
    if (o.accent) el.setAttribute('accent', o.accent);
    if (o.compact) el.setAttribute('compact', '');
    preview.replaceChildren(el);
  });
  onCleanup(() => preview?.replaceChildren());

  const block = (which: 'script' | 'iframe', hint: Localized) => (
    <section aria-labelledby={`embed-${which}`}>
      <h3 id={`embed-${which}`}>{pick(text[which])}</h3>
      <p class="hint" id={`embed-${which}-hint`}>
        {pick(hint)}
      </p>
      <textarea
        readOnly
        rows={which === 'script' ? 3 : 9}
        aria-labelledby={`embed-${which}`}
        aria-describedby={`embed-${which}-hint`}
        value={snippets()[which]}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" onClick={() => copy(which)}>
        {pick(text.copy)}
      </button>{' '}
      <span role="status">{copied() === which ? pick(text.copied) : ''}</span>
    </section>
  );

  return (
    <section aria-labelledby="embed-heading">
      <h2 id="embed-heading">{pick(text.heading)}</h2>
      <p>{pick(text.intro)}</p>
      <Show when={props.published === false}>
        <p class="notice">{pick(text.draft)}</p>
      </Show>
      <fieldset class="form">
        <legend>{pick(text.options)}</legend>
        <div class="field">
          <label for="embed-accent">{pick(text.accent)}</label>
          <p class="hint" id="embed-accent-hint">
            {pick(text.accentHint)}
          </p>
          <input
            id="embed-accent"
            type="text"
            aria-describedby="embed-accent-hint"
            value={options().accent}
            onChange={(e) => set({ accent: e.currentTarget.value.trim() })}
          />
        </div>
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={options().compact}
              onChange={(e) => set({ compact: e.currentTarget.checked })}
            />{' '}
            {pick(text.compact)}
          </label>
        </div>
        <div class="field">
          <label for="embed-locale">{pick(text.locale)}</label>
          <select
            id="embed-locale"
            onChange={(e) => set({ locale: e.currentTarget.value as EmbedOptions['locale'] })}
          >
            <option value="">{pick(text.auto)}</option>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </div>
      </fieldset>
      {block('script', text.scriptHint)}
      {block('iframe', text.iframeHint)}
      <section aria-labelledby="embed-preview">
        <h3 id="embed-preview">{pick(text.preview)}</h3>
        <p class="hint">{pick(text.previewHint)}</p>
        <div ref={preview} />
      </section>
    </section>
  );
}
