import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { ExportLink } from '../../components/ExportLink.tsx';
import { FormMessages, TextField } from '../../components/Field.tsx';
import { createForm } from '../../components/form.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation } from '../../router/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { CheckInView } from './CheckInView.tsx';
import { EventForm } from './EventForm.tsx';
import { statusText, text } from './strings.ts';

type View = 'attendees' | 'checkin' | 'edit' | 'message' | 'stats';

/** One event: status and actions, then attendees, check-in, edit form, message or statistics. */
export function EventView(props: { chapter: Membership; eventId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const location = useLocation();
  const [problem, setProblem] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const key = () => ({ chapterId: props.chapter.chapterId, eventId: props.eventId });
  const [data, { refetch }] = createResource(key, (k) => api.events.get.query(k));
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  const view = (): View => {
    const v = location().search.get('view');
    if (v === 'stats') return v;
    if ((v === 'checkin' || v === 'edit' || v === 'message') && canEdit()) return v;
    return 'attendees';
  };
  const base = () => `/c/${props.chapter.slug}/events?event=${props.eventId}`;
  const act = async (action: 'publish' | 'cancel') => {
    setProblem('');
    setNotice('');
    if (action === 'cancel' && !window.confirm(pick(text.confirmCancel))) return;
    try {
      await api.events[action].mutate(key());
      await refetch();
      setNotice(pick(action === 'publish' ? text.published : text.cancelled));
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };
  const tabs: Array<{ view: View; label: keyof typeof text; organizer?: boolean }> = [
    { view: 'attendees', label: 'tabAttendees' },
    { view: 'checkin', label: 'tabCheckin', organizer: true },
    { view: 'stats', label: 'tabStats' },
    { view: 'edit', label: 'tabEdit', organizer: true },
    { view: 'message', label: 'tabMessage', organizer: true },
  ];
  return (
    <Show when={data()} fallback={<Loading />}>
      {(event) => (
        <Page title={`${event().title} · ${props.chapter.name}`}>
          <p>
            <Link to={`/c/${props.chapter.slug}/events`}>← {pick(text.back)}</Link>
          </p>
          <p class="event-actions">
            <span class={`badge badge-${event().status}`}>
              {pick(statusText[event().status] ?? text.title)}
            </span>{' '}
            <a href={event().publicUrl} target="_blank" rel="noopener">
              {pick(text.publicPage)}
            </a>{' '}
            <Show when={canEdit() && event().status === 'draft'}>
              <button type="button" onClick={() => act('publish')}>
                {pick(text.publish)}
              </button>{' '}
            </Show>
            <Show when={canEdit() && event().status !== 'cancelled'}>
              <button type="button" class="danger" onClick={() => act('cancel')}>
                {pick(text.cancelEvent)}
              </button>
            </Show>
          </p>
          <Show when={problem()}>
            <p role="alert" class="form-error">
              {problem()}
            </p>
          </Show>
          <p role="status">{notice()}</p>
          <Tabs
            label={event().title}
            tabs={tabs.filter((t) => !t.organizer || canEdit())}
            href={(v) => `${base()}&view=${v}`}
            current={view()}
            labelOf={(tab) => pick(text[tab.label])}
          />
          <Switch>
            <Match when={view() === 'attendees'}>
              <Attendees
                chapterId={props.chapter.chapterId}
                eventId={props.eventId}
                canExport={canEdit()}
              />
            </Match>
            <Match when={view() === 'checkin'}>
              <CheckInView chapterId={props.chapter.chapterId} eventId={props.eventId} />
            </Match>
            <Match when={view() === 'stats'}>
              <Stats chapterId={props.chapter.chapterId} eventId={props.eventId} />
            </Match>
            <Match when={view() === 'edit'}>
              <EventForm
                chapterId={props.chapter.chapterId}
                eventId={props.eventId}
                onSaved={() => void refetch()}
              />
            </Match>
            <Match when={view() === 'message'}>
              <MessageForm chapterId={props.chapter.chapterId} eventId={props.eventId} />
            </Match>
          </Switch>
        </Page>
      )}
    </Show>
  );
}

function Attendees(props: { chapterId: string; eventId: string; canExport: boolean }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [search, setSearch] = createSignal('');
  const [list] = createResource(
    () => ({ chapterId: props.chapterId, eventId: props.eventId, search: search() }),
    (k) => api.events.attendees.query(k),
  );
  // A plain link to the streamed download: the browser saves it as it arrives, whatever its size.
  const exportHref = () =>
    `/admin/api/events/${encodeURIComponent(props.eventId)}/attendees.csv?${new URLSearchParams({ chapterId: props.chapterId })}`;
  return (
    <section>
      <div class="field">
        <label for="attendee-search">{pick(text.search)}</label>
        <input
          id="attendee-search"
          type="search"
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </div>
      <Show when={props.canExport}>
        <ExportLink href={exportHref()} label={pick(text.exportCsv)} />
      </Show>
      <Show when={list.latest} fallback={<Loading />}>
        {(rows) => (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{pick(text.colName)}</th>
                <th scope="col">{pick(text.colEmail)}</th>
                <th scope="col">{pick(text.colStatus)}</th>
                <th scope="col">{pick(text.colCode)}</th>
                <th scope="col">{pick(text.colArrived)}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td>{r.email}</td>
                    <td>{pick(statusText[r.status] ?? text.title)}</td>
                    <td>
                      <code>{r.code}</code>
                    </td>
                    <td>{r.checkedInAt ? i18n.formatDateTime(r.checkedInAt) : '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </section>
  );
}

function Stats(props: { chapterId: string; eventId: string }) {
  const { pick } = useI18n();
  const api = useApi();
  const [stats] = createResource(
    () => ({ chapterId: props.chapterId, eventId: props.eventId }),
    (k) => api.events.stats.query(k),
  );
  return (
    <Show when={stats()} fallback={<Loading />}>
      {(s) => (
        <section>
          <dl class="event-stats">
            <dt>{pick(text.statConfirmed)}</dt>
            <dd>
              {s().confirmed}
              {s().capacity ? ` / ${s().capacity}` : ''}
            </dd>
            <dt>{pick(text.statWaitlisted)}</dt>
            <dd>{s().waitlisted}</dd>
            <dt>{pick(text.statCancelled)}</dt>
            <dd>{s().cancelled}</dd>
            <dt>{pick(text.statArrived)}</dt>
            <dd>{s().arrived}</dd>
          </dl>
          <h2>{pick(text.perDay)}</h2>
          <table class="table">
            <tbody>
              <For each={s().perDay}>
                {(d) => (
                  <tr>
                    <th scope="row">{d.date}</th>
                    <td>{d.n}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      )}
    </Show>
  );
}

function MessageForm(props: { chapterId: string; eventId: string }) {
  const { pick } = useI18n();
  const api = useApi();
  const form = createForm({
    submit: async (v) => {
      const { queued } = await api.events.message.mutate({
        chapterId: props.chapterId,
        eventId: props.eventId,
        subject: v.subject ?? '',
        text: v.text ?? '',
        includeWaitlist: v.includeWaitlist === 'on',
      });
      return pick(text.sent, { count: queued });
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <FormMessages form={form} labels={{ subject: pick(text.subject), text: pick(text.body) }} />
      <TextField form={form} name="subject" label={pick(text.subject)} maxLength={200} />
      <div class="field">
        <label for={form.fieldId('text')}>{pick(text.body)}</label>
        <Show when={form.errors().text}>
          <p class="field-error">{form.errors().text}</p>
        </Show>
        <textarea id={form.fieldId('text')} name="text" rows={8} />
      </div>
      <div class="field checkbox">
        <input type="checkbox" id={form.fieldId('includeWaitlist')} name="includeWaitlist" />
        <label for={form.fieldId('includeWaitlist')}>{pick(text.includeWaitlist)}</label>
      </div>
      <p>
        <button type="submit" disabled={form.pending()}>
          {pick(text.send)}
        </button>
      </p>
      <p role="status">{form.status()}</p>
    </form>
  );
}
