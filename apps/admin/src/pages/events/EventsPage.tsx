import { createResource, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { CreateLink } from '../../components/CreateLink.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { hasRole } from '../../session/index.tsx';
import { EventForm } from './EventForm.tsx';
import { EventView } from './EventView.tsx';
import { statusText, text } from './strings.ts';
import './events.css';

/**
 * The chapter's events. One route, `/c/:chapter/events`, with the view in the query:
 * `?new`, `?event=<id>&view=attendees|checkin|edit|message|stats`.
 */
export function EventsPage(props: ChapterPageProps) {
  const { pick } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const base = () => `/c/${props.chapter.slug}/events`;
  const eventId = () => location().search.get('event');
  const creating = () => location().search.has('new');
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  return (
    <Show
      when={eventId()}
      keyed
      fallback={
        <Show when={creating() && canEdit()} fallback={<EventList {...props} />}>
          <Page title={`${pick(text.newTitle)} · ${props.chapter.name}`}>
            <p>
              <Link to={base()}>← {pick(text.back)}</Link>
            </p>
            <EventForm
              chapterId={props.chapter.chapterId}
              onSaved={(id) => navigate(`${base()}?event=${id}`)}
            />
          </Page>
        </Show>
      }
    >
      {(id) => <EventView chapter={props.chapter} eventId={id} />}
    </Show>
  );
}

function EventList(props: ChapterPageProps) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [list] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.events.list.query({ chapterId }),
  );
  const base = () => `/c/${props.chapter.slug}/events`;
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`}>
      <CreateLink role={props.chapter.role} href={`${base()}?new`} label={pick(text.create)} />
      <Show when={list.latest} fallback={<Loading />}>
        {(items) => (
          <ListTable
            columns={[
              pick(text.colTitle),
              pick(text.colStatus),
              pick(text.colStart),
              pick(text.colRsvps),
            ]}
            items={items()}
            empty={pick(text.empty)}
          >
            {(e) => (
              <tr>
                <th scope="row">
                  <Link to={`${base()}?event=${e.id}`}>{e.title}</Link>
                </th>
                <td>
                  <span class={`badge badge-${e.status}`}>
                    {pick(statusText[e.status] ?? text.title)}
                  </span>
                </td>
                <td>{i18n.formatDateTime(e.startsAt, e.timeZone)}</td>
                <td>
                  {pick(text.rsvpCounts, {
                    confirmed: e.confirmed,
                    capacity: e.capacity ?? '∞',
                    waitlisted: e.waitlisted,
                  })}
                </td>
              </tr>
            )}
          </ListTable>
        )}
      </Show>
    </Page>
  );
}
