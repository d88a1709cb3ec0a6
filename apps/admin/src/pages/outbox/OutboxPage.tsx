import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import type { Api } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useLocation, useNavigate } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { hasRole } from '../../session/index.tsx';
import { MessageDetail } from './MessageDetail.tsx';
import { StatusBadge, templateLabel } from './parts.tsx';
import { statusText, text } from './strings.ts';
import './outbox.css';

type Summary = Awaited<ReturnType<Api['outbox']['list']['query']>>['items'][number];
const statuses = ['pending', 'sent', 'logged', 'failed'] as const;
type Status = (typeof statuses)[number];

/**
 * The chapter's outbox: every queued e-mail with its status, newest first, and one e-mail
 * read in full (`?message=<id>`, so it can be linked). Organizers can send one again.
 */
export function OutboxPage(props: ChapterPageProps) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const location = useLocation();
  const navigate = useNavigate();
  const [status, setStatus] = createSignal<Status | ''>('');
  const [more, setMore] = createSignal<Summary[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal('');
  const [first, { refetch }] = createResource(
    () => ({ chapterId: props.chapter.chapterId, status: status() }),
    (key) => api.outbox.list.query({ chapterId: key.chapterId, status: key.status || undefined }),
  );
  createEffect(
    on(
      () => first.latest,
      (page) => {
        setMore([]);
        setCursor(page?.nextCursor ?? null);
      },
    ),
  );
  const items = () => [...(first.latest?.items ?? []), ...more()];
  const selected = () => location().search.get('message');
  const here = () => `/c/${props.chapter.slug}/outbox`;

  const loadMore = async () => {
    setProblem('');
    try {
      const page = await api.outbox.list.query({
        chapterId: props.chapter.chapterId,
        status: status() || undefined,
        cursor: cursor() ?? undefined,
      });
      setMore([...more(), ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };

  let filter: HTMLSelectElement | undefined;
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <p class="error-summary" role="alert" classList={{ hidden: !problem() }}>
        {problem()}
      </p>
      <Show
        when={selected()}
        fallback={
          <>
            <Show when={items().some((m) => m.status === 'logged')}>
              <p class="notice">{pick(text.noServer)}</p>
            </Show>
            <form
              class="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                setStatus((filter?.value ?? '') as Status | '');
              }}
            >
              <label for="outbox-status">{pick(text.filter)}</label>
              <select id="outbox-status" ref={filter} value={status()}>
                <option value="">{pick(text.all)}</option>
                <For each={statuses}>
                  {(s) => <option value={s}>{pick(statusText[s] ?? { en: s, fr: s })}</option>}
                </For>
              </select>
              <button type="submit">{pick(text.apply)}</button>
            </form>
            <Show when={first.latest} fallback={<Loading />}>
              <Show when={items().length > 0} fallback={<p>{pick(text.empty)}</p>}>
                <MessageTable
                  items={items()}
                  onOpen={(id) => navigate(`${here()}?message=${id}`)}
                />
              </Show>
              <Show when={cursor()}>
                <button type="button" onClick={() => void loadMore()}>
                  {pick(text.more)}
                </button>
              </Show>
            </Show>
          </>
        }
      >
        {(id) => (
          <MessageDetail
            chapterId={props.chapter.chapterId}
            id={id()}
            canRetry={hasRole(props.chapter.role, 'organizer')}
            onClose={() => navigate(here())}
            onRetried={() => void refetch()}
          />
        )}
      </Show>
    </Page>
  );
}

function MessageTable(props: { items: Summary[]; onOpen: (id: string) => void }) {
  const i18n = useI18n();
  const { pick } = i18n;
  return (
    <table class="table outbox-table">
      <thead>
        <tr>
          <th scope="col">{pick(text.status)}</th>
          <th scope="col">{pick(text.template)}</th>
          <th scope="col">{pick(text.to)}</th>
          <th scope="col">{pick(text.created)}</th>
          <th scope="col">{pick(text.sent)}</th>
          <th scope="col">{pick(text.attempts)}</th>
          <th scope="col">{pick(text.actions)}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.items}>
          {(message) => (
            <tr>
              <td>
                <StatusBadge status={message.status} />
              </td>
              <td>{templateLabel(pick, message.template)}</td>
              <td>{message.to}</td>
              <td>{i18n.formatDateTime(message.createdAt)}</td>
              <td>{message.sentAt ? i18n.formatDateTime(message.sentAt) : '—'}</td>
              <td>{message.attempts}</td>
              <td>
                <button
                  type="button"
                  class="link-button"
                  aria-label={pick(text.readLabel, {
                    to: message.to,
                    when: i18n.formatDateTime(message.createdAt),
                  })}
                  onClick={() => props.onOpen(message.id)}
                >
                  {pick(text.read)}
                </button>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
