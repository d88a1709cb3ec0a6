import { createResource, For, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { text } from './strings.ts';

/** The dashboard card: the next published events with their registrations. */
export function EventsSummary(props: ChapterPageProps) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [list] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.events.list.query({ chapterId }),
  );
  const upcoming = () =>
    (list.latest ?? [])
      .filter((e) => e.status === 'published' && e.startsAt > new Date().toISOString())
      .slice(0, 3);
  return (
    <section aria-labelledby="events-summary">
      <h2 id="events-summary">{pick(text.upcoming)}</h2>
      <Show when={upcoming().length > 0} fallback={<p>{pick(text.noUpcoming)}</p>}>
        <ul>
          <For each={upcoming()}>
            {(e) => (
              <li>
                <Link to={`/c/${props.chapter.slug}/events?event=${e.id}`}>{e.title}</Link> —{' '}
                {i18n.formatDateTime(e.startsAt, e.timeZone)} —{' '}
                {pick(text.rsvpCounts, {
                  confirmed: e.confirmed,
                  capacity: e.capacity ?? '∞',
                  waitlisted: e.waitlisted,
                })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
