import { createSignal } from 'solid-js';
import type { Strings } from '../i18n.ts';
import type { PublicPledge, SignatureResult } from '../types.ts';

const e = encodeURIComponent;

/** Plain share links (nothing loads from these sites until the signer clicks). */
export function shareLinks(url: string, text: string): Array<[string, string]> {
  const u = e(url);
  const x = e(text);
  return [
    ['Mastodon', `https://mastodonshare.com/?text=${x}%20${u}`],
    ['Bluesky', `https://bsky.app/intent/compose?text=${x}%20${u}`],
    ['X', `https://x.com/intent/post?text=${x}&url=${u}`],
    ['Reddit', `https://www.reddit.com/submit?url=${u}&title=${x}`],
    ['WhatsApp', `https://wa.me/?text=${x}%20${u}`],
    ['Telegram', `https://t.me/share/url?url=${u}&text=${x}`],
    ['E-mail', `mailto:?subject=${x}&body=${u}`],
  ];
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
        {shareLinks(props.result.shareUrl, props.pledge.shareText).map(([name, href]) => (
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
