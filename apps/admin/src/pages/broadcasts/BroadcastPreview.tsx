// The preview of a broadcast as recipients will get it: subject and the rendered HTML mail.

import type { Api } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

type Preview = Awaited<ReturnType<Api['broadcasts']['preview']['query']>>;

/**
 * The server-rendered mail in an iframe with `sandbox=""` (no scripts, no same-origin access)
 * and `srcdoc`, so nothing is fetched.
 */
export function BroadcastPreview(props: { preview: Preview }) {
  const { pick } = useI18n();
  return (
    <section aria-labelledby="bc-preview">
      <h2 id="bc-preview">{pick(text.preview)}</h2>
      <p>
        <strong>{props.preview.subject}</strong>
      </p>
      <iframe
        title={pick(text.preview)}
        sandbox=""
        srcdoc={props.preview.html}
        class="mail-preview"
      />
    </section>
  );
}
