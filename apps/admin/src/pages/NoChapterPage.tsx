import { Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router/index.tsx';

/** Shown at /admin/ to a signed-in person who belongs to no chapter. */
export function NoChapterPage() {
  const { t } = useI18n();
  return (
    <Page title={t('dashboard.title')}>
      <p>{t('dashboard.noChapter')}</p>
      <p>
        <Link to="/chapters/new">{t('dashboard.createChapter')}</Link>
      </p>
    </Page>
  );
}
