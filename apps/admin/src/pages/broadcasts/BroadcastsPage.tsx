// The Broadcasts page: the list of broadcasts, or one broadcast when the URL names one.

import { Show } from 'solid-js';
import { useLocation } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { BroadcastList } from './BroadcastList.tsx';
import { BroadcastView } from './BroadcastView.tsx';

/** `/c/:chapter/broadcasts`: the list, `?new`, `?broadcast=<id>` (edit, preview, test, send, progress). */
export function BroadcastsPage(props: ChapterPageProps) {
  const location = useLocation();
  const id = () =>
    location().search.get('broadcast') ?? (location().search.has('new') ? 'new' : null);
  return (
    <Show when={id()} keyed fallback={<BroadcastList chapter={props.chapter} />}>
      {(bid) => <BroadcastView chapter={props.chapter} broadcastId={bid} />}
    </Show>
  );
}
