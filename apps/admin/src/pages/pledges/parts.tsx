import { useI18n } from '../../i18n/index.tsx';
import { statusText } from './strings.ts';

/** A pledge or signature status as a word (never colour alone). */
export function StatusBadge(props: { status: string }) {
  const { pick } = useI18n();
  return (
    <span class={`badge badge-${props.status}`}>
      {pick(statusText[props.status] ?? { en: props.status, fr: props.status })}
    </span>
  );
}
