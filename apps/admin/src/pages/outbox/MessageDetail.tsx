import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { StatusBadge, templateLabel } from './parts.tsx';
import { text } from './strings.ts';

/**
 * One e-mail in full: its envelope, the plain text, and the HTML in a sandboxed iframe
 * (`sandbox=""`: no scripts, no same-origin access, no navigation). The HTML comes from a route
 * with a CSP of its own (inline styles, nothing else; apps/api/src/mail-preview): in a `srcdoc`
 * the admin's CSP would drop the mail's styles. Organizers can send it again unless it was
 * already sent.
 */
export function MessageDetail(props: {
  chapterId: string;
  id: string;
  canRetry: boolean;
  onClose: () => void;
  onRetried: () => void;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [notice, setNotice] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const [message, { refetch }] = createResource(
    () => ({ chapterId: props.chapterId, id: props.id }),
    (key) => api.outbox.get.query(key),
  );

  const retry = async () => {
    setNotice('');
    setProblem('');
    try {
      await api.outbox.retry.mutate({ chapterId: props.chapterId, id: props.id });
      setNotice(pick(text.retried));
      props.onRetried();
      await refetch();
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };

  return (
    <div class="outbox-detail">
      <button type="button" class="link-button" onClick={() => props.onClose()}>
        ← {pick(text.close)}
      </button>
      <p class="form-status" role="status">
        {notice()}
      </p>
      <p class="error-summary" role="alert" classList={{ hidden: !problem() }}>
        {problem()}
      </p>
      <Show when={!message.error} fallback={<p class="notice">{pick(text.notFound)}</p>}>
        <Show when={message.latest} fallback={<Loading />}>
          {(m) => (
            <>
              <Heading>{m().rendered?.subject ?? templateLabel(pick, m().template)}</Heading>
              <dl class="outbox-fields">
                <dt>{pick(text.status)}</dt>
                <dd>
                  <StatusBadge status={m().status} />
                </dd>
                <dt>{pick(text.to)}</dt>
                <dd>{m().to}</dd>
                <dt>{pick(text.template)}</dt>
                <dd>{templateLabel(pick, m().template)}</dd>
                <dt>{pick(text.locale)}</dt>
                <dd>{m().locale}</dd>
                <Show when={m().fromName}>
                  <dt>{pick(text.from)}</dt>
                  <dd>{m().fromName}</dd>
                </Show>
                <Show when={m().replyTo}>
                  <dt>{pick(text.replyTo)}</dt>
                  <dd>{m().replyTo}</dd>
                </Show>
                <dt>{pick(text.created)}</dt>
                <dd>{i18n.formatDateTime(m().createdAt)}</dd>
                <Show when={m().sentAt}>
                  {(at) => (
                    <>
                      <dt>{pick(text.sent)}</dt>
                      <dd>{i18n.formatDateTime(at())}</dd>
                    </>
                  )}
                </Show>
                <dt>{pick(text.attempts)}</dt>
                <dd>{m().attempts}</dd>
                <Show when={m().status === 'pending'}>
                  <dt>{pick(text.nextAttempt)}</dt>
                  <dd>{i18n.formatDateTime(m().nextAttemptAt)}</dd>
                </Show>
                <Show when={m().lastError}>
                  <dt>{pick(text.lastError)}</dt>
                  <dd>{m().lastError}</dd>
                </Show>
                <Show when={Object.keys(m().headers).length > 0}>
                  <dt>{pick(text.headers)}</dt>
                  <dd>
                    <ul class="outbox-headers">
                      <For each={Object.entries(m().headers)}>
                        {([name, value]) => (
                          <li>
                            <code>
                              {name}: {value}
                            </code>
                          </li>
                        )}
                      </For>
                    </ul>
                  </dd>
                </Show>
              </dl>
              <Show when={props.canRetry && m().status !== 'sent'}>
                <button type="button" onClick={() => void retry()}>
                  {pick(text.retry)}
                </button>
              </Show>
              <Show
                when={m().rendered}
                fallback={
                  <p class="notice">{pick(text.renderError, { error: m().renderError ?? '' })}</p>
                }
              >
                {(rendered) => (
                  <>
                    <h3>{pick(text.plainText)}</h3>
                    <pre class="outbox-text">{rendered().text}</pre>
                    <h3>{pick(text.htmlPreview)}</h3>
                    <p class="hint">{pick(text.previewNote)}</p>
                    <iframe
                      class="mail-preview"
                      title={pick(text.htmlPreview)}
                      sandbox=""
                      src={outboxPreviewUrl(props.chapterId, props.id)}
                    />
                  </>
                )}
              </Show>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}

/** The message's heading takes focus when the detail opens, so screen readers announce it. */
function Heading(props: { children: string }) {
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  return (
    <h2 tabindex="-1" ref={heading}>
      {props.children}
    </h2>
  );
}

/** The mail's HTML, served for the preview frame (session cookie, viewer role). */
function outboxPreviewUrl(chapterId: string, id: string): string {
  return `/admin/api/outbox/${encodeURIComponent(id)}/preview.html?chapterId=${encodeURIComponent(chapterId)}`;
}
