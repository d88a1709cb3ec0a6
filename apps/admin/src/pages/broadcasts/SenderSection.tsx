// The chapter's sender settings for broadcasts: sender name and reply-to (owners edit, others read).

import { createResource, createSignal, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { text } from './strings.ts';

/** The "Sender" section under the list; the fields are disabled for anyone below owner. */
export function SenderSection(props: { chapter: Membership }) {
  const i18n = useI18n();
  const api = useApi();
  const [sender, { mutate }] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.broadcasts.sender.query({ chapterId }),
  );
  const [message, setMessage] = createSignal('');
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    try {
      mutate(
        await api.broadcasts.setSender.mutate({
          chapterId: props.chapter.chapterId,
          senderName: v('senderName') || null,
          replyTo: v('replyTo') || null,
        }),
      );
      setMessage(i18n.pick(text.saved));
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  return (
    <section aria-labelledby="sender-title">
      <h2 id="sender-title">{i18n.pick(text.sender)}</h2>
      <Show when={sender.latest}>
        {(s) => (
          <form class="filters" onSubmit={save}>
            <div class="field">
              <label for="sender-name">{i18n.pick(text.senderName)}</label>
              <input
                id="sender-name"
                name="senderName"
                value={s().fromName}
                maxLength={200}
                disabled={!hasRole(props.chapter.role, 'owner')}
              />
            </div>
            <div class="field">
              <label for="sender-reply">{i18n.pick(text.replyTo)}</label>
              <input
                id="sender-reply"
                name="replyTo"
                type="email"
                value={s().replyTo ?? ''}
                disabled={!hasRole(props.chapter.role, 'owner')}
              />
            </div>
            <Show when={hasRole(props.chapter.role, 'owner')}>
              <button type="submit">{i18n.pick(text.saveSender)}</button>
            </Show>
            <p role="status">{message()}</p>
          </form>
        )}
      </Show>
    </section>
  );
}
