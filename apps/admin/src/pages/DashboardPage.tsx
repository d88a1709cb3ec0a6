import { For } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { Page } from '../components/Page.tsx';
import { dashboardCards } from '../dashboard.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ChapterPageProps } from '../routes.tsx';
import { hasRole, useSession } from '../session/index.tsx';

/** The chapter's home: a greeting, then the cards other modules register in dashboard.tsx. */
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
      <div class="cards">
        <For each={dashboardCards.filter((c) => hasRole(props.chapter.role, c.minRole))}>
          {(entry) => <Dynamic component={entry.card} chapter={props.chapter} />}
        </For>
      </div>
    </Page>
  );
}
