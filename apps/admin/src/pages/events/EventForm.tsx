import { createResource, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { FormMessages, SelectField, TextField } from '../../components/Field.tsx';
import { createForm, type Values } from '../../components/form.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

type Input = Parameters<ReturnType<typeof useApi>['events']['create']['mutate']>[0];

/** Form values (strings) → the procedure's input. */
function toInput(v: Values, chapterId: string): Input {
  const num = (s: string | undefined) => (s && s.trim() !== '' ? Number(s) : null);
  const reminders = [num(v.reminder1), num(v.reminder2)].filter((n): n is number => n !== null);
  return {
    chapterId,
    slug: v.slug ?? '',
    defaultLocale: v.defaultLocale === 'en' ? 'en' : 'fr',
    title: { fr: v['title.fr'] ?? '', en: v['title.en'] ?? '' },
    description: { fr: v['description.fr'] ?? '', en: v['description.en'] ?? '' },
    timeZone: v.timeZone ?? 'Europe/Paris',
    startsLocal: v.startsLocal ?? '',
    endsLocal: v.endsLocal ?? '',
    venueName: v.venueName ?? '',
    venueAddress: v.venueAddress ?? '',
    addressPublic: v.addressPrivate !== 'on',
    onlineUrl: v.onlineUrl ?? '',
    capacity: num(v.capacity),
    waitlist: v.waitlist === 'on',
    reminders,
  };
}

/**
 * Create or edit an event. Times are typed in the event's own zone (converted to UTC by the
 * server). Field names match the procedure's input, so server errors land on their field.
 */
export function EventForm(props: {
  chapterId: string;
  eventId?: string;
  onSaved: (id: string) => void;
}) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const [existing] = createResource(
    () => (props.eventId ? { chapterId: props.chapterId, eventId: props.eventId } : null),
    async (key) => (key ? await api.events.get.query(key) : null),
  );
  const form = createForm({
    submit: async (values) => {
      const input = toInput(values, props.chapterId);
      if (props.eventId) {
        const saved = await api.events.update.mutate({ ...input, eventId: props.eventId });
        props.onSaved(saved.id);
      } else {
        const saved = await api.events.create.mutate(input);
        props.onSaved(saved.id);
      }
      return pick(text.saved);
    },
  });
  const labels = () => ({
    slug: pick(text.fSlug),
    'title.fr': pick(text.fTitleFr),
    'title.en': pick(text.fTitleEn),
    startsLocal: pick(text.fStart),
    endsLocal: pick(text.fEnd),
    timeZone: pick(text.fZone),
    capacity: pick(text.fCapacity),
    onlineUrl: pick(text.fOnline),
    reminders: pick(text.fReminder1),
  });
  return (
    <Show when={!props.eventId || existing()} fallback={<p aria-busy="true">…</p>}>
      {(_) => {
        const e = existing()?.input;
        return (
          <form class="event-form" noValidate onSubmit={form.onSubmit}>
            <FormMessages form={form} labels={labels()} />
            <TextField
              form={form}
              name="title.fr"
              label={pick(text.fTitleFr)}
              value={e?.title.fr ?? ''}
              maxLength={200}
            />
            <TextField
              form={form}
              name="title.en"
              label={pick(text.fTitleEn)}
              value={e?.title.en ?? ''}
              maxLength={200}
            />
            <TextField
              form={form}
              name="slug"
              label={pick(text.fSlug)}
              value={e?.slug ?? ''}
              pattern="[a-z0-9-]+"
            />
            <SelectField
              form={form}
              name="defaultLocale"
              label={pick(text.fLocale)}
              value={e?.defaultLocale ?? 'fr'}
              options={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
            />
            <div class="field">
              <label for={form.fieldId('description.fr')}>{pick(text.fDescFr)}</label>
              <textarea id={form.fieldId('description.fr')} name="description.fr" rows={5}>
                {e?.description?.fr ?? ''}
              </textarea>
            </div>
            <div class="field">
              <label for={form.fieldId('description.en')}>{pick(text.fDescEn)}</label>
              <textarea id={form.fieldId('description.en')} name="description.en" rows={5}>
                {e?.description?.en ?? ''}
              </textarea>
            </div>
            <TextField
              form={form}
              name="timeZone"
              label={pick(text.fZone)}
              value={e?.timeZone ?? 'Europe/Paris'}
            />
            <TextField
              form={form}
              name="startsLocal"
              type="datetime-local"
              label={pick(text.fStart)}
              value={e?.startsLocal ?? ''}
            />
            <TextField
              form={form}
              name="endsLocal"
              type="datetime-local"
              label={pick(text.fEnd)}
              value={e?.endsLocal ?? ''}
            />
            <TextField
              form={form}
              name="venueName"
              label={pick(text.fVenue)}
              value={e?.venueName ?? ''}
            />
            <TextField
              form={form}
              name="venueAddress"
              label={pick(text.fAddress)}
              value={e?.venueAddress ?? ''}
            />
            <div class="field checkbox">
              <input
                type="checkbox"
                id={form.fieldId('addressPrivate')}
                name="addressPrivate"
                checked={e ? e.addressPublic === false : false}
              />
              <label for={form.fieldId('addressPrivate')}>{pick(text.fAddressPrivate)}</label>
            </div>
            <TextField
              form={form}
              name="onlineUrl"
              type="url"
              label={pick(text.fOnline)}
              value={e?.onlineUrl ?? ''}
            />
            <TextField
              form={form}
              name="capacity"
              type="number"
              min="1"
              label={pick(text.fCapacity)}
              value={e?.capacity == null ? '' : String(e.capacity)}
            />
            <div class="field checkbox">
              <input
                type="checkbox"
                id={form.fieldId('waitlist')}
                name="waitlist"
                checked={e ? e.waitlist !== false : true}
              />
              <label for={form.fieldId('waitlist')}>{pick(text.fWaitlist)}</label>
            </div>
            <TextField
              form={form}
              name="reminder1"
              type="number"
              min="1"
              label={pick(text.fReminder1)}
              value={String(e ? (e.reminders?.[0] ?? '') : 24)}
            />
            <TextField
              form={form}
              name="reminder2"
              type="number"
              min="1"
              label={pick(text.fReminder2)}
              value={String(e?.reminders?.[1] ?? '')}
            />
            <p>
              <button type="submit" disabled={form.pending()}>
                {pick(text.save)}
              </button>
            </p>
          </form>
        );
      }}
    </Show>
  );
}
