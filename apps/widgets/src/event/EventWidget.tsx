import { createSignal, onCleanup, Show } from 'solid-js';
import { pickLocale as pick } from '../i18n.ts';
import { textField } from '../pledge/fields.tsx';

/** The parts of `GET /api/v1/events/:slug` the widget uses (type only: no server code). */
interface PublicEvent {
  slug: string;
  status: 'published' | 'cancelled';
  locale: 'fr' | 'en';
  title: string;
  when: string;
  venueName: string | null;
  venueAddress: string | null;
  seatsLeft: number | null;
  full: boolean;
  waitlist: boolean;
  open: boolean;
  consentText: string;
  url: string;
  icsUrl: string;
}

const en = {
  loadError: 'This event could not be loaded.',
  email: 'E-mail',
  name: 'Name',
  required: 'This field is required.',
  register: 'Register',
  waitlist: 'Join the waitlist',
  busy: 'Sending…',
  seats: (n: number) => (n === 1 ? '1 seat left' : `${n} seats left`),
  full: 'Full — waitlist open',
  closed: 'Registration is closed.',
  cancelled: 'This event is cancelled.',
  thanks:
    'Thank you! Check your inbox: your confirmation (or waitlist place), check-in code and cancel link are on their way.',
  calendar: 'Add to my calendar',
  fix: 'Please correct the fields marked below.',
  failed: 'Something went wrong. Please try again.',
  details: 'Details',
};
const fr: typeof en = {
  loadError: 'Impossible de charger cet événement.',
  email: 'Adresse e-mail',
  name: 'Nom ou prénom',
  required: 'Ce champ est obligatoire.',
  register: 'M’inscrire',
  waitlist: 'M’inscrire sur la liste d’attente',
  busy: 'Envoi…',
  seats: (n: number) => (n <= 1 ? `${n} place restante` : `${n} places restantes`),
  full: 'Complet — liste d’attente ouverte',
  closed: 'Les inscriptions sont closes.',
  cancelled: 'Cet événement est annulé.',
  thanks:
    'Merci ! Regardez votre boîte mail : confirmation (ou place sur la liste d’attente), code d’entrée et lien d’annulation arrivent.',
  calendar: 'Ajouter à mon agenda',
  fix: 'Corrigez les champs signalés ci-dessous.',
  failed: 'Une erreur est survenue. Réessayez.',
  details: 'Détails',
};

/**
 * `<groundwork-event>`: the event's essentials and a short RSVP form posting to the public
 * API (no cookies, the chapter's origin only), then the same thank-you for everyone.
 */
export function EventWidget(props: { base: string; slug: string; locale: string | null }) {
  const [event, setEvent] = createSignal<PublicEvent>();
  const [failed, setFailed] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  const wanted = pick(props.locale, document.documentElement.lang);
  const t = () => ((wanted ?? event()?.locale) === 'fr' ? fr : en);
  const api = `${props.base}/api/v1/events/${encodeURIComponent(props.slug)}`;
  let gone = false;
  onCleanup(() => {
    gone = true;
  });
  fetch(`${api}${wanted ? `?locale=${wanted}` : ''}`, { credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : Promise.reject()))
    .then(
      (e: PublicEvent) => !gone && setEvent(e),
      () => setFailed(true),
    );
  let form!: HTMLFormElement;
  const err = (k: string) => errors()[k];

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const body = {
      email: text('email'),
      name: text('name'),
      consent: data.has('consent'),
      locale: t() === fr ? 'fr' : 'en',
      source: 'widget',
      website: text('website'),
    };
    const missing: Record<string, string> = {};
    if (!body.email) missing.email = t().required;
    if (!body.name) missing.name = t().required;
    if (Object.keys(missing).length > 0) return fail(missing, t().fix);
    setBusy(true);
    try {
      const res = await fetch(`${api}/rsvps`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.ok) return setDone(true);
      const problem = (await res.json().catch(() => ({}))) as {
        error?: { message?: string; fields?: Record<string, string> };
      };
      const fields = problem.error?.fields ?? {};
      fail(fields, fields._ ?? (Object.keys(fields).length ? t().fix : t().failed));
    } catch {
      fail({}, t().failed);
    } finally {
      setBusy(false);
    }
  };
  const fail = (fields: Record<string, string>, text: string) => {
    setErrors(fields);
    setMessage(text);
    queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());
  };

  return (
    <div class="gw" part="container">
      <Show when={event()} fallback={<p role="status">{failed() ? t().loadError : '…'}</p>}>
        {(e) => (
          <>
            <h2 part="title">{e().title}</h2>
            <p class="body">
              {e().when}
              {e().venueName ? ` — ${e().venueName}` : ''}
              {e().venueAddress ? `, ${e().venueAddress}` : ''}
            </p>
            <p class="muted">
              {e().status === 'cancelled'
                ? t().cancelled
                : !e().open
                  ? t().closed
                  : e().full
                    ? t().full
                    : e().seatsLeft !== null
                      ? t().seats(e().seatsLeft as number)
                      : ''}{' '}
              <a href={e().url} target="_blank" rel="noopener">
                {t().details}
              </a>{' '}
              · <a href={e().icsUrl}>{t().calendar}</a>
            </p>
            <Show when={e().open && !done()}>
              <form ref={form} onSubmit={submit} noValidate part="form">
                <p class="err" role="alert">
                  {message()}
                </p>
                {textField('email', t().email, err, { type: 'email', autocomplete: 'email' })}
                {textField('name', t().name, err, { autocomplete: 'name' })}
                <label class="opt">
                  <input type="checkbox" name="consent" />
                  <span>{e().consentText}</span>
                </label>
                <div class="hp" aria-hidden="true">
                  <input name="website" tabindex="-1" autocomplete="off" />
                </div>
                <button type="submit" disabled={busy()} part="button">
                  {busy() ? t().busy : e().full ? t().waitlist : t().register}
                </button>
              </form>
            </Show>
            <Show when={done()}>
              <p role="status" part="thanks">
                {t().thanks}
              </p>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
