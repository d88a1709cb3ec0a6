import { Show } from 'solid-js';
import { useApi } from '../api/context.tsx';
import { FormMessages, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useLocation, useNavigate } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';

/** Where to go after signing in: only paths inside the admin (no open redirect). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = createForm({
    validate: (values, i18n) => {
      const errors = check.required(values, ['email', 'password'], i18n);
      return check.email(values, 'email', i18n, errors);
    },
    submit: async (values) => {
      await api.auth.signIn.mutate({ email: values.email ?? '', password: values.password ?? '' });
      await session.refresh();
      navigate(safeNext(location().search.get('next')));
    },
  });
  return (
    <Page title={t('signIn.title')}>
      <Show when={session.status.latest?.needsSetup}>
        <p class="notice">{t('signIn.needsSetup')}</p>
      </Show>
      <form class="form narrow" noValidate onSubmit={form.onSubmit}>
        <FormMessages
          form={form}
          labels={{ email: t('field.email'), password: t('field.password') }}
        />
        <TextField
          form={form}
          name="email"
          type="email"
          autocomplete="username"
          label={t('field.email')}
        />
        <TextField
          form={form}
          name="password"
          type="password"
          autocomplete="current-password"
          label={t('field.password')}
        />
        <button type="submit" class="primary" disabled={form.pending()}>
          {t('signIn.submit')}
        </button>
      </form>
    </Page>
  );
}
