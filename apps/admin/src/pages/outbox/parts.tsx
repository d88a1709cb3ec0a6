import { type I18n, useI18n } from '../../i18n/index.tsx';
import { statusText, templateText } from './strings.ts';

/** The status as a word (never colour alone). */
export function StatusBadge(props: { status: string }) {
  const { pick } = useI18n();
  return (
    <span class={`outbox-status outbox-status-${props.status}`}>
      {pick(statusText[props.status] ?? { en: props.status, fr: props.status })}
    </span>
  );
}

/** A template's human name; unknown (newer) templates show their id. */
export function templateLabel(pick: I18n['pick'], template: string): string {
  return pick(templateText[template] ?? { en: template, fr: template });
}
