// The preview of a broadcast as recipients will get it: subject and the rendered HTML mail.

import type { Api } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

type Preview = Awaited<ReturnType<Api['broadcasts']['preview']['query']>>;

/**
 * The server-rendered mail in an iframe with `sandbox=""` (no scripts, no same-origin access).
 * Its HTML comes from a route with a CSP of its own (inline styles, nothing else;
 * apps/api/src/mail-preview): in a `srcdoc` the admin's CSP would drop the mail's styles.
 * `version` changes when the broadcast was saved, so the frame loads the new text.
 */
export function BroadcastPreview(props: {
  preview: Preview;
  chapterId: string;
  broadcastId: string;
  version: number;
}) {
  const { pick } = useI18n();
  const src = () =>
    `/admin/api/broadcasts/${encodeURIComponent(props.broadcastId)}/preview.html` +
    `?chapterId=${encodeURIComponent(props.chapterId)}&v=${props.version}`;
  return (
    <section aria-labelledby="bc-preview">
      <h2 id="bc-preview">{pick(text.preview)}</h2>
      <p>
        <strong>{props.preview.subject}</strong>
      </p>
      <iframe title={pick(text.preview)} sandbox="" src={src()} class="mail-preview" />
    </section>
  );
}
