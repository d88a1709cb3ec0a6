import { onMount, Show } from 'solid-js';
import { errorCodeOf, errorMessageOf } from '../api/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';

/** A failed load, announced; an ended session gets a way back in. */
export function ErrorNotice(props: { error: unknown }) {
  const i18n = useI18n();
  const session = useSession();
  // An ended session: reloading the status lets the page guard redirect to sign-in.
  onMount(() => {
    if (errorCodeOf(props.error) === 'UNAUTHORIZED' && session.user()) void session.refresh();
  });
  return (
    <div class="error-summary" role="alert">
      <p>{errorMessageOf(props.error, i18n)}</p>
      <Show when={errorCodeOf(props.error) === 'UNAUTHORIZED'}>
        <Link to="/sign-in">{i18n.t('signIn.title')}</Link>
      </Show>
    </div>
  );
}
