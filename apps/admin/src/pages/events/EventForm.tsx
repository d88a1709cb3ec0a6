import { createResource, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { FormMessages, SelectField, TextField } from '../../components/Field.tsx';
import { createForm, type Values } from '../../components/form.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

type Input = Parameters<ReturnType<typeof useApi>['events']['create']['mutate']>[0];

type Question = NonNullable<Input['questions']>[number];

/** A question id from its label: `Vous venez d'où ?` → `vous-venez-d-ou`. */
function idFrom(label: string, fallback: string, taken: Set<string>): string {
  let id =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || fallback;
  if (!/^[a-z0-9]/.test(id)) id = fallback;
  while (taken.has(id)) id = `${id}-2`;
  taken.add(id);
  return id;
}

/**
 * The RSVP questions as organizers type them, one per line, in the default language:
 * `Question` (free text) or `Question | choice 1 | choice 2` (one choice); a leading `*`
 * makes it required.
 *
 * @example
 * parseQuestions('*Diet? | Vegan | Vegetarian | None', 'en')
 */
export function parseQuestions(source: string, locale: 'fr' | 'en'): Question[] {
  const taken = new Set<string>();
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const required = line.startsWith('*');
      const [label = '', ...choices] = line
        .replace(/^\*\s*/, '')
        .split('|')
        .map((part) => part.trim())
        .filter(Boolean);
      const optionIds = new Set<string>();
      return {
        id: idFrom(label, `q${i + 1}`, taken),
        kind: choices.length >= 2 ? 'single' : 'text',
        required,
        label: { [locale]: label },
        options:
          choices.length >= 2
            ? choices.map((c, j) => ({
                id: idFrom(c, `o${j + 1}`, optionIds),
                label: { [locale]: c },
              }))
            : [],
      } as Question;
    });
}

/** The saved questions back in the one-per-line form. */
function questionsText(questions: Question[] | undefined, locale: 'fr' | 'en'): string {
  const pickLabel = (l: { fr?: string; en?: string }) => l[locale] ?? l.fr ?? l.en ?? '';
  return (questions ?? [])
    .map(
      (q) =>
        `${q.required ? '*' : ''}${[pickLabel(q.label), ...(q.options ?? []).map((o) => pickLabel(o.label))].join(' | ')}`,
    )
    .join('\n');
}

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
    questions: parseQuestions(v.questionsText ?? '', v.defaultLocale === 'en' ? 'en' : 'fr'),
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
            <div class="field">
              <label for={form.fieldId('questionsText')}>{pick(text.fQuestions)}</label>
              <p class="hint" id={`${form.fieldId('questionsText')}-hint`}>
                {pick(text.fQuestionsHint)}
              </p>
              <Show when={Object.keys(form.errors()).some((k) => k.startsWith('questions'))}>
                <p class="field-error">
                  {Object.entries(form.errors()).find(([k]) => k.startsWith('questions'))?.[1]}
                </p>
              </Show>
              <textarea
                id={form.fieldId('questionsText')}
                name="questionsText"
                rows={4}
                aria-describedby={`${form.fieldId('questionsText')}-hint`}
              >
                {questionsText(e?.questions, e?.defaultLocale ?? 'fr')}
              </textarea>
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
