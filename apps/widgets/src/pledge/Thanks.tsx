import { createSignal } from 'solid-js';
import type { Strings } from '../i18n.ts';
import type { PublicPledge, SignatureResult } from '../types.ts';

const e = encodeURIComponent;

/**
 * Plain share links (nothing loads from these sites until the signer clicks), the same as the
 * hosted thank-you page's. Mastodon has no central share address: its link opens the hosted
 * page where the signer names their instance.
 */
export function shareLinks(
  shareUrl: string,
  shareText: string,
  title: string,
  locale: string,
): Array<[string, string]> {
  const u = e(shareUrl);
  const x = e(shareText);
  const both = e(`${shareText} ${shareUrl}`);
  return [
    ['Mastodon', mastodonPicker(shareUrl, locale)],
    ['Bluesky', `https://bsky.app/intent/compose?text=${both}`],
    ['X', `https://x.com/intent/post?text=${x}&url=${u}`],
    ['Reddit', `https://www.reddit.com/submit?url=${u}&title=${e(title)}`],
    ['WhatsApp', `https://wa.me/?text=${both}`],
    ['Telegram', `https://t.me/share/url?url=${u}&text=${x}`],
    ['E-mail', `mailto:?subject=${e(title)}&body=${e(`${shareText}\n\n${shareUrl}`)}`],
  ];
}

/** `https://host/p/slug?ref=r` → `https://host/p/slug/share/mastodon?ref=r&locale=fr`. */
function mastodonPicker(shareUrl: string, locale: string): string {
  const picker = new URL(shareUrl);
  picker.pathname = `${picker.pathname.replace(/\/+$/, '')}/share/mastodon`;
  picker.searchParams.set('locale', locale);
  return picker.href;
}

/** The step after signing: confirmation notice, next-steps checklist, share links. */
export function Thanks(props: { pledge: PublicPledge; result: SignatureResult; t: Strings }) {
  const [copied, setCopied] = createSignal(false);
  const copy = () =>
    navigator.clipboard?.writeText(props.result.shareUrl).then(
      () => setCopied(true),
      () => {},
    );
  return (
    <section part="thanks">
      <h3 ref={(h) => queueMicrotask(() => h.focus())} tabindex="-1">
        {props.t.thanks}
      </h3>
      {props.result.status === 'pending' && <p part="pending">{props.t.pending}</p>}
      {props.pledge.nextSteps.length > 0 && [
        <h3>{props.t.nextSteps}</h3>,
        <ol part="steps">
          {props.pledge.nextSteps.map((step) => (
            <li>
              <label class="opt">
                <input type="checkbox" />
                <span>{step}</span>
              </label>
            </li>
          ))}
        </ol>,
      ]}
      <h3>{props.t.share}</h3>
      <div class="share" part="share">
        {shareLinks(
          props.result.shareUrl,
          props.pledge.shareText,
          props.pledge.title,
          props.pledge.locale,
        ).map(([name, href]) => (
          <a href={href} target="_blank" rel="noopener noreferrer" part="link">
            {name}
          </a>
        ))}
        <button type="button" on:click={copy} part="link">
          {props.t.copy}
        </button>
        <span role="status">{copied() ? props.t.copied : ''}</span>
      </div>
    </section>
  );
}
