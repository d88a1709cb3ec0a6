// The list of a chapter's broadcasts (subject, status, date), with the sender settings below it.

import { createResource, For, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { CreateLink } from '../../components/CreateLink.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router/index.tsx';
import { SenderSection } from './SenderSection.tsx';
import { text } from './strings.ts';

/** `/c/:chapter/broadcasts` with no broadcast chosen: each broadcast in the order the API lists them. */
export function BroadcastList(props: { chapter: Membership }) {
  const { pick, formatDateTime } = useI18n();
  const api = useApi();
  const base = () => `/c/${props.chapter.slug}/broadcasts`;
  const [list] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.broadcasts.list.query({ chapterId }),
  );
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <CreateLink role={props.chapter.role} href={`${base()}?new`} label={pick(text.create)} />
      <Show when={list.latest} fallback={<Loading />}>
        {(items) => (
          <Show when={items().length > 0} fallback={<p>{pick(text.none)}</p>}>
            <ul>
              <For each={items()}>
                {(b) => (
                  <li>
                    <Link to={`${base()}?broadcast=${b.id}`}>{b.subject}</Link> —{' '}
                    {pick(text.status[b.status])} · {formatDateTime(b.sentAt ?? b.createdAt)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <SenderSection chapter={props.chapter} />
    </Page>
  );
}
