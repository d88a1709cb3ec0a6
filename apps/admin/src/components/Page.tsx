import { createEffect, type JSX, onMount, Show } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import { useNavigate } from '../router/index.tsx';

let firstPage = true;

/**
 * A page: sets the document title and renders the h1. After an in-app navigation the h1
 * takes focus, so screen readers announce the new page (the first load keeps the default).
 */
export function Page(props: { title: string; children: JSX.Element; lead?: JSX.Element }) {
  const { t } = useI18n();
  let heading: HTMLHeadingElement | undefined;
  createEffect(() => {
    document.title = `${props.title} · ${t('app.name')}`;
  });
  onMount(() => {
    if (firstPage) firstPage = false;
    else heading?.focus();
  });
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title" tabindex="-1" ref={heading}>
        {props.title}
      </h1>
      <Show when={props.lead}>
        <div class="lead">{props.lead}</div>
      </Show>
      {props.children}
    </section>
  );
}

/** Replaces the current URL on mount (for guards and the home page). */
export function Redirect(props: { to: string }) {
  const navigate = useNavigate();
  onMount(() => navigate(props.to, { replace: true }));
  return null;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
