import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { Membership } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { Loading, Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Link, useLocation, useNavigate } from '../../router/index.tsx';
import type { ChapterPageProps } from '../../routes.tsx';
import { hasRole } from '../../session/index.tsx';

const text = {
  title: { en: 'Broadcasts', fr: 'Envois groupés' },
  lead: {
    en: 'E-mails to the people of a segment who agreed to hear from you. Everyone else is left out.',
    fr: 'Des e-mails aux personnes d’un segment qui ont accepté d’être informées. Les autres ne reçoivent rien.',
  },
  create: { en: 'New broadcast', fr: 'Nouvel envoi' },
  none: { en: 'No broadcast yet.', fr: 'Aucun envoi pour l’instant.' },
  subject: { en: 'Subject', fr: 'Objet' },
  body: { en: 'Message (Markdown)', fr: 'Message (Markdown)' },
  language: { en: 'Language', fr: 'Langue' },
  pledge: { en: 'Signers of', fr: 'Signataires de' },
  tag: { en: 'With the tag', fr: 'Avec l’étiquette' },
  event: { en: 'Who answered the event', fr: 'Qui ont répondu à l’événement' },
  anyone: { en: '(no condition)', fr: '(sans condition)' },
  perMinute: { en: 'Mails per minute', fr: 'E-mails par minute' },
  save: { en: 'Save the draft', fr: 'Enregistrer le brouillon' },
  reach: {
    en: '{count} people will receive it (current consent only).',
    fr: '{count} personnes le recevront (consentement actuel uniquement).',
  },
  preview: { en: 'Preview', fr: 'Aperçu' },
  test: { en: 'Send a test to myself', fr: 'M’envoyer un test' },
  testSent: { en: 'Test queued to your address.', fr: 'Test envoyé à votre adresse.' },
  send: { en: 'Send now', fr: 'Envoyer maintenant' },
  confirmSend: {
    en: 'Send this broadcast to {count} people? This cannot be undone.',
    fr: 'Envoyer à {count} personnes ? C’est irréversible.',
  },
  progress: {
    en: '{sent} sent, {pending} waiting, {failed} failed of {queued} queued',
    fr: '{sent} envoyés, {pending} en attente, {failed} en échec sur {queued}',
  },
  status: {
    draft: { en: 'Draft', fr: 'Brouillon' },
    sending: { en: 'Sending', fr: 'En cours' },
    sent: { en: 'Sent', fr: 'Envoyé' },
  },
  back: { en: 'All broadcasts', fr: 'Tous les envois' },
  sender: { en: 'Sender', fr: 'Expéditeur' },
  senderName: { en: 'Sender name', fr: 'Nom de l’expéditeur' },
  replyTo: { en: 'Reply-to address', fr: 'Adresse de réponse' },
  saved: { en: 'Saved.', fr: 'Enregistré.' },
} as const;

/** `/c/:chapter/broadcasts`: the list, `?new`, `?broadcast=<id>` (edit, preview, test, send, progress). */
export function BroadcastsPage(props: ChapterPageProps) {
  const location = useLocation();
  const id = () =>
    location().search.get('broadcast') ?? (location().search.has('new') ? 'new' : null);
  return (
    <Show when={id()} keyed fallback={<BroadcastList chapter={props.chapter} />}>
      {(bid) => <BroadcastView chapter={props.chapter} broadcastId={bid} />}
    </Show>
  );
}

function BroadcastList(props: { chapter: Membership }) {
  const { pick, formatDateTime } = useI18n();
  const api = useApi();
  const base = () => `/c/${props.chapter.slug}/broadcasts`;
  const [list] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.broadcasts.list.query({ chapterId }),
  );
  return (
    <Page title={`${pick(text.title)} · ${props.chapter.name}`} lead={<p>{pick(text.lead)}</p>}>
      <Show when={hasRole(props.chapter.role, 'organizer')}>
        <p>
          <Link class="button-link" to={`${base()}?new`}>
            {pick(text.create)}
          </Link>
        </p>
      </Show>
      <Show when={list.latest} fallback={<Loading />}>
        {(items) => (
          <Show when={items().length > 0} fallback={<p>{pick(text.none)}</p>}>
            <ul>
              <For each={items()}>
                {(b) => (
                  <li>
                    <Link to={`${base()}?broadcast=${b.id}`}>{b.subject}</Link> —{' '}
                    {pick(text.status[b.status])} · {formatDateTime(b.sentAt ?? b.createdAt)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <SenderSection chapter={props.chapter} />
    </Page>
  );
}

function SenderSection(props: { chapter: Membership }) {
  const i18n = useI18n();
  const api = useApi();
  const [sender, { mutate }] = createResource(
    () => props.chapter.chapterId,
    (chapterId) => api.broadcasts.sender.query({ chapterId }),
  );
  const [message, setMessage] = createSignal('');
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    try {
      mutate(
        await api.broadcasts.setSender.mutate({
          chapterId: props.chapter.chapterId,
          senderName: v('senderName') || null,
          replyTo: v('replyTo') || null,
        }),
      );
      setMessage(i18n.pick(text.saved));
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  return (
    <section aria-labelledby="sender-title">
      <h2 id="sender-title">{i18n.pick(text.sender)}</h2>
      <Show when={sender.latest}>
        {(s) => (
          <form class="filters" onSubmit={save}>
            <div class="field">
              <label for="sender-name">{i18n.pick(text.senderName)}</label>
              <input
                id="sender-name"
                name="senderName"
                value={s().fromName}
                maxLength={200}
                disabled={!hasRole(props.chapter.role, 'owner')}
              />
            </div>
            <div class="field">
              <label for="sender-reply">{i18n.pick(text.replyTo)}</label>
              <input
                id="sender-reply"
                name="replyTo"
                type="email"
                value={s().replyTo ?? ''}
                disabled={!hasRole(props.chapter.role, 'owner')}
              />
            </div>
            <Show when={hasRole(props.chapter.role, 'owner')}>
              <button type="submit">{i18n.pick(text.save)}</button>
            </Show>
            <p role="status">{message()}</p>
          </form>
        )}
      </Show>
    </section>
  );
}

function BroadcastView(props: { chapter: Membership; broadcastId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const navigate = useNavigate();
  const chapterId = () => props.chapter.chapterId;
  const base = () => `/c/${props.chapter.slug}/broadcasts`;
  const isNew = () => props.broadcastId === 'new';
  const canSend = () => hasRole(props.chapter.role, 'organizer');
  const [current, { refetch }] = createResource(
    () => (isNew() ? null : { chapterId: chapterId(), broadcastId: props.broadcastId }),
    (key) => api.broadcasts.get.query(key),
  );
  const [preview, previewActions] = createResource(
    () => (isNew() ? null : { chapterId: chapterId(), broadcastId: props.broadcastId }),
    (key) => api.broadcasts.preview.query(key),
  );
  const [tags] = createResource(chapterId, (id) => api.tags.list.query({ chapterId: id }));
  const [pledges] = createResource(chapterId, (id) => api.pledges.list.query({ chapterId: id }));
  const [events] = createResource(chapterId, (id) => api.events.list.query({ chapterId: id }));
  const [message, setMessage] = createSignal('');
  // Progress while sending.
  const timer = setInterval(() => {
    if (
      current.latest?.broadcast.status === 'sending' ||
      (current.latest?.progress.pending ?? 0) > 0
    )
      refetch();
  }, 3000);
  onCleanup(() => clearInterval(timer));
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const v = (k: string) => String(data.get(k) ?? '').trim();
    const segment = {
      ...(v('pledgeId') ? { pledgeId: v('pledgeId') } : {}),
      ...(v('tagId') ? { tagId: v('tagId') } : {}),
      ...(v('eventId') ? { eventId: v('eventId') } : {}),
    };
    const input = {
      chapterId: chapterId(),
      subject: v('subject'),
      body: v('body'),
      locale: v('locale') === 'en' ? ('en' as const) : ('fr' as const),
      segment,
      perMinute: Number(v('perMinute') || 600),
    };
    try {
      if (isNew()) {
        const created = await api.broadcasts.create.mutate(input);
        navigate(`${base()}?broadcast=${created.id}`);
      } else {
        await api.broadcasts.update.mutate({ ...input, broadcastId: props.broadcastId });
        setMessage(pick(text.saved));
        refetch();
        previewActions.refetch();
      }
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  const act = async (what: 'test' | 'send') => {
    try {
      if (what === 'test') {
        await api.broadcasts.sendTest.mutate({
          chapterId: chapterId(),
          broadcastId: props.broadcastId,
        });
        setMessage(pick(text.testSent));
      } else {
        if (!window.confirm(pick(text.confirmSend, { count: current.latest?.recipients ?? 0 })))
          return;
        await api.broadcasts.send.mutate({
          chapterId: chapterId(),
          broadcastId: props.broadcastId,
        });
        refetch();
      }
    } catch (error) {
      setMessage(errorMessageOf(error, i18n));
    }
  };
  const b = () => current.latest?.broadcast;
  const draft = () => isNew() || b()?.status === 'draft';
  return (
    <Page title={`${b()?.subject ?? pick(text.create)} · ${props.chapter.name}`}>
      <p>
        <Link to={base()}>← {pick(text.back)}</Link>
      </p>
      <p role="status">{message()}</p>
      <Show when={isNew() || b()} fallback={<Loading />}>
        <Show when={current.latest}>
          {(c) => (
            <p role="status">
              {pick(text.status[c().broadcast.status])} ·{' '}
              {c().broadcast.status === 'draft'
                ? pick(text.reach, { count: c().recipients })
                : pick(text.progress, c().progress)}
            </p>
          )}
        </Show>
        <form onSubmit={save}>
          <div class="field">
            <label for="bc-subject">{pick(text.subject)}</label>
            <input
              id="bc-subject"
              name="subject"
              required
              maxLength={200}
              value={b()?.subject ?? ''}
              disabled={!draft() || !canSend()}
            />
          </div>
          <div class="field">
            <label for="bc-body">{pick(text.body)}</label>
            <textarea
              id="bc-body"
              name="body"
              required
              rows={10}
              value={b()?.body ?? ''}
              disabled={!draft() || !canSend()}
            />
          </div>
          <div class="filters">
            <div class="field">
              <label for="bc-locale">{pick(text.language)}</label>
              <select id="bc-locale" name="locale" disabled={!draft() || !canSend()}>
                <option value="fr" selected={b()?.locale !== 'en'}>
                  Français
                </option>
                <option value="en" selected={b()?.locale === 'en'}>
                  English
                </option>
              </select>
            </div>
            <div class="field">
              <label for="bc-pledge">{pick(text.pledge)}</label>
              <select id="bc-pledge" name="pledgeId" disabled={!draft() || !canSend()}>
                <option value="">{pick(text.anyone)}</option>
                <For each={pledges.latest ?? []}>
                  {(p) => (
                    <option value={p.id} selected={b()?.segment.pledgeId === p.id}>
                      {p.slug}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for="bc-tag">{pick(text.tag)}</label>
              <select id="bc-tag" name="tagId" disabled={!draft() || !canSend()}>
                <option value="">{pick(text.anyone)}</option>
                <For each={tags.latest ?? []}>
                  {(t) => (
                    <option value={t.id} selected={b()?.segment.tagId === t.id}>
                      {t.name}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for="bc-event">{pick(text.event)}</label>
              <select id="bc-event" name="eventId" disabled={!draft() || !canSend()}>
                <option value="">{pick(text.anyone)}</option>
                <For each={events.latest ?? []}>
                  {(e) => (
                    <option value={e.id} selected={b()?.segment.eventId === e.id}>
                      {e.title}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <div class="field">
              <label for="bc-rate">{pick(text.perMinute)}</label>
              <input
                id="bc-rate"
                name="perMinute"
                type="number"
                min="1"
                max="10000"
                value={b()?.perMinute ?? 600}
                disabled={!draft() || !canSend()}
              />
            </div>
          </div>
          <Show when={draft() && canSend()}>
            <button type="submit">{pick(text.save)}</button>
          </Show>
        </form>
        <Show when={!isNew() && canSend() && draft()}>
          <p>
            <button type="button" onClick={() => act('test')}>
              {pick(text.test)}
            </button>{' '}
            <button type="button" onClick={() => act('send')}>
              {pick(text.send)}
            </button>
          </p>
        </Show>
        <Show when={preview.latest}>
          {(p) => (
            <section aria-labelledby="bc-preview">
              <h2 id="bc-preview">{pick(text.preview)}</h2>
              <p>
                <strong>{p().subject}</strong>
              </p>
              <iframe
                title={pick(text.preview)}
                sandbox=""
                srcdoc={p().html}
                class="mail-preview"
              />
            </section>
          )}
        </Show>
      </Show>
    </Page>
  );
}
