import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { useApi } from '../../api/context.tsx';
import { errorMessageOf } from '../../api/errors.ts';
import { FormMessages, TextField } from '../../components/Field.tsx';
import { createForm } from '../../components/form.ts';
import { useI18n } from '../../i18n/index.tsx';
import { text } from './strings.ts';

/** The browser's own barcode reader (Chromium on Android, Safari 17+…), where it exists. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/**
 * The door screen, made for a phone: live arrived/expected, check in by typed code, by name
 * search, or by scanning the attendee's QR code with the camera (BarcodeDetector, where the
 * browser has it: no library, nothing loaded from elsewhere), and walk-ins.
 */
export function CheckInView(props: { chapterId: string; eventId: string }) {
  const i18n = useI18n();
  const { pick } = i18n;
  const api = useApi();
  const key = () => ({ chapterId: props.chapterId, eventId: props.eventId });
  const [counts, { refetch: refetchCounts }] = createResource(key, (k) =>
    api.events.counts.query(k),
  );
  const timer = setInterval(() => void refetchCounts(), 5000);
  onCleanup(() => clearInterval(timer));
  const [search, setSearch] = createSignal('');
  const [matches, { refetch: refetchMatches }] = createResource(
    () => ({ ...key(), search: search() }),
    async (k) => (k.search.trim().length >= 2 ? await api.events.attendees.query(k) : []),
  );
  const [announce, setAnnounce] = createSignal('');

  const afterChange = async (message: string) => {
    setAnnounce(message);
    await refetchCounts();
    if (search()) await refetchMatches();
  };

  const codeForm = createForm({
    submit: async (v) => {
      // The last arrival's message must not stand above this attempt's error.
      setAnnounce('');
      const result = await api.events.checkIn.mutate({ ...key(), code: v.code ?? '' });
      const name = result.attendee.name ?? result.attendee.email;
      const message = pick(result.already ? text.already : text.checkedIn, { name });
      await afterChange(
        result.attendee.status === 'waitlisted'
          ? `${message} ${pick(text.waitlistedNote)}`
          : message,
      );
      const input = document.getElementById(codeForm.fieldId('code')) as HTMLInputElement | null;
      if (input) {
        input.value = '';
        input.focus();
      }
      return '';
    },
  });

  const walkInForm = createForm({
    submit: async (v) => {
      const added = await api.events.walkIn.mutate({
        ...key(),
        name: v.name ?? '',
        email: v.email ?? '',
        consent: v.consent === 'on',
      });
      await afterChange(pick(text.walkInAdded, { name: added.name ?? added.email }));
      return pick(text.walkInAdded, { name: added.name ?? added.email });
    },
  });

  const setArrived = async (rsvpId: string, arrived: boolean, name: string) => {
    try {
      await api.events.setArrived.mutate({ ...key(), rsvpId, arrived });
      await afterChange(arrived ? pick(text.checkedIn, { name }) : pick(text.undo));
    } catch (error) {
      setAnnounce(errorMessageOf(error, i18n));
    }
  };

  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  const [scanning, setScanning] = createSignal(false);
  let video: HTMLVideoElement | undefined;
  let stream: MediaStream | undefined;
  const stopScan = () => {
    setScanning(false);
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
  };
  onCleanup(stopScan);
  const startScan = async () => {
    if (!Detector || !video) return;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (error) {
      setAnnounce(String((error as Error).message ?? error));
      return;
    }
    video.srcObject = stream;
    await video.play();
    setScanning(true);
    const detector = new Detector({ formats: ['qr_code'] });
    const loop = async () => {
      if (!scanning() || !video) return;
      const found = await detector.detect(video).catch(() => []);
      const code = found[0]?.rawValue;
      if (code) {
        stopScan();
        try {
          const result = await api.events.checkIn.mutate({ ...key(), code });
          const name = result.attendee.name ?? result.attendee.email;
          await afterChange(pick(result.already ? text.already : text.checkedIn, { name }));
        } catch (error) {
          setAnnounce(errorMessageOf(error, i18n));
        }
        return;
      }
      setTimeout(() => void loop(), 250);
    };
    void loop();
  };

  return (
    <section class="checkin">
      <p class="door-count" aria-live="polite">
        {(() => {
          // Read inside the JSX expression so the text follows every refetch.
          const c = counts.latest;
          return c ? pick(text.arrivedOf, { arrived: c.arrived, expected: c.confirmed }) : '';
        })()}
      </p>
      <p class="announce" role="status" aria-live="assertive">
        {announce()}
      </p>

      <form noValidate onSubmit={codeForm.onSubmit} class="checkin-code-form">
        <FormMessages form={codeForm} labels={{ code: pick(text.codeLabel) }} />
        <TextField
          form={codeForm}
          name="code"
          label={pick(text.codeLabel)}
          autocomplete="off"
          autocapitalize="characters"
          inputmode="text"
          maxLength={16}
        />
        <p>
          <button type="submit" disabled={codeForm.pending()}>
            {pick(text.checkInButton)}
          </button>
        </p>
      </form>

      <Show when={Detector}>
        <p>
          <Show
            when={scanning()}
            fallback={
              <button type="button" onClick={() => void startScan()}>
                {pick(text.scan)}
              </button>
            }
          >
            <button type="button" onClick={stopScan}>
              {pick(text.stopScan)}
            </button>
          </Show>
        </p>
      </Show>
      <video ref={video} class="scanner" classList={{ hidden: !scanning() }} muted playsinline />

      <div class="field">
        <label for="checkin-search">{pick(text.search)}</label>
        <input
          id="checkin-search"
          type="search"
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </div>
      <ul class="checkin-matches">
        <For each={matches() ?? []}>
          {(a) => (
            <li>
              <span>
                <strong>{a.name}</strong> <code>{a.code}</code>{' '}
                {a.status === 'waitlisted' ? pick(text.waitlistedNote) : ''}
              </span>{' '}
              <Show
                when={a.checkedInAt}
                fallback={
                  <button
                    type="button"
                    onClick={() => void setArrived(a.id, true, a.name ?? a.email)}
                  >
                    {pick(text.checkInButton)}
                  </button>
                }
              >
                <button
                  type="button"
                  onClick={() => void setArrived(a.id, false, a.name ?? a.email)}
                >
                  {pick(text.undo)}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>

      <details class="walk-in">
        <summary>{pick(text.walkIn)}</summary>
        <form noValidate onSubmit={walkInForm.onSubmit}>
          <FormMessages
            form={walkInForm}
            labels={{ name: pick(text.colName), email: pick(text.colEmail) }}
          />
          <TextField form={walkInForm} name="name" label={pick(text.colName)} autocomplete="off" />
          <TextField
            form={walkInForm}
            name="email"
            type="email"
            label={pick(text.colEmail)}
            autocomplete="off"
          />
          <div class="field checkbox">
            <input type="checkbox" id={walkInForm.fieldId('consent')} name="consent" />
            <label for={walkInForm.fieldId('consent')}>{pick(text.consentWalkIn)}</label>
          </div>
          <p>
            <button type="submit" disabled={walkInForm.pending()}>
              {pick(text.walkIn)}
            </button>
          </p>
        </form>
      </details>
    </section>
  );
}
