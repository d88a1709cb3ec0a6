import { createResource, createSignal, For, Show } from 'solid-js';
import { useApi } from '../api/context.tsx';
import { errorMessageOf } from '../api/errors.ts';
import { FormMessages, SelectField, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Loading, Page } from '../components/Page.tsx';
import { isLocale, LOCALES, rememberLocale, useI18n } from '../i18n/index.tsx';
import { useNavigate } from '../router/index.tsx';
import { useSession } from '../session/index.tsx';

/** Profile, password and active sessions of the signed-in person. */
export function AccountPage() {
  const { t } = useI18n();
  return (
    <Page title={t('account.title')}>
      <ProfileForm />
      <PasswordForm />
      <Sessions />
    </Page>
  );
}

function ProfileForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const form = createForm({
    validate: (values) => check.required(values, ['name'], i18n),
    submit: async (values) => {
      const locale = isLocale(values.locale) ? values.locale : i18n.locale();
      await api.account.updateProfile.mutate({ name: values.name ?? '', locale });
      await session.refresh();
      i18n.setLocale(locale);
      rememberLocale(locale);
      return i18n.t('form.saved');
    },
  });
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile')}</h2>
      <form class="form narrow" noValidate onSubmit={form.onSubmit}>
        <FormMessages form={form} labels={{ name: t('field.name'), locale: t('field.locale') }} />
        <TextField
          form={form}
          name="name"
          autocomplete="name"
          label={t('field.name')}
          value={session.user()?.name ?? ''}
        />
        <SelectField
          form={form}
          name="locale"
          label={t('field.locale')}
          value={session.user()?.locale ?? i18n.locale()}
          options={LOCALES.map((locale) => ({ value: locale, label: t(`locale.${locale}`) }))}
        />
        <button type="submit" class="primary" disabled={form.pending()}>
          {t('account.saveProfile')}
        </button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  let formElement: HTMLFormElement | undefined;
  const form = createForm({
    validate: (values) => {
      const errors = check.required(
        values,
        ['currentPassword', 'newPassword', 'confirmPassword'],
        i18n,
      );
      check.password(values, 'newPassword', i18n, errors);
      if (!errors.confirmPassword && values.confirmPassword !== values.newPassword) {
        errors.confirmPassword = t('form.passwordMismatch');
      }
      return errors;
    },
    submit: async (values) => {
      await api.account.changePassword.mutate({
        currentPassword: values.currentPassword ?? '',
        newPassword: values.newPassword ?? '',
      });
      formElement?.reset();
      return t('account.passwordChanged');
    },
  });
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      <form class="form narrow" noValidate onSubmit={form.onSubmit} ref={formElement}>
        <FormMessages
          form={form}
          labels={{
            currentPassword: t('field.currentPassword'),
            newPassword: t('field.newPassword'),
            confirmPassword: t('field.confirmPassword'),
          }}
        />
        <TextField
          form={form}
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          label={t('field.currentPassword')}
        />
        <TextField
          form={form}
          name="newPassword"
          type="password"
          autocomplete="new-password"
          label={t('field.newPassword')}
          hint={t('field.passwordHint')}
        />
        <TextField
          form={form}
          name="confirmPassword"
          type="password"
          autocomplete="new-password"
          label={t('field.confirmPassword')}
        />
        <button type="submit" class="primary" disabled={form.pending()}>
          {t('account.changePassword')}
        </button>
      </form>
    </section>
  );
}

function Sessions() {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const [sessions, { refetch }] = createResource(() => api.account.sessions.query());
  const [notice, setNotice] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const device = (userAgent: string | null | undefined) => userAgent || t('account.unknownDevice');

  const end = async (sessionId: string) => {
    setProblem('');
    try {
      await api.account.endSession.mutate({ sessionId });
      setNotice(t('account.sessionEnded'));
      await refetch();
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };
  const everywhere = async () => {
    setProblem('');
    try {
      await api.account.signOutEverywhere.mutate();
      await session.refresh();
      navigate('/sign-in');
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      <p class="form-status" role="status">
        {notice()}
      </p>
      <p class="error-summary" role="alert" classList={{ hidden: !problem() }}>
        {problem()}
      </p>
      <Show when={sessions.latest} fallback={<Loading />}>
        {(list) => (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('account.sessionDevice')}</th>
                <th scope="col">{t('account.sessionStarted')}</th>
                <th scope="col">{t('account.sessionLastSeen')}</th>
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={list()}>
                {(item) => (
                  <tr>
                    <td>
                      {device(item.userAgent)}
                      <Show when={item.current}> ({t('account.thisDevice')})</Show>
                    </td>
                    <td>{i18n.formatDateTime(item.createdAt)}</td>
                    <td>{i18n.formatDateTime(item.lastSeenAt)}</td>
                    <td>
                      <Show when={!item.current}>
                        <button
                          type="button"
                          aria-label={t('account.endSessionLabel', {
                            device: device(item.userAgent),
                          })}
                          onClick={() => void end(item.id)}
                        >
                          {t('account.endSession')}
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <button type="button" class="danger" onClick={() => void everywhere()}>
        {t('account.signOutEverywhere')}
      </button>
    </section>
  );
}
