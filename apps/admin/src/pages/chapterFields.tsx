import { For } from 'solid-js';
import { SelectField, TextField } from '../components/Field.tsx';
import type { FormState } from '../components/form.ts';
import { LOCALES, useI18n } from '../i18n/index.tsx';

/** Every IANA zone the browser knows, for the time-zone suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris', 'UTC'];
  }
}

/** The fields a chapter's create and settings forms share: name, language, time zone. */
export function ChapterFields(props: {
  form: FormState;
  name?: string;
  locale?: string;
  timeZone?: string;
}) {
  const { t } = useI18n();
  const listId = `${props.form.id}-zones`;
  return (
    <>
      <TextField
        form={props.form}
        name="name"
        label={t('field.chapterName')}
        value={props.name ?? ''}
      />
      <SelectField
        form={props.form}
        name="locale"
        label={t('field.locale')}
        value={props.locale ?? 'fr'}
        options={LOCALES.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))}
      />
      <TextField
        form={props.form}
        name="timeZone"
        label={t('field.timeZone')}
        hint={t('field.timeZoneHint')}
        list={listId}
        autocomplete="off"
        value={props.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
      />
      <datalist id={listId}>
        <For each={timeZones()}>{(zone) => <option value={zone} />}</For>
      </datalist>
    </>
  );
}
