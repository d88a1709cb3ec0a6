import { createResource, createSignal, For, Show } from 'solid-js';
import type { Api, Role } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { errorMessageOf } from '../api/errors.ts';
import { FormMessages, SelectField, TextField } from '../components/Field.tsx';
import { check, createForm } from '../components/form.ts';
import { Loading, Page } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { ChapterPageProps } from '../routes.tsx';
import { hasRole, useSession } from '../session/index.tsx';

type MemberList = Awaited<ReturnType<Api['members']['list']['query']>>;
type Member = MemberList['members'][number];

/**
 * Members and invitations of a chapter. Viewers see the list; organizers invite and manage
 * organizers and viewers; owners manage everyone. The server checks the same rules.
 */
export function MembersPage(props: ChapterPageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const session = useSession();
  const [list, { refetch }] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.members.list.query({ chapterId }),
  );
  const [notice, setNotice] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const canManage = () => hasRole(props.chapter.role, 'organizer');
  const assignable = (): Role[] =>
    props.chapter.role === 'owner' ? ['owner', 'organizer', 'viewer'] : ['organizer', 'viewer'];
  const canEdit = (member: Member) =>
    canManage() &&
    member.userId !== session.user()?.id &&
    (props.chapter.role === 'owner' || member.role !== 'owner');

  /** Runs one row action; the outcome is announced in the live region above the table. */
  const act = async (run: () => Promise<unknown>, done: string) => {
    setNotice('');
    setProblem('');
    try {
      await run();
      // Announce once the table shows the change (and its rows are stable again).
      await refetch();
      setNotice(done);
    } catch (error) {
      setProblem(errorMessageOf(error, i18n));
    }
  };

  return (
    <Page title={`${t('members.title')} · ${props.chapter.name}`}>
      <p class="form-status" role="status">
        {notice()}
      </p>
      <p class="error-summary" role="alert" classList={{ hidden: !problem() }}>
        {problem()}
      </p>
      <Show when={!canManage()}>
        <p class="notice">{t('members.readOnly')}</p>
      </Show>
      <Show when={list.latest} fallback={<Loading />}>
        {(data) => (
          <>
            <h2>{t('members.list')}</h2>
            <MemberTable
              members={data().members}
              canEdit={canEdit}
              assignable={assignable()}
              me={session.user()?.id}
              onChangeRole={(member, role) =>
                act(
                  () =>
                    api.members.changeRole.mutate({
                      chapterId: props.chapter.chapterId,
                      userId: member.userId,
                      role,
                    }),
                  t('members.roleChanged', { name: member.name }),
                )
              }
              onRemove={(member) =>
                act(
                  () =>
                    api.members.remove.mutate({
                      chapterId: props.chapter.chapterId,
                      userId: member.userId,
                    }),
                  t('members.removed', { name: member.name }),
                )
              }
            />
            <h2>{t('members.invitations')}</h2>
            <Show
              when={data().invitations.length > 0}
              fallback={<p>{t('members.noInvitations')}</p>}
            >
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('field.email')}</th>
                    <th scope="col">{t('field.role')}</th>
                    <th scope="col">{t('members.expires')}</th>
                    <Show when={canManage()}>
                      <th scope="col">{t('members.actions')}</th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={data().invitations}>
                    {(invitation) => (
                      <tr>
                        <td>{invitation.email}</td>
                        <td>{t(`role.${invitation.role}`)}</td>
                        <td>{i18n.formatDateTime(invitation.expiresAt)}</td>
                        <Show when={canManage()}>
                          <td>
                            <button
                              type="button"
                              aria-label={t('members.revokeLabel', { email: invitation.email })}
                              onClick={() =>
                                act(
                                  () =>
                                    api.members.revokeInvitation.mutate({
                                      chapterId: props.chapter.chapterId,
                                      invitationId: invitation.id,
                                    }),
                                  t('members.revoked', { email: invitation.email }),
                                )
                              }
                            >
                              {t('members.revoke')}
                            </button>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </>
        )}
      </Show>
      <Show when={canManage()}>
        <InviteForm
          chapterId={props.chapter.chapterId}
          roles={assignable()}
          onInvited={() => void refetch()}
        />
      </Show>
    </Page>
  );
}

function MemberTable(props: {
  members: Member[];
  canEdit: (member: Member) => boolean;
  assignable: Role[];
  me: string | undefined;
  onChangeRole: (member: Member, role: Role) => void;
  onRemove: (member: Member) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [confirming, setConfirming] = createSignal<string>();
  return (
    <Show when={props.members.length > 0} fallback={<p>{t('members.none')}</p>}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('members.since')}</th>
            <th scope="col">{t('members.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.members}>
            {(member) => (
              <tr>
                <td>
                  {member.name} <Show when={member.userId === props.me}>{t('members.you')}</Show>
                </td>
                <td>{member.email}</td>
                <td>
                  <Show when={props.canEdit(member)} fallback={t(`role.${member.role}`)}>
                    <RoleChanger
                      member={member}
                      roles={props.assignable}
                      onApply={(role) => props.onChangeRole(member, role)}
                    />
                  </Show>
                </td>
                <td>{i18n.formatDateTime(member.createdAt)}</td>
                <td>
                  <Show when={props.canEdit(member)}>
                    <Show
                      when={confirming() === member.userId}
                      fallback={
                        <button
                          type="button"
                          aria-label={t('members.removeLabel', { name: member.name })}
                          onClick={() => setConfirming(member.userId)}
                        >
                          {t('members.remove')}
                        </button>
                      }
                    >
                      <fieldset class="confirm">
                        <legend>{t('members.confirmRemove', { name: member.name })}</legend>
                        <button
                          type="button"
                          class="danger"
                          ref={(el) => queueMicrotask(() => el.focus())}
                          onClick={() => {
                            setConfirming(undefined);
                            props.onRemove(member);
                          }}
                        >
                          {t('members.confirmYes')}
                        </button>
                        <button type="button" onClick={() => setConfirming(undefined)}>
                          {t('members.cancel')}
                        </button>
                      </fieldset>
                    </Show>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}

function RoleChanger(props: { member: Member; roles: Role[]; onApply: (role: Role) => void }) {
  const { t } = useI18n();
  const id = `role-${props.member.userId}`;
  let select: HTMLSelectElement | undefined;
  return (
    <span class="inline-form">
      <label class="visually-hidden" for={id}>
        {t('members.changeRole', { name: props.member.name })}
      </label>
      <select id={id} ref={select}>
        <For each={props.roles}>
          {(role) => (
            <option value={role} selected={role === props.member.role}>
              {t(`role.${role}`)}
            </option>
          )}
        </For>
      </select>
      <button
        type="button"
        onClick={() => {
          const role = select?.value as Role | undefined;
          if (role && role !== props.member.role) props.onApply(role);
        }}
      >
        {t('members.apply')}
      </button>
    </span>
  );
}

function InviteForm(props: { chapterId: string; roles: Role[]; onInvited: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [link, setLink] = createSignal<{ url: string; expiresAt: string; email: string }>();
  const [copied, setCopied] = createSignal('');
  const form = createForm({
    validate: (values) =>
      check.email(values, 'email', i18n, check.required(values, ['email'], i18n)),
    submit: async (values) => {
      const email = values.email ?? '';
      const role = (values.role ?? 'viewer') as Role;
      const result = await api.members.invite.mutate({ chapterId: props.chapterId, email, role });
      setCopied('');
      setLink({ url: result.url, expiresAt: result.expiresAt, email });
      props.onInvited();
    },
  });
  const copy = async (input: HTMLInputElement) => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      setCopied(t('members.copied'));
    } catch {
      // No clipboard permission: the text stays selected for Ctrl+C.
    }
  };
  let linkInput: HTMLInputElement | undefined;
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">{t('members.invite')}</h2>
      <form class="form narrow" noValidate onSubmit={form.onSubmit}>
        <FormMessages form={form} labels={{ email: t('field.email'), role: t('field.role') }} />
        <TextField
          form={form}
          name="email"
          type="email"
          autocomplete="off"
          label={t('field.email')}
        />
        <SelectField
          form={form}
          name="role"
          label={t('field.role')}
          value="organizer"
          options={props.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <button type="submit" class="primary" disabled={form.pending()}>
          {t('members.inviteSubmit')}
        </button>
      </form>
      <Show when={link()}>
        {(value) => (
          <div class="invite-link">
            <p>
              {t('members.inviteReady', {
                email: value().email,
                expires: i18n.formatDateTime(value().expiresAt),
              })}
            </p>
            <label for="invite-url">{t('members.inviteLink')}</label>
            <div class="inline-form">
              <input id="invite-url" readOnly value={value().url} ref={linkInput} />
              <button type="button" onClick={() => linkInput && void copy(linkInput)}>
                {t('members.copy')}
              </button>
            </div>
            <p role="status" class="form-status">
              {copied()}
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
