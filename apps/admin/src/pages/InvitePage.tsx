import { createResource, Match, Show, Switch } from 'solid-js';
import { useApi } from '../api/context.tsx';
import { FormMessages, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Loading, Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';

/** `/admin/invite?token=…`: join a chapter, creating an account if the e-mail has none. */
export function InvitePage() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const token = () => location().search.get('token') ?? '';
  const [invitation] = createResource(token, (value) =>
    api.auth.invitation.query({ token: value }),
  );
  const here = () => encodeURIComponent(`/invite?token=${token()}`);

  const form = createForm({
    validate: (values) => {
      if (invitation.latest?.existingUser) return {};
      const errors = check.required(values, ['name', 'password'], i18n);
      return check.password(values, 'password', i18n, errors);
    },
    submit: async (values) => {
      if (invitation.latest?.existingUser) {
        await api.auth.acceptInvitation.mutate({ token: token() });
      } else {
        const name = values.name ?? '';
        await api.auth.acceptInvitation.mutate({
          token: token(),
          name,
          password: values.password ?? '',
        });
        // Keep the language the account was created in.
        await api.account.updateProfile.mutate({ name, locale: i18n.locale() });
      }
      await session.refresh();
      navigate('/');
    },
  });

  const title = () => {
    const value = invitation.state === 'ready' ? invitation() : undefined;
    return value ? t('invite.title', { chapter: value.chapterName }) : t('invite.accept');
  };

  return (
    <Page title={title()}>
      <Switch>
        <Match when={!token() || invitation.state === 'errored'}>
          <p class="notice" role="alert">
            {t('invite.invalid')}
          </p>
        </Match>
        <Match when={invitation.state !== 'ready'}>
          <Loading />
        </Match>
        <Match when={invitation()}>
          {(inv) => (
            <>
              <p>
                {t('invite.intro', { chapter: inv().chapterName, role: t(`role.${inv().role}`) })}
              </p>
              <Show
                when={!inv().existingUser || session.user()}
                fallback={
                  <p>
                    {t('invite.existing', { email: inv().email })}{' '}
                    <Link to={`/sign-in?next=${here()}`}>{t('invite.signInFirst')}</Link>
                  </p>
                }
              >
                <form class="form narrow" noValidate onSubmit={form.onSubmit}>
                  <FormMessages
                    form={form}
                    labels={{ name: t('field.name'), password: t('field.password') }}
                  />
                  <Show when={!inv().existingUser}>
                    <TextField
                      form={form}
                      name="email"
                      type="email"
                      label={t('field.email')}
                      value={inv().email}
                      readOnly
                    />
                    <TextField
                      form={form}
                      name="name"
                      autocomplete="name"
                      label={t('field.name')}
                    />
                    <TextField
                      form={form}
                      name="password"
                      type="password"
                      autocomplete="new-password"
                      label={t('field.password')}
                      hint={t('field.passwordHint')}
                    />
                  </Show>
                  <button type="submit" class="primary" disabled={form.pending()}>
                    {inv().existingUser ? t('invite.accept') : t('invite.create')}
                  </button>
                </form>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </Page>
  );
}
