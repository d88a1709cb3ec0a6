import { createSignal, Show } from 'solid-js';
import { useApi } from '../api/context.tsx';
import { FormMessages, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';

/**
 * `/admin/setup?token=…`: the one-time link printed by the server creates the first owner.
 * Once an account exists the link is spent: the page says so instead of showing a form the
 * server would refuse.
 */
export function SetupPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const token = () => location().search.get('token') ?? '';
  // Set when this page created the account (the session then says set up, before we leave).
  const [created, setCreated] = createSignal(false);
  const setUp = () => !created() && session.status.latest?.needsSetup === false;
  const form = createForm({
    validate: (values) => {
      const errors = check.required(values, ['email', 'name', 'password'], i18n);
      check.email(values, 'email', i18n, errors);
      return check.password(values, 'password', i18n, errors);
    },
    submit: async (values) => {
      await api.auth.setup.mutate({
        token: token(),
        email: values.email ?? '',
        name: values.name ?? '',
        password: values.password ?? '',
      });
      setCreated(true);
      // Keep the language the account was created in.
      await api.account.updateProfile.mutate({ name: values.name ?? '', locale: i18n.locale() });
      await session.refresh();
      navigate('/');
    },
  });
  return (
    <Page title={t('setup.title')}>
      <Show when={token()} fallback={<p class="notice">{t('setup.noToken')}</p>}>
        <Show when={setUp()}>
          <p class="notice">{t('setup.done')}</p>
          <Show when={!session.user()}>
            <p>
              <Link to="/sign-in">{t('setup.signIn')}</Link>
            </p>
          </Show>
        </Show>
        <Show when={created() || session.status.latest?.needsSetup}>
          <p>{t('setup.intro')}</p>
          <form class="form narrow" noValidate onSubmit={form.onSubmit}>
            <FormMessages
              form={form}
              labels={{
                email: t('field.email'),
                name: t('field.name'),
                password: t('field.password'),
              }}
            />
            <TextField form={form} name="name" autocomplete="name" label={t('field.name')} />
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
              autocomplete="new-password"
              label={t('field.password')}
              hint={t('field.passwordHint')}
            />
            <button type="submit" class="primary" disabled={form.pending()}>
              {t('setup.submit')}
            </button>
          </form>
        </Show>
      </Show>
    </Page>
  );
}
