import { createResource, createSignal, For, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { useI18n } from '../../i18n/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { text } from './strings.ts';

/** The chapter's tags: counts, create, rename, delete (organizers). */
export function TagsSection(props: {
  chapter: Membership;
  onChange: () => void;
  /** Moves when people were tagged elsewhere on the page: the counts are read again. */
  version?: number;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const chapterId = () => props.chapter.chapterId;
  const [tags, { refetch }] = createResource(
    () => [props.chapter.chapterId, props.version ?? 0] as const,
    ([id]) => api.tags.list.query({ chapterId: id }),
  );
  const [message, setMessage] = createSignal('');
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setMessage('');
      refetch();
      props.onChange();
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  const create = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '');
    run(async () => {
      await api.tags.create.mutate({ chapterId: chapterId(), name });
      form.reset();
    });
  };
  return (
    <section aria-labelledby="tags-title">
      <h2 id="tags-title">{pick(text.tagsTitle)}</h2>
      <ul>
        <For each={tags.latest ?? []}>
          {(t) => (
            <li>
              {pick(text.tagPeople, { name: t.name, count: t.people })}{' '}
              <Show when={hasRole(props.chapter.role, 'organizer')}>
                <button
                  type="button"
                  onClick={() => {
                    const name = window.prompt(pick(text.renamePrompt), t.name);
                    if (name)
                      run(() =>
                        api.tags.rename.mutate({ chapterId: chapterId(), tagId: t.id, name }),
                      );
                  }}
                >
                  {pick(text.rename)}
                </button>{' '}
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(pick(text.confirmDeleteTag))) {
                      run(() => api.tags.delete.mutate({ chapterId: chapterId(), tagId: t.id }));
                    }
                  }}
                >
                  {pick(text.delete)}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={hasRole(props.chapter.role, 'organizer')}>
        <form class="filters" onSubmit={create}>
          <div class="field">
            <label for="new-tag">{pick(text.newTag)}</label>
            <input id="new-tag" name="name" maxLength={60} required />
          </div>
          <button type="submit">{pick(text.create)}</button>
        </form>
      </Show>
      <Show when={message()}>
        <p class="error-summary" role="alert">
          {message()}
        </p>
      </Show>
    </section>
  );
}

/** What retention will anonymise when; owners set the period. */
export function RetentionSection(props: { chapter: Membership }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [plan, { mutate }] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.people.retention.query({ chapterId }),
  );
  const [message, setMessage] = createSignal('');
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const months = Number(new FormData(event.currentTarget as HTMLFormElement).get('months'));
    try {
      mutate(await api.people.setRetention.mutate({ chapterId: props.chapter.chapterId, months }));
      setMessage(pick(text.saved));
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{pick(text.retentionTitle)}</h2>
      <Show when={plan.latest}>
        {(p) => (
          <>
            <p>{pick(text.retentionLead, { months: p().months })}</p>
            <Show when={p().items.length > 0} fallback={<p>{pick(text.retentionNone)}</p>}>
              <ul>
                <For each={p().items}>
                  {(item) => (
                    <li>
                      {pick(text.retentionRow, {
                        slug: item.slug,
                        count: item.signatures,
                        date: i18n.formatDateTime(item.anonymiseAt),
                      })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={hasRole(props.chapter.role, 'owner')}>
              <form class="filters" onSubmit={save}>
                <div class="field">
                  <label for="retention-months">{pick(text.retentionMonths)}</label>
                  <input
                    id="retention-months"
                    name="months"
                    type="number"
                    min="1"
                    max="120"
                    value={p().months}
                  />
                </div>
                <button type="submit">{pick(text.save)}</button>
                <p role="status">{message()}</p>
              </form>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
