import { useApi } from '../api/context.tsx';
import { FormMessages, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Page } from '../components/Page.tsx';
import { isLocale, useI18n } from '../i18n/index.tsx';
import { useNavigate } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';
import { ChapterFields } from './chapterFields.tsx';

/** `/admin/chapters/new`: the creator becomes the new chapter's owner. */
export function CreateChapterPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const form = createForm({
    validate: (values) => {
      const errors = check.required(values, ['slug', 'name', 'timeZone'], i18n);
      if (!errors.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug ?? '')) {
        errors.slug = t('field.slugHint');
      }
      return errors;
    },
    submit: async (values) => {
      const slug = values.slug ?? '';
      await api.chapters.create.mutate({
        slug,
        name: values.name ?? '',
        locale: isLocale(values.locale) ? values.locale : 'fr',
        timeZone: values.timeZone ?? '',
      });
      await session.refresh();
      navigate(`/c/${slug}`);
    },
  });
  return (
    <Page title={t('newChapter.title')}>
      <form class="form narrow" noValidate onSubmit={form.onSubmit}>
        <FormMessages
          form={form}
          labels={{
            slug: t('field.slug'),
            name: t('field.chapterName'),
            locale: t('field.locale'),
            timeZone: t('field.timeZone'),
          }}
        />
        <ChapterFields form={form} />
        <TextField form={form} name="slug" label={t('field.slug')} hint={t('field.slugHint')} />
        <button type="submit" class="primary" disabled={form.pending()}>
          {t('newChapter.submit')}
        </button>
      </form>
    </Page>
  );
}
