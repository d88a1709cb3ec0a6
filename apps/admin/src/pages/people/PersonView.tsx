import { createResource, createSignal, For, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useNavigate } from '../../router/index.tsx';
import { hasRole } from '../../session/index.tsx';
import { PersonTimeline } from './PersonTimeline.tsx';
import { text } from './strings.ts';

/** One person: profile (edit), tags, notes, timeline, merge, consent withdrawal, erasure. */
export function PersonView(props: { chapter: Membership; personId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const navigate = useNavigate();
  const chapterId = () => props.chapter.chapterId;
  const base = () => `/c/${props.chapter.slug}/people`;
  const canEdit = () => hasRole(props.chapter.role, 'organizer');
  const [person, { refetch }] = createResource(
    () => ({ chapterId: chapterId(), personId: props.personId }),
    (key) => api.people.get.query(key),
  );
  const [tags] = createResource(chapterId, (id) => api.tags.list.query({ chapterId: id }));
  const [message, setMessage] = createSignal<{ text: string; error?: boolean }>();
  const [mergeProblem, setMergeProblem] = createSignal<string>();
  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      setMessage(done ? { text: done } : undefined);
      refetch();
    } catch (error) {
      setMessage({ text: errorMessageOf(error, i18n), error: true });
    }
  };
  const form = (event: SubmitEvent) => {
    event.preventDefault();
    const el = event.currentTarget as HTMLFormElement;
    return { el, data: new FormData(el) };
  };
  const save = (event: SubmitEvent) => {
    const { data } = form(event);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    run(
      () =>
        api.people.update.mutate({
          chapterId: chapterId(),
          personId: props.personId,
          name: v('name') || null,
          email: v('email'),
          postalCode: v('postalCode') || null,
          locale: v('locale') === 'en' ? 'en' : 'fr',
        }),
      pick(text.saved),
    );
  };
  const merge = async (event: SubmitEvent) => {
    const { el, data } = form(event);
    const email = String(data.get('email') ?? '')
      .trim()
      .toLowerCase();
    const found = await api.people.list.query({
      chapterId: chapterId(),
      search: email,
      limit: 200,
    });
    const dup = found.items.find((p) => p.email === email && p.id !== props.personId);
    // Said beside the field: the page's message area is a screen above.
    setMergeProblem(dup ? undefined : pick(text.mergeNotFound));
    if (!dup) return;
    if (!window.confirm(pick(text.confirmMerge, { email }))) return;
    await run(
      () =>
        api.people.merge.mutate({
          chapterId: chapterId(),
          keepId: props.personId,
          mergeId: dup.id,
        }),
      pick(text.merged),
    );
    el.reset();
  };
  const erase = async () => {
    if (!window.confirm(pick(text.confirmErase))) return;
    try {
      await api.people.erase.mutate({ chapterId: chapterId(), personId: props.personId });
      navigate(base());
    } catch (error) {
      setMessage({ text: errorMessageOf(error, i18n), error: true });
    }
  };

  return (
    <Show when={person.latest} fallback={<Loading />}>
      {(view) => {
        const p = () => view().data.person;
        return (
          <Page title={`${p().name ?? p().email} · ${props.chapter.name}`}>
            <p>
              <Link to={base()}>← {pick(text.back)}</Link>
            </p>
            <Show when={message()}>
              {(m) => (
                <p
                  class={m().error ? 'error-summary' : 'notice'}
                  role={m().error ? 'alert' : 'status'}
                  // The actions sit far below: bring the outcome into view.
                  ref={(el) => queueMicrotask(() => el.scrollIntoView?.({ block: 'nearest' }))}
                >
                  {m().text}
                </p>
              )}
            </Show>
            <section aria-labelledby="person-profile">
              <h2 id="person-profile">{pick(text.profile)}</h2>
              <form class="filters" onSubmit={save}>
                <div class="field">
                  <label for="person-name">{pick(text.name)}</label>
                  <input
                    id="person-name"
                    name="name"
                    value={p().name ?? ''}
                    maxLength={200}
                    disabled={!canEdit()}
                  />
                </div>
                <div class="field">
                  <label for="person-email">{pick(text.email)}</label>
                  <input
                    id="person-email"
                    name="email"
                    type="email"
                    value={p().email}
                    disabled={!canEdit()}
                  />
                </div>
                <div class="field">
                  <label for="person-postal">{pick(text.postalCode)}</label>
                  <input
                    id="person-postal"
                    name="postalCode"
                    value={p().postalCode ?? ''}
                    maxLength={20}
                    disabled={!canEdit()}
                  />
                </div>
                <div class="field">
                  <label for="person-locale">{pick(text.language)}</label>
                  <select id="person-locale" name="locale" disabled={!canEdit()}>
                    <option value="fr" selected={p().locale === 'fr'}>
                      Français
                    </option>
                    <option value="en" selected={p().locale === 'en'}>
                      English
                    </option>
                  </select>
                </div>
                <Show when={canEdit()}>
                  <button type="submit">{pick(text.save)}</button>
                </Show>
              </form>
            </section>
            <section aria-labelledby="person-tags">
              <h2 id="person-tags">{pick(text.tagsTitle)}</h2>
              <ul>
                <For each={view().tags}>
                  {(t) => (
                    <li>
                      {t.name}{' '}
                      <Show when={canEdit()}>
                        <button
                          type="button"
                          aria-label={pick(text.removeTag, { name: t.name })}
                          onClick={() =>
                            run(() =>
                              api.tags.tagPeople.mutate({
                                chapterId: chapterId(),
                                tagId: t.id,
                                action: 'remove',
                                personIds: [props.personId],
                              }),
                            )
                          }
                        >
                          ×
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={canEdit()}>
                <form
                  class="filters"
                  onSubmit={(event) => {
                    const { data } = form(event);
                    const tagId = String(data.get('tagId') ?? '');
                    if (tagId) {
                      run(() =>
                        api.tags.tagPeople.mutate({
                          chapterId: chapterId(),
                          tagId,
                          action: 'add',
                          personIds: [props.personId],
                        }),
                      );
                    }
                  }}
                >
                  <div class="field">
                    <label for="person-add-tag">{pick(text.addTag)}</label>
                    <select id="person-add-tag" name="tagId">
                      <For
                        each={(tags.latest ?? []).filter(
                          (t) => !view().tags.some((own) => own.id === t.id),
                        )}
                      >
                        {(t) => <option value={t.id}>{t.name}</option>}
                      </For>
                    </select>
                  </div>
                  <button type="submit">{pick(text.addTag)}</button>
                </form>
              </Show>
            </section>
            <section aria-labelledby="person-notes">
              <h2 id="person-notes">{pick(text.notes)}</h2>
              <ul class="person-notes">
                <For each={view().notes}>
                  {(n) => (
                    <li>
                      <span class="note-body">{n.body}</span> — {n.author ?? ''}{' '}
                      {i18n.formatDateTime(n.createdAt)}{' '}
                      <Show when={canEdit()}>
                        <button
                          type="button"
                          onClick={() =>
                            run(() =>
                              api.people.deleteNote.mutate({
                                chapterId: chapterId(),
                                noteId: n.id,
                              }),
                            )
                          }
                        >
                          {pick(text.delete)}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={canEdit()}>
                <form
                  onSubmit={async (event) => {
                    const { el, data } = form(event);
                    const body = String(data.get('body') ?? '');
                    await run(() =>
                      api.people.addNote.mutate({
                        chapterId: chapterId(),
                        personId: props.personId,
                        body,
                      }),
                    );
                    el.reset();
                  }}
                >
                  <div class="field">
                    <label for="person-note">{pick(text.noteLabel)}</label>
                    <textarea id="person-note" name="body" maxLength={5000} required />
                  </div>
                  <button type="submit">{pick(text.addNote)}</button>
                </form>
              </Show>
            </section>
            <PersonTimeline timeline={view().timeline} />
            <Show when={canEdit()}>
              <section aria-labelledby="person-merge">
                <h2 id="person-merge">{pick(text.merge)}</h2>
                <form class="filters" onSubmit={merge}>
                  <div class="field">
                    <label for="person-merge-email">{pick(text.mergeEmail)}</label>
                    <input
                      id="person-merge-email"
                      name="email"
                      type="email"
                      required
                      aria-invalid={mergeProblem() ? 'true' : undefined}
                      aria-describedby={mergeProblem() ? 'person-merge-problem' : undefined}
                      onInput={() => setMergeProblem(undefined)}
                    />
                    <Show when={mergeProblem()}>
                      <p id="person-merge-problem" class="field-error" role="alert">
                        {mergeProblem()}
                      </p>
                    </Show>
                  </div>
                  <button type="submit">{pick(text.mergeButton)}</button>
                </form>
              </section>
              <section aria-labelledby="person-privacy">
                <h2 id="person-privacy">{pick(text.privacy)}</h2>
                <p>
                  <button
                    type="button"
                    onClick={() => {
                      if (!window.confirm(pick(text.confirmWithdraw))) return;
                      void run(
                        () =>
                          api.people.withdrawConsent.mutate({
                            chapterId: chapterId(),
                            personId: props.personId,
                          }),
                        pick(text.withdrawn),
                      );
                    }}
                  >
                    {pick(text.withdraw)}
                  </button>{' '}
                  <button type="button" class="danger" onClick={erase}>
                    {pick(text.erase)}
                  </button>
                </p>
              </section>
            </Show>
          </Page>
        );
      }}
    </Show>
  );
}
