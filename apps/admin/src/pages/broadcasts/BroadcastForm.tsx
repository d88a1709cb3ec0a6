// The compose/edit form of one broadcast: subject, Markdown body, language, segment (pledge,
// tag, event) and sending rate; plus reading the submitted form into the API's input.

import { createResource, For, Show } from 'solid-js';
import type { Api } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

type Broadcast = Awaited<ReturnType<Api['broadcasts']['get']['query']>>['broadcast'];

/** The chapter's pledges, tags and events, the choices of the segment selects. */
export function useSegmentChoices(chapterId: () => string) {
  const api = useApi();
  const [tags] = createResource(chapterId, (id) => api.tags.list.query({ chapterId: id }));
  const [pledges] = createResource(chapterId, (id) => api.pledges.list.query({ chapterId: id }));
  const [events] = createResource(chapterId, (id) => api.events.list.query({ chapterId: id }));
  return { tags, pledges, events };
}

type SegmentChoices = ReturnType<typeof useSegmentChoices>;

/**
 * The fields of a submitted broadcast form as `broadcasts.create` takes them; an empty segment
 * select means no condition on it.
 */
export function broadcastInput(form: HTMLFormElement, chapterId: string) {
  const data = new FormData(form);
  const v = (k: string) => String(data.get(k) ?? '').trim();
  const segment = {
    ...(v('pledgeId') ? { pledgeId: v('pledgeId') } : {}),
    ...(v('tagId') ? { tagId: v('tagId') } : {}),
    ...(v('eventId') ? { eventId: v('eventId') } : {}),
  };
  return {
    chapterId,
    subject: v('subject'),
    body: v('body'),
    locale: v('locale') === 'en' ? ('en' as const) : ('fr' as const),
    segment,
    perMinute: Number(v('perMinute') || 600),
  };
}

/**
 * The form, filled from `broadcast` (empty for a new one). `locked` disables every field (sent
 * broadcasts, or members who may not send); `canSave` shows the save button.
 */
export function BroadcastForm(props: {
  broadcast: Broadcast | undefined;
  choices: SegmentChoices;
  locked: boolean;
  canSave: boolean;
  onSubmit: (event: SubmitEvent) => void;
}) {
  const { pick } = useI18n();
  const b = () => props.broadcast;
  return (
    <form onSubmit={(event) => props.onSubmit(event)}>
      <div class="field">
        <label for="bc-subject">{pick(text.subject)}</label>
        <input
          id="bc-subject"
          name="subject"
          required
          maxLength={200}
          value={b()?.subject ?? ''}
          disabled={props.locked}
        />
      </div>
      <div class="field">
        <label for="bc-body">{pick(text.body)}</label>
        <textarea
          id="bc-body"
          name="body"
          required
          rows={10}
          value={b()?.body ?? ''}
          disabled={props.locked}
        />
      </div>
      <div class="filters">
        <div class="field">
          <label for="bc-locale">{pick(text.language)}</label>
          <select id="bc-locale" name="locale" disabled={props.locked}>
            <option value="fr" selected={b()?.locale !== 'en'}>
              Français
            </option>
            <option value="en" selected={b()?.locale === 'en'}>
              English
            </option>
          </select>
        </div>
        <div class="field">
          <label for="bc-pledge">{pick(text.pledge)}</label>
          <select id="bc-pledge" name="pledgeId" disabled={props.locked}>
            <option value="">{pick(text.anyone)}</option>
            <For each={props.choices.pledges.latest ?? []}>
              {(p) => (
                <option value={p.id} selected={b()?.segment.pledgeId === p.id}>
                  {p.title}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="bc-tag">{pick(text.tag)}</label>
          <select id="bc-tag" name="tagId" disabled={props.locked}>
            <option value="">{pick(text.anyone)}</option>
            <For each={props.choices.tags.latest ?? []}>
              {(t) => (
                <option value={t.id} selected={b()?.segment.tagId === t.id}>
                  {t.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="bc-event">{pick(text.event)}</label>
          <select id="bc-event" name="eventId" disabled={props.locked}>
            <option value="">{pick(text.anyone)}</option>
            <For each={props.choices.events.latest ?? []}>
              {(e) => (
                <option value={e.id} selected={b()?.segment.eventId === e.id}>
                  {e.title}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="bc-rate">{pick(text.perMinute)}</label>
          <input
            id="bc-rate"
            name="perMinute"
            type="number"
            min="1"
            max="10000"
            value={b()?.perMinute ?? 600}
            disabled={props.locked}
          />
        </div>
      </div>
      <Show when={props.canSave}>
        <button type="submit">{pick(text.save)}</button>
      </Show>
    </form>
  );
}
