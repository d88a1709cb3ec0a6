import { createResource, Show } from 'solid-js';
import { useApi } from '../api/context.tsx';
import { FormMessages } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Loading, Page } from '../components/Page.tsx';
import { isLocale, useI18n } from '../i18n/index.tsx';
import type { ChapterPageProps } from '../routes.tsx';
import { useSession } from '../session/index.tsx';
import { ChapterFields } from './chapterFields.tsx';

/** `/admin/c/:chapter/settings` (owners): name, language and time zone. */
export function ChapterSettingsPage(props: ChapterPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const [chapter] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.chapters.get.query({ chapterId }),
  );
  const form = createForm({
    validate: (values) => check.required(values, ['name', 'timeZone'], i18n),
    submit: async (values) => {
      await api.chapters.update.mutate({
        chapterId: props.chapter.chapterId,
        name: values.name ?? '',
        locale: isLocale(values.locale) ? values.locale : 'fr',
        timeZone: values.timeZone ?? '',
      });
      await session.refresh();
      return t('form.saved');
    },
  });
  return (
    <Page title={`${t('settings.title')} · ${props.chapter.name}`}>
      <Show when={chapter.latest} fallback={<Loading />}>
        {(value) => (
          <form class="form narrow" noValidate onSubmit={form.onSubmit}>
            <FormMessages
              form={form}
              labels={{
                name: t('field.chapterName'),
                locale: t('field.locale'),
                timeZone: t('field.timeZone'),
              }}
            />
            <ChapterFields
              form={form}
              name={value().name}
              locale={value().locale}
              timeZone={value().timeZone}
            />
            <button type="submit" class="primary" disabled={form.pending()}>
              {t('settings.save')}
            </button>
          </form>
        )}
      </Show>
    </Page>
  );
}
