// One broadcast (or `?new`): its status and reach or progress, the form, the send step and the
// preview; polls while mail is still going out.

import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useNavigate } from '../../router/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { BroadcastForm, broadcastInput, useSegmentChoices } from './BroadcastForm.tsx';
import { BroadcastPreview } from './BroadcastPreview.tsx';
import { SendControls } from './SendControls.tsx';
import { text } from './strings.ts';

/** `?broadcast=<id>` or `?new`: edit a draft (organizers), test it, send it, follow its progress. */
export function BroadcastView(props: { chapter: Membership; broadcastId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const navigate = useNavigate();
  const chapterId = () => props.chapter.chapterId;
  const base = () => `/c/${props.chapter.slug}/broadcasts`;
  const isNew = () => props.broadcastId === 'new';
  const canSend = () => hasRole(props.chapter.role, 'organizer');
  const [current, { refetch }] = createResource(
    () => (isNew() ? null : { chapterId: chapterId(), broadcastId: props.broadcastId }),
    (key) => api.broadcasts.get.query(key),
  );
  // Each load gets a number: the preview frame reloads its HTML when it changes.
  let previewLoads = 0;
  const [preview, previewActions] = createResource(
    () => (isNew() ? null : { chapterId: chapterId(), broadcastId: props.broadcastId }),
    async (key) => ({ ...(await api.broadcasts.preview.query(key)), load: ++previewLoads }),
  );
  const choices = useSegmentChoices(chapterId);
  const [message, setMessage] = createSignal('');
  // Progress while sending.
  const timer = setInterval(() => {
    if (
      current.latest?.broadcast.status === 'sending' ||
      (current.latest?.progress.pending ?? 0) > 0
    )
      refetch();
  }, 3000);
  onCleanup(() => clearInterval(timer));
  // Edits not saved yet: sending now would send the stored draft, not what is on screen.
  const [unsaved, setUnsaved] = createSignal(false);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = broadcastInput(event.currentTarget as HTMLFormElement, chapterId());
    try {
      if (isNew()) {
        const created = await api.broadcasts.create.mutate(input);
        navigate(`${base()}?broadcast=${created.id}`);
      } else {
        await api.broadcasts.update.mutate({ ...input, broadcastId: props.broadcastId });
        setUnsaved(false);
        setMessage(pick(text.saved));
        refetch();
        previewActions.refetch();
      }
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  const b = () => current.latest?.broadcast;
  const draft = () => isNew() || b()?.status === 'draft';
  return (
    <Page title={`${b()?.subject ?? pick(text.create)} · ${props.chapter.name}`}>
      <p>
        <Link to={base()}>← {pick(text.back)}</Link>
      </p>
      <p role="status">{message()}</p>
      <Show when={isNew() || b()} fallback={<Loading />}>
        <Show when={current.latest}>
          {(c) => (
            <p role="status">
              {pick(text.status[c().broadcast.status])} ·{' '}
              {c().broadcast.status === 'draft'
                ? pick(text.reach, { count: c().recipients })
                : pick(text.progress, c().progress)}
            </p>
          )}
        </Show>
        <div onInput={() => setUnsaved(true)} onChange={() => setUnsaved(true)}>
          <BroadcastForm
            broadcast={b()}
            choices={choices}
            locked={!draft() || !canSend()}
            canSave={draft() && canSend()}
            onSubmit={save}
          />
        </div>
        <Show when={!isNew() && canSend() && draft()}>
          <SendControls
            chapterId={chapterId()}
            broadcastId={props.broadcastId}
            recipients={current.latest?.recipients}
            unsaved={unsaved()}
            onMessage={setMessage}
            onSent={() => refetch()}
          />
        </Show>
        <Show when={preview.latest}>
          {(p) => (
            <BroadcastPreview
              preview={p()}
              chapterId={chapterId()}
              broadcastId={props.broadcastId}
              version={p().load}
            />
          )}
        </Show>
      </Show>
    </Page>
  );
}
