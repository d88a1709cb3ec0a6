import { For } from 'solid-js';
import { type I18n, useI18n } from '../../i18n/index.tsx';
import { templateLabel } from '../outbox/parts.tsx';
import { statusText } from '../outbox/strings.ts';
import { text } from './strings.ts';

type TimelineLine = {
  at: string;
  kind: keyof typeof text.kind;
  label: string;
  detail: string | null;
};

/**
 * A person's timeline, newest first, in words: mails by their name, statuses and consent
 * sources as a reader says them (the server sends the stored codes).
 */
export function PersonTimeline(props: { timeline: TimelineLine[] }) {
  const i18n = useI18n();
  const { pick } = i18n;
  return (
    <section aria-labelledby="person-timeline">
      <h2 id="person-timeline">{pick(text.timeline)}</h2>
      <ol class="timeline">
        <For each={props.timeline}>
          {(e) => (
            <li>
              <time datetime={e.at}>{i18n.formatDateTime(e.at)}</time> — {pick(text.kind[e.kind])}
              {i18n.locale() === 'fr' ? '\u00a0: ' : ': '}
              {timelineLabel(pick, e)}
              {e.detail ? ` (${timelineDetail(pick, e)})` : ''}
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

/** A timeline line's subject in words: mails by their name, consent sources by where. */
function timelineLabel(pick: I18n['pick'], e: TimelineLine): string {
  if (e.kind === 'mail') return templateLabel(pick, e.label);
  if (e.kind === 'consent-withdrawn') {
    const words = text.withdrawnVia[e.label as keyof typeof text.withdrawnVia];
    return words ? pick(words) : e.label;
  }
  if (e.kind === 'consent-given') {
    const [kind, ...rest] = e.label.split(':');
    const words = text.givenVia[kind as keyof typeof text.givenVia];
    return words ? `${pick(words)} ${rest.join(':')}`.trim() : e.label;
  }
  return e.label;
}

/** A timeline line's status in words (a signature's, an RSVP's, a mail's). */
function timelineDetail(pick: I18n['pick'], e: TimelineLine): string {
  const detail = e.detail ?? '';
  if (e.kind === 'mail') return pick(statusText[detail] ?? { en: detail, fr: detail });
  if (e.kind === 'signed' || e.kind === 'rsvp') {
    const words = text.status[detail as keyof typeof text.status];
    return words ? pick(words) : detail;
  }
  return detail;
}
