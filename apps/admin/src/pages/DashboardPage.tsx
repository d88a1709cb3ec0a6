import { Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ChapterPageProps } from '../routes.tsx';
import { useSession } from '../session/index.tsx';

/** The chapter's home. Other modules add their summaries here (pledges, events, outbox). */
export function DashboardPage(props: ChapterPageProps) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Page title={`${t('dashboard.title')} · ${props.chapter.name}`}>
      <p>{t('dashboard.welcome', { name: session.user()?.name ?? '' })}</p>
      <p>
        {t('dashboard.role', {
          chapter: props.chapter.name,
          role: t(`role.${props.chapter.role}`),
        })}
      </p>
    </Page>
  );
}
